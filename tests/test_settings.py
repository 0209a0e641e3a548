"""Production settings refuse to start without a real secret key and host names."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from jobzone_site.env import env_bool

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "q8Zr-2vLx0_Tn5WbYk3PjH7sFd9GcMa1Ue4Ri6Oo8Nl2Kw0Xy5Vz"


def check(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = check(DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="jobzone.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list" in result.stderr


def test_production_starts_with_both():
    result = check(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="jobzone.example.org")
    assert result.returncode == 0, result.stderr


def test_a_misspelt_boolean_is_an_error_not_a_guess(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must be one of"):
        env_bool("DJANGO_DEBUG", True)


def production(**env):
    return {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "jobzone.example.org", **env}


def test_deploy_check_is_clean():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | production()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def setting(name, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | production(**env)
    code = f"import django; django.setup(); from django.conf import settings; print(repr(settings.{name}))"
    environment["DJANGO_SETTINGS_MODULE"] = "jobzone_site.settings"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_cookies_hsts_and_redirect():
    assert setting("SECURE_SSL_REDIRECT") == "True"
    assert setting("SECURE_SSL_REDIRECT", DJANGO_SECURE_SSL_REDIRECT="0") == "False"
    assert setting("SESSION_COOKIE_SECURE") == setting("CSRF_COOKIE_SECURE") == "True"
    assert setting("SESSION_COOKIE_HTTPONLY") == "True"
    assert int(setting("SECURE_HSTS_SECONDS")) >= 31536000
    assert setting("SECURE_PROXY_SSL_HEADER", DJANGO_BEHIND_TLS_PROXY="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert setting("ADMIN_URL_PREFIX", DJANGO_ADMIN_PATH="staff-desk") == "'/staff-desk/'"


def test_varnish_urls_are_a_comma_separated_list_and_none_by_default():
    both = "http://10.0.0.5:6081, http://10.0.0.6:6081/"
    assert setting("VARNISH_URLS", VARNISH_URLS=both) == "['http://10.0.0.5:6081', 'http://10.0.0.6:6081/']"
    assert setting("VARNISH_URLS", VARNISH_URLS="") == "[]"


def test_a_varnish_url_without_its_scheme_is_refused():
    result = check(**production(VARNISH_URLS="10.0.0.5:6081"))
    assert result.returncode != 0
    assert "VARNISH_URLS must be comma-separated http:// or https:// base URLs" in result.stderr
