"""gunicorn settings, read from this folder by `gunicorn jobzone_site.wsgi` (and by make bench and make soak).

Workers: gunicorn's own advice of two per core plus one, so one worker's wait on PostgreSQL lets
another use the core; WEB_CONCURRENCY overrides it.

Proxies: gunicorn believes X-Forwarded-* headers only from the addresses in forwarded_allow_ips.
Its default trusts 127.0.0.1; here nothing is trusted unless DJANGO_BEHIND_TLS_PROXY is on (the
same switch that makes Django trust X-Forwarded-Proto), and then only FORWARDED_ALLOW_IPS.
"""

import os

from jobzone_site.env import env_bool

workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
behind_proxy = env_bool("DJANGO_BEHIND_TLS_PROXY", False)
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1") if behind_proxy else ""
