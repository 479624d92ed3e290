"""Secrets at rest on a counter PC: a private data dir, backups without secrets, the Windows ACL, and
`doctor` telling a restored PC to re-enroll / re-join and reporting the clock skew of the last sync."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import ROOT, kiosk_json, run_kiosk

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows uses the installer's ACL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def put_meta(data_dir: Path, **values: str) -> None:
    conn = sqlite3.connect(data_dir / "kiosk.sqlite3")
    try:
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))
        conn.commit()
    finally:
        conn.close()


def meta_of(path: Path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


ENROLLED = {"sync.device_id": "dev-1", "sync.secret": "s3cret-of-this-pc", "sync.server": "https://pusat.example",
            "hub.token": "hub-token-of-this-pc",
            "hub.site_meta": json.dumps({"site": "64.02.12", "epoch": 1,
                                         "sync": {"sync.device_id": "hub-dev", "sync.secret": "hub-s3cret"}})}


@posix_only
def test_every_start_makes_the_data_dir_private(cli_site):
    hub = cli_site / "hub"
    hub.mkdir()
    (hub / "hub-key.pem").write_text("key")
    (hub / "hub-cert.pem").write_text("cert")
    assert run_kiosk(cli_site, "config", "set", "printer.width", "58").returncode == 0
    loose = [cli_site, hub, *cli_site.iterdir(), *hub.iterdir()]
    for path in loose:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    assert run_kiosk(cli_site, "queue").returncode == 0
    assert mode(cli_site) == 0o700 and mode(hub) == 0o700
    files = [p for p in [*cli_site.iterdir(), *hub.iterdir()] if p.is_file()]
    assert {p.name for p in files} >= {"kiosk.sqlite3", "config.toml", "hub-key.pem", "hub-cert.pem"}
    assert {p.name: oct(mode(p)) for p in files} == {p.name: oct(0o600) for p in files}
    # A setting written later is private from the start.
    assert run_kiosk(cli_site, "config", "set", "printer.width", "80").returncode == 0
    assert mode(cli_site / "config.toml") == 0o600


@posix_only
def test_a_backup_is_private_and_carries_no_secret(cli_site, tmp_path):
    put_meta(cli_site, **ENROLLED)
    out = tmp_path / "copies" / "b.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(out)).returncode == 0
    assert mode(out) == 0o600
    meta = meta_of(out)
    assert "sync.secret" not in meta and "hub.token" not in meta
    assert meta["sync.device_id"] == "dev-1"  # who it was stays: central re-enrolls that device
    assert "sync" not in json.loads(meta["hub.site_meta"])
    raw = out.read_bytes()
    assert b"s3cret" not in raw and b"hub-token-of-this-pc" not in raw
    # The live store keeps them.
    assert meta_of(cli_site / "kiosk.sqlite3")["sync.secret"] == "s3cret-of-this-pc"


def test_a_pc_restored_from_a_backup_is_told_to_re_enroll(cli_site, tmp_path):
    put_meta(cli_site, **{k: v for k, v in ENROLLED.items() if k.startswith("sync.")})
    assert kiosk_json(cli_site, "doctor")["ok"]
    out = tmp_path / "b.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(out)).returncode == 0
    assert run_kiosk(cli_site, "restore", str(out)).returncode == 0
    r = run_kiosk(cli_site, "doctor", "--json")
    assert r.returncode == 1
    problems = json.loads(r.stdout)["problems"]
    assert any("daftarkan ulang" in p and "kiosk enroll" in p for p in problems), problems
    assert kiosk_json(cli_site, "sync", "status")["enrolled"] is False


def test_a_joined_pc_restored_from_a_backup_is_told_to_re_join(cli_site, tmp_path):
    put_meta(cli_site, **{"hub.role": "joined", "hub.url": "https://10.0.0.2:8710", "hub.token": "t0ken"})
    out = tmp_path / "b.sqlite3"
    assert run_kiosk(cli_site, "backup", "--out", str(out)).returncode == 0
    conn = sqlite3.connect(out)
    conn.execute("DELETE FROM meta WHERE key LIKE 'hub.%'")  # a joined PC's restore: on the copy, as it was
    conn.execute("INSERT INTO meta VALUES ('hub.role', 'joined'), ('hub.url', 'https://10.0.0.2:8710')")
    conn.commit()
    conn.close()
    put_meta(cli_site, **{"hub.role": "standalone"})
    assert run_kiosk(cli_site, "restore", str(out)).returncode == 0
    problems = json.loads(run_kiosk(cli_site, "doctor", "--json").stdout)["problems"]
    assert any("kiosk join" in p for p in problems), problems


@pytest.mark.parametrize("skew, ok", [(2.5, True), (-3 * 86400, False), (301, False)])
def test_doctor_reports_the_clock_skew_measured_at_the_last_sync(cli_site, skew, ok):
    put_meta(cli_site, **{"sync.skew_seconds": str(skew)})
    r = run_kiosk(cli_site, "doctor", "--json")
    clock = json.loads(r.stdout)["clock"]
    assert clock["skew_seconds"] == skew and clock["ok"] is ok
    assert r.returncode == (0 if ok else 1)
    text = run_kiosk(cli_site, "doctor").stdout
    line = next(x for x in text.splitlines() if x.startswith("clock:"))
    assert ("not ok" in line) is (not ok) and f"{skew:+.0f} s" in line


def test_the_windows_installer_gives_the_data_dir_to_this_account_and_administrators_only():
    nsi = (ROOT / "installer" / "windows" / "kiosk.nsi").read_text(encoding="utf-8")
    code = [line.split(";", 1)[0] for line in nsi.splitlines()]
    icacls = [line for line in code if "icacls" in line.lower()]
    assert icacls, "the data dir's ACL is set with icacls"
    grants = [line for line in icacls if "/grant" in line]
    # No grant to BUILTIN\Users (S-1-5-32-545) or Everyone / Authenticated Users, by name or SID.
    for line in grants:
        assert not re.search(r"USERS_SID|S-1-5-32-545|\bUsers\b|S-1-1-0|S-1-5-11|Everyone", line), line
    assert any("/inheritance:r" in line and "$DataDir" in line for line in icacls)
    assert any("S-1-5-32-544" in line or "ADMINS_SID" in line for line in grants)  # Administrators
    assert any("$KioskUser" in line for line in grants)  # the account that installs and runs the kiosk
