"""Permohonan: intake, validation (NIK, phone), documents checklist, registration number and status.

Registration numbers (`640212-261128-7KQ0012-5`) follow mpp.regno: site, business day, this device's
reg_tag (Device.reg_tag; a restored backup gets a new one, see `kiosk restore`), a per-device daily
sequence (max + 1 under the caller's write lock) and a MOD 37-2 check character. Statuses and their
transitions are mpp.statuses, which central enforces too. Text from people is cleaned by mpp.text.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk import audit, outbox
from kiosk.catalog import get_service
from kiosk.clock import SITE_TZ
from kiosk.errors import IllegalTransition, InputError, NotFound
from kiosk.models import Application, ApplicationEvent, Service, Ticket, new_id
from kiosk.resources import desa_of, provinces, regencies
from kiosk.site import this_device
from mpp import wire
from mpp.personal import mask_nik as mask_nik
from mpp.personal import nik_digits
from mpp.regno import MAX_DAILY_SEQ, check_regno, make_registration_number, normalise_regno, pretty_regno
from mpp.regno import REGNO_EXAMPLE as REGNO_EXAMPLE
from mpp.statuses import APPLICATION_LABELS as STATUS_LABELS
from mpp.statuses import APPLICATION_RANK as _RANK
from mpp.statuses import APPLICATION_STATUSES as STATUSES
from mpp.statuses import APPLICATION_TRANSITIONS as TRANSITIONS
from mpp.statuses import (
    FORWARDED,
    HANDED_OVER,
    LOCAL_SHORTCUTS,
    READY,
    RECEIVED,
    REJECTED,
    site_transitions,
)
from mpp.text import LIMITS, clean, clean_field

NAME_MIN = 2
NAME_MAX, ADDRESS_MAX, REASON_MAX = LIMITS["name"][0], LIMITS["address"][0], LIMITS["reason"][0]
_PHONE_STRIP = re.compile(r"[\s\-.()]")


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now


def _collapse(value: str | None) -> str:
    return clean(value)


# --- NIK and phone ---------------------------------------------------------------------------------



def nik_birth_date(nik: str, today: date) -> tuple[date, str]:
    """Birth date and sex ("L" laki-laki / "P" perempuan, day + 40) encoded in a NIK's DDMMYY."""
    digits = nik_digits(nik)
    dd, mm, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = "P" if dd > 40 else "L"
    day = dd - 40 if dd > 40 else dd
    bad = InputError(f"tanggal lahir di NIK tidak valid: {digits[6:12]} (DDMMYY; perempuan DD + 40)")
    if not 1 <= day <= 31 or not 1 <= mm <= 12:
        raise bad
    # 20YY unless that is still in the future; compared as tuples because 20YY-02-29 may not exist.
    year = 2000 + yy if (2000 + yy, mm, day) <= (today.year, today.month, today.day) else 1900 + yy
    try:
        return date(year, mm, day), sex
    except ValueError:
        raise bad from None


def validate_nik(nik: str, today: date) -> list[str]:
    """Check a NIK's structure; returns warnings (unknown regency), raises InputError when invalid."""
    digits = nik_digits(nik)
    if digits[:2] not in provinces():
        raise InputError(f"kode provinsi NIK tidak dikenal: {digits[:2]} (unknown province code)")
    nik_birth_date(digits, today)
    if digits[12:] == "0000":
        raise InputError("nomor urut NIK (4 angka terakhir) tidak boleh 0000")
    warnings = []
    if digits[:4] not in regencies():
        # Not an error: regency codes move (pemekaran, e.g. the Papua split) faster than our list.
        warnings.append(f"kode kabupaten/kota NIK {digits[:2]}.{digits[2:4]} tidak ada di daftar; periksa KTP/KK")
    return warnings


def normalise_phone(raw: str) -> str:
    """`+62 812-3456-7890`, `62812…`, `0812…`, `812…` -> `0812…`; must be a mobile number (08, 10–13 digits)."""
    text = _PHONE_STRIP.sub("", str(raw or ""))
    if text.startswith("+"):
        text = text[1:]
    bad = InputError(f"nomor HP tidak valid: {raw!r} (contoh: 0812-3456-7890)")
    if not text.isascii() or not text.isdigit():
        raise bad
    if text.startswith("620"):  # "+62 (0)812…"
        text = text[2:]
    elif text.startswith("62"):
        text = "0" + text[2:]
    elif text.startswith("8"):
        text = "0" + text
    if not text.startswith("08") or not 10 <= len(text) <= 13:
        raise bad
    return text


def describe_nik(nik: str, today: date) -> dict:
    """A typed NIK, checked as the operator types: {ok, complete, error, warnings, birth_date, sex}."""
    text = "".join(str(nik or "").split())
    result = {"ok": False, "complete": len(text) >= 16 or not text.isdigit(), "digits": len(text), "error": None,
              "warnings": [], "birth_date": None, "sex": None}
    if not text or not result["complete"]:
        return result
    try:
        result["warnings"] = validate_nik(text, today)
        born, sex = nik_birth_date(text, today)
    except InputError as exc:
        result["error"] = str(exc)
        return result
    result.update(ok=True, birth_date=born.isoformat(), sex=sex)
    return result


def describe_phone(phone: str) -> dict:
    """A typed phone number, checked as the operator types: {ok, error, phone} (empty is fine: optional)."""
    text = str(phone or "").strip()
    if not text:
        return {"ok": True, "error": None, "phone": None}
    try:
        return {"ok": True, "error": None, "phone": normalise_phone(text)}
    except InputError as exc:
        return {"ok": False, "error": str(exc), "phone": None}


# --- registration number ---------------------------------------------------------------------------

def next_registration_number(session: Session, site_code: str, day: date, reg_tag: str,
                             taken: list[str] | tuple[str, ...] = ()) -> str:
    """The next registration number of this device (`reg_tag`) today; `taken`: numbers given out but not
    stored yet (a joined PC's spool). Safe across processes: the caller holds the write lock."""
    # Fixed-width key, so the lexical max of today's keys from this device carries the highest sequence.
    prefix = f"{''.join(ch for ch in site_code if ch.isdigit())}{day:%y%m%d}{reg_tag}"
    last = session.scalar(select(func.max(Application.regno_key)).where(Application.regno_key.startswith(prefix)))
    keys = [last] if last else []
    keys += [k for k in (normalise_regno(t) for t in taken if t) if k.startswith(prefix)]
    seq = max(int(k[15:19]) for k in keys) + 1 if keys else 1
    if seq > MAX_DAILY_SEQ:
        raise InputError(f"batas {MAX_DAILY_SEQ} permohonan per hari untuk perangkat ini tercapai")
    return make_registration_number(site_code, day, reg_tag, seq)


# --- intake ----------------------------------------------------------------------------------------

def required_documents(service: Service) -> list[str]:
    """The requirement texts (persyaratan) of a service, in catalog order."""
    return list(service.requirements or [])


def _documents(service: Service, received: list[str] | None) -> dict[str, bool]:
    required = required_documents(service)
    if received is None:
        return dict.fromkeys(required, True)
    got = {str(d).strip() for d in received if str(d).strip()}
    unknown = sorted(got - set(required))
    if unknown:
        raise InputError(f"dokumen bukan persyaratan layanan {service.code}: {unknown[0]!r}")
    return {req: req in got for req in required}


def _desa(raw: str | None, site_code: str) -> str | None:
    text = (raw or "").strip()
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    code = f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}" if len(digits) == 10 else text
    if code not in desa_of(site_code):
        raise InputError(f"kode desa/kelurahan {text!r} bukan wilayah kecamatan {site_code} (contoh: {site_code}.2001)")
    return code


def takes_counter_intake(service: Service) -> bool:
    """Whether a counter takes applications for `service` (an `online` one the citizen applies for)."""
    return service.mode != "online"


def new_application(session: Session, *, service_code: str, nik: str, name: str, phone: str | None = None,
                    desa_code: str | None = None, address: str | None = None, documents: list[str] | None = None,
                    notes: str | None = None, ticket_id: str | None = None, operator: str,
                    now: datetime, registration_number: str | None = None,
                    application_id: str | None = None) -> Application:
    """Take in a permohonan; `documents` lists the requirements received (None = all of them).

    A `forward` service is forwarded to MPP Induk in the same transaction; an `online` one is refused.
    `registration_number` and `application_id` come given when a joined PC took it in while its hub was
    away (numbered with that PC's own device tag, so they are unique without the hub).
    """
    _aware(now)
    device = this_device(session)
    service = get_service(session, service_code)
    if not takes_counter_intake(service):
        raise InputError(f"layanan ini diajukan daring ({service.name}); bantu pemohon mengajukannya dari "
                         "kiosk/HP, bukan lewat permohonan loket (online service)")
    if not clean(operator):
        raise InputError("petugas (operator) wajib diisi")
    operator = clean_field("actor", operator, required=True)
    today = now.astimezone(SITE_TZ).date()
    nik_clean = nik_digits(nik)
    warnings = validate_nik(nik_clean, today)
    clean_name = clean(name)
    if not NAME_MIN <= len(clean_name) <= NAME_MAX:
        raise InputError(f"nama pemohon wajib diisi, {NAME_MIN}–{NAME_MAX} huruf")
    clean_address = clean_field("address", address)
    clean_notes = clean_field("notes", notes)
    clean_phone = normalise_phone(phone) if phone and phone.strip() else None
    desa = _desa(desa_code, device.site_code)
    docs = _documents(service, documents)
    if ticket_id is not None and session.get(Ticket, ticket_id) is None:
        raise NotFound(f"tiket {ticket_id} tidak ditemukan")

    if registration_number:
        regno = pretty_regno(check_regno(registration_number))
        if session.scalar(select(Application.id).where(Application.regno_key == normalise_regno(regno))):
            raise InputError(f"nomor registrasi {regno} sudah dipakai")
    else:
        regno = next_registration_number(session, device.site_code, today, device.reg_tag)
    app = Application(
        id=application_id or new_id(), registration_number=regno, regno_key=normalise_regno(regno),
        site_code=device.site_code, service_code=service.code, service=service, nik=nik_clean, name=clean_name,
        phone=clean_phone, desa_code=desa, address=clean_address, documents=docs, notes=clean_notes,
        status=RECEIVED, ticket_id=ticket_id, operator=operator, received_at=now, updated_at=now,
        warnings=warnings,
    )
    app.history.append(ApplicationEvent(from_status=None, to_status=RECEIVED, actor=operator, at=now, source="site"))
    session.add(app)
    audit.record(session, operator, "application.receive", now, "application", app.id, regno)
    outbox.append(session, wire.APPLICATION_RECEIVED, now, id=app.id, registration_number=regno,
                  service=service.code, nik=nik_clean, name=clean_name, phone=clean_phone, desa=desa,
                  address=clean_address, documents=docs, notes=clean_notes, warnings=warnings, status=RECEIVED,
                  ticket_id=ticket_id, operator=operator, received_at=now)
    if service.mode == "forward":
        # Such files go to MPP Induk on intake; nothing is processed here.
        _change_status(session, app, FORWARDED, actor="system", at=now, now=now, reason=None, source="site")
    return app


# --- status ----------------------------------------------------------------------------------------

def allowed_transitions(app: Application, source: str = "site") -> set[str]:
    """The statuses this application may move to, as decided by the site (or by central)."""
    if source == "site":
        return site_transitions(app.status, app.service.mode)  # central enforces the same rule
    allowed = set(TRANSITIONS[app.status])
    if app.service.mode == "local":
        allowed |= LOCAL_SHORTCUTS.get(app.status, set())
    return allowed


def _change_status(session: Session, app: Application, to: str, *, actor: str, at: datetime, now: datetime,
                   reason: str | None, source: str) -> Application:
    frm = app.status
    app.status = to
    app.updated_at = now
    if to == REJECTED:
        app.reject_reason = reason
    app.history.append(ApplicationEvent(from_status=frm, to_status=to, actor=actor, at=at, reason=reason,
                                        source=source))
    audit.record(session, actor, "application.status", now, "application", app.id, f"{frm}->{to} ({source})")
    # A status that came from central is never echoed back to it.
    if source == "site":
        outbox.append(session, wire.APPLICATION_STATUS, now, id=app.id, from_status=frm, to_status=to, actor=actor,
                      at=at, reason=reason)
    return app


def _resolve(session: Session, regno_or_app: str | Application) -> Application:
    return regno_or_app if isinstance(regno_or_app, Application) else find_application(session, regno_or_app)


def set_status(session: Session, regno_or_app: str | Application, to_status: str, *, actor: str, now: datetime,
               reason: str | None = None, source: str = "site") -> Application:
    """Move an application along its status machine; `rejected` needs a reason."""
    _aware(now)
    if to_status not in STATUSES:
        raise InputError(f"status tidak dikenal: {to_status!r} (pilihan: {', '.join(STATUSES)})")
    if source not in ("site", "central"):
        raise ValueError(f"source must be 'site' or 'central', not {source!r}")
    app = _resolve(session, regno_or_app)
    if to_status not in allowed_transitions(app, source):
        raise IllegalTransition(f"permohonan {app.registration_number} sedang {STATUS_LABELS[app.status]}; "
                                f"tidak bisa menjadi {STATUS_LABELS[to_status]}")
    actor = clean_field("actor", actor, required=True)
    reason = _collapse(reason) or None
    if to_status == REJECTED and not reason:
        raise InputError("alasan penolakan wajib diisi (reason required)")
    if reason and len(reason) > REASON_MAX:
        raise InputError(f"alasan terlalu panjang (maks. {REASON_MAX} huruf)")
    return _change_status(session, app, to_status, actor=actor, at=now, now=now, reason=reason, source=source)


def allowed_actions(status: str, mode: str | None = None) -> dict[str, bool]:
    """Which counter buttons apply to an application in `status` (the search tab's detail); with the
    service's `mode`, also whether the site may mark it ready or rejected (not once MPP Induk owns it)."""
    site = site_transitions(status, mode) if mode else set()
    return {"hand_over": HANDED_OVER in TRANSITIONS.get(status, set()), "ready": READY in site,
            "reject": REJECTED in site}


def hand_over(session: Session, regno: str | Application, *, actor: str, now: datetime) -> Application:
    """Hand the finished product to the applicant (ready -> handed_over)."""
    app = _resolve(session, regno)
    if not allowed_actions(app.status)["hand_over"]:
        raise IllegalTransition(f"permohonan {app.registration_number} belum bisa diserahkan: statusnya "
                                f"{STATUS_LABELS[app.status]}, harus 'siap diambil'")
    return set_status(session, app, HANDED_OVER, actor=actor, now=now)


def apply_central_status(session: Session, application_id: str, status: str, reason: str | None, at: datetime,
                         now: datetime) -> bool:
    """Apply a status pulled from central; returns False when it changes nothing.

    Idempotent and order-tolerant: the same status again, a stale one (earlier in the lifecycle than
    what we have, or after a final status), an unknown status or an application no longer held here
    (purged) are no-ops, so a re-pulled page never fails or moves a record backwards. Central may skip
    steps (forwarded -> ready), since a pull delivers the latest state.
    """
    _aware(now)
    app = session.get(Application, application_id)
    if app is None or status == app.status:
        return False
    if status not in STATUSES:
        audit.record(session, "central", "application.status_ignored", now, "application", app.id,
                     f"status tidak dikenal: {status!r}")
        return False
    if app.status in (HANDED_OVER, REJECTED) or _RANK[status] <= _RANK[app.status]:
        return False
    _change_status(session, app, status, actor="central", at=at, now=now, reason=_collapse(reason)[:REASON_MAX] or None,
                   source="central")
    return True


# --- lookup ----------------------------------------------------------------------------------------

def find_application(session: Session, text: str) -> Application:
    """By registration number, tolerant of case, spaces and dashes; a wrong check character is refused."""
    key = check_regno(text)
    app = session.scalar(select(Application).where(Application.regno_key == key))
    if app is None:
        raise NotFound(f"permohonan {pretty_regno(key)} tidak ditemukan")
    return app


def search_applications(session: Session, query: str, limit: int = 50) -> list[Application]:
    """By registration-number prefix, exact NIK or name substring (case-insensitive); newest first."""
    text = _collapse(query)
    if not text:
        return []
    conditions = []
    key = normalise_regno(text)
    if len(key) >= 4:
        conditions.append(Application.regno_key.startswith(key))
    digits = "".join(text.split())
    if re.fullmatch(r"[0-9]{16}", digits):
        conditions.append(Application.nik == digits)
    if len(text) >= 2:
        conditions.append(Application.name.icontains(text, autoescape=True))
    if not conditions:
        return []
    return list(session.scalars(
        select(Application).where(or_(*conditions)).order_by(Application.received_at.desc()).limit(limit)
    ))


def view_application(session: Session, regno: str, *, actor: str, now: datetime) -> Application:
    """Find an application for an operator to see; every view is audited (UU 27/2022)."""
    app = find_application(session, regno)
    audit.record(session, actor, "view", now, "application", app.id, app.registration_number)
    return app


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(SITE_TZ).isoformat() if value is not None else None


def _desa_name(code: str | None) -> str | None:
    """The desa/kelurahan's name for its code (None when unknown)."""
    if not code:
        return None
    from kiosk.resources import desa_of

    return desa_of(code.rsplit(".", 1)[0]).get(code)


def application_dict(app: Application, mask: bool = True) -> dict:
    """The JSON shape of an application for the CLI and UI; NIK masked unless mask=False."""
    return {
        "id": app.id,
        "registration_number": app.registration_number,
        "status": app.status,
        "service": app.service_code,
        "service_name": app.service.name if app.service is not None else app.service_code,
        "name": app.name,
        "nik": mask_nik(app.nik) if mask else app.nik,
        "phone": app.phone,
        "desa_code": app.desa_code,
        "desa_name": _desa_name(app.desa_code),
        "service_mode": app.service.mode if app.service is not None else None,
        "address": app.address,
        "documents": dict(app.documents or {}),
        "notes": app.notes,
        "warnings": list(app.warnings or []),
        "received_at": _iso(app.received_at),
        "updated_at": _iso(app.updated_at),
        "reject_reason": app.reject_reason,
        "history": [{"from": e.from_status, "to": e.to_status, "actor": e.actor, "at": _iso(e.at),
                     "reason": e.reason, "source": e.source} for e in app.history],
    }
