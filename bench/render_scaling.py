"""Time the uncached render of /roles/ with 200 roles, then with many, in this one process."""

import json
import os
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
LARGE = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
SMALL = 200
database = Path(tempfile.mkdtemp()) / "scaling.sqlite3"
os.environ.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="jobzone_site.settings")
os.environ.update(DJANGO_PAGE_CACHE_SECONDS="0", JOBZONE_VERSION_FILE=str(database.parent / "version"))

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from scoring.models import Assessment  # noqa: E402


def render_ms(client: Client, repeats: int = 100) -> float:
    client.get("/roles/")
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        assert client.get("/roles/").status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


quiet = StringIO()
call_command("migrate", "--noinput", verbosity=0)
call_command("load_demo", stdout=quiet)
call_command("generate_benchmark_roles", str(SMALL - Assessment.objects.count()), "--up-to", stdout=quiet)
client = Client(HTTP_HOST="127.0.0.1")
small_roles, small = Assessment.objects.published().count(), render_ms(client)
demo = Assessment.objects.exclude(slug__startswith="synthetic-benchmark-").count()
call_command("generate_benchmark_roles", str(LARGE - demo), "--up-to", stdout=quiet)
large_roles, large = Assessment.objects.published().count(), render_ms(client)
print(json.dumps({"small_roles": small_roles, "small_ms": small, "large_roles": large_roles, "large_ms": large,
                  "ratio": round(large / small, 2)}))  # fmt: skip
