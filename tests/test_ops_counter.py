"""Ops the counter screen stands on: the services it takes in, the buttons an application allows, the
intake draft kept per counter, and the daily report saved in the data dir."""

from __future__ import annotations

import json

import pytest

from kiosk import applications
from kiosk.app import App
from kiosk.errors import InputError, KioskError
from kiosk.ops import catalog, intake, reports

NIK = "6402124507850003"


@pytest.fixture
def app(store, clock, tmp_path):
    return App(data_dir=tmp_path / "data", clock=clock, actor="sari", _store=store)


def test_the_counter_takes_in_every_service_but_the_online_ones(app):
    every = {s["code"]: s for s in app.run(catalog.service_details)}
    taken = app.run(intake.intake_services)
    assert every["NIB"]["mode"] == "online"
    assert {s["code"] for s in taken} == {code for code, s in every.items() if s["mode"] != "online"}
    assert [s["prefix"] for s in taken] == sorted(s["prefix"] for s in taken)  # catalog order
    assert next(s for s in taken if s["code"] == "KK")["requirements"]
    with pytest.raises(InputError, match="daring"):
        app.run(intake.new_application, service="NIB", nik=NIK, name="Siti Aminah")


def test_only_a_ready_application_may_be_handed_over(app):
    allowed = {status: app.run(intake.application_actions, status=status)["hand_over"]
               for status in applications.STATUSES}
    assert allowed == {"received": False, "forwarded": False, "in_process": False, "ready": True,
                       "handed_over": False, "rejected": False}
    regno = app.run(intake.new_application, service="KK", nik=NIK, name="Siti Aminah")["registration_number"]
    with pytest.raises(KioskError, match="belum bisa diserahkan"):
        app.run(intake.hand_over, regno=regno)


def test_the_intake_draft_is_kept_per_counter_and_forgotten_on_clear(app):
    assert app.run(intake.load_draft, counter=1) is None
    draft = {"service": "KK", "nik": NIK, "name": "Siti Aminah", "documents": ["KTP-el"], "notes": "HP: nanti"}
    assert app.run(intake.save_draft, counter=1, draft=draft) == {"counter": 1, "saved": True}
    assert app.run(intake.load_draft, counter=1) == draft
    assert app.run(intake.load_draft, counter=2) is None  # another counter's form is its own
    assert not (app.data_dir / "drafts").exists()  # in the store (private, purged after a day), not a file
    assert app.run(intake.clear_draft, counter=1) == {"counter": 1, "saved": False}
    assert app.run(intake.load_draft, counter=1) is None
    app.run(intake.clear_draft, counter=1)  # nothing to forget: fine


def test_a_draft_that_is_not_an_object_is_refused(app):
    with pytest.raises(InputError):
        app.run(intake.save_draft, counter=3, draft=["a list"])
    assert app.run(intake.load_draft, counter=3) is None


def test_the_daily_report_goes_to_the_data_dir_unless_told_otherwise(app, tmp_path):
    data = app.run(reports.save_daily_report, day="2026-11-30")
    assert data["file"] == str(app.data_dir / "reports" / "laporan-2026-11-30.pdf")
    assert open(data["file"], "rb").read(4) == b"%PDF"
    out = tmp_path / "elsewhere" / "today.pdf"
    assert app.run(reports.save_daily_report, out=str(out))["file"] == str(out) and out.exists()
    with pytest.raises(InputError, match="pdf"):
        app.run(reports.save_daily_report, out=str(tmp_path / "report.txt"), day="not a date")


def test_operator_and_running_text_commands(cli_site):
    from tests.conftest import run_kiosk

    def ok(*args):
        result = run_kiosk(cli_site, *args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    ok("operator", "add", "rina", "--name", "Rina Marlina", "--pin", "975310")
    assert ok("operator", "reset-pin", "rina", "--pin", "864200")["username"] == "rina"
    assert ok("operator", "role", "rina", "technician")["role"] == "technician"
    assert ok("operator", "deactivate", "rina")["active"] is False
    refused = run_kiosk(cli_site, "operator", "role", "nobody", "technician")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    added = ok("announcement", "add", "Loket 2 istirahat pukul 12.00", "--hours", "2")
    assert added["own"] and added["id"].startswith("site-")
    assert [a["text"] for a in ok("announcement", "list")] == ["Loket 2 istirahat pukul 12.00"]
    assert ok("announcement", "remove", added["id"]) == {"removed": added["id"]}
    assert ok("announcement", "list") == []
    short = run_kiosk(cli_site, "announcement", "add", "x")
    assert short.returncode == 2 and "teks berjalan wajib diisi" in short.stderr
