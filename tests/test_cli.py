"""The `kiosk` command end to end, as a real subprocess on a real data dir."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from tests.conftest import kiosk_json, run_kiosk

NIK = "6402124512900003"  # a woman born 05-12-1990 in Kutai Kartanegara


def db_digest(data_dir) -> str:
    conn = sqlite3.connect(data_dir / "kiosk.sqlite3")
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def test_init_services_and_sites(cli_site):
    services = kiosk_json(cli_site, "services")
    ktp = next(s for s in services if s["code"] == "KTP")
    assert set(ktp) == {"code", "name", "agency", "prefix", "mode", "sla", "fee", "available", "reason", "notice"}
    assert ktp["available"] is True
    death = next(s for s in services if s["code"] == "AKMATI")  # no counter serves it at this site
    assert death["available"] is False and "belum ada loket" in death["reason"]
    assert {s["mode"] for s in services} == {"local", "forward", "online"}
    assert len(kiosk_json(cli_site, "sites")) == 20
    again = run_kiosk(cli_site, "init", "--site", "64.02.06")
    assert again.returncode == 2 and "sudah untuk situs 64.02.12" in again.stderr


def test_ticket_lifecycle_through_the_cli(cli_site):
    t = kiosk_json(cli_site, "ticket", "issue", "KTP")
    assert {"id", "number", "service", "status", "position", "estimated_wait_minutes", "issued_at"} <= set(t)
    assert (t["number"], t["status"], t["position"]) == ("A-001", "waiting", 1)
    t2 = kiosk_json(cli_site, "ticket", "issue", "ktp", "--priority", "lansia")
    assert t2["number"] == "A-002" and t2["position"] == 1  # priority goes first
    called = kiosk_json(cli_site, "ticket", "call", "--counter", "1")
    assert called["number"] == "A-002" and called["status"] == "called"
    for action in ("recall", "start", "finish"):
        r = run_kiosk(cli_site, "ticket", action, "A-002", "--counter", "1")
        assert r.returncode == 0, r.stderr
    queue = kiosk_json(cli_site, "queue")
    assert [q["number"] for q in queue] == ["A-001"]
    kiosk_json(cli_site, "ticket", "call", "--counter", "1")
    assert run_kiosk(cli_site, "ticket", "start", "A-001", "--counter", "1").returncode == 0
    moved = kiosk_json(cli_site, "ticket", "transfer", "A-001", "--to", "KK", "--counter", "1")
    assert moved["number"] == "B-001" and moved["status"] == "waiting"
    shown = kiosk_json(cli_site, "ticket", "show", "A-001")
    assert [h["to"] for h in shown["history"]] == ["waiting", "called", "serving", "transferred"]


def test_call_on_empty_queue_exits_1(cli_site):
    r = run_kiosk(cli_site, "ticket", "call", "--counter", "1")
    assert r.returncode == 1 and "queue empty" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ["ticket", "issue", "NOPE"],
    ["ticket", "issue", "KTP", "--priority", "vip"],
    ["ticket", "call"],
    ["ticket", "call", "--counter", "zero"],
    ["ticket", "finish", "A-001", "--counter", "1"],
    ["ticket", "finish", "###", "--counter", "1"],
    ["ticket", "transfer", "A-001", "--to", "KK", "--counter", "1"],
    ["counter", "set", "2", "--services", "KTP,NOPE"],
    ["application", "new", "--service", "KTP", "--nik", "123", "--name", "Siti"],
    ["application", "new", "--service", "KTP", "--nik", "9902124512900003", "--name", "Siti"],
    ["application", "new", "--service", "KTP", "--nik", NIK, "--name", "Siti", "--phone", "12345"],
    ["application", "new", "--service", "KTP", "--nik", NIK, "--name", ""],
    ["application", "show", "640212-261128-7KQ0012-5"],  # well-formed, unknown
    ["application", "show", "640212-261128-7KQ0012-X"],  # wrong check character
    ["survey", "add", "--service", "KTP", "--scores", "4,4,4"],
    ["survey", "add", "--service", "KTP", "--scores", "5,4,4,4,4,4,4,4,4"],
    ["survey", "ikm", "--from", "yesterday"],
    ["config", "set", "printer.width", "72"],
    ["config", "set", "printer", "lpt1"],
    ["config", "set", "nope", "1"],
    ["operator", "add", "ani", "--name", "Ani", "--pin", "12"],
    ["restore", "/nonexistent/backup.sqlite3"],
    ["no-such-command"],
])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(cli_site, args):
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    before = db_digest(cli_site)
    config_before = (cli_site / "config.toml").read_bytes() if (cli_site / "config.toml").exists() else None
    r = run_kiosk(cli_site, *args)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert db_digest(cli_site) == before
    after = (cli_site / "config.toml").read_bytes() if (cli_site / "config.toml").exists() else None
    assert after == config_before


def test_commands_before_init_say_what_to_do(tmp_path):
    r = run_kiosk(tmp_path / "empty", "ticket", "issue", "KTP")
    assert r.returncode == 1 and "kiosk init" in r.stderr


def test_application_intake_show_and_hand_over(cli_site):
    app = kiosk_json(cli_site, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Siti Aminah",
                     "--phone", "+62 812-3456-7890", "--address", "Jl. Poros RT 03")
    assert app["status"] == "received" and app["phone"] == "081234567890"
    assert app["nik"] == "6402**********03"
    regno = app["registration_number"]
    sloppy = regno.lower().replace("-", " ")
    shown = kiosk_json(cli_site, "application", "show", sloppy)
    assert shown["id"] == app["id"] and shown["history"][0]["to"] == "received"
    r = run_kiosk(cli_site, "application", "hand-over", regno)
    assert r.returncode == 2 and "ready" in r.stderr.lower() or "siap" in r.stderr.lower()
    typo = regno[:-1] + ("X" if regno[-1] != "X" else "Y")
    r = run_kiosk(cli_site, "application", "show", typo)
    assert r.returncode == 2 and "salah ketik" in r.stderr


def test_forward_service_application_is_forwarded_on_intake(cli_site):
    app = kiosk_json(cli_site, "application", "new", "--service", "PASPOR", "--nik", NIK, "--name", "Siti")
    assert app["status"] == "forwarded"


def test_survey_and_ikm(cli_site):
    for scores in ("4,4,3,4,4,4,4,3,4", "3,3,3,3,3,3,3,3,3"):
        assert run_kiosk(cli_site, "survey", "add", "--service", "KTP", "--scores", scores).returncode == 0
    result = kiosk_json(cli_site, "survey", "ikm", "--service", "KTP")
    assert result["respondents"] == 2 and set(result) >= {"ikm", "mutu", "per_unsur"}
    # (34 + 27) / 18 = 3.3888... x 25 = 84.72 -> B
    assert result["ikm"] == pytest.approx(84.72) and result["mutu"] == "B"


def test_backup_restore_keeps_the_replaced_file_and_starts_a_new_epoch(cli_site, tmp_path):
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    backup = tmp_path / "b.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(backup)).returncode == 0
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    restored = kiosk_json(cli_site, "restore", str(backup))
    assert restored["epoch"] == 2
    assert [q["number"] for q in kiosk_json(cli_site, "queue")] == ["A-001"]
    again = kiosk_json(cli_site, "restore", str(backup))
    assert again["epoch"] == 3  # the same backup twice never reuses an epoch
    replaced = restored["replaced_file"]
    conn = sqlite3.connect(replaced)
    assert conn.execute("select count(*) from tickets").fetchone()[0] == 2
    conn.close()
    doctor = kiosk_json(cli_site, "doctor")
    assert doctor["integrity_check"] == "ok"


def test_restore_refuses_while_the_app_runs(cli_site, tmp_path):
    from filelock import FileLock

    backup = tmp_path / "b.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(backup)).returncode == 0
    with FileLock(str(cli_site / "app.lock")):
        r = run_kiosk(cli_site, "restore", str(backup))
    assert r.returncode == 1 and "sedang berjalan" in r.stderr


def test_doctor_reports_schema_disk_and_clock(cli_site):
    d = kiosk_json(cli_site, "doctor")
    assert d["integrity_check"] == "ok" and d["clock"]["ok"] and d["ok"]
    assert d["schema"]["current"] == d["schema"]["head"]
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    back = run_kiosk(cli_site, "doctor", "--json", env_extra={"KIOSK_CLOCK_OFFSET": -3 * 86400})
    assert back.returncode == 1 and json.loads(back.stdout)["clock"]["ok"] is False


def test_config_set_and_get(cli_site):
    assert run_kiosk(cli_site, "config", "set", "printer.width", "58").returncode == 0
    assert kiosk_json(cli_site, "config", "get", "printer.width") == {"printer.width": 58}
    assert run_kiosk(cli_site, "config", "set", "printer", "escpos+tcp://127.0.0.1:9100").returncode == 0
    assert kiosk_json(cli_site, "config", "get", "printer")["printer.uri"] == "escpos+tcp://127.0.0.1:9100"
