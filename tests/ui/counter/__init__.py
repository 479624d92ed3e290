"""The counter app, one test module per tab (as `kiosk/ui/counter/`), and what they share."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.models import Application, Ticket
from kiosk.ops import queue

GOOD_NIK = "6402124507850003"  # Tabang, 05-07-1985, perempuan


def issue(app, service="KTP", priority=None) -> str:
    """A citizen takes a number at the kiosk."""
    return app.as_actor("kiosk").run(queue.issue_ticket, service=service, priority=priority)["number"]


def ticket_status(app, number: str) -> str:
    with app.store.read() as s:
        return s.scalar(select(Ticket.status).where(Ticket.number == number))


def applications_count(app) -> int:
    with app.store.read() as s:
        return s.scalar(select(func.count()).select_from(Application))
