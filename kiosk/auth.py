"""Operators (petugas): roles, PIN hashing (hashlib.scrypt) and lockout.

Login is `login_attempt`, which never raises for a wrong PIN: the failure counter and the audit entry
are changes in the caller's session, and `store.transaction()` rolls back on any exception, so a
raising login would forget every failure and the lockout would never trigger. Use it like this:

    with store.transaction() as s:
        result = auth.login_attempt(s, username, pin, now=clock.now())
    if not result.ok:
        raise AuthError(result.message)      # after the commit

`login` is the same with the raise inside, for callers that commit before letting the error out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.clock import SITE_TZ
from kiosk.errors import AuthError, InputError, NotFound
from kiosk.models import Operator
from mpp.text import LIMITS, clean

ROLES = ("operator", "supervisor", "technician")
MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=5)
PIN_MIN, PIN_MAX = 6, 32
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN = 2**14, 8, 1, 32
WRONG_CREDENTIALS = "nama pengguna atau PIN salah (wrong username or PIN)"
_USERNAME_RE = re.compile(r"[a-z0-9._-]{2,32}")


# --- PINs ------------------------------------------------------------------------------------------

def check_pin_policy(pin: str) -> str:
    """A PIN is 6 or more digits (and nothing else); raises InputError otherwise."""
    if not isinstance(pin, str) or not re.fullmatch(rf"[0-9]{{{PIN_MIN},{PIN_MAX}}}", pin):
        raise InputError(f"PIN harus {PIN_MIN} angka atau lebih, hanya angka (PIN: at least {PIN_MIN} digits)")
    return pin


def hash_pin(pin: str) -> str:
    """`scrypt$n$r$p$salt_hex$hash_hex` of a PIN that passes the policy, with a fresh 16-byte salt."""
    check_pin_policy(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=SCRYPT_DKLEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when `pin` matches a `hash_pin` string (constant-time compare); False for anything malformed."""
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
        if scheme != "scrypt" or not isinstance(pin, str):
            return False
        expected = bytes.fromhex(hash_hex)
        digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except (AttributeError, ValueError):
        return False
    return hmac.compare_digest(digest, expected)


@cache
def _dummy_hash() -> str:
    # Unknown usernames still pay for one scrypt, so timing does not tell which usernames exist.
    return hash_pin("000000")


# --- operators -------------------------------------------------------------------------------------

def normalise_username(raw: str) -> str:
    """Lower-case and check `[a-z0-9._-]{2,32}`, not all digits (a PIN typed in the wrong field)."""
    username = (raw or "").strip().lower()
    if not _USERNAME_RE.fullmatch(username) or username.isdigit():
        raise InputError("nama pengguna harus 2–32 karakter a-z, 0-9, titik, garis bawah atau minus, "
                         f"dan bukan hanya angka (bukan {raw!r})")
    return username


def find_operator(session: Session, username: str) -> Operator | None:
    """An operator by username (case-insensitive), or None."""
    return session.scalar(select(Operator).where(Operator.username == (username or "").strip().lower()))


def get_operator(session: Session, username: str) -> Operator:
    """An operator by username (case-insensitive); NotFound otherwise."""
    op = find_operator(session, username)
    if op is None:
        raise NotFound(f"petugas {username!r} tidak ditemukan")
    return op


def create_operator(session: Session, *, username: str, full_name: str, role: str, pin: str, now: datetime,
                    actor: str) -> Operator:
    """Add an operator with a hashed PIN; the username is unique."""
    name = normalise_username(username)
    full = clean(full_name)
    limit = LIMITS["name"][0]
    if not 2 <= len(full) <= limit:
        raise InputError(f"nama lengkap petugas wajib diisi, 2–{limit} huruf")
    if role not in ROLES:
        raise InputError(f"peran tidak dikenal: {role!r} (pilihan: {', '.join(ROLES)})")
    if session.scalar(select(Operator.id).where(Operator.username == name)) is not None:
        raise InputError(f"nama pengguna {name!r} sudah dipakai")
    op = Operator(username=name, full_name=full, role=role, pin_hash=hash_pin(pin), failed_attempts=0,
                  locked_until=None, active=True, created_at=now)
    session.add(op)
    audit.record(session, actor, "operator.create", now, "operator", name, f"role={role}")
    return op


def set_pin(session: Session, username: str, new_pin: str, *, actor: str, now: datetime,
            current_pin: str | None = None) -> Operator:
    """Set a new PIN (a supervisor reset, or a self-change when `current_pin` is given); also unlocks."""
    op = get_operator(session, username)
    if current_pin is not None and not verify_pin(current_pin, op.pin_hash):
        audit.record(session, actor, "operator.set_pin_failed", now, "operator", op.username, "PIN lama salah")
        raise AuthError("PIN lama salah (current PIN is wrong)")
    op.pin_hash = hash_pin(new_pin)
    op.failed_attempts = 0
    op.locked_until = None
    audit.record(session, actor, "operator.set_pin", now, "operator", op.username)
    return op


def deactivate_operator(session: Session, username: str, *, actor: str, now: datetime) -> Operator:
    """Turn an operator off (records stay); the last active supervisor cannot be turned off."""
    op = get_operator(session, username)
    if not op.active:
        return op
    if op.role == "supervisor":
        others = session.scalar(select(func.count()).select_from(Operator).where(
            Operator.role == "supervisor", Operator.active.is_(True), Operator.id != op.id))
        if not others:
            raise InputError("supervisor aktif terakhir tidak bisa dinonaktifkan; buat supervisor lain dulu")
    op.active = False
    audit.record(session, actor, "operator.deactivate", now, "operator", op.username)
    return op


def set_role(session: Session, username: str, role: str, *, actor: str, now: datetime) -> Operator:
    """Change an operator's role; the last active supervisor stays one."""
    op = get_operator(session, username)
    if role not in ROLES:
        raise InputError(f"peran tidak dikenal: {role!r} (pilihan: {', '.join(ROLES)})")
    if op.role == role:
        return op
    if op.role == "supervisor" and op.active:
        others = session.scalar(select(func.count()).select_from(Operator).where(
            Operator.role == "supervisor", Operator.active.is_(True), Operator.id != op.id))
        if not others:
            raise InputError("supervisor aktif terakhir tidak bisa diganti perannya; buat supervisor lain dulu")
    audit.record(session, actor, "operator.set_role", now, "operator", op.username, f"{op.role}->{role}")
    op.role = role
    return op


def list_operators(session: Session, *, active_only: bool = False) -> list[Operator]:
    """Operators by username (inactive ones too unless `active_only`)."""
    query = select(Operator).order_by(Operator.username)
    if active_only:
        query = query.where(Operator.active.is_(True))
    return list(session.scalars(query))


# What needs more than an operator's role; screens and ops ask `may` instead of listing roles themselves.
PERMISSIONS: dict[str, tuple[str, ...]] = {
    "supervise": ("supervisor", "technician"),   # supervisor tab: reports, print queue, day close, IKM
    "admin_panel": ("supervisor", "technician"),  # the kiosk's hidden admin panel: exit, printer, sync
    "manage_operators": ("supervisor",),          # add operators, reset PINs, deactivate
}


def may(role: str | None, action: str) -> bool:
    """Whether an operator with `role` may do `action` (a key of PERMISSIONS)."""
    return role in PERMISSIONS[action]


def require_role(op: Operator, *roles: str) -> Operator:
    """Refuse (AuthError) an operator whose role is not one of `roles`."""
    if op.role not in roles:
        raise AuthError(f"hanya {' / '.join(roles)} yang boleh melakukan ini (peran Anda: {op.role})")
    return op


def require(op: Operator, action: str) -> Operator:
    """Refuse (AuthError) an operator who may not do `action`."""
    return require_role(op, *PERMISSIONS[action])


def operator_dict(op: Operator) -> dict:
    """The JSON shape of an operator (never the PIN hash)."""
    return {"username": op.username, "name": op.full_name, "role": op.role, "active": op.active}


# --- login -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LoginResult:
    operator: Operator | None
    message: str

    @property
    def ok(self) -> bool:
        return self.operator is not None


def _hhmm(at: datetime) -> str:
    return at.astimezone(SITE_TZ).strftime("%H:%M")


def login_attempt(session: Session, username: str, pin: str, *, now: datetime) -> LoginResult:
    """Check a username and PIN without raising; the caller commits, so failures and lockouts persist.

    5 consecutive failures lock the account for 5 minutes; during the lock even the right PIN fails.
    Every attempt is audited, never with the PIN.
    """
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime")
    typed = (username or "").strip().lower()
    op = session.scalar(select(Operator).where(Operator.username == typed)) if typed else None
    if op is None:
        verify_pin(pin, _dummy_hash())
        # Record what was typed only if it looks like a username: never log a PIN typed in the wrong field.
        shown = typed if _USERNAME_RE.fullmatch(typed) and not typed.isdigit() else "?"
        audit.record(session, shown, "login.failed", now, "operator", None, "pengguna tidak dikenal")
        return LoginResult(None, WRONG_CREDENTIALS)

    if op.locked_until is not None:
        if now < op.locked_until:
            audit.record(session, op.username, "login.failed", now, "operator", op.username, "akun terkunci")
            return LoginResult(None, f"akun terkunci sampai {_hhmm(op.locked_until)} (account locked)")
        op.locked_until, op.failed_attempts = None, 0  # the lock has run out: a fresh set of tries

    if not verify_pin(pin, op.pin_hash):
        op.failed_attempts = (op.failed_attempts or 0) + 1
        detail = f"PIN salah ({op.failed_attempts}/{MAX_FAILURES})"
        message = WRONG_CREDENTIALS
        if op.failed_attempts >= MAX_FAILURES:
            op.locked_until = now + LOCK_DURATION
            detail += "; dikunci"
            message = f"PIN salah {MAX_FAILURES} kali: akun terkunci sampai {_hhmm(op.locked_until)} (account locked)"
        audit.record(session, op.username, "login.failed", now, "operator", op.username, detail)
        return LoginResult(None, message)

    op.failed_attempts = 0
    if not op.active:
        audit.record(session, op.username, "login.failed", now, "operator", op.username, "akun nonaktif")
        return LoginResult(None, "akun nonaktif; hubungi supervisor (account deactivated)")
    audit.record(session, op.username, "login", now, "operator", op.username)
    return LoginResult(op, "")


def login(session: Session, username: str, pin: str, *, now: datetime) -> Operator:
    """`login_attempt` that raises AuthError on failure.

    The failure counter is only in the session: a caller inside `store.transaction()` that lets this
    error escape rolls it back. Such callers use `login_attempt` (see the module docstring).
    """
    result = login_attempt(session, username, pin, now=now)
    if not result.ok:
        raise AuthError(result.message)
    return result.operator
