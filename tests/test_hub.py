"""One Mini MPP, many PCs: real `kiosk hub serve` processes and joined data dirs on loopback."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from kiosk.app import App
from kiosk.clock import Clock
from kiosk.hub import certs
from kiosk.ops import intake, queue
from kiosk.sync.hub_client import HubClient
from tests.conftest import run_kiosk
from tests.hubtools import HubProcess, join, kiosk_json_ok, make_hub_dir

NIK = "6402124501900003"


@pytest.fixture
def hub(tmp_path):
    process = HubProcess(make_hub_dir(tmp_path / "hub")).start()
    yield process
    process.kill()


@pytest.fixture
def counter_pc(hub, tmp_path):
    data = tmp_path / "loket2"
    join(hub, data, "loket-2")
    return data


def test_a_joined_pc_answers_as_the_hub_does(hub, counter_pc):
    issued = kiosk_json_ok(counter_pc, "ticket", "issue", "KTP")
    assert issued["number"] == "A-001"
    # The ticket lives on the hub: the hub's own queue has it, and both PCs print the same document.
    on_hub = run_kiosk(hub.data_dir, "queue", "--json")
    on_pc = run_kiosk(counter_pc, "queue", "--json")
    assert on_hub.returncode == on_pc.returncode == 0
    assert json.loads(on_hub.stdout) == json.loads(on_pc.stdout)
    # Same refusals, same one line, same exit code.
    for args in (("ticket", "issue", "NOPE"), ("ticket", "call", "--counter", "9"), ("ticket", "recall", "Z-999",
                                                                                      "--counter", "1")):
        a, b = run_kiosk(hub.data_dir, *args), run_kiosk(counter_pc, *args)
        assert (a.returncode, a.stderr) == (b.returncode, b.stderr), args
        assert b.returncode == 2 and b.stderr.count("\n") == 1
    called = kiosk_json_ok(counter_pc, "ticket", "call", "--counter", "1")
    assert called["number"] == "A-001" and called["status"] == "called"
    empty = run_kiosk(counter_pc, "ticket", "call", "--counter", "2")
    assert empty.returncode == 1 and "antrian kosong" in empty.stderr
    status = kiosk_json_ok(counter_pc, "hub", "status")
    assert status["role"] == "joined" and status["reachable"] is True and status["spooled"] == 0
    on_hub_status = kiosk_json_ok(hub.data_dir, "hub", "status")
    assert on_hub_status["role"] == "hub" and [c["name"] for c in on_hub_status["clients"]] == ["loket-2"]


def test_printing_happens_on_the_joined_pcs_own_printer(hub, counter_pc, tmp_path):
    assert run_kiosk(counter_pc, "config", "set", "printer", f"pdf://{tmp_path / 'pc-prints'}").returncode == 0
    data = kiosk_json_ok(counter_pc, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Siti",
                         "--print")
    assert data["print"]["state"] == "done", data["print"]
    assert list((tmp_path / "pc-prints").glob("*.pdf")), "the receipt prints on the joined PC"
    assert not list((hub.data_dir / "prints").glob("*.pdf")), "nothing prints on the hub's printer"
    shown = kiosk_json_ok(hub.data_dir, "application", "show", data["registration_number"])
    assert shown["name"] == "Siti"


def test_several_pcs_issue_and_call_at_once_gap_free_and_never_twice(hub, tmp_path):
    pcs = [tmp_path / f"pc{i}" for i in range(3)]
    for i, pc in enumerate(pcs):
        join(hub, pc, f"loket-{i + 1}")
    apps = [App(data_dir=pc, clock=Clock(), actor=f"op{i}") for i, pc in enumerate(pcs)]

    def issue(app):
        return [app.run(queue.issue_ticket, service="KTP")["number"] for _ in range(15)]

    with ThreadPoolExecutor(len(apps)) as pool:
        numbers = [n for batch in pool.map(issue, apps) for n in batch]
    assert sorted(numbers) == [f"A-{i:03d}" for i in range(1, 46)]

    called: list[str] = []
    lock = threading.Lock()

    def call(pair):
        app, counter = pair
        from kiosk.errors import QueueEmpty

        mine = []
        while True:
            try:
                ticket = app.run(queue.call_next, counter=counter)
            except QueueEmpty:
                return mine
            mine.append(ticket["number"])
            app.run(queue.no_show, ticket=ticket["id"], counter=counter)

    with ThreadPoolExecutor(2) as pool:
        for batch in pool.map(call, [(apps[0], 1), (apps[1], 2)]):
            with lock:
                called += batch
    assert sorted(called) == sorted(numbers), "every ticket called exactly once"
    for app in apps:
        app.close()


def test_a_pc_without_a_token_or_with_a_removed_one_is_refused(hub, counter_pc):
    fingerprint = certs.fingerprint(hub.data_dir)
    with HubClient(hub.url, fingerprint) as anonymous:
        response = anonymous._request("POST", "/ops/ticket.issue", json={"args": {"service": "KTP"}})
        assert response.status_code == 401
        assert anonymous._request("GET", "/replica").status_code == 401
        assert anonymous._request("GET", "/events").status_code == 401
    # Plain HTTP to the hub's port does not work either (TLS only).
    with pytest.raises(requests.exceptions.RequestException):
        requests.get(f"http://127.0.0.1:{hub.port}/hub/hello", timeout=2)
    assert run_kiosk(hub.data_dir, "hub", "remove", "loket-2").returncode == 0
    refused = run_kiosk(counter_pc, "ticket", "issue", "KTP")
    assert refused.returncode == 2 and "token ditolak" in refused.stderr
    assert run_kiosk(hub.data_dir, "queue", "--json").stdout.strip() == "[]"


def test_pairing_codes_are_one_time_and_a_wrong_fingerprint_is_refused(hub, tmp_path):
    code = kiosk_json_ok(hub.data_dir, "hub", "pair")["code"]
    wrong = run_kiosk(tmp_path / "a", "join", "--hub", hub.url, "--code", code, "--fingerprint", "AB" * 32)
    assert wrong.returncode == 2 and "sidik jari" in wrong.stderr
    assert not (tmp_path / "a" / "kiosk.sqlite3").exists() or "joined" not in run_kiosk(
        tmp_path / "a", "hub", "status").stdout
    right = certs.pretty(certs.fingerprint(hub.data_dir))
    ok = run_kiosk(tmp_path / "b", "join", "--hub", hub.url, "--code", code, "--fingerprint", right, "--name", "tv")
    assert ok.returncode == 0, ok.stderr
    again = run_kiosk(tmp_path / "c", "join", "--hub", hub.url, "--code", code, "--name", "tv2")
    assert again.returncode == 2 and "ditolak" in again.stderr
    bad_code = run_kiosk(tmp_path / "d", "join", "--hub", hub.url, "--code", "XXXX", "--name", "tv3")
    assert bad_code.returncode == 2


def test_a_hub_that_changed_its_certificate_is_not_trusted(hub, counter_pc):
    from kiosk.hub.certs import paths

    hub.kill()
    for path in paths(hub.data_dir):
        path.unlink()  # reinstalled, or another machine answering at the hub's address
    hub.start()
    refused = run_kiosk(counter_pc, "ticket", "issue", "KTP")
    assert refused.returncode == 2 and "tidak cocok" in refused.stderr


def test_the_spool_reaches_the_hub_exactly_once_through_kill_9(hub, counter_pc, tmp_path):
    assert run_kiosk(counter_pc, "config", "set", "printer", f"pdf://{tmp_path / 'pc-prints'}").returncode == 0
    hub.kill()
    # Queue commands say the hub is away; intake and surveys go on and are spooled.
    away = run_kiosk(counter_pc, "ticket", "issue", "KTP")
    assert away.returncode == 1 and "Hub tidak terhubung" in away.stderr
    spooled = [kiosk_json_ok(counter_pc, "application", "new", "--service", "KTP", "--nik", NIK, "--name",
                             f"Warga {i}", "--print") for i in range(3)]
    assert all(s["spooled"] for s in spooled)
    assert all(s["print"]["state"] == "done" for s in spooled), "the receipt prints at once, with its number"
    numbers = [s["registration_number"] for s in spooled]
    assert len(set(numbers)) == 3
    bad = run_kiosk(counter_pc, "application", "new", "--service", "KTP", "--nik", "123", "--name", "X")
    assert bad.returncode == 2, "bad input is refused at once, not spooled"
    assert run_kiosk(counter_pc, "survey", "add", "--service", "KTP", "--scores", "4,4,4,4,4,4,4,4,4",
                     "--json").returncode == 0
    assert kiosk_json_ok(counter_pc, "hub", "status")["spooled"] == 4
    # Cek Status and search still answer from the replica.
    looked = kiosk_json_ok(counter_pc, "application", "search", "Warga")
    assert looked == [], "the replica does not have them yet: they are in the spool"
    hub.start()
    # The next command sends the spool before its own work (here the flush itself finds it empty).
    flushed = kiosk_json_ok(counter_pc, "hub", "flush")
    assert flushed["left"] == 0
    for number in numbers:
        shown = kiosk_json_ok(hub.data_dir, "application", "show", number)
        assert shown["registration_number"] == number
    # Sending again (a crash after the hub answered) changes nothing: the hub answers from its record.
    from kiosk.models import SpoolEntry

    pc = App(data_dir=counter_pc, clock=Clock(), actor="tester")
    with pc.store.transaction() as s:
        rows = s.query(SpoolEntry).all()
        assert len(rows) == 5 and all(r.sent_at and not r.error for r in rows)  # 3 intakes, survey, audit
        for row in rows:
            row.sent_at = None
    pc.close()
    assert kiosk_json_ok(counter_pc, "hub", "status")["spooled"] == 0  # sent again by that command
    found = kiosk_json_ok(hub.data_dir, "application", "search", "Warga")
    assert sorted(a["registration_number"] for a in found) == sorted(numbers)
    assert kiosk_json_ok(hub.data_dir, "survey", "ikm")["respondents"] == 1


def test_spool_is_sent_by_the_next_command_and_kill_9_of_the_hub_in_the_middle_loses_nothing(hub, counter_pc):
    hub.kill()
    numbers = [kiosk_json_ok(counter_pc, "application", "new", "--service", "KK", "--nik", NIK, "--name",
                             f"Keluarga {i}")["registration_number"] for i in range(40)]
    hub.start()
    # Kill the hub while the spool is being sent, several times; then let it finish.
    for _ in range(3):
        sender = threading.Thread(target=run_kiosk, args=(counter_pc, "hub", "flush"))
        sender.start()
        time.sleep(0.4)
        hub.kill()
        sender.join()
        hub.start()
    run_kiosk(counter_pc, "queue")  # any command sends what is left first
    assert kiosk_json_ok(counter_pc, "hub", "status")["spooled"] == 0
    found = kiosk_json_ok(hub.data_dir, "application", "search", "Keluarga")
    assert sorted(a["registration_number"] for a in found) == sorted(numbers)


def test_promote_fences_the_old_hub_and_numbers_never_repeat(hub, tmp_path):
    pc2, tv = tmp_path / "loket2", tmp_path / "tv"
    join(hub, pc2, "loket-2")
    join(hub, tv, "tv")
    first = [kiosk_json_ok(pc2, "ticket", "issue", "KTP")["number"] for _ in range(3)]
    assert run_kiosk(pc2, "hub", "flush").returncode == 0  # replica up to date
    refused = run_kiosk(pc2, "hub", "promote")
    assert refused.returncode == 1 and "masih menjawab" in refused.stderr
    hub.kill()  # the hub PC's power is cut
    promoted = kiosk_json_ok(pc2, "hub", "promote")
    assert promoted["role"] == "hub" and promoted["epoch"] == 2
    new_hub = HubProcess(pc2)
    assert run_kiosk(pc2, "config", "set", "hub.port", str(new_hub.port)).returncode == 0
    new_hub.start()
    try:
        after = kiosk_json_ok(pc2, "ticket", "issue", "KTP")["number"]
        assert after not in first and after == "A-014", "numbers continue 10 above the last seen, never repeat"
        # The TV follows the new hub once it proves it holds the site.
        from kiosk.hub.service import follow_successor

        tv_app = App(data_dir=tv, clock=Clock(), actor="tv")
        assert follow_successor(tv_app, new_hub.url)
        tv_app.close()
        assert [t["number"] for t in kiosk_json_ok(tv, "queue")][-1] == "A-014"
        # The old hub comes back: within 10 s it is told, stands down and refuses writes.
        hub.start()
        deadline = time.monotonic() + 10
        while kiosk_json_ok(hub.data_dir, "hub", "status")["role"] != "stood_down":
            assert time.monotonic() < deadline, "the old hub did not stand down within 10 s"
            time.sleep(0.5)
        refused = run_kiosk(hub.data_dir, "ticket", "issue", "KTP")
        assert refused.returncode == 1 and "bukan hub" in refused.stderr
    finally:
        new_hub.kill()


def test_live_events_reach_another_pc_quickly(hub, counter_pc, tmp_path):
    tv = tmp_path / "tv"
    join(hub, tv, "tv")
    tv_app = App(data_dir=tv, clock=Clock(), actor="tv")
    from kiosk.hub import remote

    client = remote.client_for(tv_app)
    seen: list[float] = []
    connected = threading.Event()

    def listen():
        first = None
        for event in client.events():
            if event.get("event") != "head":
                continue
            if first is None:
                first = event["head"]
                connected.set()
            elif event["head"] > first:
                seen.append(time.monotonic())
                return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert connected.wait(5)
    pc = App(data_dir=counter_pc, clock=Clock(), actor="op")
    started = time.monotonic()
    pc.run(queue.issue_ticket, service="KTP")
    listener.join(timeout=5)
    assert seen, "no live event arrived"
    assert seen[0] - started < 1.0
    assert pc.run(intake.public_status, text="A-001")["number"] == "A-001"
    pc.close()
    tv_app.close()


def test_the_app_worker_notices_the_hub_away_within_3_s_and_sends_the_spool_when_it_is_back(hub, counter_pc):
    from kiosk.hub.service import Follower

    app = App(data_dir=counter_pc, clock=Clock(), actor="op")
    states: list[tuple[float, dict]] = []
    follower = Follower(app, lambda state: states.append((time.monotonic(), state)))
    follower.start()
    try:
        deadline = time.monotonic() + 10
        while not (states and states[-1][1]["reachable"]):
            assert time.monotonic() < deadline, "the follower never reached the hub"
            time.sleep(0.05)
        hub.kill()
        killed = time.monotonic()
        while states[-1][1]["reachable"]:
            assert time.monotonic() - killed < 3.5, "the hub's absence was not noticed within 3 s"
            time.sleep(0.05)
        noticed = states[-1][0] - killed
        assert noticed <= 3.5
        spooled = app.run(intake.new_application, service="KTP", nik=NIK, name="Rahmat")
        assert spooled["spooled"] is True
        hub.start()
        deadline = time.monotonic() + 20
        while True:  # the worker delivers the spool by itself, no command needed
            found = kiosk_json_ok(hub.data_dir, "application", "search", "Rahmat")
            if found:
                break
            assert time.monotonic() < deadline, "the spool was not sent when the hub came back"
            time.sleep(0.5)
        assert [a["registration_number"] for a in found] == [spooled["registration_number"]]
    finally:
        follower.stop()
        app.close()


def test_join_finds_the_hub_on_the_lan(tmp_path):
    # A kecamatan no other test uses, so parallel tests' hubs announced on the LAN are not candidates.
    process = HubProcess(make_hub_dir(tmp_path / "hub", site="64.02.19")).start()
    try:
        code = kiosk_json_ok(process.data_dir, "hub", "pair")["code"]
        pc = tmp_path / "pc"
        assert run_kiosk(pc, "init", "--site", "64.02.19").returncode == 0
        joined = kiosk_json_ok(pc, "join", "--code", code, "--name", "loket-9")
        assert joined["site"] == "64.02.19" and joined["hub"].endswith(f":{process.port}")
    finally:
        process.kill()
