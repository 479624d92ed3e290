"""Online bookings at the site: check a citizen's booking in (a ticket), list the day's bookings.

Site ops: on a joined PC they run on the hub, which pulls the bookings from central; the bookings are
in the hub's store (and every replica) before the citizen comes, so the check-in works offline.
"""

from __future__ import annotations

from datetime import date

from kiosk import bookings, tickets
from kiosk.errors import InputError
from kiosk.ops.printing import request as print_request
from kiosk.ops.printing import ticket_content
from kiosk.ops.registry import op


@op("booking.check_in")
def check_in(ctx, *, code: str, print: bool = False) -> dict:
    """A booked citizen is here: the ticket (shaped as `ticket issue --json`) with "booking"; with `print`,
    its print job is queued in the same transaction."""
    with ctx.store.transaction() as s:
        booking, ticket = bookings.check_in(s, code, now=ctx.now(), actor=ctx.actor)
        data = tickets.ticket_dict(s, ticket)
        data["booking"] = bookings.booking_dict(s, booking, ctx.now())
        if print:
            data["print"] = print_request(ctx, s, "ticket", ticket_content(s, ticket, data))
    return data


@op("booking.list", write=False)
def list_bookings(ctx, *, day: str | None = None) -> list[dict]:
    """The bookings of a day (today by default) in slot order: {code, service, day, start, end, status, ticket...}."""
    try:
        wanted = date.fromisoformat(day) if day else None
    except ValueError:
        raise InputError(f"tanggal harus YYYY-MM-DD, bukan {day!r}") from None
    with ctx.store.read() as s:
        now = ctx.now()
        return [bookings.booking_dict(s, b, now) for b in bookings.list_bookings(s, now=now, day=wanted)]
