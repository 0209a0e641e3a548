# JobZone's HTTP cache tier: Varnish 7 with vmod xkey (Debian: varnish, varnish-modules).
#
# Keeps what the app marks as shareable (Cache-Control: public ... s-maxage) for s-maxage, tagged
# with the app's `xkey` surrogate keys, and serves it stale for a while when it is being refetched.
# The app purges by key after every publish (editorial/purge.py, VARNISH_URLS). Staff (a session
# cookie), the admin and anything but GET/HEAD go straight to an app server.
# `make stack` (deploy/stack.py) runs this file in front of two app servers on this machine.

vcl 4.1;

import directors;
import std;
import xkey;

# Healthy answers from /healthz mean the app server reaches the database.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 5;
    .threshold = 3;
    .initial = 3;  # healthy from the start: make stack starts Varnish only once both answer
}

backend app_a {
    .host = "127.0.0.1";
    .port = "8201";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app_b {
    .host = "127.0.0.1";
    .port = "8202";
    .probe = healthz;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

# Only the app servers may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app_a);
    apps.add_backend(app_b);
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "A purge names its keys in xkey-purge"));
        }
        # Soft: a purged page is stale, not gone, so the first visitor after a publish starts the
        # refetch and is served the old page once, instead of everyone waiting on the app.
        set req.http.n-gone = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }

    set req.backend_hint = apps.backend();
    unset req.http.x-cache;

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff: the admin (keep in step with DJANGO_ADMIN_PATH) and anyone with a session, who may see drafts.
    if (req.url ~ "^/admin/" || req.http.Cookie ~ "(^|;)\s*sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # Everyone else gets the same page whatever cookies they send (the app reads only the session).
    unset req.http.Cookie;

    # Only "gzip or not" changes a page, so one variant per answer instead of one per browser's header.
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # While the app servers are healthy a page is served at most 10 s stale (while it is refetched);
    # when they are not, for as long as the object's grace (below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.x-cache = "HIT-STALE";
    } else {
        set req.http.x-cache = "HIT";
    }
}

sub vcl_miss {
    set req.http.x-cache = "MISS";
}

sub vcl_pass {
    set req.http.x-cache = "PASS";
}

sub vcl_backend_response {
    # A refetch that fails keeps the stale page rather than replacing it with an error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Never shared: personal (a cookie set, private or no-store), or not marked shareable by the app
    # (a page without Cache-Control, e.g. a 404 for a draft's address, must not outlive its publish).
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;  # hit-for-miss: later requests go straight on, not queued
        set beresp.ttl = 120s;
        return (deliver);
    }
    # beresp.ttl already comes from s-maxage (else max-age). Keep the object past it: served stale
    # while refetched (up to req.grace), and revalidated with its ETag/Last-Modified after that.
    set beresp.grace = 6h;
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.x-cache;
    # The surrogate keys are for Varnish; visitors need not see them.
    unset resp.http.xkey;
}

sub vcl_synth {
    set resp.http.X-Cache = "SYNTH";
}
