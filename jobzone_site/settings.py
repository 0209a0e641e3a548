"""JobZone settings, read from the environment (see README "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jobzone_site.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)

# A key that is only ever used on a developer's own machine; production must set its own.
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off, so DJANGO_SECRET_KEY must be set to a long random value "
            "(at least 50 characters), e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is off, so DJANGO_ALLOWED_HOSTS must list the site's host names, "
            "comma-separated (e.g. jobzone.example.org), and may not be '*'."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "csp",
    "axes",
    "template_partials",
    "simple_history",
    "editorial",
    "careers",
    "scoring",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jobzone_site.middleware.SecurityHeadersMiddleware",
    "jobzone_site.middleware.SiteCSPMiddleware",
    "jobzone_site.request_checks.RequestChecksMiddleware",
    "jobzone_site.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # 304s for kept pages too, from their ETag
    "jobzone_site.caching.PublicPageCacheMiddleware",
    "jobzone_site.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jobzone_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobzone_site.context.site",
            ],
            "libraries": {"page_meta": "jobzone_site.templatetags.page_meta"},
        },
    },
]

WSGI_APPLICATION = "jobzone_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# Connections are kept between requests on SQLite too: opening the file reads its whole schema
# (the search index's tables included), which cost more than a search itself (about 1 ms of 4).

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "jobzone",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Where each role's share image (scoring/share_card.py) is kept once drawn; any writable folder.
SHARE_IMAGE_DIR = Path(os.environ.get("JOBZONE_SHARE_IMAGE_DIR", BASE_DIR / "var" / "share-images"))
# Where /roles.jsonl is written once per content change; any writable folder.
DOWNLOAD_DIR = Path(os.environ.get("JOBZONE_DOWNLOAD_DIR", BASE_DIR / "var" / "downloads"))
# Seconds a public page stays in the app's cache; a change retires the pages showing it at once
# (editorial.surrogate_keys).
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# Cache-Control of public pages: browsers keep them briefly (they cannot be purged); shared caches
# (Varnish, a CDN) longer, as a publish purges them by surrogate key.
HTTP_MAX_AGE = env_int("DJANGO_HTTP_MAX_AGE", 60)
# Seconds the slow parts of role and career pages are kept (editorial.fragments); a change to what
# they show retires them at once. 0 turns them off.
FRAGMENT_CACHE_SECONDS = env_int("DJANGO_FRAGMENT_CACHE_SECONDS", 3600)
HTTP_SHARED_MAX_AGE = env_int("DJANGO_HTTP_SHARED_MAX_AGE", 600)
# Without Redis, the content version is this file's modification time, shared by all workers on the host.
CONTENT_VERSION_FILE = (
    None if REDIS_URL else Path(os.environ.get("JOBZONE_VERSION_FILE", BASE_DIR / "var" / "content-version"))
)

# The HTTP cache tier: base URLs of every Varnish in front (e.g. http://127.0.0.1:6081), purged by surrogate key
# when published content changes (editorial/purge.py); none by default.
VARNISH_URLS = env_list("VARNISH_URLS")
if any(not url.startswith(("http://", "https://")) for url in VARNISH_URLS):
    raise ImproperlyConfigured(f"VARNISH_URLS must be comma-separated http:// or https:// base URLs ({VARNISH_URLS}).")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# How many reverse proxies in front append the client's address to X-Forwarded-For (0: REMOTE_ADDR is the
# client). Per-address limits on visitors' requests (scoring.rate_limit) read the address through it.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

AUTHENTICATION_BACKENDS = [
    "jobzone_site.sign_in.AddressLimitBackend",  # an address failing for many user names is refused
    "axes.backends.AxesStandaloneBackend",  # before ModelBackend, so a locked-out login is refused unchecked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # a user name at one address, never the name alone
AXES_CLIENT_IP_CALLABLE = "scoring.rate_limit.client_ip"  # the same client address as every other limit
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The admin lives at /admin/ unless DJANGO_ADMIN_PATH moves it (e.g. "staff-7f3a/").
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
ADMIN_URL_PREFIX = "/" + ADMIN_PATH

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "jobzone_site.static_storage.StaticStorage"
        )
    },
}

# Scripts and styles only from this site: no inline code, no eval, no other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "jobzone_site.sessions"  # keys that prove they were issued here (a made-up one costs no query)
CSRF_COOKIE_HTTPONLY = True


def static_file_headers(headers, path, url):
    """Static files skip the middleware below WhiteNoise, so they get the same policy headers here."""
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    )


WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
# Files browsers and crawlers ask for at the site's root (/favicon.ico); pages link static/favicon.svg and PNGs.
WHITENOISE_ROOT = BASE_DIR / "public"
# Locally (and in tests, where Django forces DEBUG off) serve static files straight from the app folders.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
