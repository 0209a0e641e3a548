"""A small HTTP client for the stack tests: one request per connection (so Varnish sees each), a staff
browser that keeps its own cookies, and the fields of an HTML form as a browser would post them."""

from __future__ import annotations

import gzip
import http.client
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def cache(self) -> str | None:
        """HIT, HIT-STALE, MISS or PASS: how Varnish answered (deploy/varnish/default.vcl)."""
        return self.headers.get("X-Cache")

    @property
    def cache_control(self) -> str:
        return self.headers.get("Cache-Control", "")


def request(base: str, path: str, method="GET", headers=None, body=None, source: str | None = None) -> Answer:
    """source: the client's own address (e.g. 127.0.0.2, to be somebody outside the purge ACL)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(
        address.hostname, address.port, timeout=10, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return Answer(response.status, response.headers, data.decode("utf-8", "replace"))


class Browser:
    """Someone signed in: sends back every cookie it was given (the site's are Secure, which a cookie jar
    would keep off plain HTTP) and the CSRF token on posts."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def send(self, base: str, path: str, method="GET", data=None) -> Answer:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(data, doseq=True)
        answer = request(base, path, method, headers, body)
        for line in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, base: str, path: str) -> Answer:
        return self.send(base, path)

    def post(self, base: str, path: str, data) -> Answer:
        return self.send(base, path, "POST", data)

    def sign_in(self, base: str, username: str, password: str, admin: str = "/admin/") -> None:
        page = self.get(base, f"{admin}login/")
        fields = dict(form_fields(page.text))
        answer = self.post(base, f"{admin}login/", {**fields, "username": username, "password": password})
        assert answer.status == 302, f"sign-in refused: {answer.status}"


class FormReader(HTMLParser):
    """Collects what a browser would post from one form: named inputs (checked boxes only), text areas and
    the chosen options of selects; no submit buttons."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.textarea: tuple[str, list[str]] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "textarea":
            self.textarea = (attrs["name"], [])
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            name, parts = self.textarea
            self.fields.append((name, "".join(parts).removeprefix("\n")))  # browsers drop the first line break
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields
