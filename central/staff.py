"""MPP Induk staff: accounts and roles, argon2 passwords, browser sessions and the audit log.

Plain functions over a Connection; the caller owns the transaction. Roles: `admin` (everything),
`verifier` (works on applications), `viewer` (reads). A session is a random token in a cookie; the
database keeps only its SHA-256, so a leaked table cannot be replayed as cookies.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from central.models import StaffAudit, StaffSession, StaffUser
from central.rules import InputError, NotFound

T_USERS, T_SESSIONS, T_AUDIT = StaffUser.__table__, StaffSession.__table__, StaffAudit.__table__
ROLES = ("admin", "verifier", "viewer")
# What each role may do; a page or form asks `can(user, action)`, never compares role names itself.
PERMISSIONS = {
    "read": {"admin", "verifier", "viewer"},
    "work": {"admin", "verifier"},  # move applications, notes, show a NIK
    "admin": {"admin"},  # devices, enrollment codes, dead letters, catalog, announcements, quotas
}
USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,39}$")
PASSWORD_MIN = 10
SESSION_IDLE = timedelta(hours=2)
SESSION_MAX = timedelta(hours=12)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often per session

_hasher = None


def hasher():
    """argon2id with the library's defaults (64 MiB, 3 passes): memory-hard, ~50 ms a check."""
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hasher().hash(secrets.token_urlsafe(16))
    return _DUMMY_HASH


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Staff:
    """The signed-in staff member of a request."""

    id: int
    username: str
    role: str
    csrf_token: str
    session_hash: str

    def can(self, action: str) -> bool:
        return self.role in PERMISSIONS[action]


def can(role: str, action: str) -> bool:
    """Whether a role may do an action (read, work, admin)."""
    return role in PERMISSIONS[action]


# --- accounts ----------------------------------------------------------------------------------------

def normalise_username(name: str) -> str:
    name = (name or "").strip().lower()
    if not USERNAME.match(name):
        raise InputError(f"nama pengguna tidak sah: {name!r} (2–40 huruf kecil, angka, titik, garis; awali huruf)")
    return name


def add_user(conn: Connection, username: str, role: str, password: str, now: datetime) -> dict:
    """Create a staff account; the password is stored only as an argon2id hash."""
    username = normalise_username(username)
    if role not in ROLES:
        raise InputError(f"peran harus salah satu dari {', '.join(ROLES)}, bukan {role!r}")
    if len(password) < PASSWORD_MIN:
        raise InputError(f"kata sandi minimal {PASSWORD_MIN} karakter (password too short)")
    if conn.scalar(select(T_USERS.c.id).where(T_USERS.c.username == username)) is not None:
        raise InputError(f"pengguna {username} sudah ada")
    conn.execute(insert(T_USERS).values(username=username, role=role, password_hash=hasher().hash(password),
                                        active=True, created_at=now))
    return {"username": username, "role": role, "active": True}


def list_users(conn: Connection) -> list[dict]:
    """Every account (no hashes)."""
    return [{"username": r.username, "role": r.role, "active": r.active, "created_at": r.created_at.isoformat(),
             "last_login_at": r.last_login_at.isoformat() if r.last_login_at else None}
            for r in conn.execute(select(T_USERS).order_by(T_USERS.c.username))]


def disable_user(conn: Connection, username: str, now: datetime) -> dict:
    """Disable an account and end its sessions at once."""
    username = normalise_username(username)
    row = conn.execute(select(T_USERS).where(T_USERS.c.username == username)).first()
    if row is None:
        raise NotFound(f"pengguna {username} tidak ada")
    conn.execute(update(T_USERS).where(T_USERS.c.id == row.id).values(active=False, disabled_at=now))
    conn.execute(update(T_SESSIONS).where(T_SESSIONS.c.user_id == row.id, T_SESSIONS.c.ended_at.is_(None))
                 .values(ended_at=now))
    return {"username": username, "role": row.role, "active": False}


def check_password(conn: Connection, username: str, password: str):
    """The active user row if the password is right, else None (same work whether or not the user exists)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        username = normalise_username(username)
    except InputError:
        username = ""
    row = conn.execute(select(T_USERS).where(T_USERS.c.username == username)).first() if username else None
    try:
        hasher().verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    if hasher().check_needs_rehash(row.password_hash):
        conn.execute(update(T_USERS).where(T_USERS.c.id == row.id).values(password_hash=hasher().hash(password)))
    return row


# --- sessions ----------------------------------------------------------------------------------------

def start_session(conn: Connection, user_id: int, *, now: datetime, ip: str | None, user_agent: str | None) -> str:
    """A new session for a signed-in user; returns the cookie token (the only time it exists in clear)."""
    token = secrets.token_urlsafe(32)
    conn.execute(insert(T_SESSIONS).values(
        token_hash=_sha256(token), user_id=user_id, csrf_token=secrets.token_urlsafe(32), created_at=now,
        last_seen_at=now, expires_at=now + SESSION_MAX, ip=ip, user_agent=(user_agent or "")[:200] or None))
    conn.execute(update(T_USERS).where(T_USERS.c.id == user_id).values(last_login_at=now))
    return token


def session_staff(conn: Connection, token: str | None, now: datetime) -> Staff | None:
    """The staff member of a session cookie, or None when absent, unknown, ended, idle or expired."""
    if not token or len(token) > 100:
        return None
    token_hash = _sha256(token)
    row = conn.execute(
        select(T_SESSIONS.c.csrf_token, T_SESSIONS.c.last_seen_at, T_SESSIONS.c.expires_at, T_SESSIONS.c.ended_at,
               T_USERS.c.id, T_USERS.c.username, T_USERS.c.role, T_USERS.c.active)
        .join(T_USERS, T_USERS.c.id == T_SESSIONS.c.user_id)
        .where(T_SESSIONS.c.token_hash == token_hash)).first()
    if row is None or row.ended_at is not None or not row.active:
        return None
    if row.expires_at <= now or row.last_seen_at + SESSION_IDLE <= now:
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        conn.execute(update(T_SESSIONS).where(T_SESSIONS.c.token_hash == token_hash).values(last_seen_at=now))
    return Staff(row.id, row.username, row.role, row.csrf_token, token_hash)


def end_session(conn: Connection, session_hash: str, now: datetime) -> None:
    conn.execute(update(T_SESSIONS).where(T_SESSIONS.c.token_hash == session_hash).values(ended_at=now))


# --- audit -------------------------------------------------------------------------------------------

def audit(conn: Connection, actor: str, action: str, now: datetime, *, ip: str | None, target_kind: str | None = None,
          target: str | None = None, detail: str | None = None) -> None:
    """Append one line to the staff audit log, in the caller's transaction."""
    conn.execute(insert(T_AUDIT).values(at=now, actor=actor[:40], action=action[:40], target_kind=target_kind,
                                        target=(target or None) and target[:80], detail=detail, ip=ip))


def recent_audit(conn: Connection, limit: int = 200, actor: str | None = None) -> list:
    query = select(T_AUDIT).order_by(T_AUDIT.c.id.desc()).limit(limit)
    if actor:
        query = query.where(T_AUDIT.c.actor == actor)
    return conn.execute(query).all()
