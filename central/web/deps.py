"""What every web route needs: the database, the signed-in staff member, role checks and CSRF.

Routes never authenticate by hand: they take `Viewer`, `Worker` or `Admin` (a signed-in Staff with
that permission) and, for a POST, `CsrfForm` (the form, after its token was checked). A missing or
expired session sends the browser to /login; a role that may not do something gets a 403 page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from starlette.datastructures import FormData

from central.staff import Staff, session_staff

SESSION_COOKIE = "mpp_session"
CSRF_COOKIE = "mpp_csrf"
CSRF_FIELD = "csrf_token"


class LoginRequired(Exception):
    """No valid session: go to /login (then back)."""


class Forbidden(Exception):
    """Signed in, but this role may not do this."""


class CsrfFailed(Exception):
    """A form without the right token (or from another origin)."""


class RateLimited(Exception):
    """Too many tries from here; come back later."""

    def __init__(self, message: str, retry_after: int = 60):
        super().__init__(message)
        self.retry_after = retry_after


def now_utc() -> datetime:
    return datetime.now(UTC)


def client_ip(request: Request) -> str | None:
    """The client's address (uvicorn puts the proxy's X-Forwarded-For here for trusted proxies)."""
    return request.client.host if request.client else None


def db(request: Request):
    return request.app.state.db


def optional_staff(request: Request) -> Staff | None:
    """The staff member of the session cookie, or None."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    with request.app.state.db.write() as conn:
        staff = session_staff(conn, token, now_utc())
    request.state.staff = staff
    return staff


def _require(action: str):
    def dependency(request: Request, staff: Annotated[Staff | None, Depends(optional_staff)]) -> Staff:
        if staff is None:
            raise LoginRequired()
        if not staff.can(action):
            raise Forbidden()
        return staff

    return dependency


Viewer = Annotated[Staff, Depends(_require("read"))]
Worker = Annotated[Staff, Depends(_require("work"))]
Admin = Annotated[Staff, Depends(_require("admin"))]
MaybeStaff = Annotated[Staff | None, Depends(optional_staff)]


# --- CSRF --------------------------------------------------------------------------------------------

def csrf_key(request: Request) -> bytes:
    """The server's CSRF signing key: one row every app process shares, made on first use."""
    key = getattr(request.app.state, "csrf_key", None)
    if key is None:
        from sqlalchemy import select

        from central.db import dialect_insert
        from central.models import WebSetting

        table = WebSetting.__table__
        with request.app.state.db.write() as conn:
            conn.execute(dialect_insert(conn, table).values(key="csrf_key", value=secrets.token_hex(32))
                         .on_conflict_do_nothing(index_elements=["key"]))
            key = bytes.fromhex(conn.scalar(select(table.c.value).where(table.c.key == "csrf_key")))
        request.app.state.csrf_key = key
    return key


def anonymous_csrf(request: Request) -> str:
    """A token for a visitor without a session: an HMAC of their random CSRF cookie (set when missing)."""
    seed = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if not seed or len(seed) > 100:
        seed = secrets.token_urlsafe(24)
        request.state.new_csrf_cookie = seed
    return hmac.new(csrf_key(request), seed.encode(), hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token forms of this page carry: the session's, else the anonymous one."""
    staff = getattr(request.state, "staff", None)
    return staff.csrf_token if staff is not None else anonymous_csrf(request)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None
    host = request.headers.get("x-forwarded-host") or request.headers.get("host", "")
    return urlsplit(origin).netloc == host


async def csrf_form(request: Request, staff: MaybeStaff) -> FormData:
    """The POSTed form, once its token matches this session (or this visitor's cookie) and its origin is ours."""
    form = await request.form()
    sent = str(form.get(CSRF_FIELD) or "")
    if staff is not None:
        expected = staff.csrf_token
    elif request.cookies.get(CSRF_COOKIE):
        expected = anonymous_csrf(request)
    else:
        raise CsrfFailed()
    if not sent or not hmac.compare_digest(sent, expected) or not _same_origin(request):
        raise CsrfFailed()
    return form


CsrfForm = Annotated[FormData, Depends(csrf_form)]


def cookie_secure(request: Request) -> bool:
    """Cookies are Secure (sent over HTTPS only), except for a plain-HTTP demo on this very machine."""
    return getattr(request.app.state, "cookie_secure", True)
