"""Printing as users ask for it: the ticket with the number, the receipt, an info sheet, a test page.

A site op that prints gathers what the paper shows (`ticket_content`, `receipt_content`: plain data) and
calls `request` inside its own transaction. On the PC where the user is, `request` lays the document out
(`kiosk.printing.templates`) and queues its job in that transaction, behind a savepoint: a ticket or an
application is valid whether or not it prints, and never exists without its job. When the op runs on the
hub for a joined PC (`ctx.prints_here` false), `request` hands the content back instead and the joined
PC queues it on its own printer (`settle_deferred`). The spooler (`kiosk.printing.spooler`) does the sending.
"""

from __future__ import annotations

import logging

from kiosk import applications, audit, catalog, tickets
from kiosk.errors import InputError, KioskError
from kiosk.ops.registry import LOCAL, op
from kiosk.site import current_site_name, site_name, this_device

log = logging.getLogger(__name__)
KINDS = ("ticket", "receipt", "info", "test")
RECEIPT_COPIES = ("Lembar Pemohon", "Lembar Arsip")
DEFERRED = "deferred"


# --- what the paper shows ------------------------------------------------------------------------------------

def ticket_content(session, ticket, info: dict | None = None) -> dict:
    """The print content of a queue ticket (`info`: its `ticket_dict`, when the caller has it)."""
    info = info or tickets.ticket_dict(session, ticket)
    service = catalog.get_service(session, ticket.service_code, include_inactive=True)
    return {
        "id": ticket.id, "number": ticket.number, "site_name": site_name(this_device(session).site_code),
        "service_name": service.name, "agency": service.agency.short, "status": ticket.status,
        "status_label": tickets.STATUS_LABELS.get(ticket.status, ticket.status),
        "priority_label": tickets.PRIORITIES.get(ticket.priority) if ticket.priority else None,
        "issued_at": ticket.issued_at.isoformat(), "people_ahead": info["people_ahead"],
        "estimated_wait_minutes": info["estimated_wait_minutes"],
        "booking": ({"code": info["booking"]["code"], "start": info["booking"]["start"]}
                    if info.get("booking") else None),
    }


def receipt_content(session, application, *, copy_label: str | None = None) -> dict:
    """The print content of an application receipt: NIK masked, no phone or address (UU 27/2022)."""
    service = application.service
    return {
        "registration_number": application.registration_number,
        "site_name": site_name(application.site_code), "service_name": service.name,
        "agency": service.agency.short, "mode": service.mode, "sla": service.sla, "sla_days": service.sla_days,
        "name": application.name, "nik_masked": applications.mask_nik(application.nik),
        "documents": dict(application.documents or {}), "received_at": application.received_at.isoformat(),
        "operator_name": _operator_name(session, application.operator),
        "complaint": None,  # the printing site's `site.complaint_channel` (see document_for)
        "copy_label": copy_label,
    }


def _operator_name(session, username: str) -> str:
    from kiosk import auth

    found = auth.find_operator(session, username)
    return found.full_name if found is not None else username


def document_for(kind: str, content: dict, *, settings, printer_uri: str, now):
    """Lay out the document of `kind` from its print content (pure; no session)."""
    from kiosk.printing import templates

    if kind == "ticket":
        return templates.ticket_document(content)
    if kind == "receipt":
        channel = settings.get("site.complaint_channel") if settings is not None else ""
        return templates.receipt_document({**content, "complaint": channel or content.get("complaint")})
    if kind == "info":
        return templates.info_document(content, now=now)
    if kind == "test":
        return templates.test_page_document(printer_uri=printer_uri, profile=_profile(settings, printer_uri),
                                            now=now, site_name=content.get("site_name"))
    raise InputError(f"jenis cetakan tidak dikenal: {kind!r} (pilihan: {', '.join(KINDS)})")


def _profile(settings, printer_uri: str, width: int | None = None, name: str | None = None):
    from kiosk.printing.escpos import get_profile
    from kiosk.printing.printers import parse_uri

    parsed = parse_uri(printer_uri)
    return get_profile(name or parsed.param("profile", settings.printer_profile),
                       int(width or parsed.param("width", settings.printer_width)))


# --- queueing ---------------------------------------------------------------------------------------------

def _queue(ctx, session, kind: str, content: dict, printer: str | None) -> dict:
    from kiosk.printing.queue import job_dict, queue_document

    uri = printer or ctx.settings.printer_uri
    doc = document_for(kind, content, settings=ctx.settings, printer_uri=uri, now=ctx.now())
    return job_dict(queue_document(session, doc, uri, now=ctx.now()))


def request(ctx, session, kind: str, content: dict, *, printer: str | None = None) -> dict:
    """Print `content` on this PC's printer (a job in the caller's transaction), or hand it back for the
    joined PC that asked. Never raises: a record must not be lost because its paper could not be queued."""
    if not getattr(ctx, "prints_here", True):
        return {"state": DEFERRED, "kind": kind, "content": content, "printer": printer}
    try:
        with session.begin_nested():
            return _queue(ctx, session, kind, content, printer)
    except KioskError as exc:
        return {"id": None, "kind": kind, "state": "unavailable", "error": str(exc)}
    except Exception as exc:  # a bug in a template must not cost the citizen their ticket
        log.exception("queueing a %s print failed", kind)
        return {"id": None, "kind": kind, "state": "unavailable", "error": f"kesalahan program: {type(exc).__name__}"}


def _is_deferred(value) -> bool:
    return isinstance(value, dict) and value.get("state") == DEFERRED and "content" in value


def settle_deferred(ctx, result):
    """Queue on this PC's printer every print the hub handed back in `result` (in one local transaction)."""
    if isinstance(result, list):
        return [settle_deferred(ctx, item) for item in result]
    if not isinstance(result, dict):
        return result
    keys = [k for k in ("print", "prints", "jobs") if k in result]
    pending = [(k, i, v) for k in keys for i, v in (enumerate(result[k]) if isinstance(result[k], list)
                                                      else [(None, result[k])]) if _is_deferred(v)]
    if not pending:
        return result
    with ctx.store.transaction() as s:
        for key, index, value in pending:
            try:
                with s.begin_nested():
                    job = _queue(ctx, s, value["kind"], value["content"], value.get("printer"))
            except KioskError as exc:
                job = {"id": None, "kind": value["kind"], "state": "unavailable", "error": str(exc)}
            if index is None:
                result[key] = job
            else:
                result[key][index] = job
    return result


# --- ops ------------------------------------------------------------------------------------------------------

@op("print.ticket")
def print_ticket(ctx, *, ticket: str, printer: str | None = None) -> dict:
    """Print a ticket again (a copy, SALINAN, once it has printed)."""
    with ctx.store.transaction() as s:
        found = tickets.find_ticket(s, ticket, now=ctx.now())
        return request(ctx, s, "ticket", ticket_content(s, found), printer=printer)


@op("print.receipt")
def print_receipt(ctx, *, regno: str, copies: int = 1, printer: str | None = None) -> list[dict]:
    """Print an application's receipt (2 copies: citizen + archive). Showing a citizen's data is audited."""
    if copies not in (1, 2):
        raise InputError("--copies harus 1 atau 2")
    labels = list(RECEIPT_COPIES) if copies == 2 else [None]
    with ctx.store.transaction() as s:
        application = applications.find_application(s, regno)
        audit.record(s, ctx.actor, "print.receipt", ctx.now(), "application", application.id,
                     application.registration_number)
        return [request(ctx, s, "receipt", receipt_content(s, application, copy_label=label),
                        printer=printer) for label in labels]


@op("print.info")
def print_info(ctx, *, service: str, printer: str | None = None) -> dict:
    """Print a service's information sheet (requirements, SLA, fee, procedure)."""
    with ctx.store.transaction() as s:
        detail = catalog.service_detail(catalog.get_service(s, service))
        return request(ctx, s, "info", detail, printer=printer)


@op("print.content")
def print_content(ctx, *, kind: str, ref: str = "") -> dict:
    """What a ticket / receipt / info sheet / test page would show, without printing (previews).

    A receipt shows a citizen's record, so even a preview is audited."""
    with ctx.store.transaction() as s:
        if kind == "ticket":
            return ticket_content(s, tickets.find_ticket(s, ref, now=ctx.now()))
        if kind == "receipt":
            application = applications.find_application(s, ref)
            audit.record(s, ctx.actor, "print.preview", ctx.now(), "application", application.id,
                         application.registration_number)
            return receipt_content(s, application)
        if kind == "info":
            return catalog.service_detail(catalog.get_service(s, ref))
        if kind == "test":
            return {"site_name": current_site_name(s)}
    raise InputError(f"jenis cetakan tidak dikenal: {kind!r} (pilihan: {', '.join(KINDS)})")


@op("print.test", scope=LOCAL)
def print_test(ctx, *, printer: str | None = None) -> dict:
    """Queue a test page for this PC's printer (or `printer`)."""
    content = print_content(ctx, kind="test")
    with ctx.store.transaction() as s:
        return _queue(ctx, s, "test", content, printer)


@op("print.preview", scope=LOCAL, write=False)
def preview(ctx, *, kind: str, content: dict, printer: str | None = None, width: int | None = None,
            profile: str | None = None, fmt: str = "png") -> bytes:
    """Render a document as this PC's printer would print it: PNG preview or PDF bytes."""
    uri = printer or ctx.settings.printer_uri
    prof = _profile(ctx.settings, uri, width=width or ctx.settings.printer_width,
                    name=profile or ctx.settings.printer_profile)
    doc = document_for(kind, content, settings=ctx.settings, printer_uri=uri, now=ctx.now())
    if fmt == "png":
        from kiosk.printing.preview import render_png

        return render_png(doc, prof)
    from kiosk.printing.pdf import render_pdf

    return render_pdf(doc, prof)


@op("print.jobs", scope=LOCAL, write=False)
def list_jobs(ctx) -> list[dict]:
    """This PC's print jobs: every one not yet printed, and the recent others."""
    from kiosk.printing.queue import job_dict, list_jobs

    with ctx.store.read() as s:
        return [job_dict(job) for job in list_jobs(s)]


@op("print.retry", scope=LOCAL)
def retry(ctx, *, job: int | None = None, all: bool = False) -> list[dict]:
    """Send waiting jobs now (one, or all); a job already printed prints again as a copy."""
    from kiosk.printing.queue import job_dict, retry

    if job is None and not all:
        raise InputError("sebutkan nomor pekerjaan (JOB) atau --all")
    if job is not None and all:
        raise InputError("pilih salah satu: JOB atau --all")
    with ctx.store.transaction() as s:
        return [job_dict(j) for j in retry(s, job_id=job, all_pending=all, now=ctx.now())]


@op("print.reprint", scope=LOCAL)
def reprint(ctx, *, job: int) -> dict:
    """Print a job's document again, marked as a copy (SALINAN)."""
    from kiosk.printing.queue import job_dict, reprint

    with ctx.store.transaction() as s:
        return job_dict(reprint(s, job, now=ctx.now()))


@op("print.enqueue", scope=LOCAL)
def enqueue(ctx, *, kind: str, content: dict, printer: str | None = None) -> dict:
    """Queue already gathered content on this PC's printer (what a joined PC does with the hub's answer)."""
    with ctx.store.transaction() as s:
        return _queue(ctx, s, kind, content, printer)


@op("print.job_states", scope=LOCAL, write=False)
def job_states(ctx, *, ids: list[int]) -> list[dict]:
    """The state of some print jobs (those a screen waits for)."""
    from kiosk.printing.queue import job_states

    with ctx.store.read() as s:
        return job_states(s, ids)


@op("print.counts", scope=LOCAL, write=False)
def counts(ctx) -> dict:
    """What the status bar counts: outbox rows central has not acknowledged, print jobs not yet on paper."""
    from kiosk import outbox
    from kiosk.printing.queue import waiting_count

    with ctx.store.read() as s:
        return {"pending_outbox": outbox.pending_count(s), "print_jobs_waiting": waiting_count(s)}


@op("print.detect", scope=LOCAL, write=False, slow=True)
def detect_printers(ctx=None, *, scan: bool = False, subnet: str | None = None, port: int = 9100) -> list[dict]:
    """Printers this PC can really reach, with their state: [{uri, label, kind, state, status}] (kind usb,
    file, serial, queue or network). `scan` also asks the local subnet (or `subnet`, CIDR) for ESC/POS
    printers answering on `port` (9100): a few seconds, so screens run it off the GUI thread."""
    from kiosk.printing.detect import detect

    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise InputError(f"port harus 1..65535, bukan {port!r}")
    return detect(scan=bool(scan), subnet=subnet, port=port)


@op("print.try", scope=LOCAL, write=False, slow=True)
def try_printer(ctx, *, uri: str, width: int, profile: str | None = None, site_name: str | None = None) -> dict:
    """Print a test page straight to `uri` before it is saved (blocking: run it off the GUI thread).

    {ok, error, preview_png}: the preview shows what should come out even when the printer fails."""
    from kiosk.printing.escpos import get_profile
    from kiosk.printing.preview import render_png
    from kiosk.printing.printers import open_printer
    from kiosk.printing.templates import test_page_document

    try:
        prof = get_profile(profile, width)
        doc = test_page_document(printer_uri=uri, profile=prof, now=ctx.now(), site_name=site_name)
        png = render_png(doc, prof)
    except KioskError as exc:
        return {"ok": False, "error": str(exc), "preview_png": None}
    try:
        open_printer(uri, profile=profile, width=width).print_document(doc, name="setup-test")
    except KioskError as exc:
        return {"ok": False, "error": str(exc), "preview_png": png}
    return {"ok": True, "error": None, "preview_png": png}
