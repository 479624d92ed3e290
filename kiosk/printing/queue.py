"""The print queue: persisted jobs that the spooler sends until the printer takes them.

`queue_document`, `reprint`, `retry` and `list_jobs` work in the caller's transaction and never touch a
printer: a ticket's print is queued in the same transaction that issues it (`kiosk.ops.printing`), then
the spooler is woken. `send_now` is the command line's way: send now (or let the running app's spooler
send) and wait a bounded time. A record stands whether or not it printed; a job that did not print stays.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import InputError, NotFound
from kiosk.models import PrintJob
from kiosk.printing.document import Document
from kiosk.printing.spooler import DONE, FAILED, PENDING, QUEUED, SENDING, Spooler

log = logging.getLogger(__name__)
WAIT_SECONDS = 15.0


def _label(job: PrintJob) -> str:
    try:
        return Document.from_json(job.document).title
    except ValueError:
        return ""


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


def queue_document(session: Session, doc: Document, uri: str, *, now: datetime) -> PrintJob:
    """Queue a built document; a second print of the same thing (same kind, ref and title) is a copy.

    If the same thing is still waiting for the printer, that job is made due now instead of adding another
    (pressing "print" three times while the printer is out of paper gives one ticket, not three).
    """
    kind = doc.kind
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


def _title(job: PrintJob) -> str | None:
    """What the job prints, as people name it ("Tiket A-005", the receipt's registration number)."""
    try:
        return json.loads(job.document).get("title") or None
    except (TypeError, ValueError, AttributeError):
        return None


def job_dict(job: PrintJob) -> dict:
    """The JSON shape of `kiosk print jobs --json` (id, kind, ref, state, attempts, last_error, ...)."""
    def iso(value):
        return value.isoformat() if value else None

    return {"id": job.id, "kind": job.kind, "ref": job.ref, "title": _title(job), "state": job.state,
            "attempts": job.attempts,
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


def waiting_count(session: Session) -> int:
    """Print jobs not yet on paper (queued, being sent, or failed and waiting to retry)."""
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(PrintJob)
                          .where(PrintJob.state.in_((QUEUED, SENDING, FAILED)))) or 0


def job_states(session: Session, job_ids: list[int]) -> list[dict]:
    """The state of some print jobs (those a screen waits for), as the spooler's events say it."""
    if not job_ids:
        return []
    return [{"id": j.id, "kind": j.kind, "ref": j.ref, "state": j.state, "attempts": j.attempts,
             "is_copy": j.is_copy, "error": j.last_error}
            for j in session.scalars(select(PrintJob).where(PrintJob.id.in_(job_ids)))]
