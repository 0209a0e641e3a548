"""make bench's printed figures: each page warm (page cache on) and cold (off) beside each other,
as ratios to the static file measured by the same gunicorn in the same run; the searches; the
share of role pages still cached after one publish; the Varnish tier when it was measured."""

from __future__ import annotations

TARGET_RATIO = 0.8  # pages from the page cache
COLD_TARGET = 0.1  # pages made afresh (page cache off)
SEARCH_TARGET = 0.1  # distinct searches never hit the page cache
SUGGEST_P99_MS = 50
STILL_WARM_TARGET = 0.95  # other role pages still cached after one publish
VARNISH_TARGET = 0.8  # cached pages through Varnish, against a static object through the same Varnish


def flag(ok: bool) -> str:
    return "" if ok else "  BELOW TARGET"


def database_rows(data: dict) -> None:
    cold = data.get("cold") or {}
    print(f"  {'page':<16}{'warm req/s':>11}{'÷ static':>9}{'p99 ms':>8}{'cold req/s':>12}{'÷ static':>9}{'p99 ms':>8}")
    for name, row in data["pages"].items():
        if name in ("random searches", "suggestions"):
            continue
        line = f"  {name:<16}{row['rps']:>11.0f}{row['ratio']:>9.3f}{row['p99_ms']:>8.1f}"
        ok = name == "static file" or row["ratio"] >= TARGET_RATIO
        if name in cold:
            other = cold[name]
            line += f"{other['rps']:>12.0f}{other['ratio']:>9.3f}{other['p99_ms']:>8.1f}"
            ok = ok and (name == "static file" or other["ratio"] >= COLD_TARGET)
        errors = row["non_2xx"] + (cold.get(name, {}).get("non_2xx") or 0)
        print(line + (f"  {errors} non-2xx" if errors else "") + flag(ok))
    searches, suggest = data["pages"]["random searches"], data["pages"]["suggestions"]
    print(
        f"  random searches {searches['rps']:.0f} req/s = {searches['ratio']:.3f} × static "
        f"(p99 {searches['p99_ms']:.1f} ms){flag(searches['ratio'] >= SEARCH_TARGET)}"
    )
    print(
        f"  suggestions p99 {suggest['p99_ms']:.1f} ms, p50 {suggest['p50_ms']:.1f} ms, while searches arrive at "
        f"{suggest['search_load_rps']:.0f}/s{flag(suggest['p99_ms'] < SUGGEST_P99_MS)}"
    )
    after = data.get("after_publish")
    if after:
        print(
            f"  after one publish: {after['still_warm']} of {after['sample']} other role pages still cached "
            f"({after['share']:.1%}); the edited page: {after['edited_page']}"
            + flag(after["share"] >= STILL_WARM_TARGET)
        )
    weight = data["role_page_weight"]
    print(f"  role page compressed: {weight['total_bytes']:,} bytes HTML+CSS+JS (target ≤ 40,960)")
    print(f"  asset caching: {sorted(set(weight['asset_cache_control'].values()))}")


def varnish_rows(data: dict) -> None:
    print("\nThrough Varnish (deploy/varnish/default.vcl, make stack's topology)")
    for name, row in data.items():
        ok = name == "static object" or row["ratio"] >= VARNISH_TARGET
        figures = f"{row['rps']:>11.0f}{row['ratio']:>9.3f}{row['p99_ms']:>8.1f}"
        print(f"  {name:<16}{figures}  {row.get('hits', '')}{flag(ok)}")


def report(results: dict) -> None:
    print(f"\nMachine: {results['machine']}")
    workers = f"gunicorn {results['workers']} workers (gunicorn.conf.py)"
    print(f"wrk: {results['duration']} per page, {results['connections']} connections, {workers}, DJANGO_DEBUG off\n")
    for database, data in results["databases"].items():
        print(f"{database}  (role page {data['role_page_bytes']:,} bytes)")
        database_rows(data)
    if results.get("varnish"):
        varnish_rows(results["varnish"])
    if "render_scaling" not in results:
        return
    scaling = results["render_scaling"]
    small = f"{scaling['small_ms']:.2f} ms with {scaling['small_roles']} roles"
    large = f"{scaling['large_ms']:.2f} ms with {scaling['large_roles']} roles"
    print(f"\nUncached /roles/ render: {small}, {large}: ratio {scaling['ratio']:.2f} (target ≤ 1.3)")
    print(f"Lighthouse performance: {results['lighthouse']}")
