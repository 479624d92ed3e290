"""The printing commands as a user (and other tools) run them: the real `kiosk` in a subprocess."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, kiosk_env, kiosk_json, run_kiosk
from tests.fakeprinter import FakePrinter

NIK = "6402124101900001"


@pytest.fixture
def printer():
    with FakePrinter("online") as fake:
        yield fake


@pytest.fixture
def cli_site(tmp_path, store):
    """The conftest store's data dir (site 64.02.12, counters set), for the CLI: no setup subprocesses."""
    return tmp_path


def test_ticket_issue_print_pending_then_retry(cli_site, printer):
    assert run_kiosk(cli_site, "config", "set", "printer", printer.uri).returncode == 0
    printer.mode = "paper_out"
    issued = kiosk_json(cli_site, "ticket", "issue", "KTP", "--print", env_extra={"KIOSK_PRINTER_WIDTH": "58"})
    assert issued["number"] == "A-001"  # the ticket stands
    assert issued["print"]["state"] == "failed" and issued["print"]["error"] == "Printer kehabisan kertas"
    text = run_kiosk(cli_site, "ticket", "issue", "KTP", "--print")
    assert text.returncode == 0 and "Cetak tertunda" in text.stdout
    jobs = kiosk_json(cli_site, "print", "jobs")
    # The second waits behind the first (order is kept), with the reason in words.
    assert [(j["kind"], j["state"]) for j in jobs] == [("ticket", "failed"), ("ticket", "queued")]
    assert "menunggu pekerjaan #1: Printer kehabisan kertas" in text.stdout
    assert {"id", "kind", "ref", "state", "attempts", "last_error"} <= set(jobs[0])
    assert jobs[0]["last_error"] == "Printer kehabisan kertas"
    printer.mode = "online"
    results = kiosk_json(cli_site, "print", "retry", "--all")
    assert [r["state"] for r in results] == ["done", "done"]
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 2)
    assert [b"A-001" in printer.complete_jobs()[0], b"A-002" in printer.complete_jobs()[1]] == [True, True]
    # A reprint of a printed job is one action and says SALINAN.
    again = kiosk_json(cli_site, "print", "ticket", "A-001")
    assert again["state"] == "done" and again["is_copy"] is True


def test_printer_status_json(cli_site, printer):
    status = kiosk_json(cli_site, "printer", "status", "--printer", printer.uri)
    assert {k: status[k] for k in ("online", "paper", "cover_open")} == {"online": True, "paper": "ok",
                                                                        "cover_open": False}
    printer.mode = "silent"
    status = kiosk_json(cli_site, "printer", "status", "--printer", printer.uri + "?timeout=0.5")
    assert status["paper"] == "unknown" and status["online"] is None


def test_bad_printer_uri_is_one_line_exit_2(cli_site):
    result = run_kiosk(cli_site, "print", "test", "--printer", "lpt1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "URI printer tidak dikenal" in result.stderr
    assert run_kiosk(cli_site, "config", "set", "printer", "ftp://x").returncode == 2
    assert kiosk_json(cli_site, "print", "jobs") == []


def test_receipt_two_copies_to_pdf(cli_site, tmp_path):
    out = tmp_path / "prints"
    app = kiosk_json(cli_site, "application", "new", "--service", "KTP", "--nik", NIK, "--name", "Siti Aminah")
    result = kiosk_json(cli_site, "print", "receipt", app["registration_number"], "--copies", "2",
                        "--printer", f"pdf://{out.as_posix()}")
    assert result["state"] == "done" and len(result["jobs"]) == 2
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2 and len(sorted(out.glob("*.png"))) == 2
    texts = ["\n".join(p.extract_text() for p in PdfReader(str(f)).pages) for f in pdfs]
    assert "Lembar Pemohon" in texts[0] and "Lembar Arsip" in texts[1]
    assert all(app["registration_number"] in t and "6402**********01" in t and NIK not in t for t in texts)


def test_fresh_install_prints_to_pdf_files(cli_site):
    result = kiosk_json(cli_site, "print", "info", "KK")
    assert result["state"] == "done" and result["printer"].startswith("pdf://")
    assert len(list((cli_site / "prints").glob("*-info-KK.pdf"))) == 1


def test_daily_report(cli_site, store, clock, tmp_path):
    from kiosk import applications, survey, tickets

    with store.transaction() as s:
        for code in ("KTP", "KK", "KTP"):
            tickets.issue_ticket(s, code, now=clock.now())
            clock.advance(minutes=1)
        clock.advance(minutes=9)
        tickets.call_next(s, 1, now=clock.now(), actor="petugas1")
        tickets.start_service(s, "A-001", 1, now=clock.now(), actor="petugas1")
        clock.advance(minutes=7)
        tickets.finish(s, "A-001", 1, now=clock.now(), actor="petugas1")
        tickets.call_next(s, 1, now=clock.now(), actor="petugas1")
        tickets.no_show(s, "B-001", 1, now=clock.now(), actor="petugas1")
        applications.new_application(s, service_code="PBG", nik=NIK, name="Budi", operator="petugas1",
                                     now=clock.now())
        survey.add_survey(s, service_code="KTP", scores=[4] * 9, now=clock.now())
    out = tmp_path / "laporan.pdf"
    data = kiosk_json(cli_site, "report", "daily", "--date", "2026-11-30", "--out", str(out))
    assert data["tickets"]["issued"] == 3 and data["tickets"]["done"] == 1 and data["tickets"]["no_show"] == 1
    ktp = next(row for row in data["services"] if row["service"] == "KTP")
    assert ktp["wait"] == {"n": 1, "median": 12.0, "p90": 12.0}
    assert ktp["service_time"] == {"n": 1, "median": 7.0, "p90": 7.0}
    assert data["operators"][0]["operator"] == "petugas1" and data["operators"][0]["served"] == 1
    assert data["ikm"]["ikm"] == 100 and data["applications"]["received"] == 1
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    for expected in ("Laporan Harian Mini MPP Kecamatan Tabang", "Tiket per layanan", "KTP", "KK",
                     "Per petugas", "petugas1", "diteruskan ke MPP Induk", "IKM hari ini: 100,0", "12,0 / 12,0"):
        assert expected in text, expected
    bad = run_kiosk(cli_site, "report", "daily", "--date", "2026-13-01", "--out", str(out))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_killed_while_sending_prints_again_as_copy(cli_site, printer):
    """A real process dies mid-send (the printer took the bytes but never confirmed); the next run reprints."""
    printer.mode = "hang"  # answers status until the job's bytes arrive, then goes quiet
    env = kiosk_env(cli_site)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "print", "test", "--printer",
                             printer.uri + "?status_timeout=30"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        # The job's bytes are at the printer and the process waits for its answer: kill it there.
        assert printer.wait_until(lambda: any(c.print_bytes and c.mode == "hang" for c in printer.connections)
                                  and any(b"HALAMAN UJI" in j for j in printer.jobs()), 20)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    jobs = kiosk_json(cli_site, "print", "jobs")
    assert [j["state"] for j in jobs] == ["sending"]
    printer.mode = "online"
    results = kiosk_json(cli_site, "print", "retry", "--all")
    assert results[0]["state"] == "done" and results[0]["is_copy"] is True
    # The printer may well have printed the first one: the second says it is a copy.
    assert printer.wait_until(lambda: len(printer.complete_jobs()) == 2)
    first, second = printer.complete_jobs()
    assert b"SALINAN" not in first and b"SALINAN" in second
