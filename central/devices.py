"""Enrollment codes and device credentials.

A code is made for one site, shown once, stored only as a hash, expires and works once. Enrolling
gives the kiosk a secret; central keeps only its hash. The device id is the kiosk's own device UUID,
so re-enrolling a kiosk (a new secret) keeps its outbox streams and never restarts its seqs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from central.models import Device, EnrollmentCode
from mpp.errors import InputError, NotFound
from mpp.sites import CROCKFORD, normalise_site_code
from mpp.text import clean

T_CODES, T_DEVICES = EnrollmentCode.__table__, Device.__table__
CODE_GROUPS, CODE_GROUP_LEN = 3, 4  # 60 random bits: XXXX-XXXX-XXXX
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# A kiosk's device UUID; never a ':' (the bearer token is DEVICE_ID:SECRET).
DEVICE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{7,35}")


class EnrollRefused(Exception):
    """An enrollment that must not happen: an error code for the wire and a message for a person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def parse_duration(text: str) -> timedelta:
    """`90s`, `30m`, `24h`, `7d` -> timedelta."""
    match = _DURATION.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise InputError(f"durasi tidak sah: {text!r} (contoh: 30m, 24h, 7d)")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_code(text: str) -> str:
    """Upper-case Crockford base32 without dashes or spaces; O/I/L read as 0/1/1."""
    return "".join(ch for ch in str(text).upper() if ch.isalnum()).translate(_CONFUSABLES)


def create_enrollment_code(conn: Connection, site_code: str, expires_in: timedelta, now: datetime) -> str:
    """Make a one-time code for a site; returns it (the only time it exists in clear)."""
    site = normalise_site_code(site_code)
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    conn.execute(insert(T_CODES).values(code_hash=_sha256(raw), site_code=site, created_at=now,
                                        expires_at=now + expires_in))
    return "-".join(raw[i:i + CODE_GROUP_LEN] for i in range(0, len(raw), CODE_GROUP_LEN))


def create_reenroll_code(conn: Connection, device_id: str, expires_in: timedelta, now: datetime) -> str:
    """A one-time code bound to an existing device (a reinstalled PC keeps its identity and outbox streams)."""
    device = conn.execute(select(T_DEVICES.c.site_code, T_DEVICES.c.revoked_at).where(T_DEVICES.c.id == device_id)).first()
    if device is None:
        raise NotFound(f"perangkat {device_id} tidak ditemukan (lihat `kiosk-server device list`)")
    if device.revoked_at is not None:
        raise InputError(f"perangkat {device_id} sudah dicabut; pencabutan berlaku selamanya (enroll a new device)")
    code = create_enrollment_code(conn, device.site_code, expires_in, now)
    conn.execute(update(T_CODES).where(T_CODES.c.code_hash == _sha256(normalise_code(code)))
                 .values(for_device=device_id))
    return code


def revoke_device(conn: Connection, device_id: str, now: datetime) -> dict:
    """Revoke a device for good: it can no longer push, pull or enroll again (idempotent)."""
    row = conn.execute(select(T_DEVICES.c.id, T_DEVICES.c.site_code, T_DEVICES.c.name, T_DEVICES.c.revoked_at)
                       .where(T_DEVICES.c.id == device_id)).first()
    if row is None:
        raise NotFound(f"perangkat {device_id} tidak ditemukan (lihat `kiosk-server device list`)")
    revoked_at = row.revoked_at or now
    if row.revoked_at is None:
        conn.execute(update(T_DEVICES).where(T_DEVICES.c.id == device_id).values(revoked_at=now))
        # Codes not used yet for this device die with it.
        conn.execute(update(T_CODES).where(T_CODES.c.for_device == device_id, T_CODES.c.used_at.is_(None))
                     .values(expires_at=now))
    return {"device_id": row.id, "site": row.site_code, "name": row.name, "revoked_at": revoked_at.isoformat()}


def _refuse_used(row, device_id: str, existing) -> bool:
    """A used code is refused, except for the device that used it retrying after a lost answer, as long
    as that device has not used its credentials yet (so a code never takes over a working device)."""
    return not (row.device_id == device_id and existing is not None and existing.revoked_at is None
                and existing.last_seen_at is None)


def enroll(conn: Connection, code: str, *, device_id: str, site_code: str, name: str,
           now: datetime) -> tuple[dict, str]:
    """Spend a code for a device; returns (device row as dict, secret). Raises EnrollRefused.

    A new device id needs a site code; an existing one only a re-enroll code bound to it; a revoked one
    nothing ever again. The same device retrying the same code (its answer was lost) gets a fresh secret.
    """
    if not DEVICE_ID.fullmatch(device_id or ""):
        raise EnrollRefused("bad_device", "id perangkat tidak sah: 8-36 huruf, angka atau '-' (bad device id)")
    query = select(T_CODES).where(T_CODES.c.code_hash == _sha256(normalise_code(code)))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise EnrollRefused("invalid_code", "kode pendaftaran salah (enrollment code not recognised)")
    if row.expires_at <= now:
        raise EnrollRefused("expired_code", "kode pendaftaran sudah kedaluwarsa (enrollment code expired)")
    if row.site_code != site_code:
        raise EnrollRefused("site_mismatch", f"kode ini untuk situs {row.site_code}, bukan {site_code} "
                                             "(the code was made for another site)")
    device_query = select(T_DEVICES.c.site_code, T_DEVICES.c.revoked_at, T_DEVICES.c.last_seen_at).where(
        T_DEVICES.c.id == device_id)
    if conn.dialect.name == "postgresql":
        device_query = device_query.with_for_update()
    existing = conn.execute(device_query).first()
    if existing is not None and existing.revoked_at is not None:
        raise EnrollRefused("revoked", "perangkat ini sudah dicabut dan tidak bisa didaftarkan lagi (device revoked)")
    if row.used_at is not None:
        if _refuse_used(row, device_id, existing):
            raise EnrollRefused("used_code", "kode pendaftaran sudah dipakai (enrollment code already used)")
    else:
        if row.for_device is not None and row.for_device != device_id:
            raise EnrollRefused("device_mismatch", "kode ini untuk perangkat lain (re-enroll code of another device)")
        if existing is not None and row.for_device != device_id:
            raise EnrollRefused("device_exists", "perangkat dengan id ini sudah terdaftar; minta kode daftar ulang "
                                                 "(`kiosk-server device re-enroll ID`) (device already enrolled)")
        if existing is not None and existing.site_code != site_code:
            raise EnrollRefused("site_mismatch", f"perangkat ini terdaftar untuk situs {existing.site_code}")
        spent = conn.execute(update(T_CODES).where(T_CODES.c.id == row.id, T_CODES.c.used_at.is_(None))
                             .values(used_at=now, device_id=device_id))
        if spent.rowcount != 1:
            raise EnrollRefused("used_code", "kode pendaftaran sudah dipakai (enrollment code already used)")
    secret = secrets.token_urlsafe(32)
    values = {"id": device_id, "site_code": site_code, "name": clean(name)[:80] or device_id[:8],
              "secret_hash": _sha256(secret), "enrolled_at": now, "last_seen_at": None, "revoked_at": None}
    if existing is None:
        conn.execute(insert(T_DEVICES).values(values))
    else:  # never touches revoked_at: revocation is permanent
        conn.execute(update(T_DEVICES).where(T_DEVICES.c.id == device_id, T_DEVICES.c.revoked_at.is_(None)).values(
            name=values["name"], secret_hash=values["secret_hash"], enrolled_at=now, last_seen_at=None))
    return values, secret


def authenticate(conn: Connection, authorization: str | None):
    """The device row for `Bearer DEVICE_ID:SECRET`, or None."""
    if not authorization or not authorization.startswith("Bearer "):
        return None
    device_id, sep, secret = authorization[7:].strip().partition(":")
    if not sep or not DEVICE_ID.fullmatch(device_id) or not secret or len(secret) > 128:
        return None
    row = conn.execute(select(T_DEVICES.c.id, T_DEVICES.c.site_code, T_DEVICES.c.secret_hash,
                              T_DEVICES.c.revoked_at, T_DEVICES.c.last_seen_at, T_DEVICES.c.hub_epoch)
                       .where(T_DEVICES.c.id == device_id)).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.secret_hash, _sha256(secret)):
        return None
    return row


class Fenced(Exception):
    """A site hub pushed with an epoch lower than one central already heard from for that identity."""

    def __init__(self, epoch: int):
        super().__init__(f"a newer site hub (epoch {epoch}) took over this site: this PC must stand down")
        self.epoch = epoch


def check_fence(db, device, fence: int) -> None:
    """A site hub's push carries its epoch: refuse an older hub (Fenced); remember a newer one."""
    known = device.hub_epoch or 0
    if fence < known:
        raise Fenced(known)
    if fence > known:  # rare: a promotion; its own short transaction
        with db.write() as conn:
            conn.execute(update(T_DEVICES).where(T_DEVICES.c.id == device.id, (T_DEVICES.c.hub_epoch.is_(None))
                                                 | (T_DEVICES.c.hub_epoch < fence)).values(hub_epoch=fence))
