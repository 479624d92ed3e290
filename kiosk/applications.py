"""Permohonan: intake, validation (NIK, phone), documents checklist, registration number and status.

Registration number: `SSSSSS-YYMMDD-TTTNNNN-C`, e.g. `640212-261128-7KQ0012-5`
  SSSSSS  site (kecamatan) code digits, 64.02.12 -> 640212
  YYMMDD  the site's local business day (WITA) of intake
  TTT     this device's reg_tag (3 Crockford base32 characters, Device.reg_tag)
  NNNN    per-device daily sequence 0001..9999 (max + 1 under the caller's write lock)
  C       ISO 7064 MOD 37-2 check character over the 19 characters before it (0-9, A-Z or `*`)
Site + day + device tag + sequence make it unique across all sites and devices without coordination
(a restored backup gets a new reg_tag, see `kiosk restore`). MOD 37-2 catches every single-character
substitution and every adjacent transposition (unlike the hybrid MOD 37,36, which misses some).
`regno_key` is the same without dashes; lookups compare against it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kiosk import audit, outbox
from kiosk.catalog import get_service
from kiosk.clock import SITE_TZ
from kiosk.codes import REGNO_EXAMPLE
from kiosk.errors import IllegalTransition, InputError, NotFound
from kiosk.models import Application, ApplicationEvent, Service, Ticket, new_id
from kiosk.resources import desa_of, provinces, regencies
from kiosk.site import CROCKFORD, this_device

RECEIVED, FORWARDED, IN_PROCESS, READY = "received", "forwarded", "in_process", "ready"
HANDED_OVER, REJECTED = "handed_over", "rejected"
STATUSES = (RECEIVED, FORWARDED, IN_PROCESS, READY, HANDED_OVER, REJECTED)
STATUS_LABELS = {
    RECEIVED: "diterima", FORWARDED: "diteruskan ke MPP Induk", IN_PROCESS: "diproses",
    READY: "siap diambil", HANDED_OVER: "sudah diserahkan", REJECTED: "ditolak",
}
# from -> allowed targets for every service; LOCAL_SHORTCUTS only for services finished here.
TRANSITIONS: dict[str, set[str]] = {
    RECEIVED: {FORWARDED, REJECTED},
    FORWARDED: {IN_PROCESS, REJECTED},
    IN_PROCESS: {READY, REJECTED},
    READY: {HANDED_OVER},
    HANDED_OVER: set(),
    REJECTED: set(),
}
LOCAL_SHORTCUTS: dict[str, set[str]] = {RECEIVED: {IN_PROCESS, READY}}
# Lifecycle order, so a stale status pulled from central never moves an application backwards.
_RANK = {RECEIVED: 0, FORWARDED: 1, IN_PROCESS: 2, READY: 3, HANDED_OVER: 4, REJECTED: 4}

NAME_MIN, NAME_MAX, ADDRESS_MAX, REASON_MAX = 2, 120, 300, 300
MAX_DAILY_SEQ = 9999

_MOD37_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_BODY_LEN = 19  # site 6 + day 6 + tag 3 + seq 4
_KEY_RE = re.compile(rf"^[0-9]{{12}}[{CROCKFORD}]{{3}}[0-9]{{4}}[0-9A-Z*]$")
# Crockford reading of confusables. Only safe in the body: it holds digits and Crockford tag characters,
# neither of which contains O, I or L, whereas the check character may legitimately be O, I or L.
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_PHONE_STRIP = re.compile(r"[\s\-.()]")


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


# --- NIK and phone ---------------------------------------------------------------------------------

def _nik_digits(nik: str) -> str:
    digits = "".join(str(nik).split())
    if not re.fullmatch(r"[0-9]{16}", digits):
        raise InputError(f"NIK harus 16 angka (NIK must be 16 digits), bukan {len(digits)} karakter")
    return digits


def nik_birth_date(nik: str, today: date) -> tuple[date, str]:
    """Birth date and sex ("L" laki-laki / "P" perempuan, day + 40) encoded in a NIK's DDMMYY."""
    digits = _nik_digits(nik)
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
    digits = _nik_digits(nik)
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


def mask_nik(nik: str) -> str:
    """`6402123456780001` -> `6402**********01` for paper and screens (UU 27/2022)."""
    nik = "".join(str(nik).split())
    if len(nik) < 6:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


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

def mod37_2_check(body: str) -> str:
    """ISO 7064 MOD 37-2 check character (0-9, A-Z or `*`) of an upper-case alphanumeric string."""
    total = 0
    for ch in body:
        total = ((total + _MOD37_ALPHABET.index(ch)) * 2) % 37
    return _MOD37_ALPHABET[(38 - total) % 37]


def make_registration_number(site_code: str, business_day: date, reg_tag: str, seq: int) -> str:
    """The pretty registration number `640212-261128-7KQ0012-5` of one intake."""
    site = "".join(ch for ch in site_code if ch.isdigit())
    if len(site) != 6 or len(reg_tag) != 3 or any(ch not in CROCKFORD for ch in reg_tag):
        raise ValueError(f"bad site code {site_code!r} or reg_tag {reg_tag!r}")
    if not 1 <= seq <= MAX_DAILY_SEQ:
        raise ValueError(f"sequence {seq} outside 1..{MAX_DAILY_SEQ}")
    body = f"{site}{business_day:%y%m%d}{reg_tag}{seq:04d}"
    return f"{body[:6]}-{body[6:12]}-{body[12:]}-{mod37_2_check(body)}"


def normalise_regno(text: str) -> str:
    """Upper-case, keep 0-9 A-Z `*`, and read O as 0 and I/L as 1 in the body (never in the check character)."""
    key = "".join(ch for ch in str(text).upper() if ch.isascii() and (ch.isalnum() or ch == "*"))
    return key[:_BODY_LEN].translate(_CONFUSABLES) + key[_BODY_LEN:]


def check_regno(text: str) -> str:
    """Validate format and check character of a typed registration number; returns its key."""
    key = normalise_regno(text)
    if not _KEY_RE.match(key):
        raise InputError(f"format nomor registrasi tidak dikenali: {text!r} (contoh: {REGNO_EXAMPLE})")
    if mod37_2_check(key[:_BODY_LEN]) != key[_BODY_LEN]:
        raise InputError("nomor registrasi salah ketik (digit periksa tidak cocok)")
    return key


def pretty_regno(key: str) -> str:
    """`6402122611287KQ00125` (a key) -> `640212-261128-7KQ0012-5`."""
    return f"{key[:6]}-{key[6:12]}-{key[12:19]}-{key[19:]}"


def _next_registration(session: Session, site_code: str, day: date, reg_tag: str) -> str:
    # Fixed-width key, so the lexical max of today's keys from this device carries the highest sequence.
    # Safe across processes: the caller's transaction holds the write lock (BEGIN IMMEDIATE).
    prefix = f"{''.join(ch for ch in site_code if ch.isdigit())}{day:%y%m%d}{reg_tag}"
    last = session.scalar(select(func.max(Application.regno_key)).where(Application.regno_key.startswith(prefix)))
    seq = int(last[15:19]) + 1 if last else 1
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


def new_application(session: Session, *, service_code: str, nik: str, name: str, phone: str | None = None,
                    desa_code: str | None = None, address: str | None = None, documents: list[str] | None = None,
                    notes: str | None = None, ticket_id: str | None = None, operator: str,
                    now: datetime) -> Application:
    """Take in a permohonan; `documents` lists the requirements received (None = all of them).

    A `forward` service is forwarded to MPP Induk in the same transaction; an `online` one is refused.
    """
    _aware(now)
    device = this_device(session)
    service = get_service(session, service_code)
    if service.mode == "online":
        raise InputError(f"layanan ini diajukan daring ({service.name}); bantu pemohon mengajukannya dari "
                         "kiosk/HP, bukan lewat permohonan loket (online service)")
    if not (operator or "").strip():
        raise InputError("petugas (operator) wajib diisi")
    today = now.astimezone(SITE_TZ).date()
    nik_digits = _nik_digits(nik)
    warnings = validate_nik(nik_digits, today)
    clean_name = _collapse(name)
    if not NAME_MIN <= len(clean_name) <= NAME_MAX:
        raise InputError(f"nama pemohon wajib diisi, {NAME_MIN}–{NAME_MAX} huruf")
    clean_address = _collapse(address) or None
    if clean_address and len(clean_address) > ADDRESS_MAX:
        raise InputError(f"alamat terlalu panjang (maks. {ADDRESS_MAX} huruf)")
    clean_phone = normalise_phone(phone) if phone and phone.strip() else None
    desa = _desa(desa_code, device.site_code)
    docs = _documents(service, documents)
    if ticket_id is not None and session.get(Ticket, ticket_id) is None:
        raise NotFound(f"tiket {ticket_id} tidak ditemukan")

    regno = _next_registration(session, device.site_code, today, device.reg_tag)
    app = Application(
        id=new_id(), registration_number=regno, regno_key=normalise_regno(regno), site_code=device.site_code,
        service_code=service.code, service=service, nik=nik_digits, name=clean_name, phone=clean_phone,
        desa_code=desa, address=clean_address, documents=docs, notes=(notes or "").strip() or None,
        status=RECEIVED, ticket_id=ticket_id, operator=operator, received_at=now, updated_at=now,
        warnings=warnings,
    )
    app.history.append(ApplicationEvent(from_status=None, to_status=RECEIVED, actor=operator, at=now, source="site"))
    session.add(app)
    audit.record(session, operator, "application.receive", now, "application", app.id, regno)
    outbox.append(session, "application.received", {
        "i": app.id, "rn": regno, "s": service.code, "nik": nik_digits, "nm": clean_name, "ph": clean_phone,
        "ds": desa, "ad": clean_address, "dc": docs, "nt": app.notes, "w": warnings, "st": RECEIVED,
        "tk": ticket_id, "u": operator, "at": outbox.epoch_seconds(now),
    }, now)
    if service.mode == "forward":
        # Such files go to MPP Induk on intake; nothing is processed here.
        _change_status(session, app, FORWARDED, actor="system", at=now, now=now, reason=None, source="site")
    return app


# --- status ----------------------------------------------------------------------------------------

def allowed_transitions(app: Application, source: str = "site") -> set[str]:
    """The statuses this application may move to, as decided by the site (or by central)."""
    if source == "site" and app.service.mode == "forward" and app.status in (FORWARDED, IN_PROCESS):
        return set()  # MPP Induk owns the workflow once forwarded; its changes arrive by sync
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
        outbox.append(session, "application.status", {
            "i": app.id, "f": frm, "t": to, "u": actor, "at": outbox.epoch_seconds(at), "r": reason,
        }, now)
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
    reason = _collapse(reason) or None
    if to_status == REJECTED and not reason:
        raise InputError("alasan penolakan wajib diisi (reason required)")
    if reason and len(reason) > REASON_MAX:
        raise InputError(f"alasan terlalu panjang (maks. {REASON_MAX} huruf)")
    return _change_status(session, app, to_status, actor=actor, at=now, now=now, reason=reason, source=source)


def hand_over(session: Session, regno: str | Application, *, actor: str, now: datetime) -> Application:
    """Hand the finished product to the applicant (ready -> handed_over)."""
    app = _resolve(session, regno)
    if app.status != READY:
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
    _change_status(session, app, status, actor="central", at=at, now=now, reason=_collapse(reason) or None,
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
