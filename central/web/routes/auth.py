"""Sign-in and sign-out of MPP Induk staff."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from central import ratelimit
from central.staff import audit, check_password, end_session, start_session
from central.web import deps
from central.web.deps import CsrfForm, MaybeStaff, Viewer, client_ip, now_utc
from central.web.templating import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path on this site (never `//host` or a full URL) is a place to go back to."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/dashboard"
    return target


@router.get("/", include_in_schema=False)
def home(staff: MaybeStaff):
    return RedirectResponse("/dashboard" if staff else "/status", status_code=303)


@router.get("/login", include_in_schema=False)
def login_page(request: Request, staff: MaybeStaff, next: str = ""):
    if staff is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), error=None, username="")


@router.post("/login", include_in_schema=False)
def login(request: Request, form: CsrfForm):
    username = str(form.get("username") or "").strip().lower()[:40]
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    ip = client_ip(request) or "?"
    db = request.app.state.db
    ip_key, user_key = f"login-ip:{ip}", f"login-user:{username}"
    with db.write() as conn:
        blocked = (ratelimit.over(conn, ip_key, ratelimit.LOGIN_FAILURES_PER_IP)
                   or ratelimit.over(conn, user_key, ratelimit.LOGIN_FAILURES_PER_USER))
        if blocked:
            audit(conn, username or "?", "login.blocked", now_utc(), ip=ip)
    if blocked:
        raise deps.RateLimited("Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit. "
                               "(Too many sign-in attempts; try again in 15 minutes.)", retry_after=900)
    with db.write() as conn:
        user = check_password(conn, username, password)
        now = now_utc()
        if user is None:
            ratelimit.hit(conn, ip_key, ratelimit.LOGIN_FAILURES_PER_IP)
            ratelimit.hit(conn, user_key, ratelimit.LOGIN_FAILURES_PER_USER)
            audit(conn, username or "?", "login.failed", now, ip=ip)
        else:
            token = start_session(conn, user.id, now=now, ip=ip, user_agent=request.headers.get("user-agent"))
            ratelimit.clear(conn, user_key)
            audit(conn, user.username, "login", now, ip=ip)
    if user is None:
        return render(request, "login.html", status_code=401, next=target, username=username,
                      error="Nama pengguna atau kata sandi salah. (Wrong username or password.)")
    response = RedirectResponse(target, status_code=303)
    # A fresh token at every sign-in: a session id planted before sign-in is worth nothing.
    response.set_cookie(deps.SESSION_COOKIE, token, httponly=True, secure=deps.cookie_secure(request),
                        samesite="lax", path="/")
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, staff: Viewer, form: CsrfForm):
    with request.app.state.db.write() as conn:
        end_session(conn, staff.session_hash, now_utc())
        audit(conn, staff.username, "logout", now_utc(), ip=client_ip(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(deps.SESSION_COOKIE, path="/", secure=deps.cookie_secure(request), httponly=True,
                           samesite="lax")
    return response
