"""The web side of kiosk-server: MPP Induk's back office and the citizens' status and booking pages.

Server-rendered HTML (Jinja2), one router per resource in `routes/`, templates and static files in
this package. `mount(app)` adds it to the FastAPI app; the sync API under /api/v1 is left as it is
(its responses get neither these headers nor this compression).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from central.web import deps

STATIC_DIR = Path(__file__).with_name("static")
ENV_INSECURE_COOKIES = "KIOSK_SERVER_INSECURE_COOKIES"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    # Scripts only from our own file; style attributes are allowed (the templates use a few, and Jinja escapes
    # everything a person typed).
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                 b"script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
]
PUBLIC_PREFIXES = ("/status", "/booking", "/static")


class WebHeaders:
    """Security headers and gzip for the pages (not for /api: the sync protocol keeps its own bytes);
    staff pages are never cached."""

    def __init__(self, app, api_prefix: str):
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=800, compresslevel=6)
        self.api_prefix = api_prefix

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(self.api_prefix) or path == "/healthz":
            return await self.app(scope, receive, send)
        public = path.startswith(PUBLIC_PREFIXES)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(SECURITY_HEADERS)
                if path.startswith("/static"):
                    headers.append((b"cache-control", b"public, max-age=3600"))  # a phone on 3G fetches it once
                else:
                    headers.append((b"cache-control", b"no-cache" if public else b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        return await self.gzip(scope, receive, with_headers)


def mount(app: FastAPI, api_prefix: str) -> None:
    """Add the pages, their static files and error pages to the central app."""
    from central.web.routes import applications, auth, bookings, catalog, dashboard, devices, public
    from central.web.templating import render

    app.state.cookie_secure = os.environ.get(ENV_INSECURE_COOKIES, "") not in ("1", "true", "yes")
    for module in (auth, dashboard, applications, devices, catalog, bookings, public):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.add_middleware(WebHeaders, api_prefix=api_prefix)

    @app.exception_handler(deps.LoginRequired)
    async def login_required(request: Request, _exc):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(deps.Forbidden)
    async def forbidden(request: Request, _exc):
        return render(request, "error.html", status_code=403, title="Tidak diizinkan (Forbidden)",
                      message="Peran Anda tidak boleh melakukan ini. (Your role may not do this.)")

    @app.exception_handler(deps.CsrfFailed)
    async def csrf_failed(request: Request, _exc):
        return render(request, "error.html", status_code=403, title="Formulir kedaluwarsa (Form expired)",
                      message="Muat ulang halaman lalu kirim lagi. (Reload the page and send it again.)")

    @app.exception_handler(deps.RateLimited)
    async def rate_limited(request: Request, exc: deps.RateLimited):
        response = render(request, "error.html", status_code=429, title="Terlalu banyak permintaan", message=str(exc))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
