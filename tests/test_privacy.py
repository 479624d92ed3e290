"""Personal data at the site kept only as long as needed (UU 27/2022, DESIGN.md §5): closed and synced
applications masked after `privacy.site_retention_days`, intake drafts gone after 24 h, old backups deleted;
`kiosk privacy purge` and the running app's daily job. Real data dirs, a real central, a shifted clock."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime

import pytest

from kiosk.app import App
from kiosk.clock import FrozenClock
from kiosk.ops import intake
from tests.conftest import kiosk_json, run_kiosk
from tests.synctools import TABANG, central_fixture, kiosk_factory_fixture
from tests.test_cli import NIK, db_digest

central = central_fixture()
make_kiosk = kiosk_factory_fixture()
DAY = 86400


def later(days: float) -> dict:
    """The environment of a `kiosk` run `days` from now (the PC's clock moved, as in the drills)."""
    return {"KIOSK_CLOCK_OFFSET": str(int(days * DAY))}


def purge(data_dir, days: float = 0, *extra: str) -> dict:
    return kiosk_json(data_dir, "privacy", "purge", *extra, env_extra=later(days))


def closed_application(data_dir, service: str = "KTP") -> str:
    app = kiosk_json(data_dir, "application", "new", "--service", service, "--nik", NIK, "--name", "Siti Aminah",
                     "--phone", "0812-3456-7890", "--address", "Jl. Poros RT 03, Tabang")
    regno = app["registration_number"]
    assert run_kiosk(data_dir, "application", "set-status", regno, "ready").returncode == 0
    assert run_kiosk(data_dir, "application", "hand-over", regno).returncode == 0
    return regno


def stored(data_dir, regno: str) -> tuple:
    conn = sqlite3.connect(data_dir / "kiosk.sqlite3")
    try:
        return conn.execute("SELECT nik, phone, address, name, status FROM applications "
                            "WHERE registration_number = ?", (regno,)).fetchone()
    finally:
        conn.close()


def test_a_closed_synced_application_is_masked_after_the_retention_and_sync_is_unharmed(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    data = kiosk.data_dir
    regno = closed_application(data)
    open_one = kiosk_json(data, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Budi",
                          "--phone", "081234567891")["registration_number"]
    # Not synced yet: nothing is masked, however old.
    assert purge(data, 31) == {"applications": 0, "drafts": 0, "backups": 0}
    assert kiosk.sync().ok and kiosk.pending() == 0
    assert purge(data, 29)["applications"] == 0  # within the retention
    assert purge(data, 31, "--dry-run") == {"applications": 1, "drafts": 0, "backups": 0}
    assert stored(data, regno)[0] == NIK  # a dry run changes nothing
    assert purge(data, 31)["applications"] == 1
    nik, phone, address, name, status = stored(data, regno)
    assert (nik, phone, address) == ("6402**********03", "0812******90", "***")
    assert (name, status) == ("Siti Aminah", "handed_over")
    assert stored(data, open_one)[0] == NIK  # still open: kept
    assert purge(data, 31)["applications"] == 0  # once only
    # The outbox's copy of the intake is masked too; no mutation was made for the mask.
    conn = sqlite3.connect(data / "kiosk.sqlite3")
    payloads = [row[0] for row in conn.execute("SELECT payload FROM outbox")]
    conn.close()
    assert kiosk.pending() == 0 and sum(NIK in p for p in payloads) == 1  # Budi's, still open
    # Sync goes on: nothing re-pushed, central keeps what it received (its own retention applies there).
    result = kiosk.sync()
    assert result.ok and result.pushed == 0
    assert central.scalar("SELECT nik FROM applications WHERE registration_number = :r", r=regno) == NIK
    # The operator's view, the receipt reprint and the citizen's Cek Status still work, masked.
    shown = kiosk_json(data, "application", "show", regno)
    assert shown["nik"] == "6402**********03" and shown["phone"] == "0812******90" and shown["address"] == "***"
    assert run_kiosk(data, "print", "receipt", regno).returncode == 0
    app = App(data_dir=data)
    try:
        assert app.run(intake.public_status, text=regno)["status"] == "handed_over"
    finally:
        app.close()
    assert kiosk_json(data, "application", "search", NIK)[0]["registration_number"] == open_one


def test_applications_not_closed_or_with_a_change_not_yet_synced_are_kept(cli_site):
    closed = closed_application(cli_site)
    ready = kiosk_json(cli_site, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Ani",
                       "--address", "Jl. Mawar")["registration_number"]
    assert run_kiosk(cli_site, "application", "set-status", ready, "ready").returncode == 0
    acknowledge_outbox(cli_site)  # as central acknowledged them
    # Handed over just now: its hand-over has not reached central yet.
    late = kiosk_json(cli_site, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Budi",
                      "--phone", "081234567891")["registration_number"]
    assert run_kiosk(cli_site, "application", "set-status", late, "ready").returncode == 0
    acknowledge_outbox(cli_site)
    assert run_kiosk(cli_site, "application", "hand-over", late).returncode == 0
    assert purge(cli_site, 31)["applications"] == 1
    assert stored(cli_site, closed)[0] != NIK
    assert stored(cli_site, ready)[0] == NIK and stored(cli_site, ready)[2] == "Jl. Mawar"
    assert stored(cli_site, late)[:2] == (NIK, "081234567891")
    acknowledge_outbox(cli_site)
    assert purge(cli_site, 31)["applications"] == 1
    assert stored(cli_site, late)[:2] == ("6402**********03", "0812******91")


def acknowledge_outbox(data_dir) -> None:
    conn = sqlite3.connect(data_dir / "kiosk.sqlite3")
    conn.execute("UPDATE outbox SET acked_at = CURRENT_TIMESTAMP WHERE acked_at IS NULL")
    conn.commit()
    conn.close()


def test_the_retention_is_a_setting(cli_site):
    closed_application(cli_site)
    acknowledge_outbox(cli_site)
    assert run_kiosk(cli_site, "config", "set", "privacy.site_retention_days", "90").returncode == 0
    assert purge(cli_site, 31)["applications"] == 0
    assert purge(cli_site, 91)["applications"] == 1


def test_intake_drafts_live_in_the_store_and_go_after_a_day(tmp_path, cli_site):
    clock = FrozenClock(datetime.now(UTC))
    app = App(data_dir=cli_site, clock=clock)
    try:
        app.run(intake.save_draft, counter=1, draft={"nik": NIK, "name": "Siti"})
        assert not (cli_site / "drafts").exists()  # no file with a full NIK beside the store
        clock.advance(hours=23)
        assert app.run(intake.load_draft, counter=1)["nik"] == NIK
    finally:
        app.close()
    legacy = cli_site / "drafts"
    legacy.mkdir()
    (legacy / "intake-loket-2.json").write_text(json.dumps({"nik": NIK}))
    assert purge(cli_site, 0)["drafts"] == 0  # saved minutes ago, by the real clock
    assert purge(cli_site, 1.05) == {"applications": 0, "drafts": 2, "backups": 0}
    assert not (legacy / "intake-loket-2.json").exists()
    conn = sqlite3.connect(cli_site / "kiosk.sqlite3")
    assert conn.execute("SELECT count(*) FROM intake_drafts").fetchone()[0] == 0
    conn.close()


def test_backups_older_than_the_retention_are_deleted(cli_site, tmp_path):
    old = tmp_path / "old.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(old)).returncode == 0
    made_in = cli_site / "kiosk.replaced-20261101-080000.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(cli_site / "backups" / "manual.sqlite3")).returncode == 0
    conn = sqlite3.connect(made_in)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("not a database")
    assert purge(cli_site, 29, "--dry-run")["backups"] == 0
    before = db_digest(cli_site)
    assert purge(cli_site, 31, "--dry-run")["backups"] == 3
    assert db_digest(cli_site) == before and old.exists()
    assert purge(cli_site, 31)["backups"] == 3
    assert not old.exists() and not made_in.exists() and not (cli_site / "backups" / "manual.sqlite3").exists()
    assert not_a_backup.exists() and (cli_site / "kiosk.sqlite3").exists()
    assert purge(cli_site, 31)["backups"] == 0


def test_the_running_app_purges_daily(cli_site):
    from kiosk.workers import PRIVACY_EVERY, PRIVACY_JOB_ID, Workers

    clock = FrozenClock(datetime.now(UTC))
    app = App(data_dir=cli_site, clock=clock)
    workers = Workers(app, privacy_first_run_seconds=0.5)
    try:
        app.run(intake.save_draft, counter=1, draft={"nik": NIK})
        clock.advance(hours=25)
        workers.start()
        job = workers.privacy.get_job(PRIVACY_JOB_ID)
        assert job.trigger.interval == PRIVACY_EVERY
        deadline = time.monotonic() + 20
        while workers.last_purge is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert workers.last_purge == {"applications": 0, "drafts": 1, "backups": 0}
        assert app.run(intake.load_draft, counter=1) is None
    finally:
        workers.stop()
        app.close()


@pytest.mark.parametrize("value", ["0", "3651", "tiga puluh"])
def test_the_retention_has_bounds(cli_site, value):
    r = run_kiosk(cli_site, "config", "set", "privacy.site_retention_days", value)
    assert r.returncode == 2 and "privacy.site_retention_days" in r.stderr


def test_purge_prints_its_counts(cli_site):
    r = run_kiosk(cli_site, "privacy", "purge", "--json")
    assert r.returncode == 0 and json.loads(r.stdout) == {"applications": 0, "drafts": 0, "backups": 0}
    text = run_kiosk(cli_site, "privacy", "purge", "--dry-run")
    assert text.returncode == 0 and "Permohonan 0" in text.stdout

