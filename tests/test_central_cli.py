"""`kiosk-server` commands: init, enroll-code, catalog import, application list/set-status, stats."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import tomli_w

from kiosk import catalog, survey
from mpp.catalog import BUNDLED_CATALOG
from tests.synctools import TABANG, TENGGARONG, central_fixture, kiosk_factory_fixture, run_server_cli

central = central_fixture()
make_kiosk = kiosk_factory_fixture()


def one_line_error(result, code: int = 2) -> str:
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kiosk-server: "), result.stderr
    return lines[0]


def test_init_is_idempotent_and_other_commands_need_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    one_line_error(run_server_cli(url, "enroll-code", "--site", TABANG), code=1)
    first = run_server_cli(url, "init", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["catalog_version"] == 1
    again = run_server_cli(url, "init")
    assert again.returncode == 0 and "katalog versi 1" in again.stdout


def test_enroll_code_prints_the_code_alone(central):
    result = central.cli("enroll-code", "--site", "640212", "--expires", "30m")
    assert result.returncode == 0 and re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\n", result.stdout)
    assert "tidak dikenal" in one_line_error(central.cli("enroll-code", "--site", "99.99.99"))
    assert "durasi" in one_line_error(central.cli("enroll-code", "--site", TABANG, "--expires", "soon"))
    assert "--site" in one_line_error(central.cli("enroll-code"))


def test_catalog_import_publishes_a_version_that_kiosks_pull(central, make_kiosk, tmp_path):
    kiosk = make_kiosk(TENGGARONG)
    kiosk.enroll(central)
    assert kiosk.sync().ok
    data = tomllib.loads(BUNDLED_CATALOG.read_text(encoding="utf-8"))
    for svc in data["services"]:
        if svc["code"] == "KTP":
            svc["name"] = "KTP-el (perekaman & cetak)"
    data["services"].append({"code": "SKTM", "name": "Surat Keterangan Tidak Mampu", "agency": "DUKCAPIL",
                             "prefix": "R", "mode": "local", "requirements": ["KTP", "KK"]})
    data["services"] = [s for s in data["services"] if s["code"] != "PBB"]
    path = tmp_path / "katalog.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    published = central.cli("catalog", "import", str(path), "--json")
    assert published.returncode == 0, published.stderr
    version = json.loads(published.stdout)["version"]
    assert version >= 2 and json.loads(published.stdout)["changed"] is True
    same = central.cli("catalog", "import", str(path), "--json")
    assert json.loads(same.stdout) == {"version": version, "changed": False, "services": len(data["services"])}

    result = kiosk.sync()
    assert result.ok and result.pulled >= 1
    with kiosk.store.read() as s:
        codes = {svc.code: svc for svc in catalog.services(s)}
        assert codes["KTP"].name == "KTP-el (perekaman & cetak)" and codes["KTP"].catalog_version == version
        assert "SKTM" in codes and "PBB" not in codes  # withdrawn services become inactive

    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[services]]\ncode = "x"\n', encoding="utf-8")
    one_line_error(central.cli("catalog", "import", str(bad)))
    one_line_error(central.cli("catalog", "import", str(tmp_path / "missing.toml")))


def test_application_list_and_set_status(central, make_kiosk):
    kiosk = make_kiosk(TABANG)
    kiosk.enroll(central)
    forwarded_id, forwarded = kiosk.application("TANAH", name="Budi Forward")
    local_id, local = kiosk.application("KK", name="Budi Lokal")
    assert kiosk.sync().ok

    listed = json.loads(central.cli("application", "list", "--site", TABANG, "--status", "forwarded", "--json").stdout)
    assert forwarded in [r["registration_number"] for r in listed]
    assert all(set(r) == {"registration_number", "site", "service", "name", "status", "reject_reason",
                          "received_at", "updated_at"} for r in listed)

    typo = forwarded[:-1] + ("A" if forwarded[-1] != "A" else "B")
    assert "digit periksa" in one_line_error(central.cli("application", "set-status", typo, "ready"))
    assert "format" in one_line_error(central.cli("application", "set-status", "12345", "ready"))
    assert "forwarded" in one_line_error(central.cli("application", "set-status", local, "ready"))
    assert "alasan" in one_line_error(central.cli("application", "set-status", forwarded, "rejected"))
    one_line_error(central.cli("application", "set-status", forwarded, "handed_over"))
    one_line_error(central.cli("application", "list", "--status", "bogus"))

    moved = central.cli("application", "set-status", forwarded, "in_process", "--json")
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["status"] == "in_process"
    rejected = central.cli("application", "set-status", forwarded, "rejected", "--reason", "  berkas   tidak lengkap ")
    assert rejected.returncode == 0 and "in_process -> rejected" in rejected.stdout
    assert kiosk.sync().pulled >= 2
    from kiosk.models import Application

    with kiosk.store.read() as s:
        app = s.get(Application, forwarded_id)
        assert app.status == "rejected" and app.reject_reason == "berkas tidak lengkap"
        assert s.get(Application, local_id).status == "received"


def test_stats_per_site_and_day(central, make_kiosk):
    kiosk = make_kiosk("64.02.05")
    kiosk.enroll(central)
    kiosk.tickets(4)  # each waits 0 s and is served in 0 s on the frozen clock
    kiosk.tickets(2, lifecycle=False)
    kiosk.application("KK")
    with kiosk.store.transaction() as s:
        for scores in ([4] * 9, [3] * 9):
            survey.add_survey(s, service_code="KTP", scores=scores, now=kiosk.clock.now())
    assert kiosk.sync().ok
    day = kiosk.clock.today().isoformat()
    result = central.cli("stats", "--site", "640205", "--date", day, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["date"] == day and len(data["sites"]) == 1
    site = data["sites"][0]
    assert site["site"] == "64.02.05" and site["name"] == "Muara Badak"
    assert site["tickets"]["issued"] == 6 and site["tickets"]["by_status"] == {"done": 4, "waiting": 2}
    assert site["tickets"]["avg_wait_minutes"] == 0.0 and site["tickets"]["avg_service_minutes"] == 0.0
    assert site["applications"] == {"received": 1, "by_status": {"received": 1}}
    assert site["surveys"] == {"respondents": 2, "ikm": 87.5, "mutu": "B"}
    text = central.cli("stats", "--site", "64.02.05", "--date", day)
    assert "Muara Badak: 6 tiket" in text.stdout
    one_line_error(central.cli("stats", "--date", "30-11-2026"))


@pytest.mark.parametrize("args", [["announcement", "add", "Kantor tutup Jumat", "--site", TABANG, "--hours", "24"],
                                  ["device", "list", "--json"]])
def test_other_commands_run(central, args):
    result = central.cli(*args)
    assert result.returncode == 0, result.stderr
