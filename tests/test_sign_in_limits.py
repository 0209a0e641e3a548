"""Sign-in lockouts behind a load balancer: every client arrives from the proxy's address, and the
real one is in X-Forwarded-For. Nobody may lock someone else's account, and one address may not
try user name after user name."""

import pytest
from django.urls import reverse

from jobzone_site.sign_in import ADDRESS_FAILURE_LIMIT
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"  # the load balancer: REMOTE_ADDR of every request


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def sign_in(client, username, password, client_address, spoofed=""):
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_an_attacker_behind_the_proxy_cannot_lock_someone_elses_account(client, behind_proxy):
    make_staff("boss", superuser=True)
    statuses = [sign_in(client, "boss", "wrong", "203.0.113.66").status_code for _ in range(6)]
    assert statuses[-1] == 429  # the attacker's own address is locked for that user name
    owner = sign_in(client, "boss", PASSWORD, "198.51.100.7")
    assert owner.status_code == 302  # the owner, arriving through the same proxy, still signs in


def test_a_forged_forwarded_entry_does_not_pick_a_fresh_address(client, behind_proxy):
    make_staff("boss", superuser=True)
    for number in range(6):  # the client writes a new left-hand entry each time; the proxy's entry is the truth
        response = sign_in(client, "boss", "wrong", "203.0.113.66", spoofed=f"192.0.2.{number}")
    assert response.status_code == 429


def test_one_address_trying_many_user_names_is_refused(client, behind_proxy):
    make_staff("boss", superuser=True)
    for number in range(ADDRESS_FAILURE_LIMIT):
        sign_in(client, f"guess{number}", "wrong", "203.0.113.99")
    refused = sign_in(client, "boss", PASSWORD, "203.0.113.99")
    assert refused.status_code == 429
    assert "Account locked" in refused.content.decode()
    assert sign_in(client, "boss", PASSWORD, "198.51.100.8").status_code == 302


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client):
    make_staff("boss", superuser=True)
    for number in range(5):
        response = client.post(
            reverse("admin:login"),
            {"username": "boss", "password": "wrong"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert response.status_code == 429  # the header could not spread the attempts over five addresses
