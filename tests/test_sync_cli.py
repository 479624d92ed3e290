"""`kiosk enroll`, `kiosk sync` and `kiosk sync status` as processes against a real `kiosk-server`:
enrollment refusals, a kiosk killed mid-sync, two runs at once, a wrong PC clock, backup and restore.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.models import Meta, Ticket
from kiosk.site import this_device
from kiosk.sync import engine as sync_engine
from tests import faultproxy
from tests.conftest import ROOT, kiosk_env, kiosk_json, run_kiosk
from tests.faultproxy import FaultProxy
from tests.synctools import (
    TABANG,
    TENGGARONG,
    Kiosk,
    assert_exactly_once,
    central_fixture,
    kiosk_factory_fixture,
)

central = central_fixture()
make_kiosk = kiosk_factory_fixture()
SYNC_KEYS = ["pushed", "rejected", "pulled", "pending", "skew_seconds", "error", "dead_letters"]
STATUS_KEYS = ["enrolled", "last_success", "pending", "last_error", "skew_seconds", "next_run", "dead_letters",
               "last_dead_letter"]


def sync_json(kiosk: Kiosk, *args: str, env: dict | None = None):
    result = run_kiosk(kiosk.data_dir, "sync", *args, "--json", env_extra=env)
    return result.returncode, json.loads(result.stdout), result.stderr


def test_enroll_sync_and_status_keys(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    status = kiosk_json(kiosk.data_dir, "sync", "status")
    assert list(status) == STATUS_KEYS and status["enrolled"] is False and status["pending"] == 0
    code, data, _ = sync_json(kiosk)
    assert code == 1 and list(data) == SYNC_KEYS and data["error"].startswith("not_enrolled")

    enrolled = kiosk_json(kiosk.data_dir, "enroll", "--server", central.url, "--code", central.code(TABANG))
    assert enrolled["device_id"] == kiosk.device_id and enrolled["site"] == TABANG
    assert run_kiosk(kiosk.data_dir, "config", "get", "server.url").stdout.strip() == central.url
    kiosk.tickets(2)
    code, data, _ = sync_json(kiosk)
    assert code == 0, data
    assert data["pushed"] == 8 and data["pending"] == 0 and data["error"] is None
    assert abs(data["skew_seconds"]) < 5
    status = kiosk_json(kiosk.data_dir, "sync", "status")
    assert list(status) == STATUS_KEYS
    assert status["enrolled"] and status["last_error"] is None and status["pending"] == 0
    assert datetime.fromisoformat(status["next_run"]) > datetime.fromisoformat(status["last_success"])
    text = run_kiosk(kiosk.data_dir, "sync")
    assert text.returncode == 0 and "tertunda 0" in text.stdout


@pytest.mark.parametrize("case", ["wrong", "expired", "used", "other_site", "bad_url"])
def test_enrollment_refusals_are_one_line_and_change_nothing(central, make_kiosk, case):
    kiosk = make_kiosk(TABANG)
    url = central.url
    if case == "wrong":
        code = "ABCD-EFGH-JKMN"
    elif case == "expired":
        code = central.code(TABANG, expires=timedelta(minutes=5), now=datetime.now(UTC) - timedelta(hours=1))
    elif case == "used":
        code = central.code(TABANG)
        other = make_kiosk(TABANG, name="pc-2")
        assert run_kiosk(other.data_dir, "enroll", "--server", url, "--code", code).returncode == 0
    elif case == "other_site":
        code = central.code(TENGGARONG)
    else:
        code, url = central.code(TABANG), "ftp://example"
    result = run_kiosk(kiosk.data_dir, "enroll", "--server", url, "--code", code)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    expected = {"wrong": "salah", "expired": "kedaluwarsa", "used": "sudah dipakai", "other_site": "64.02.06",
                "bad_url": "alamat server"}[case]
    assert expected in result.stderr
    assert kiosk_json(kiosk.data_dir, "sync", "status")["enrolled"] is False


def test_unreachable_server_is_a_runtime_error_and_the_counter_keeps_working(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(1)
    code, data, _ = sync_json(kiosk, env={"KIOSK_SERVER_URL": "http://127.0.0.1:9"})
    assert code == 1 and data["error"].startswith("offline") and data["pending"] == 4
    assert run_kiosk(kiosk.data_dir, "ticket", "issue", "KTP").returncode == 0
    status = kiosk_json(kiosk.data_dir, "sync", "status")
    assert status["last_error"].startswith("offline") and status["pending"] == 5


def test_a_kiosk_killed_mid_sync_converges_after_restart(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(300)
    with FaultProxy(central.port) as proxy:
        # Central commits the first batch; its answer never reaches the kiosk, which is killed then.
        hold = proxy.add(faultproxy.HOLD_RESPONSE, "/api/v1/push")
        proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "sync", "--json"], cwd=ROOT,
                                env=kiosk_env(kiosk.data_dir, KIOSK_SERVER_URL=proxy.url),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert hold.responded.wait(30)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
            proc.stdout.close()
            proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d", d=kiosk.device_id) == 1200
        assert kiosk.pending() == 1200  # the kiosk never learnt it
        hold.release.set()
    code, data, _ = sync_json(kiosk)  # restarted: the lock died with the process
    assert code == 0, data
    assert data["pushed"] == 1200 and data["pending"] == 0
    assert_exactly_once(central, kiosk)


def test_two_sync_processes_at_once_only_one_runs(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(3)
    with FaultProxy(central.port) as proxy:
        hold = proxy.add(faultproxy.HOLD_RESPONSE, "/api/v1/push")
        first = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "sync", "--json"], cwd=ROOT,
                                 env=kiosk_env(kiosk.data_dir, KIOSK_SERVER_URL=proxy.url),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert hold.reached.wait(30)
            code, data, _ = sync_json(kiosk, env={"KIOSK_SERVER_URL": proxy.url})
            assert code == 1 and data["error"].startswith("busy") and data["pushed"] == 0
            assert proxy.count("/api/v1/push") == 0  # the second run never went on the wire
            hold.release.set()
            out, _ = first.communicate(timeout=60)
        finally:
            if first.poll() is None:
                first.kill()
                first.communicate(timeout=10)
    assert first.returncode == 0 and json.loads(out)["pushed"] == 12
    assert_exactly_once(central, kiosk)


def test_a_kiosk_clock_days_off_still_syncs_correctly(central, tmp_path, offset_days=3):
    offset = {"KIOSK_CLOCK_OFFSET": str(offset_days * 86400)}
    data = tmp_path / "kiosk"
    assert run_kiosk(data, "init", "--site", TABANG, env_extra=offset).returncode == 0
    assert run_kiosk(data, "counter", "set", "1", "--services", "KTP,KK", env_extra=offset).returncode == 0
    assert run_kiosk(data, "enroll", "--server", central.url, "--code", central.code(TABANG),
                     env_extra=offset).returncode == 0
    ticket = kiosk_json(data, "ticket", "issue", "KTP", env_extra=offset)
    app = kiosk_json(data, "application", "new", "--service", "SKCK", "--nik", "6402124506900001",
                     "--name", "Siti Aminah", env_extra=offset)
    result = run_kiosk(data, "sync", "--json", env_extra=offset)
    assert result.returncode == 0, result.stdout
    out = json.loads(result.stdout)
    assert out["error"] is None and out["pushed"] == 3 and out["pending"] == 0
    assert abs(out["skew_seconds"] + offset_days * 86400) < 10  # server minus this PC
    assert "PERINGATAN" in result.stderr and "jam PC" in result.stderr
    # The device's own times are kept as the facts it recorded; central's receive time is its own.
    issued_at = central.scalar("SELECT issued_at FROM tickets WHERE id = :i", i=ticket["id"])
    issued_at = issued_at if isinstance(issued_at, datetime) else datetime.fromisoformat(str(issued_at))
    drift = (issued_at.replace(tzinfo=UTC) - datetime.now(UTC)).total_seconds()
    assert abs(drift - offset_days * 86400) < 120
    # Central's decision still reaches the kiosk, whatever its clock says.
    assert central.cli("application", "set-status", app["registration_number"], "ready").returncode == 0
    back = json.loads(run_kiosk(data, "sync", "--json", env_extra=offset).stdout)
    assert back["error"] is None and back["pulled"] >= 1
    shown = kiosk_json(data, "application", "show", app["registration_number"], env_extra=offset)
    assert shown["status"] == "ready"
    status = kiosk_json(data, "sync", "status", env_extra=offset)
    assert abs(status["skew_seconds"] + offset_days * 86400) < 10
    # `doctor` reports the skew measured at that sync, and says the clock is not ok.
    doctor = run_kiosk(data, "doctor", "--json", env_extra=offset)
    clock = json.loads(doctor.stdout)["clock"]
    assert doctor.returncode == 1 and clock["ok"] is False
    assert abs(clock["skew_seconds"] + offset_days * 86400) < 10


def test_a_restored_kiosk_syncs_its_new_work_and_repeats_are_only_true_repeats(central, make_kiosk, tmp_path):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(2)
    assert kiosk.sync().ok  # epoch 1, seqs 1..8 on central
    kiosk.tickets(1)  # 9..12, not yet synced when the backup is taken
    backup = tmp_path / "backup.sqlite3"
    assert run_kiosk(kiosk.data_dir, "backup", "--out", str(backup)).returncode == 0
    kiosk.tickets(1)  # 13..16
    kiosk.application("SKCK", name="Hilang Setelah Backup")
    assert kiosk.sync().ok  # central now has epoch 1 up to 18
    lost_work = {t.id for t in _tickets(kiosk)}
    kiosk.close()

    # The disk dies; the technician restores last week's backup on a new disk.
    restored = run_kiosk(kiosk.data_dir, "restore", str(backup), "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["epoch"] == 2
    kiosk = _reopen(kiosk)
    # The backup carries no secret: central's operator issues a re-enroll code for this device.
    assert not kiosk.sync().ok
    _re_enroll(central, kiosk)
    new_ids = kiosk.tickets(2)  # epoch 2, seqs 1..8: new facts, not repeats of epoch 1's 1..8
    app_id, regno = kiosk.application("SKCK", name="Baru Setelah Restore")
    result = kiosk.sync()
    assert result.ok, result.error
    assert (result.pushed, result.rejected, result.pending) == (4 + 10, 0, 0)  # 9..12 again, then the new work
    d = kiosk.device_id
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d AND epoch = 1", d=d) == 18
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d AND epoch = 2", d=d) == 10
    held = {r.id for r in central.rows("SELECT id FROM tickets WHERE device_id = :d", d=d)}
    assert held == lost_work | set(new_ids)
    assert central.scalar("SELECT status FROM applications WHERE id = :i", i=app_id) == "forwarded"
    assert central.scalar("SELECT count(*) FROM applications WHERE site_code = :s AND name IN "
                          "('Hilang Setelah Backup', 'Baru Setelah Restore')", s=TABANG) == 2
    # Events of epoch 1 were not applied twice.
    assert central.scalar("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                          "WHERE t.device_id = :d", d=d) == 6 * 4

    # Restoring the same backup a second time gives epoch 2 again: central holds epoch 2 with other
    # content, so the new rows are moved to a fresh epoch instead of being taken for repeats.
    kiosk.close()
    assert run_kiosk(kiosk.data_dir, "restore", str(backup)).returncode == 0
    kiosk = _reopen(kiosk)
    _re_enroll(central, kiosk)
    again = kiosk.tickets(1)
    result = kiosk.sync()
    assert result.ok, result.error
    assert central.scalar("SELECT count(*) FROM tickets WHERE id = :i", i=again[0]) == 1
    with kiosk.store.read() as s:
        assert s.get(Meta, sync_engine.K_CURSOR) is not None

        assert this_device(s).epoch == 3
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d AND epoch = 3", d=d) == 4
    kiosk.close()


def _tickets(kiosk: Kiosk) -> list[Ticket]:
    with kiosk.store.read() as s:
        return list(s.scalars(select(Ticket)))


def _re_enroll(central, kiosk: Kiosk) -> None:
    code = central.cli("device", "re-enroll", kiosk.device_id)
    assert code.returncode == 0, code.stderr
    assert run_kiosk(kiosk.data_dir, "enroll", "--server", kiosk.server_url, "--code",
                     code.stdout.strip()).returncode == 0


def _reopen(old: Kiosk) -> Kiosk:
    from kiosk.db import open_store

    kiosk = Kiosk.__new__(Kiosk)
    kiosk.data_dir, kiosk.site_code, kiosk.clock, kiosk.server_url = old.data_dir, old.site_code, old.clock, old.server_url
    kiosk.store = open_store(old.data_dir / "kiosk.sqlite3")
    return kiosk


def test_dead_letters_are_reported_by_sync_status_and_their_own_list(central, make_kiosk):
    from kiosk import outbox
    from mpp import regno as regno_rules
    from mpp import wire

    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    kiosk.tickets(1)
    # Rows an older kiosk wrote before intake cleaned text: a note over central's limit, and one of 3 MB
    # (over any batch: it goes as a stub), among good rows.
    app_id, regno = kiosk.application("SKCK")
    with kiosk.store.transaction() as s:
        row = [r for r in s.scalars(select(outbox.OutboxMutation)) if r.name == wire.APPLICATION_RECEIVED][-1]
        payload = json.loads(row.payload)
        key = regno_rules.check_regno(payload["rn"])
        day = datetime.strptime(key[6:12], "%y%m%d").date()
        for n, notes in ((1, "x" * 5000), (2, os.urandom(1_500_000).hex())):
            copy = {**payload, "i": f"{payload['i'][:-1]}{n}", "nt": notes,
                    "rn": regno_rules.make_registration_number(TABANG, day, key[12:15], int(key[15:19]) + n)}
            outbox.append_stored(s, wire.APPLICATION_RECEIVED, copy, kiosk.clock.now())
    kiosk.tickets(1)
    code, data, err = sync_json(kiosk)
    assert code == 1, (data, err)
    assert data["pending"] == 0 and data["rejected"] == 2 and data["error"].startswith("dead_letter")
    assert [d["kind"] for d in data["dead_letters"]] == [wire.APPLICATION_RECEIVED] * 2
    status = kiosk_json(kiosk.data_dir, "sync", "status")
    assert status["dead_letters"] == 2 and status["last_error"] is None
    assert set(status["last_dead_letter"]) == {"seq", "kind", "reason"}
    assert status["last_dead_letter"]["seq"] in {d["seq"] for d in data["dead_letters"]}
    listed = kiosk_json(kiosk.data_dir, "sync", "dead-letters")
    assert len(listed) == 2 and all(set(d) == {"seq", "kind", "reason", "at"} for d in listed)
    reasons = " ".join(d["reason"] for d in listed)
    assert "notes" in reasons and "too large" in reasons
    assert central.scalar("SELECT status FROM applications WHERE id = :i", i=app_id) == "forwarded"
    # Nothing new was refused in the next run: exit 0 again, the dead letters stay listed.
    kiosk.tickets(1)
    code, data, _ = sync_json(kiosk)
    assert code == 0 and data["error"] is None and data["dead_letters"] == []
    assert kiosk_json(kiosk.data_dir, "sync", "status")["dead_letters"] == 2
