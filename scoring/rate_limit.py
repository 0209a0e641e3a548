"""Per-address limits for things visitors may send us (job requests now, assessment requests later).

Counters live in Django's cache, one per address and fixed time window, created with cache.add and
raised with cache.incr, both atomic in the local-memory and Redis backends (the same primitives
django-ratelimit uses; this needs no extra dependency). Without REDIS_URL each worker process counts
for itself, so a limit is per process; with Redis it is shared by every worker and host.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


# One scope for everything visitors ask us for ("My job isn't listed", later "request an assessment"),
# so together they share one allowance per address.
VISITOR_REQUESTS = "visitor-requests"
# At most 5 in any 10-minute window and 50 a day from one address (or one IPv6 /64).
VISITOR_REQUEST_LIMITS = (Limit(5, 10 * 60), Limit(50, 24 * 60 * 60))


def client_ip(request) -> str | None:
    """The client's own address: REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT proxies stand in front.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the entry that
    many places from the right; anything to its left was written by the client and is never trusted
    (taking the first entry would let anyone pick a fresh address for every request). django-axes
    reads addresses through this too (AXES_CLIENT_IP_CALLABLE), so sign-in lockouts agree with it.
    """
    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            address = forwarded[-min(hops, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_address(request) -> str:
    """The visitor's address for per-address limits: client_ip, with an IPv6 address cut to its /64,
    which one household or machine usually holds in full."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return f"{ipaddress.ip_network(f'{ip}/64', strict=False).network_address}/64"
    return str(ip)


def count_and_check(request, scope: str, limits=VISITOR_REQUEST_LIMITS) -> int:
    """Count one more action in scope from this visitor; 0 if allowed, else seconds until it would be.

    Every attempt counts, refused ones included, so a flood stays refused until its windows end.
    """
    address = client_address(request)
    now = int(time.time())
    wait = 0
    for limit in limits:
        window = now // limit.seconds
        key = f"jobzone:rate:{scope}:{limit.seconds}:{window}:{address}"
        remaining = (window + 1) * limit.seconds - now
        cache.add(key, 0, remaining + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.add(key, 1, limit.seconds)
            used = 1
        if used > limit.count:
            wait = max(wait, remaining)
    return wait


def first_time(request, scope: str, what: str, seconds: int) -> bool:
    """True the first time this visitor does `what` in scope within `seconds` (e.g. asks for one job)."""
    digest = hashlib.sha256(f"{client_address(request)}|{what}".encode()).hexdigest()
    return cache.add(f"jobzone:once:{scope}:{digest}", True, seconds)
