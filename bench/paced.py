"""Requests at a steady rate, each on its own connection opened when it is sent (stdlib asyncio).

wrk paces a connection by opening it and then waiting before it writes; a gunicorn sync worker
that accepts such a connection sits idle until the request comes, so a paced wrk load holds
workers hostage and every other request queues behind them (about 100 ms here). Load balancers
and HTTP caches send whole requests, so this client does too: it is what `make bench` uses for
the suggestions measured while searches arrive at the target rate.

    python bench/paced.py URL_PREFIX WORDS_FILE RATE SECONDS  -> JSON figures on stdout
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from urllib.parse import urlsplit


def texts(words: list[str], suggest: bool, count: int, seed: int) -> list[str]:
    """Searches as bench/random_search.lua makes them: one or two words, cut short for suggestions."""
    chance = random.Random(seed)
    found = []
    for number in range(count):
        text = chance.choice(words)
        if chance.random() < 0.7:
            text += "+" + chance.choice(words)
        if suggest:
            text = text[: max(2, len(text) - chance.randint(0, 3))]
        found.append(f"{text}&r=p{seed}-{number}")
    return found


async def fetch(host: str, port: int, target: str) -> tuple[int, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    reply = await reader.read()
    writer.close()
    status = int(reply[9:12]) if reply[:5] == b"HTTP/" else 0
    return status, (time.perf_counter() - started) * 1000


async def run(prefix: str, words: list[str], rate: float, seconds: float, seed: int) -> dict:
    parts = urlsplit(prefix)
    targets = texts(words, "suggest" in parts.path, int(rate * seconds) + 1, seed)
    start, tasks = time.perf_counter(), []
    for number, text in enumerate(targets):
        wait = start + number / rate - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        target = f"{parts.path}?{parts.query}{text}"
        tasks.append(asyncio.create_task(fetch(parts.hostname, parts.port, target)))
    results = await asyncio.gather(*tasks, return_exceptions=True)
    elapsed = time.perf_counter() - start
    latencies = sorted(result[1] for result in results if not isinstance(result, BaseException))
    failures = sum(1 for result in results if isinstance(result, BaseException) or result[0] != 200)

    def percentile(share: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * share))], 2) if latencies else 0.0

    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": percentile(0.5),
        "p99_ms": percentile(0.99),
        "non_2xx": failures,
        "socket_errors": "",
    }


def main() -> None:
    prefix, words_file, rate, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    words = [word for word in open(words_file).read().split() if word]
    print(json.dumps(asyncio.run(run(prefix, words, rate, seconds, seed))))


if __name__ == "__main__":
    main()
