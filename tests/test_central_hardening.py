"""Central refuses what it must, and one bad record never stops a site: crafted and poisoned pushes
against a real `kiosk-server` process (SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import json
import os
import uuid

import requests

from mpp import wire
from tests.synctools import TABANG, central_fixture
from tests.test_central_api import NOW, Device, called, issued, received, regno_for

central = central_fixture()


def app_status(aid: str, frm: str, to: str, actor: str = "budi") -> tuple[str, dict]:
    return (wire.APPLICATION_STATUS, wire.payload(wire.APPLICATION_STATUS, id=aid, from_status=frm, to_status=to,
                                                  actor=actor, at=NOW))


def dead_letters(central, device) -> dict[int, str]:
    return {r.seq: r.rejected for r in central.rows(
        "SELECT seq, rejected FROM mutations WHERE device_id = :d AND rejected IS NOT NULL", d=device.id)}


def test_nul_bytes_and_control_characters_are_cleaned_not_a_500(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 101)
    name, payload = received(aid, regno)
    payload = {**payload, "nm": "Siti\x00 Aminah\x1b@", "nt": "catatan\x00 satu\r\ndua", "ad": "RT\x0001",
               "u": "bu\x00di"}
    t1, t2 = str(uuid.uuid4()), str(uuid.uuid4())
    reply = device.push([issued(t1), (name, payload), issued(t2, "A-002"), called(t2)])
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"a": 4, "r": [], "now": reply.json()["now"]}
    row = central.rows("SELECT name, notes, address, operator FROM applications WHERE id = :i", i=aid)[0]
    assert tuple(row) == ("Siti Aminah@", "catatan satu\ndua", "RT01", "budi")


def test_text_over_the_shared_limits_is_dead_lettered_and_the_rest_applies(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 102)
    name, payload = received(aid, regno)
    t1 = str(uuid.uuid4())
    reply = device.push([issued(t1), (name, {**payload, "nt": "x" * 4001}), called(t1),
                         (name, {**payload, "i": str(uuid.uuid4()), "rn": regno_for(TABANG, 103), "u": "o" * 65})])
    assert reply.status_code == 200, reply.text
    assert [seq for seq, _ in reply.json()["r"]] == [2, 4]
    assert "notes" in dict(reply.json()["r"])[2] and "operator" in dict(reply.json()["r"])[4]
    assert central.scalar("SELECT status FROM tickets WHERE id = :t", t=t1) == "called"
    assert reply.json()["a"] == 4 and device.push([issued(str(uuid.uuid4()))]).json()["a"] == 5


def test_an_oversized_mutation_is_dead_lettered_alone(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 104)
    name, payload = received(aid, regno)
    noise = os.urandom(40_000).hex()  # 80 KB of incompressible notes: over the per-mutation limit
    t1 = str(uuid.uuid4())
    reply = device.push([(name, {**payload, "nt": noise}), issued(t1), (name, {wire.OVERSIZED: 5_000_000})])
    assert reply.status_code == 200, reply.text
    reasons = dict(reply.json()["r"])
    assert set(reasons) == {1, 3} and "too large" in reasons[1] and "5000000 bytes" in reasons[3]
    assert central.scalar("SELECT count(*) FROM tickets WHERE id = :t", t=t1) == 1


def test_a_row_the_database_refuses_is_dead_lettered_and_the_batch_still_applies(central):
    # A real constraint the checks in front of it do not know about: the database alone refuses the row.
    pg = central.db.is_postgres
    ddl = ("ALTER TABLE tickets ADD CONSTRAINT refuse_z999 CHECK (number <> 'Z-999') NOT VALID" if pg else
           "CREATE TRIGGER refuse_z999 BEFORE INSERT ON tickets WHEN NEW.number = 'Z-999' "
           "BEGIN SELECT RAISE(ABORT, 'refused by this test'); END")
    from sqlalchemy import text

    with central.db.write() as conn:
        conn.execute(text(ddl))
    try:
        device = Device(central, TABANG)
        good, bad, late = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
        reply = device.push([issued(good), called(good), issued(bad, "Z-999"), issued(late, "A-003"), called(late)])
        assert reply.status_code == 200, reply.text
        assert [seq for seq, _ in reply.json()["r"]] == [3]
        assert "could not store" in reply.json()["r"][0][1]
        states = dict(central.rows("SELECT id, status FROM tickets WHERE id IN (:a, :b, :c)", a=good, b=bad, c=late))
        assert states == {good: "called", late: "called"}
        assert dead_letters(central, device) == {3: reply.json()["r"][0][1]}
    finally:
        with central.db.write() as conn:
            conn.execute(text("ALTER TABLE tickets DROP CONSTRAINT refuse_z999" if pg else "DROP TRIGGER refuse_z999"))


def test_integers_beyond_the_columns_are_refused_not_a_500(central):
    device = Device(central, TABANG)
    tid = str(uuid.uuid4())
    name, payload = called(tid)
    reply = device.push([issued(tid), (name, {**payload, "c": 2**40}), (name, {**payload, "c": -(2**70)})])
    assert reply.status_code == 200, reply.text
    assert [seq for seq, _ in reply.json()["r"]] == [2, 3]
    url = central.url + "/api/v1/push"
    for epoch, seq in ((2**63, 1), (1, 2**63), (-1, 1), (1, 2**63 - 1)):
        body = {"d": device.id, "site": TABANG, "e": epoch, "s": seq, "v": 1,
                "m": wire.encode_mutations([issued(str(uuid.uuid4()))] * 2)}
        reply = requests.post(url, data=gzip.compress(json.dumps(body).encode()), headers=device.headers(),
                              timeout=10)
        assert reply.status_code in (400, 409), (epoch, seq, reply.status_code, reply.text)


def test_lone_surrogates_deep_nesting_and_bad_headers_are_4xx(central):
    device = Device(central, TABANG)
    url = central.url + "/api/v1/push"
    tid = str(uuid.uuid4())
    good = json.dumps({"d": device.id, "site": TABANG, "e": 1, "s": 1, "v": 1,
                       "m": wire.encode_mutations([issued(tid)])})
    lone = good.replace('"A-001"', '"A\\ud800"')
    deep = '{"d": "x", "m": ' + "[" * 100_000 + "]" * 100_000 + "}"
    for body in (lone, deep):
        reply = requests.post(url, data=gzip.compress(body.encode()), headers=device.headers(), timeout=30)
        assert reply.status_code == 400, reply.text[:200]
    for value in ("²".encode("latin-1"), "²".encode(), b"1" * 50, b"-1", b"", "١".encode(), b"\xff1"):
        reply = requests.post(url, data=gzip.compress(good.encode()), timeout=10,
                              headers=device.headers(**{wire.HEADER_PROTOCOL: value}))
        assert reply.status_code == 426, (value, reply.status_code)
    for cursor in (f"{2**63}.1", f"1.{2**64}", "1e5.2", "１.２", "9" * 400):
        reply = requests.get(central.url + "/api/v1/pull", params={"cursor": cursor}, timeout=10,
                             headers=device.headers())
        assert reply.status_code == 400, (cursor, reply.status_code)
    reply = requests.get(central.url + "/api/v1/pull", params={"limit": str(2**70)}, headers=device.headers(),
                         timeout=10)
    assert reply.status_code in (200, 400)
    # The good body itself is fine afterwards.
    reply = requests.post(url, data=gzip.compress(good.encode()), headers=device.headers(), timeout=10)
    assert reply.status_code == 200, reply.text


def test_full_width_digits_in_a_nik_are_stored_as_ascii(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 105)
    name, payload = received(aid, regno)
    reply = device.push([(name, {**payload, "nik": "６４０２１２４５０６９００００１"})])
    assert reply.status_code == 200 and reply.json()["r"] == []
    assert central.scalar("SELECT nik FROM applications WHERE id = :i", i=aid) == "6402124506900001"


def test_a_site_cannot_move_a_forwarded_application_that_central_owns(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 106)
    reply = device.push([received(aid, regno), app_status(aid, "received", "forwarded", "system"),
                         app_status(aid, "forwarded", "ready"), app_status(aid, "ready", "handed_over")])
    assert reply.status_code == 200, reply.text
    assert [seq for seq, _ in reply.json()["r"]] == [3, 4]
    assert "may not move" in reply.json()["r"][0][1]
    public = requests.get(f"{central.url}/api/v1/status/{regno}", timeout=10).json()
    assert public["status"] == "forwarded" and public["status_label"] == "diteruskan ke MPP Induk"
    # Once MPP Induk made it ready, the site hands it over as usual.
    assert central.cli("application", "set-status", regno, "ready").returncode == 0
    reply = device.push([app_status(aid, "ready", "handed_over")])
    assert reply.json()["r"] == [] and central.scalar("SELECT status FROM applications WHERE id = :i", i=aid) == \
        "handed_over"
