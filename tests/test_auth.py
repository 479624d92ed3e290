"""Operators: PIN hashing, policy, lockout with a moving clock, audit without PINs."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from kiosk import auth
from kiosk.clock import SITE_TZ
from kiosk.errors import AuthError, InputError, NotFound
from kiosk.models import AuditEntry, Operator

PIN = "246810"
BAD = "135790"


@pytest.fixture
def clock_start():
    return datetime(2026, 11, 28, 9, 0, tzinfo=SITE_TZ)


@pytest.fixture
def db(site_store, clock):
    with site_store.transaction() as s:
        auth.create_operator(s, username="Sari", full_name="Sari  Wulandari", role="operator", pin=PIN,
                             now=clock.now(), actor="setup")
        auth.create_operator(s, username="boss", full_name="Pak Boss", role="supervisor", pin=PIN,
                             now=clock.now(), actor="setup")
    return site_store


def attempt(db, clock, pin, username="sari"):
    # The documented pattern: commit the attempt, then act on the result.
    with db.transaction() as s:
        result = auth.login_attempt(s, username, pin, now=clock.now())
        return result.ok, result.message


def operator(db, username="sari"):
    with db.read() as s:
        return s.scalar(select(Operator).where(Operator.username == username))


def test_hash_format_and_verify():
    stored = auth.hash_pin(PIN)
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1") and len(bytes.fromhex(salt)) == 16
    assert auth.verify_pin(PIN, stored) and not auth.verify_pin(BAD, stored)
    assert auth.hash_pin(PIN) != stored  # fresh salt each time
    for junk in ("", "scrypt$1$2", "bcrypt$x", "scrypt$16384$8$1$zz$zz"):
        assert auth.verify_pin(PIN, junk) is False


@pytest.mark.parametrize("pin", ["12345", "12345a", " 123456", "١٢٣٤٥٦", "", "1" * 33])
def test_pin_policy(pin):
    with pytest.raises(InputError, match="PIN"):
        auth.hash_pin(pin)


def test_create_operator_normalises_and_audits(db):
    op = operator(db)
    assert op.username == "sari" and op.full_name == "Sari Wulandari" and op.active and op.pin_hash.startswith("scrypt$")
    with db.read() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "operator.create", AuditEntry.object_id == "sari"))
        assert entry.actor == "setup" and PIN not in (entry.detail or "")


@pytest.mark.parametrize("kw, fragment", [
    ({"username": "SARI"}, "sudah dipakai"),
    ({"username": "a"}, "nama pengguna"),
    ({"username": "budi santoso"}, "nama pengguna"),
    ({"username": "123456"}, "angka"),
    ({"role": "admin"}, "peran"),
    ({"full_name": " "}, "nama lengkap"),
    ({"pin": "1234"}, "PIN"),
])
def test_create_operator_refuses(db, clock, kw, fragment):
    args = {"username": "budi", "full_name": "Budi", "role": "operator", "pin": PIN} | kw
    with pytest.raises(InputError, match=fragment), db.transaction() as s:
        auth.create_operator(s, now=clock.now(), actor="boss", **args)


def test_login_success_is_case_insensitive_and_audited(db, clock):
    assert attempt(db, clock, PIN, "  SARI ") == (True, "")
    with db.transaction() as s:
        assert auth.login(s, "sari", PIN, now=clock.now()).username == "sari"
    with db.read() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.actor == "sari")).all() == ["login", "login"]


def test_lockout_after_five_failures_and_unlock_after_five_minutes(db, clock):
    for i in range(1, 5):
        ok, message = attempt(db, clock, BAD)
        assert not ok and message == auth.WRONG_CREDENTIALS
        assert operator(db).failed_attempts == i  # persisted although the attempt failed
        clock.advance(seconds=10)
    ok, message = attempt(db, clock, BAD)
    assert not ok and "terkunci sampai 09:05" in message  # 5th failure at 09:00:40 WITA
    assert operator(db).locked_until is not None

    clock.advance(minutes=2)
    ok, message = attempt(db, clock, PIN)  # the right PIN still fails during the lock
    assert not ok and message.startswith("akun terkunci sampai 09:05")
    with db.transaction() as s, pytest.raises(AuthError, match="terkunci"):
        auth.login(s, "sari", PIN, now=clock.now())

    clock.advance(minutes=3)  # 09:05:40, past the lock
    assert attempt(db, clock, PIN) == (True, "")
    op = operator(db)
    assert op.failed_attempts == 0 and op.locked_until is None


def test_success_resets_the_counter_so_only_consecutive_failures_count(db, clock):
    for _ in range(4):
        attempt(db, clock, BAD)
    assert attempt(db, clock, PIN)[0]
    for _ in range(4):
        attempt(db, clock, BAD)
    assert attempt(db, clock, PIN)[0]


def test_failed_attempts_are_audited_without_the_pin(db, clock):
    attempt(db, clock, BAD)
    attempt(db, clock, PIN, username="nobody")
    attempt(db, clock, PIN, username=PIN)  # a PIN typed into the username field
    with db.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "login.failed").order_by(AuditEntry.id)).all()
        assert [(r.actor, r.detail) for r in rows] == [
            ("sari", "PIN salah (1/5)"), ("nobody", "pengguna tidak dikenal"), ("?", "pengguna tidak dikenal")]
        everything = s.scalars(select(AuditEntry)).all()
        assert not any(PIN in f"{r.actor} {r.detail} {r.object_id}" or BAD in f"{r.actor} {r.detail}" for r in everything)


def test_unknown_user_gets_the_same_message_as_a_wrong_pin(db, clock):
    assert attempt(db, clock, PIN, username="nobody") == attempt(db, clock, BAD) == (False, auth.WRONG_CREDENTIALS)


def test_login_raises_auth_error(db, clock):
    with db.transaction() as s, pytest.raises(AuthError, match="salah"):
        auth.login(s, "sari", BAD, now=clock.now())


def test_set_pin_unlocks_and_checks_current_pin(db, clock):
    for _ in range(5):
        attempt(db, clock, BAD)
    with db.transaction() as s:
        auth.set_pin(s, "sari", "112233", actor="boss", now=clock.now())
    assert attempt(db, clock, "112233") == (True, "")
    with pytest.raises(AuthError, match="PIN lama"), db.transaction() as s:
        auth.set_pin(s, "sari", "445566", actor="sari", now=clock.now(), current_pin=PIN)
    with db.transaction() as s:
        auth.set_pin(s, "sari", "445566", actor="sari", now=clock.now(), current_pin="112233")
    assert attempt(db, clock, "445566")[0]
    with pytest.raises(NotFound), db.transaction() as s:
        auth.set_pin(s, "ghost", "445566", actor="boss", now=clock.now())


def test_deactivated_operator_cannot_log_in(db, clock):
    with db.transaction() as s:
        auth.deactivate_operator(s, "sari", actor="boss", now=clock.now())
    ok, message = attempt(db, clock, PIN)
    assert not ok and "nonaktif" in message
    assert attempt(db, clock, BAD) == (False, auth.WRONG_CREDENTIALS)  # no hint without the right PIN
    with db.read() as s:
        assert [o.username for o in auth.list_operators(s)] == ["boss", "sari"]
        assert [o.username for o in auth.list_operators(s, active_only=True)] == ["boss"]


def test_last_active_supervisor_cannot_be_deactivated(db, clock):
    with pytest.raises(InputError, match="terakhir"), db.transaction() as s:
        auth.deactivate_operator(s, "boss", actor="boss", now=clock.now())
    with db.transaction() as s:
        auth.create_operator(s, username="boss2", full_name="Bu Boss", role="supervisor", pin=PIN,
                             now=clock.now(), actor="boss")
        auth.deactivate_operator(s, "boss", actor="boss2", now=clock.now())


def test_require_role(db):
    op = operator(db)
    assert auth.require_role(op, "operator", "supervisor") is op
    with pytest.raises(AuthError, match="supervisor"):
        auth.require_role(op, "supervisor")
