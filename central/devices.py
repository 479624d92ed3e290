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

from central.ingest import dialect_insert
from central.models import Device, EnrollmentCode
from mpp.errors import InputError
from mpp.sites import CROCKFORD, normalise_site_code

T_CODES, T_DEVICES = EnrollmentCode.__table__, Device.__table__
CODE_GROUPS, CODE_GROUP_LEN = 3, 4  # 60 random bits: XXXX-XXXX-XXXX
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})


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


def enroll(conn: Connection, code: str, *, device_id: str, site_code: str, name: str,
           now: datetime) -> tuple[dict, str]:
    """Spend a code for a device; returns (device row as dict, secret). Raises EnrollRefused."""
    query = select(T_CODES).where(T_CODES.c.code_hash == _sha256(normalise_code(code)))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise EnrollRefused("invalid_code", "kode pendaftaran salah (enrollment code not recognised)")
    if row.used_at is not None:
        raise EnrollRefused("used_code", "kode pendaftaran sudah dipakai (enrollment code already used)")
    if row.expires_at <= now:
        raise EnrollRefused("expired_code", "kode pendaftaran sudah kedaluwarsa (enrollment code expired)")
    if row.site_code != site_code:
        raise EnrollRefused("site_mismatch", f"kode ini untuk situs {row.site_code}, bukan {site_code} "
                                             "(the code was made for another site)")
    existing = conn.execute(select(T_DEVICES.c.site_code).where(T_DEVICES.c.id == device_id)).first()
    if existing is not None and existing.site_code != site_code:
        raise EnrollRefused("site_mismatch", f"perangkat ini terdaftar untuk situs {existing.site_code}")
    spent = conn.execute(update(T_CODES).where(T_CODES.c.id == row.id, T_CODES.c.used_at.is_(None))
                         .values(used_at=now, device_id=device_id))
    if spent.rowcount != 1:
        raise EnrollRefused("used_code", "kode pendaftaran sudah dipakai (enrollment code already used)")
    secret = secrets.token_urlsafe(32)
    values = {"id": device_id, "site_code": site_code, "name": name[:80] or device_id[:8],
              "secret_hash": _sha256(secret), "enrolled_at": now, "last_seen_at": None, "revoked_at": None}
    stmt = dialect_insert(conn, T_DEVICES).values(values)
    stmt = stmt.on_conflict_do_update(index_elements=["id"], set_={
        k: stmt.excluded[k] for k in ("name", "secret_hash", "enrolled_at", "revoked_at")})
    conn.execute(stmt)
    return values, secret


def authenticate(conn: Connection, authorization: str | None):
    """The device row for `Bearer DEVICE_ID:SECRET`, or None."""
    if not authorization or not authorization.startswith("Bearer "):
        return None
    device_id, sep, secret = authorization[7:].strip().partition(":")
    if not sep or not device_id or not secret:
        return None
    row = conn.execute(select(T_DEVICES.c.id, T_DEVICES.c.site_code, T_DEVICES.c.secret_hash,
                              T_DEVICES.c.revoked_at, T_DEVICES.c.last_seen_at)
                       .where(T_DEVICES.c.id == device_id)).first()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.secret_hash, _sha256(secret)):
        return None
    return row
