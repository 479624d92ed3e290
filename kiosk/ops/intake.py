"""Applications (permohonan) as operators and citizens act on them: take in, find, show, hand over.

Every look at a citizen's record by an operator is audited (UU 27/2022), so `show` and `search` are
write transactions. The citizen's Cek Status (`public_status`) shows status and dates only.
"""

from __future__ import annotations

import logging

from kiosk import applications, audit, catalog, codes, privacy, tickets
from kiosk.clock import SITE_TZ
from kiosk.errors import InputError
from kiosk.ops.printing import RECEIPT_COPIES, receipt_content
from kiosk.ops.printing import request as print_request
from kiosk.ops.registry import LOCAL, op, when

log = logging.getLogger(__name__)


@op("application.new")
def new_application(ctx, *, service: str, nik: str, name: str, phone: str | None = None,
                    address: str | None = None, desa: str | None = None, documents: list[str] | None = None,
                    notes: str | None = None, ticket: str | None = None, print: bool = False,
                    copies: int = 1, registration_number: str | None = None, application_id: str | None = None,
                    at: str | None = None) -> dict:
    """Take in an application (its receipt printed in the same transaction when asked).

    `registration_number`, `application_id` and `at` come with an intake a joined PC made while its hub
    was away (its spool): the number the citizen's receipt already shows, and when it happened."""
    now = when(ctx, at)
    with ctx.store.transaction() as s:
        ticket_id = tickets.find_ticket(s, ticket, now=now).id if ticket else None
        application = applications.new_application(
            s, service_code=service, nik=nik, name=name, phone=phone, desa_code=desa, address=address,
            documents=documents, notes=notes, ticket_id=ticket_id, operator=ctx.actor, now=now,
            registration_number=registration_number, application_id=application_id)
        data = applications.application_dict(application)
        if print:
            labels = list(RECEIPT_COPIES) if copies == 2 else [None]
            data["prints"] = [print_request(ctx, s, "receipt", receipt_content(
                s, application, copy_label=label)) for label in labels]
    return data


@op("application.services", write=False)
def intake_services(ctx) -> list[dict]:
    """The services a counter takes applications for, in catalog order (`catalog.details` shapes)."""
    with ctx.store.read() as s:
        return [catalog.service_detail(svc) for svc in catalog.services(s)
                if applications.takes_counter_intake(svc)]


@op("application.show")
def show_application(ctx, *, regno: str) -> dict:
    """An application with its history, for an operator (the view is audited)."""
    with ctx.store.transaction() as s:
        return applications.application_dict(
            applications.view_application(s, regno, actor=ctx.actor, now=ctx.now()))


@op("application.search")
def search_applications(ctx, *, query: str) -> list[dict]:
    """By registration number, NIK or name; newest first (the search is audited)."""
    with ctx.store.transaction() as s:
        found = applications.search_applications(s, query)
        audit.record(s, ctx.actor, "search", ctx.now(), "application", None, f"{len(found)} hasil")
        return [applications.application_dict(a) for a in found]


@op("application.hand_over")
def hand_over(ctx, *, regno: str, at: str | None = None) -> dict:
    """Hand the finished product to the applicant (`at`: when, for a hand-over a joined PC spooled)."""
    with ctx.store.transaction() as s:
        return applications.application_dict(applications.hand_over(s, regno, actor=ctx.actor, now=when(ctx, at)))


@op("application.set_status")
def set_status(ctx, *, regno: str, status: str, reason: str | None = None) -> dict:
    """Move an application on (a service finished here: in_process, ready, rejected with a reason); an
    application MPP Induk owns once forwarded is refused."""
    with ctx.store.transaction() as s:
        return applications.application_dict(applications.set_status(s, regno, status, actor=ctx.actor,
                                                                      now=ctx.now(), reason=reason))


@op("audit.access")
def note_access(ctx, *, action: str, object_type: str | None = None, object_id: str | None = None,
                detail: str | None = None, at: str | None = None) -> dict:
    """Record an operator's look at citizens' records made on a joined PC's replica while the hub was away."""
    with ctx.store.transaction() as s:
        audit.record(s, ctx.actor, str(action)[:40], when(ctx, at), object_type, object_id, detail)
    return {"recorded": True}


@op("application.actions", scope=LOCAL, write=False)
def application_actions(ctx=None, *, status: str, mode: str | None = None) -> dict:
    """Which counter buttons apply to an application in `status` of a service in `mode`: {hand_over, ready,
    reject} (ready/reject only where the site owns the workflow)."""
    return applications.allowed_actions(status, mode)


@op("status.lookup", write=False)
def public_status(ctx, *, text: str) -> dict:
    """Cek Status for a citizen: what they typed or scanned -> a ticket's place in the queue, or an
    application's status and dates. No personal data: this is shown on a public screen."""
    found = codes.parse_lookup(text)
    with ctx.store.read() as s:
        if found["kind"] == "ticket":
            ticket = tickets.find_ticket(s, found["ref"], now=ctx.now())
            data = tickets.ticket_dict(s, ticket)
            service = ticket.service_code
            kind = "ticket"
        else:
            application = applications.find_application(s, found["ref"])
            data = {"registration_number": application.registration_number, "status": application.status,
                    "mode": application.service.mode,
                    "history": [{"to": e.to_status, "at": e.at.astimezone(SITE_TZ).isoformat()}
                                for e in application.history]}
            service = application.service_code
            kind = "application"
        detail = catalog.service_names(s, service)
    return {**data, "kind": kind, "service": detail}


@op("application.check_nik", scope=LOCAL, write=False)
def check_nik(ctx, *, nik: str) -> dict:
    """Live check of a typed NIK: {ok, error, warnings, birth_date, sex} (nothing is stored)."""
    return applications.describe_nik(nik, ctx.clock.today())


@op("application.check_phone", scope=LOCAL, write=False)
def check_phone(ctx, *, phone: str) -> dict:
    """Live check of a typed phone number: {ok, error, phone} with the number normalised to 08…."""
    return applications.describe_phone(phone)


# --- the intake form's draft (this PC only) ----------------------------------------------------------------
# Kept in the store per counter, so a phone call, a sign-out or a power cut loses nothing typed; it holds a
# full NIK, so it is private like the store and purged after 24 hours (`kiosk.privacy`). Not records: these
# ops neither refresh the screens nor nudge sync (`write=False`).

@op("application.save_draft", scope=LOCAL, write=False)
def save_draft(ctx, *, counter: int, draft: dict) -> dict:
    """Keep what is typed in counter N's intake form (whole or not at all): {counter, saved}."""
    if not isinstance(draft, dict):
        raise InputError("draf harus berupa objek JSON")
    with ctx.store.transaction() as s:
        privacy.save_draft(s, counter, draft, ctx.now())
    return {"counter": int(counter), "saved": True}


@op("application.load_draft", scope=LOCAL, write=False)
def load_draft(ctx, *, counter: int) -> dict | None:
    """Counter N's intake draft, or None when there is none (or it is older than a day)."""
    with ctx.store.read() as s:
        return privacy.load_draft(s, counter, ctx.now())


@op("application.clear_draft", scope=LOCAL, write=False)
def clear_draft(ctx, *, counter: int) -> dict:
    """Forget counter N's intake draft (saved or emptied): {counter, saved}."""
    with ctx.store.transaction() as s:
        privacy.clear_draft(s, counter)
    return {"counter": int(counter), "saved": False}
