"""A small HTTP client for the web pages of a real kiosk-server: keeps cookies itself (they are Secure, which
requests would not send over the tests' plain loopback HTTP) and reads the forms' CSRF tokens."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie

import requests

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class WebClient:
    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()
        self.cookies: dict[str, str] = {}
        self.last: requests.Response | None = None

    def _send(self, method: str, path: str, **kw) -> requests.Response:
        headers = dict(kw.pop("headers", {}) or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, self.base + path, headers=headers, allow_redirects=False, timeout=30, **kw)
        for header in response.raw.headers.getlist("set-cookie"):
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel.value in ("", '""') or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        self.last = response
        return response

    def get(self, path: str, **kw) -> requests.Response:
        return self._send("GET", path, **kw)

    def post(self, path: str, data: dict | None = None, **kw) -> requests.Response:
        return self._send("POST", path, data=data or {}, **kw)

    def token(self, path: str = "/login") -> str:
        """The CSRF token of the forms on `path`."""
        page = self.get(path)
        match = TOKEN.search(page.text)
        assert match, f"no form token on {path}: {page.status_code}"
        return match.group(1)

    def form(self, path: str, data: dict, page: str | None = None) -> requests.Response:
        """POST a form the way a browser would: with the token of the page it was on."""
        return self.post(path, {**data, "csrf_token": self.token(page or path)})

    def sign_in(self, username: str, password: str) -> requests.Response:
        response = self.form("/login", {"username": username, "password": password, "next": "/dashboard"})
        assert response.status_code == 303, response.text[:500]
        return response
