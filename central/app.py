"""The FastAPI application factory: `create_app()` (uvicorn: `central.app:create_app`, factory=True)."""

from __future__ import annotations

import logging
import os
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from slowapi.errors import RateLimitExceeded
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from central import api
from central.config import ENV_DOCS, resolve_db_url
from central.db import Database
from central.throttle import limiter
from mpp import wire

log = logging.getLogger("central")


class ServerTime:
    """Stamp every response (errors, OpenAPI, health too) with the server's clock: X-Server-Time."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def stamped(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((wire.HEADER_SERVER_TIME.lower().encode(), f"{time.time():.3f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        return await self.app(scope, receive, stamped)


def _error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra, "now": round(time.time(), 3)},
                        status_code=status)


def create_app(db_url: str | None = None, database: Database | None = None) -> FastAPI:
    """The central server over a database (default: --db / KIOSK_SERVER_DB / the SQLite file)."""
    from central import __version__

    db = database or Database(resolve_db_url(db_url))

    @asynccontextmanager
    async def lifespan(_app):
        yield
        db.close()

    # The interactive docs pages are off unless asked for (`kiosk-server run --docs`); the OpenAPI document
    # itself stays, for clients and schema fuzzers.
    docs = os.environ.get(ENV_DOCS, "").strip().lower() in ("1", "true", "yes", "on")
    app = FastAPI(title="Mini MPP central (kiosk-server)", version=__version__, openapi_url="/openapi.json",
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None,
                  description="Sync API for Mini MPP kiosks, the public status lookup, the MPP Induk back office "
                              "and the citizens' pages.", lifespan=lifespan)
    app.state.db = db
    app.state.limiter = limiter
    app.add_middleware(ServerTime)
    app.include_router(api.router)
    from central import web

    web.mount(app, wire.API_PREFIX)

    @app.get("/healthz", summary="Liveness and database check")
    def healthz(request: Request):
        with request.app.state.db.read() as conn:
            conn.exec_driver_sql("SELECT 1")
        return api.reply({"ok": True, "db": request.app.state.db.dialect})

    @app.exception_handler(api.ApiError)
    async def api_error(_request, exc: api.ApiError):
        response = _error(exc.status, exc.code, exc.message, **exc.extra)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(RateLimitExceeded)
    async def rate_limited(_request, exc: RateLimitExceeded):
        retry = max(1, int(exc.limit.limit.get_expiry())) if getattr(exc, "limit", None) else 60
        response = _error(429, "rate_limited", f"terlalu banyak permintaan; coba lagi dalam {retry} detik "
                                               "(too many requests)")
        response.headers["Retry-After"] = str(retry)
        return response

    @app.exception_handler(RecursionError)
    async def too_deep(_request, _exc: RecursionError):
        return _error(400, wire.BAD_REQUEST, "JSON nested too deeply")

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request, exc: RequestValidationError):
        return _error(400, wire.BAD_REQUEST, "; ".join(str(e.get("msg")) for e in exc.errors()))

    @app.exception_handler(IntegrityError)
    async def integrity(_request, exc: IntegrityError):
        # Two writers raced on one unique key: nothing was applied; a retry sees the winner.
        log.warning("integrity error (answered 503, retry): %s", exc.orig)
        return _error(503, "conflict", "concurrent update, please retry")

    @app.exception_handler(OperationalError)
    async def unavailable(_request, exc: DBAPIError):
        log.error("database unavailable: %s", exc.orig)
        response = _error(503, "unavailable", "database unavailable, please retry")
        response.headers["Retry-After"] = "5"
        return response

    return app
