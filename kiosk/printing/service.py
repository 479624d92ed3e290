"""Queue helpers for the front ends, and `print_and_wait` for the command line.

Domain-style functions (`queue_print`, `reprint`, `retry`, `list_jobs`) work in the caller's transaction and
never touch a printer: queue a ticket's print in the same transaction that issues it, then `spooler.wake()`.
`print_and_wait` is the CLI's way: commit the job, send it (or let the running app's spooler send it) and
wait a bounded time. The record stands whether or not it printed; a job that did not print stays queued.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import InputError, KioskError, NotFound
from kiosk.models import PrintJob
from kiosk.printing.document import Document
from kiosk.printing.spooler import DONE, FAILED, PENDING, QUEUED, SENDING, Spooler

log = logging.getLogger(__name__)
KINDS = ("ticket", "receipt", "info", "test")
WAIT_SECONDS = 15.0


def _label(job: PrintJob) -> str:
    try:
        return Document.from_json(job.document).title
    except ValueError:
        return ""


def build_document(session: Session, kind: str, ref: str, *, settings, now: datetime,
                   printer_uri: str | None = None, copy_label: str | None = None,
                   actor: str = "system", profile=None) -> Document:
    """The document of a ticket (number or id), receipt (registration number), info sheet (service code) or
    test page. Printing a receipt shows a citizen's data, so it is audited (UU 27/2022)."""
    from kiosk.printing import templates

    if kind == "ticket":
        from kiosk.tickets import find_ticket

        return templates.ticket_document(session, find_ticket(session, ref, now=now), now=now)
    if kind == "receipt":
        from kiosk import audit
        from kiosk.applications import find_application

        application = find_application(session, ref)
        audit.record(session, actor, "print.receipt", now, "application", application.id,
                     application.registration_number)
        doc = templates.receipt_document(session, application, copy_label=copy_label)
        if copy_label:
            doc.title = f"{doc.title} ({copy_label})"
        return doc
    if kind == "info":
        from kiosk.catalog import get_service

        return templates.info_document(get_service(session, ref), now=now)
    if kind == "test":
        from kiosk.printing.escpos import get_profile
        from kiosk.printing.printers import parse_uri

        uri = printer_uri or settings.printer_uri
        parsed = parse_uri(uri)
        profile = profile or get_profile(parsed.param("profile", settings.printer_profile),
                                         int(parsed.param("width", settings.printer_width)))
        return templates.test_page_document(printer_uri=uri, profile=profile, now=now, site_name=_site_name(session))
    raise InputError(f"jenis cetakan tidak dikenal: {kind!r} (pilihan: {', '.join(KINDS)})")


def _site_name(session: Session) -> str | None:
    from kiosk.models import Device
    from kiosk.site import site_name

    device = session.get(Device, 1)
    return site_name(device.site_code) if device else None


def enqueue(session: Session, document: Document, printer_uri: str, *, now: datetime,
            is_copy: bool = False) -> PrintJob:
    """Add a job for a built document (in the caller's transaction)."""
    from kiosk.printing.printers import parse_uri

    parse_uri(printer_uri)  # a bad URI is refused now, not found later by the spooler
    job = PrintJob(kind=document.kind, ref=document.ref, printer_uri=printer_uri, document=document.to_json(),
                   state=QUEUED, is_copy=is_copy, attempts=0, created_at=now, updated_at=now)
    session.add(job)
    session.flush()
    return job


def queue_print(session: Session, kind: str, ref: str, *, settings, now: datetime, actor: str = "system",
                printer_uri: str | None = None, copy_label: str | None = None) -> PrintJob:
    """Queue a print of a ticket / receipt / info sheet / test page; a second print of the same thing is a copy.

    If the same thing is still waiting for the printer, that job is made due now instead of adding another
    (pressing "print" three times while the printer is out of paper gives one ticket, not three).
    """
    uri = printer_uri or settings.printer_uri
    doc = build_document(session, kind, ref, settings=settings, now=now, printer_uri=uri,
                         copy_label=copy_label, actor=actor)
    earlier = [job for job in session.scalars(select(PrintJob).where(PrintJob.kind == kind, PrintJob.ref == doc.ref)
                                               .order_by(PrintJob.id))
               if kind == "test" or _label(job) == doc.title]
    waiting = [job for job in earlier if job.state in PENDING and job.printer_uri == uri]
    if waiting and kind != "test":
        job = waiting[0]
        job.next_attempt_at = None
        job.updated_at = now
        return job
    return enqueue(session, doc, uri, now=now, is_copy=kind in ("ticket", "receipt") and bool(earlier))


def reprint(session: Session, job_id: int, *, now: datetime) -> PrintJob:
    """Print a job's document again, marked as a copy (SALINAN); one action for any ticket or receipt."""
    old = get_job(session, job_id)
    return enqueue(session, Document.from_json(old.document), old.printer_uri, now=now, is_copy=True)


def get_job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id)
    if job is None:
        raise NotFound(f"pekerjaan cetak #{job_id} tidak ada (lihat `kiosk print jobs`)")
    return job


def retry(session: Session, *, job_id: int | None = None, all_pending: bool = False, now: datetime) -> list[PrintJob]:
    """Make waiting jobs due now; a job already printed is printed again as a copy."""
    if job_id is not None:
        job = get_job(session, job_id)
        if job.state == DONE:
            return [reprint(session, job_id, now=now)]
        if job.state == SENDING:
            raise InputError(f"pekerjaan cetak #{job_id} sedang dikirim ke printer")
        jobs = [job]
    elif all_pending:
        jobs = list(session.scalars(select(PrintJob).where(PrintJob.state.in_(PENDING)).order_by(PrintJob.id)))
    else:
        raise InputError("sebutkan nomor pekerjaan (JOB) atau --all")
    for job in jobs:
        job.next_attempt_at = None
        job.updated_at = now
    return jobs


def job_dict(job: PrintJob) -> dict:
    """The JSON shape of `kiosk print jobs --json` (id, kind, ref, state, attempts, last_error, ...)."""
    def iso(value):
        return value.isoformat() if value else None

    return {"id": job.id, "kind": job.kind, "ref": job.ref, "state": job.state, "attempts": job.attempts,
            "last_error": job.last_error, "error_code": job.error_code, "is_copy": job.is_copy,
            "printer": job.printer_uri, "created_at": iso(job.created_at), "printed_at": iso(job.printed_at),
            "next_attempt_at": iso(job.next_attempt_at)}


def list_jobs(session: Session, *, recent: int = 50) -> list[PrintJob]:
    """Every job not yet printed, and the most recent others; oldest first."""
    pending = list(session.scalars(select(PrintJob).where(PrintJob.state != DONE)))
    done = list(session.scalars(select(PrintJob).where(PrintJob.state == DONE).order_by(PrintJob.id.desc())
                                .limit(recent)))
    return sorted({job.id: job for job in pending + done}.values(), key=lambda job: job.id)


# --- command line: send now, wait a bounded time -----------------------------------------------------------------

def send_now(app, job_ids: list[int], *, timeout: float = WAIT_SECONDS) -> list[dict]:
    """Send the queue now (in order, ignoring backoff) and report these jobs' states.

    If the app's spooler runs in another process it does the sending; we wait for it, bounded.
    """
    spooler = Spooler(app.store, app.settings, clock=app.clock)
    deadline = time.monotonic() + timeout
    if spooler.acquire(timeout=0):
        try:
            spooler.recover()
            spooler.run_once(deadline=deadline, force=True)
        finally:
            spooler.release()
    else:
        while time.monotonic() < deadline and not _settled(app, job_ids):
            time.sleep(0.1)  # another process's spooler is sending; poll its results in the database
    return _results(app, job_ids)


def recover_stuck(app) -> int:
    """If no spooler runs for this data dir, re-queue jobs a dead process left in `sending` (as copies)."""
    spooler = Spooler(app.store, app.settings, clock=app.clock)
    if not spooler.acquire(timeout=0):
        return 0  # the running spooler recovered them when it started
    try:
        return spooler.recover()
    finally:
        spooler.release()


def _settled(app, job_ids: list[int]) -> bool:
    with app.store.read() as s:
        return all((job := s.get(PrintJob, i)) is not None and (job.state == DONE or
                   (job.state == FAILED and job.attempts > 0)) for i in job_ids)


def _results(app, job_ids: list[int]) -> list[dict]:
    with app.store.read() as s:
        results = []
        for job_id in job_ids:
            job = s.get(PrintJob, job_id)
            data = job_dict(job)
            data.update(job_id=job.id, error=job.last_error)
            if job.state in (QUEUED, SENDING) and not job.last_error:
                blocker = s.scalar(select(PrintJob).where(PrintJob.printer_uri == job.printer_uri,
                                                          PrintJob.state == FAILED, PrintJob.id < job.id)
                                   .order_by(PrintJob.id).limit(1))
                data["error"] = (f"menunggu pekerjaan #{blocker.id}: {blocker.last_error}" if blocker
                                 else "menunggu printer")
            results.append(data)
    return results


def print_and_wait(app, kind: str, ref: str, *, printer_uri: str | None = None, copy_label: str | None = None,
                   timeout: float = WAIT_SECONDS, strict: bool = False) -> dict:
    """Queue a print of a committed record and wait (bounded) for it.

    Returns {"state": "done"|"queued"|"failed", "job_id", "error", ...}; never raises for a printer problem:
    the record is valid whether or not it printed, and the job stays in `kiosk print jobs`.
    With `strict` (the `kiosk print ...` commands) a bad reference or printer URI raises instead.
    """
    try:
        with app.store.transaction() as s:
            job = queue_print(s, kind, ref, settings=app.settings, now=app.now(), actor=app.actor,
                              printer_uri=printer_uri, copy_label=copy_label)
            job_id = job.id
    except Exception as exc:  # the record is committed already: report, never fail the command for it
        if strict:
            raise
        if not isinstance(exc, KioskError):
            log.exception("queueing a %s print of %s failed", kind, ref)
        return {"state": "failed", "job_id": None, "error": f"tidak bisa diantrekan: {exc}"}
    return send_now(app, [job_id], timeout=timeout)[0]
