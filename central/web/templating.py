"""Jinja2 templates of the web pages, their filters, and `render()` (sets the visitor's CSRF cookie when new)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from central.rules import SITE_TZ, STATUS_LABELS, kecamatan
from central.web import deps

TEMPLATES_DIR = Path(__file__).with_name("templates")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
DAYS_EN = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
STATUS_EN = {"received": "received", "forwarded": "forwarded to MPP Induk", "in_process": "in process",
             "ready": "ready for collection", "handed_over": "collected", "rejected": "rejected",
             "booked": "booked", "checked_in": "checked in", "missed": "missed", "cancelled": "cancelled"}


def local(value: datetime | str | None, fmt: str = "%d %b %Y %H:%M") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):  # some lists carry times as ISO text (what their JSON prints)
        value = datetime.fromisoformat(value)
    value = value.astimezone(SITE_TZ)
    return value.strftime(fmt.replace("%b", MONTHS[value.month - 1]))


def day_text(value: date | None, weekday: bool = False) -> str:
    if value is None:
        return "–"
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{DAYS[value.weekday()]}, {text}" if weekday else text


def ago(value: datetime | None, now: datetime | None = None) -> str:
    if value is None:
        return "belum pernah"
    seconds = int(((now or deps.now_utc()) - value).total_seconds())
    if seconds < 90:
        return "baru saja"
    if seconds < 5400:
        return f"{seconds // 60} menit lalu"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} jam lalu"
    return f"{seconds // 86400} hari lalu"


def rupiah(value) -> str:
    if not value:
        return "Gratis"
    return "Rp" + f"{int(value):,}".replace(",", ".")


def bi(indonesian: str, english: str) -> Markup:
    """Indonesian first, the English beside it, quieter."""
    return Markup('{} <span class="en" lang="en">{}</span>').format(indonesian, english)


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
env = templates.env
env.filters.update(local=local, day=day_text, ago=ago, rupiah=rupiah,
                   isoday=lambda text: day_text(date.fromisoformat(text), True) if text else "–")
env.globals.update(bi=bi, status_labels=STATUS_LABELS, status_en=STATUS_EN, kecamatan=kecamatan, DAYS=DAYS,
                   DAYS_EN=DAYS_EN)


def render(request: Request, name: str, status_code: int = 200, **context):
    """A page; forms in it get the session's CSRF token, or a visitor's (its cookie set here when new)."""
    context.setdefault("staff", getattr(request.state, "staff", None))
    token = deps.csrf_token(request)
    response = templates.TemplateResponse(request, name, {"csrf_token": token, **context}, status_code=status_code)
    seed = getattr(request.state, "new_csrf_cookie", None)
    if seed:
        response.set_cookie(deps.CSRF_COOKIE, seed, httponly=True, samesite="lax", secure=deps.cookie_secure(request),
                            path="/")
    return response
