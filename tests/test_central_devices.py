"""Enrollment rules, revocation, dead-letter replay and the privacy purge at central, as real processes."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import requests

from mpp import wire
from tests.synctools import TABANG, TENGGARONG, central_fixture
from tests.test_central_api import HEADERS, NOW, Device, called, issued, received, regno_for

central = central_fixture()


def enroll(central, code: str, device_id: str, site: str = TABANG) -> requests.Response:
    return requests.post(central.url + "/api/v1/enroll", headers=HEADERS, timeout=10,
                         json={"code": code, "device": device_id, "site": site, "name": "pc"})


def pull_status(central, device_id: str, secret: str) -> int:
    return requests.get(central.url + "/api/v1/pull", timeout=10,
                        headers={**HEADERS, "Authorization": f"Bearer {device_id}:{secret}"}).status_code


def test_a_site_code_never_takes_over_an_existing_device(central):
    device = Device(central, TABANG)
    reply = enroll(central, central.code(TABANG), device.id)
    assert reply.status_code == 403 and reply.json()["error"] == "device_exists"
    assert pull_status(central, device.id, device.secret) == 200  # the real device keeps working
    # A code bound to it by an operator re-enrolls it (a reinstalled PC): the old secret stops working.
    result = central.cli("device", "re-enroll", device.id)
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    other = enroll(central, code, str(uuid.uuid4()))
    assert other.status_code == 403 and other.json()["error"] == "device_mismatch"
    again = enroll(central, code, device.id)
    assert again.status_code == 200, again.text
    assert pull_status(central, device.id, again.json()["secret"]) == 200
    assert pull_status(central, device.id, device.secret) == 401


def test_a_lost_enrollment_answer_does_not_burn_the_code(central):
    code, device_id = central.code(TABANG), str(uuid.uuid4())
    first = enroll(central, code, device_id)
    assert first.status_code == 200
    retry = enroll(central, code, device_id)  # the first answer never reached the kiosk
    assert retry.status_code == 200, retry.text
    assert pull_status(central, device_id, retry.json()["secret"]) == 200
    assert enroll(central, code, str(uuid.uuid4())).json()["error"] == "used_code"
    # Once the device has pushed with its credentials, the code is spent for good.
    device = Device.__new__(Device)
    device.central, device.site, device.id, device.secret, device.seq = central, TABANG, device_id, \
        retry.json()["secret"], 0
    assert device.push([issued(str(uuid.uuid4()))]).status_code == 200
    assert enroll(central, code, device_id).json()["error"] == "used_code"


def test_revocation_is_permanent(central):
    device = Device(central, TABANG)
    pending = central.cli("device", "re-enroll", device.id).stdout.strip()
    result = central.cli("device", "revoke", device.id, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["device_id"] == device.id
    assert pull_status(central, device.id, device.secret) == 401
    assert device.push([issued(str(uuid.uuid4()))]).status_code == 401
    assert enroll(central, pending, device.id).status_code == 403  # a code made before the revocation
    refused = central.cli("device", "re-enroll", device.id)
    assert refused.returncode == 2 and "dicabut" in refused.stderr
    assert enroll(central, central.code(TABANG), device.id).json()["error"] == "revoked"
    assert central.cli("device", "revoke", "no-such-device").returncode == 2


def test_a_device_id_a_token_cannot_carry_is_refused(central):
    for bad in ("abc:defgh-1234", "x" * 37, "spaces in id!", "über-device-01"):
        reply = enroll(central, central.code(TABANG), bad)
        assert reply.status_code == 400, (bad, reply.status_code)
    assert central.scalar("SELECT count(*) FROM devices WHERE id LIKE '%:%'") == 0


def test_dead_letters_are_listed_and_replayed_once_the_cause_is_fixed(central):
    device = Device(central, TABANG)
    early, tid = str(uuid.uuid4()), str(uuid.uuid4())
    # An event for a ticket central has not seen yet, then the ticket: the event is dead-lettered.
    reply = device.push([called(early), issued(tid)])
    assert [seq for seq, _ in reply.json()["r"]] == [1]
    listed = json.loads(central.cli("dead-letters", "list", "--device", device.id, "--json").stdout)
    assert [(d["seq"], d["kind"], d["site"]) for d in listed] == [(1, wire.TICKET_EVENT, TABANG)]
    letter = listed[0]["id"]
    still = central.cli("dead-letters", "replay", letter, "--json")
    assert still.returncode == 1 and json.loads(still.stdout)["applied"] is False
    assert device.push([issued(early, "A-009")]).status_code == 200  # the cause is fixed
    result = central.cli("dead-letters", "replay", letter, "--actor", "admin-induk", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"id": letter, "kind": wire.TICKET_EVENT, "applied": True, "reason": None}
    assert central.scalar("SELECT status FROM tickets WHERE id = :t", t=early) == "called"
    assert central.rows("SELECT replayed_by, rejected FROM mutations WHERE device_id = :d AND seq = 1",
                        d=device.id)[0] == ("admin-induk", None)
    assert json.loads(central.cli("dead-letters", "list", "--device", device.id, "--json").stdout) == []
    again = central.cli("dead-letters", "replay", letter)
    assert again.returncode == 2 and len(again.stderr.strip().splitlines()) == 1
    assert central.cli("dead-letters", "replay", "not-an-id").returncode == 2


def test_replay_is_a_function_other_front_ends_can_call(central):
    from central.deadletters import list_dead_letters, replay

    device = Device(central, TENGGARONG)
    tid = str(uuid.uuid4())
    device.push([called(tid)])
    with central.db.read() as conn:
        [letter] = list_dead_letters(conn, device_id=device.id)
    with central.db.write() as conn:
        assert replay(conn, letter["id"], "web")["applied"] is False
    from sqlalchemy.orm import Session

    with Session(central.db.engine) as session, session.begin():  # what a web page holds
        assert replay(session, letter["id"], "web")["reason"].startswith("unknown ticket")


def test_privacy_purge_masks_personal_data_of_long_closed_applications(central):
    device = Device(central, TABANG)
    old_id, new_id, open_id = (str(uuid.uuid4()) for _ in range(3))
    mutations = []
    for n, aid in enumerate((old_id, new_id, open_id), start=1):
        name, payload = received(aid, regno_for(TABANG, 200 + n))
        mutations.append((name, payload))
    closed = [(wire.APPLICATION_STATUS, wire.payload(wire.APPLICATION_STATUS, id=aid, from_status="received",
                                                     to_status="rejected", actor="budi", at=NOW, reason="berkas"))
              for aid in (old_id, new_id)]
    assert device.push(mutations + closed).json()["r"] == []
    long_ago = datetime.now(UTC) - timedelta(days=800)
    from sqlalchemy import text

    with central.db.write() as conn:
        conn.execute(text("UPDATE applications SET updated_at = :t WHERE id IN (:a, :c)"),
                     {"t": long_ago.replace(tzinfo=None), "a": old_id, "c": open_id})
    dry = json.loads(central.cli("privacy", "purge", "--dry-run", "--json").stdout)
    assert dry["applications"] >= 1 and dry["dry_run"] is True
    assert central.scalar("SELECT nik FROM applications WHERE id = :i", i=old_id) == "6402124506900001"
    result = central.cli("privacy", "purge", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["applications"] == dry["applications"] and out["retention_days"] == 730
    row = central.rows("SELECT nik, phone, address, name FROM applications WHERE id = :i", i=old_id)[0]
    assert tuple(row) == ("6402**********01", "0812******90", "***", "Siti")
    for aid in (new_id, open_id):  # closed recently, or never closed: kept
        assert central.scalar("SELECT nik FROM applications WHERE id = :i", i=aid) == "6402124506900001"
    trail = [json.loads(p) for (p,) in central.rows(
        "SELECT payload FROM mutations WHERE device_id = :d AND name = 'application.received'", d=device.id)]
    assert [p["nik"] for p in trail if p["i"] == old_id] == ["6402**********01"]
    assert "6402124506900001" not in json.dumps([p for p in trail if p["i"] == old_id])
    # A late repeat of the intake never brings the data back, and a second purge finds nothing new.
    other = Device(central, TABANG)  # e.g. the same PC restored and re-enrolled, sending its outbox again
    assert other.push([mutations[0]]).json()["r"] == []
    assert central.scalar("SELECT nik FROM applications WHERE id = :i", i=old_id) == "6402**********01"
    assert json.loads(central.cli("privacy", "purge", "--json").stdout)["applications"] == 0
    assert central.cli("privacy", "purge", "--days", "0").returncode == 2
