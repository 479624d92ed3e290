"""`kiosk restore` refuses a backup that is not what our migrations make: one line, exit 2, nothing changed."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import kiosk_json, run_kiosk
from tests.test_cli import db_digest

TAMPER = {
    "dropped_table": ("DROP TABLE surveys", "tabel surveys tidak ada"),
    "missing_device_row": ("DELETE FROM device", "device"),
    "hostile_trigger": ("CREATE TRIGGER trg_rewrite AFTER INSERT ON tickets BEGIN "
                        "UPDATE tickets SET service_code = 'KK' WHERE id = NEW.id; END", "trigger asing trg_rewrite"),
    "hostile_trigger_with_our_name": (
        "DROP TRIGGER trg_tickets_insert_log; CREATE TRIGGER trg_tickets_insert_log AFTER INSERT ON tickets "
        "BEGIN UPDATE tickets SET service_code = 'KK' WHERE id = NEW.id; END", "trigger asing trg_tickets_insert_log"),
    "foreign_view": ("CREATE VIEW v_people AS SELECT nik, name FROM applications", "view asing v_people"),
    "foreign_table": ("CREATE TABLE loot (x TEXT)", "tabel asing loot"),
    "dropped_column": ("ALTER TABLE surveys DROP COLUMN suggestion", "kolom surveys.suggestion"),
    "unknown_version": ("UPDATE alembic_version SET version_num = '9999_future'", "9999_future"),
    "no_version": ("DROP TABLE alembic_version", "versi skema"),
}


@pytest.fixture
def backup(cli_site, tmp_path):
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    out = tmp_path / "backup.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(out)).returncode == 0
    kiosk_json(cli_site, "ticket", "issue", "KTP")
    return out


@pytest.mark.parametrize("case", list(TAMPER))
def test_restore_refuses_a_tampered_backup_and_changes_nothing(cli_site, backup, case):
    sql, reason = TAMPER[case]
    conn = sqlite3.connect(backup)
    conn.executescript(sql)
    conn.close()
    before = db_digest(cli_site)
    files = sorted(p.name for p in cli_site.iterdir())
    r = run_kiosk(cli_site, "restore", str(backup))
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr and reason in lines[0], r.stderr
    assert db_digest(cli_site) == before
    assert sorted(p.name for p in cli_site.iterdir()) == files  # no .restoring, no copy aside
    assert [q["number"] for q in kiosk_json(cli_site, "queue")] == ["A-001", "A-002"]


def test_an_untampered_backup_still_restores(cli_site, backup):
    assert kiosk_json(cli_site, "restore", str(backup))["epoch"] == 2
    assert [q["number"] for q in kiosk_json(cli_site, "queue")] == ["A-001"]
    assert not list(cli_site.glob("*.restoring*"))
