"""The central HTTP API as a real process: versions, auth, site isolation, limits, concurrency, public lookup."""

from __future__ import annotations

import gzip
import json
import threading
import uuid
from datetime import UTC, datetime

import pytest
import requests

from mpp import wire
from tests.synctools import TABANG, TENGGARONG, central_fixture

central = central_fixture()
HEADERS = {wire.HEADER_PROTOCOL: str(wire.PROTOCOL_VERSION), wire.HEADER_SCHEMA: "1"}
NOW = int(datetime.now(UTC).timestamp())


class Device:
    """A device enrolled straight through the API (no kiosk database)."""

    def __init__(self, central, site: str):
        self.central, self.site, self.id = central, site, str(uuid.uuid4())
        reply = requests.post(central.url + "/api/v1/enroll", headers=HEADERS, timeout=10,
                              json={"code": central.code(site), "device": self.id, "site": site, "name": "t"})
        assert reply.status_code == 200, reply.text
        self.secret = reply.json()["secret"]
        self.seq = 0

    def headers(self, **extra) -> dict:
        return {**HEADERS, "Authorization": f"Bearer {self.id}:{self.secret}", "Content-Encoding": "gzip",
                "Content-Type": "application/json", **extra}

    def push(self, mutations, *, first: int | None = None, device_id: str | None = None, site: str | None = None,
             epoch: int = 1, headers: dict | None = None) -> requests.Response:
        first = first if first is not None else self.seq + 1
        body = wire.encode_push(device_id or self.id, site or self.site, epoch, first, 1, mutations)
        reply = requests.post(self.central.url + "/api/v1/push", data=body, headers=headers or self.headers(),
                              timeout=30)
        if reply.status_code == 200:
            self.seq = max(self.seq, reply.json()["a"])
        return reply


def issued(tid: str, number: str = "A-001") -> tuple[str, dict]:
    return ("ticket.issued", {"i": tid, "n": number, "s": "KTP", "d": "2026-11-30", "p": None, "a": NOW, "t": NOW,
                              "f": None})


def called(tid: str) -> tuple[str, dict]:
    return ("ticket.event", {"i": tid, "f": "waiting", "t": "called", "c": 1, "u": "budi", "at": NOW + 5, "r": None})


def received(aid: str, regno: str) -> tuple[str, dict]:
    return ("application.received", {"i": aid, "rn": regno, "s": "SKCK", "nik": "6402124506900001", "nm": "Siti",
                                     "ph": "081234567890", "ds": None, "ad": "RT 01", "dc": {}, "nt": None, "w": [],
                                     "st": "received", "tk": None, "u": "budi", "at": NOW})


def regno_for(site: str, seq: int = 1) -> str:
    from datetime import date

    from kiosk.applications import make_registration_number

    return make_registration_number(site, date(2026, 11, 30), "ZZZ", seq)


def test_health_openapi_and_server_time_on_every_response(central):
    for path, status in (("/healthz", 200), ("/openapi.json", 200), ("/nope", 404), ("/api/v1/pull", 426)):
        reply = requests.get(central.url + path, timeout=10)
        assert reply.status_code == status, path
        assert abs(float(reply.headers[wire.HEADER_SERVER_TIME]) - datetime.now(UTC).timestamp()) < 5
    spec = requests.get(central.url + "/openapi.json", timeout=10).json()
    assert {"/api/v1/enroll", "/api/v1/push", "/api/v1/pull", "/api/v1/status/{regno}", "/healthz"} <= set(spec["paths"])
    body = requests.get(central.url + "/healthz", timeout=10).json()
    assert body["ok"] is True and "now" in body


# Mutation schema 2 (the SKM respondent's profile) is current; a kiosk still on schema 1 is accepted.
@pytest.mark.parametrize("proto, schema, ok", [("1", "1", True), ("1", "2", True), ("0", "1", True),
                                              ("2", "1", False), ("1", "0", False), ("1", "3", False),
                                              ("", "1", False), ("abc", "1", False)])
def test_current_and_previous_versions_are_accepted_others_must_update(central, proto, schema, ok):
    device = Device(central, TABANG)
    headers = device.headers(**{wire.HEADER_PROTOCOL: proto, wire.HEADER_SCHEMA: schema})
    reply = requests.get(central.url + "/api/v1/pull", headers=headers, timeout=10)
    if ok:
        assert reply.status_code == 200
    else:
        assert reply.status_code == 426 and reply.json()["error"] == "update_required"
        assert reply.json()["accepted_protocol"] == [0, 1] and reply.json()["accepted_schema"] == [1, 2]


def test_schema_version_inside_the_batch_is_checked_too(central):
    device = Device(central, TABANG)
    body = wire.encode_push(device.id, TABANG, 1, 1, 7, [issued(str(uuid.uuid4()))])
    reply = requests.post(central.url + "/api/v1/push", data=body, headers=device.headers(), timeout=10)
    assert reply.status_code == 426


def test_unknown_device_or_wrong_secret_is_401(central):
    device = Device(central, TABANG)
    for auth in ("", "Bearer nope", f"Bearer {device.id}:wrong", f"Bearer {uuid.uuid4()}:{device.secret}",
                 f"Basic {device.id}:{device.secret}"):
        reply = device.push([issued(str(uuid.uuid4()))], headers=device.headers(Authorization=auth))
        assert reply.status_code == 401 and reply.json()["error"] == "unauthorized"
    assert device.push([issued(str(uuid.uuid4()))]).status_code == 200


def test_a_device_touching_another_sites_data_is_refused(central):
    tabang, tenggarong = Device(central, TABANG), Device(central, TENGGARONG)
    theirs = str(uuid.uuid4())
    assert tenggarong.push([issued(theirs)]).status_code == 200
    theirs_app = str(uuid.uuid4())
    assert tenggarong.push([received(theirs_app, regno_for(TENGGARONG))]).status_code == 200

    def refused(reply):
        assert reply.status_code == 403, reply.text
        assert reply.json()["error"] == "forbidden"

    mine = str(uuid.uuid4())
    refused(tabang.push([issued(mine)], device_id=tenggarong.id))  # the token is not that device's
    refused(tabang.push([issued(mine)], site=TENGGARONG))  # the batch names another site
    refused(tabang.push([issued(mine), called(theirs)]))  # an event on another site's ticket
    refused(tabang.push([issued(theirs)]))  # re-issuing another site's ticket id
    refused(tabang.push([received(str(uuid.uuid4()), regno_for(TENGGARONG, 2))]))  # an intake for another site
    refused(tabang.push([("application.status", {"i": theirs_app, "f": "received", "t": "rejected", "u": "x",
                                                 "at": NOW, "r": "no"})]))
    # Nothing of the refused batches was applied, and the device's stream did not move.
    assert central.scalar("SELECT count(*) FROM tickets WHERE id = :i", i=mine) == 0
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d", d=tabang.id) == 0
    assert central.scalar("SELECT status FROM tickets WHERE id = :i", i=theirs) == "waiting"
    assert central.scalar("SELECT status FROM applications WHERE id = :i", i=theirs_app) == "received"
    assert tabang.push([issued(mine)]).status_code == 200


def test_gap_answer_names_the_expected_seq(central):
    device = Device(central, TABANG)
    assert device.push([issued(str(uuid.uuid4()))]).json()["a"] == 1
    reply = device.push([issued(str(uuid.uuid4()))], first=5)
    assert reply.status_code == 409 and reply.json() == {**reply.json(), "error": "gap", "expected": 2}
    # A repeat of what central has replays the stored result (no new effects).
    tid = str(uuid.uuid4())
    assert device.push([issued(tid)], first=2).json()["a"] == 2
    again = device.push([issued(tid)], first=2)
    assert again.status_code == 200 and again.json()["a"] == 2 and again.json()["r"] == []
    assert central.scalar("SELECT count(*) FROM ticket_events WHERE ticket_id = :i", i=tid) == 1


def test_bad_bodies_are_400_and_oversized_ones_413(central):
    device = Device(central, TABANG)
    url = central.url + "/api/v1/push"
    for body in (b"garbage", gzip.compress(b"{}"), gzip.compress(b'{"d":1}')):
        reply = requests.post(url, data=body, headers=device.headers(), timeout=10)
        assert reply.status_code == 400 and reply.json()["error"] == "bad_request"
    big = b"x" * (wire.MAX_BODY_BYTES + 1)
    assert requests.post(url, data=big, headers=device.headers(), timeout=30).status_code == 413


def test_the_same_batch_pushed_concurrently_is_applied_once(central):
    device = Device(central, TABANG)
    tids = [str(uuid.uuid4()) for _ in range(50)]
    mutations = [m for tid in tids for m in (issued(tid), called(tid))]
    body = wire.encode_push(device.id, TABANG, 1, 1, 1, mutations)
    answers, barrier = [], threading.Barrier(6)

    def push():
        barrier.wait(10)
        reply = requests.post(central.url + "/api/v1/push", data=body, headers=device.headers(), timeout=60)
        answers.append((reply.status_code, reply.json().get("a"), reply.json().get("r")))

    threads = [threading.Thread(target=push) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert answers == [(200, 100, [])] * 6
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d", d=device.id) == 100
    assert central.scalar("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                          "WHERE t.device_id = :d", d=device.id) == 100


def test_public_status_lookup_shows_status_and_dates_only(central):
    device = Device(central, TABANG)
    aid, regno = str(uuid.uuid4()), regno_for(TABANG, 77)
    assert device.push([received(aid, regno),
                        ("application.status", {"i": aid, "f": "received", "t": "forwarded", "u": "system",
                                                "at": NOW, "r": None})]).status_code == 200
    assert central.cli("application", "set-status", regno, "ready").returncode == 0
    typed = regno.lower().replace("-", " ")  # as a citizen might type it
    reply = requests.get(f"{central.url}/api/v1/status/{typed}", timeout=10)
    assert reply.status_code == 200
    data = reply.json()
    assert set(data) == {"registration_number", "service", "status", "status_label", "received_at", "updated_at",
                         "history", "now"}
    assert data["registration_number"] == regno and data["status"] == "ready"
    assert [h["status"] for h in data["history"]] == ["received", "forwarded", "ready"]
    text = json.dumps(data)
    assert "6402124506900001" not in text and "Siti" not in text and "0812" not in text and "RT 01" not in text
    wrong_check = regno[:-1] + ("A" if regno[-1] != "A" else "B")
    reply = requests.get(f"{central.url}/api/v1/status/{wrong_check}", timeout=10)
    assert reply.status_code == 400 and reply.json()["error"] == "bad_regno"
    reply = requests.get(f"{central.url}/api/v1/status/{regno_for(TABANG, 9999)}", timeout=10)
    assert reply.status_code == 404
