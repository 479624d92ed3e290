"""First-run setup: the wizard sets up a site as a hub and the PCs that join it, checks every page with the
ops' own rules, speaks in words, and writes nothing before the last page."""

from __future__ import annotations

import json
import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from kiosk import auth, config
from kiosk.app import App
from kiosk.clock import Clock
from kiosk.hub import certs
from tests.conftest import run_kiosk
from tests.fakeprinter import FakePrinter
from tests.hubtools import HubProcess, kiosk_json_ok
from tests.synctools import free_port


@pytest.fixture
def fresh_app(tmp_path):
    app = App(data_dir=tmp_path / "fresh", clock=Clock(), actor="tester")
    yield app
    app.close()


class Technician:
    """Drives a wizard as a technician would and counts their actions: every button, choice and field typed."""

    def __init__(self, qtbot, wizard):
        self.qtbot, self.wizard, self.actions = qtbot, wizard, 0

    def next(self) -> None:
        button = self.wizard.button(QWizard.WizardButton.NextButton)
        assert button.isEnabled(), f"Lanjut disabled on page {self.wizard.currentId()}"
        self.wizard.next()
        self.actions += 1

    def do(self, action, *args) -> None:
        action(*args)
        self.actions += 1

    def finish(self, timeout: int = 20_000) -> None:
        button = self.wizard.button(QWizard.WizardButton.FinishButton)
        self.qtbot.waitUntil(button.isEnabled, timeout=timeout)
        button.click()
        self.actions += 1


def hub_wizard(qtbot, wizard, *, role="kiosk", counter=2, services=("KTP", "KK"), printer="dummy://",
               supervisor=("sari", "Sari Wulandari", "246810")) -> Technician:
    """A hub PC, up to the summary."""
    from kiosk.ui.setup_wizard import PAGE_DONE, PAGE_SITE

    t = Technician(qtbot, wizard)
    wizard.show()
    t.next()  # language
    assert wizard.role_page.mode() == "serve"  # the first PC of a site holds it
    t.do(wizard.role_page.set_role, role)
    t.next()
    assert wizard.currentId() == PAGE_SITE
    t.do(wizard.site_page.search.setText, "tabang")
    assert wizard.site_page.site() == "64.02.12"
    t.next()
    if role in ("counter", "all"):
        t.do(wizard.counter_page.number.setValue, counter)
        for code in services:
            t.do(wizard.counter_page.check, [*wizard.counter_page.chosen(), code])
        t.next()
    t.do(wizard.server_page.skip.setChecked, True)
    t.next()
    t.do(wizard.printer_page.set_uri, printer)
    t.next()
    username, name, pin = supervisor
    for field, value in ((wizard.supervisor_page.username, username), (wizard.supervisor_page.full_name, name),
                         (wizard.supervisor_page.pin, pin), (wizard.supervisor_page.pin2, pin)):
        t.do(field.setText, value)
    t.next()
    assert wizard.currentId() == PAGE_DONE
    return t


def test_a_hub_and_a_counter_that_joins_it_by_the_wizard(qtbot, make_ctx, fresh_app, tmp_path):
    from kiosk.ui.setup_wizard import PAGE_COUNTER, PAGE_DONE, PAGE_JOIN, PAGE_PRINTER, SetupWizard

    # --- the kiosk PC holds the site ---
    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    hub_pc = hub_wizard(qtbot, wizard)
    summary = wizard.done_page.summary.text()
    assert "Kecamatan: Tabang (64.02.12)" in summary and "Peran PC ini: Kiosk warga (layar sentuh)" in summary
    assert "memegang data situs (hub)" in summary and "Sari Wulandari" in summary
    assert "Peran: kiosk" not in summary
    assert not (fresh_app.data_dir / "config.toml").exists()  # nothing written before Finish
    hub_pc.finish()
    qtbot.waitUntil(lambda: wizard.done_page.pairing is not None, timeout=20_000)
    code = wizard.done_page.pairing["code"]
    assert wizard.done_page.pairing_code.text() == code and wizard.done_page.pairing_box.isVisible()
    with qtbot.waitSignal(wizard.finishedSetup, timeout=5000) as finished:
        hub_pc.finish()  # "Mulai"
    assert finished.args[0]["hub"]["mode"] == "serve"
    assert config.load(fresh_app.data_dir).get("hub.serve") is True
    with fresh_app.store.transaction() as s:
        assert auth.login_attempt(s, "sari", "246810", now=fresh_app.now()).ok
    hub = HubProcess(fresh_app.data_dir).start()  # what `kiosk run` does with hub.serve = true
    try:
        # --- a counter PC joins it ---
        counter_app = App(data_dir=tmp_path / "loket", clock=Clock(), actor="tester")
        joiner = SetupWizard(make_ctx(app=counter_app))
        qtbot.addWidget(joiner)
        t = Technician(qtbot, joiner)
        joiner.show()
        t.next()
        t.do(joiner.role_page.set_mode, "join")
        assert joiner.role_page.role() == "counter"  # a joining PC is a counter unless told otherwise
        t.next()
        assert joiner.currentId() == PAGE_JOIN
        page = joiner.join_page
        raw = certs.fingerprint(hub.data_dir)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(e["fingerprint"] == raw for e in page.found):
            qtbot.wait(200)
            if not page.searching and time.monotonic() < deadline - 5:
                page.search()
        ours = next((i for i in range(page.list.count())
                     if page.list.item(i).data(Qt.ItemDataRole.UserRole)["fingerprint"] == raw), None)
        if ours is not None:  # found on the LAN (mDNS): one touch
            t.do(page.list.setCurrentRow, ours)
        else:  # a network without multicast: the address typed
            t.do(page.address.setText, hub.url)
            page.test_hub()
        qtbot.waitUntil(lambda: page.probed is not None and page.probed["ok"], timeout=10_000)
        assert "Kecamatan Tabang" in page.result.text() and certs.pretty(raw)[:23] in page.result.text()
        t.do(page.code.setText, code)
        t.do(page.name.setText, "loket-2")
        t.next()
        assert joiner.currentId() == PAGE_COUNTER
        t.do(joiner.counter_page.number.setValue, 2)
        t.do(joiner.counter_page.check, ["KK"])
        t.next()
        assert joiner.currentId() == PAGE_PRINTER
        t.do(joiner.printer_page.set_uri, "dummy://")
        t.next()
        assert joiner.currentId() == PAGE_DONE
        summary = joiner.done_page.summary.text()
        assert "(Kecamatan Tabang)" in summary and "Loket 2: Penerbitan Kartu Keluarga" in summary
        with qtbot.waitSignal(joiner.finishedSetup, timeout=20_000) as finished:
            t.finish()
        result = finished.args[0]
        assert (result["site"], result["hub"]["mode"], result["hub"]["name"]) == ("64.02.12", "join", "loket-2")
        # The kiosk PC's ticket reaches the counter PC: no orphan tickets.
        ticket = kiosk_json_ok(fresh_app.data_dir, "ticket", "issue", "KK")
        called = kiosk_json_ok(counter_app.data_dir, "ticket", "call", "--counter", "2")
        assert called["number"] == ticket["number"]
        counter_app.close()
        # What the closing note counts (see the README): the hub PC and the counter PC, no terminal.
        print(json.dumps({"hub_pc_actions": hub_pc.actions, "joined_counter_actions": t.actions}))
        assert (hub_pc.actions, t.actions) == (16, 13)
    finally:
        hub.kill()


def test_lanjut_stays_disabled_after_a_failed_server_test_unless_skipped(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_SERVER, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.role_page.set_role("display")
    wizard.next()
    wizard.site_page.search.setText("tabang")
    wizard.next()
    assert wizard.currentId() == PAGE_SERVER
    page = wizard.server_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    page.url.setText(f"http://127.0.0.1:{free_port()}")
    page.code.setText("TBG-7Q2K")
    assert next_button.isEnabled()
    page.test_connection()
    qtbot.waitUntil(lambda: page.test_failed, timeout=15_000)
    assert "menolak sambungan" in page.result.text() and "Errno" not in page.result.text()
    assert not next_button.isEnabled() and not page.isComplete()
    page.url.setText("https://tidak-ada.invalid")  # fixing the address gives Lanjut back (tested or not)
    assert next_button.isEnabled()
    page.test_connection()
    qtbot.waitUntil(lambda: page.test_failed, timeout=15_000)
    assert "nama server tidak dikenal" in page.result.text() and not next_button.isEnabled()
    page.skip.setChecked(True)
    assert next_button.isEnabled()
    wizard.next()
    assert wizard.currentId() != PAGE_SERVER


def test_the_join_page_checks_the_hub_and_the_code(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_JOIN, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.role_page.set_mode("join")
    wizard.next()
    assert wizard.currentId() == PAGE_JOIN
    page = wizard.join_page
    page.address.setText(f"https://127.0.0.1:{free_port()}")
    page.test_hub()
    qtbot.waitUntil(lambda: page.probed is not None, timeout=10_000)
    assert "hub menolak sambungan" in page.result.text() and "Errno" not in page.result.text()
    page.code.setText("K7QM-4TZ9")
    assert not page.isComplete()  # a hub that does not answer
    page.address.textEdited.emit("https://127.0.0.1:8710")
    page.address.setText("https://127.0.0.1:8710")
    page.code.setText("K7QM")
    assert page.isComplete()
    wizard.next()
    assert wizard.currentId() == PAGE_JOIN and "kode pasangan" in page.result.text()
    assert not (fresh_app.data_dir / "config.toml").exists()


def test_a_wizard_closed_while_it_searches_the_lan_drops_the_answer_quietly(qtbot, make_ctx, fresh_app):
    """The LAN search takes seconds on a worker thread; the technician may close the wizard meanwhile.
    Its answer must not reach the deleted page (pytest-qt fails the test on any exception in the loop)."""
    from kiosk.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    wizard.show()
    wizard.next()
    wizard.role_page.set_mode("join")
    wizard.next()
    page = wizard.join_page
    assert page.searching
    workers = [t for t in threading.enumerate() if t.name == "kiosk-ui-worker"]
    assert workers
    wizard.close()
    wizard.deleteLater()
    qtbot.wait(50)
    for worker in workers:
        worker.join(timeout=15)
        assert not worker.is_alive()
    qtbot.wait(200)  # any queued answer is delivered (or dropped) now


def test_wizard_pages_validate_and_explain(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_PRINTER, PAGE_SERVER, PAGE_SUPERVISOR, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.role_page.set_role("display")
    wizard.next()
    wizard.site_page.search.setText("zzz")
    assert not wizard.site_page.isComplete()
    wizard.site_page.search.setText("muara")
    assert wizard.site_page.site() is not None
    wizard.next()
    assert wizard.currentId() == PAGE_SERVER  # no counter page for a TV
    wizard.server_page.url.setText("ftp://mpp")
    wizard.server_page.code.setText("X1")
    wizard.next()
    assert wizard.currentId() == PAGE_SERVER
    assert "http" in wizard.server_page.result.text()
    wizard.server_page.skip.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_PRINTER
    wizard.printer_page.set_uri("lpt1")
    wizard.next()
    assert wizard.currentId() == PAGE_PRINTER and "URI printer" in wizard.printer_page.result.text()
    wizard.printer_page.set_uri("dummy://")
    wizard.next()
    page = wizard.supervisor_page
    page.username.setText("sari")
    page.full_name.setText("Sari")
    page.pin.setText("1234")
    page.pin2.setText("1234")
    wizard.next()
    assert wizard.currentId() == PAGE_SUPERVISOR and "PIN" in page.error.text()
    page.pin.setText("246810")
    page.pin2.setText("246811")
    wizard.next()
    assert wizard.currentId() == PAGE_SUPERVISOR and "tidak sama" in page.error.text()
    assert not (fresh_app.data_dir / "config.toml").exists()  # nothing written before the last page


def test_printers_listed_are_only_those_found_and_a_scan_finds_one(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_PRINTER, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.role_page.set_role("display")
    wizard.next()
    wizard.site_page.search.setText("tabang")
    wizard.next()
    wizard.server_page.skip.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_PRINTER
    page = wizard.printer_page
    qtbot.waitUntil(lambda: not page.detecting, timeout=15_000)
    items = [page.found.itemText(i) for i in range(page.found.count())]
    assert not any("192.168.1.100" in text or "04b8:0202" in text or "Tanpa printer" in text for text in items)
    page.show_detected([])
    assert page.found.itemText(0) == "(tidak ada printer terdeteksi)" and page.found.itemData(0) is None
    with FakePrinter("paper_out") as fake:
        page.scan_subnet, page.scan_port = "127.0.0.1/32", fake.port  # only loopback in a test
        page.scan_button.click()
        qtbot.waitUntil(lambda: not page.detecting and any(e["kind"] == "network" for e in page.detected),
                        timeout=20_000)
    uri = f"escpos+tcp://127.0.0.1:{fake.port}"
    index = page.found.findData(uri)
    assert index >= 0 and "kehabisan kertas" in page.found.itemText(index)
    page.found.setCurrentIndex(index)
    assert page.printer_uri() == uri and page.printer_label() == f"Printer ESC/POS 127.0.0.1:{fake.port}"
    page.use_pdf()
    assert page.printer_uri().startswith("pdf://") and page.printer_label() == "tanpa printer: berkas PDF"


def test_wizard_test_print_shows_a_preview(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_PRINTER, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    hub_wizard(qtbot, wizard, role="counter", services=("KTP",))
    wizard.back()
    wizard.back()
    assert wizard.currentId() == PAGE_PRINTER
    wizard.printer_page.set_uri("dummy://")
    wizard.printer_page.test_print()
    qtbot.waitUntil(lambda: wizard.printer_page.preview.pixmap() is not None
                    and not wizard.printer_page.preview.pixmap().isNull(), timeout=10_000)
    assert "terkirim" in wizard.printer_page.result.text()


def cli(capsys, data, *args) -> tuple[int, str, str]:
    """`kiosk ...` in this process (fast); the real process is exercised by the last step."""
    from kiosk.cli import main

    code = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_setup_non_interactive(tmp_path, capsys):
    data = tmp_path / "scripted"
    code, _, err = cli(capsys, data, "setup", "--non-interactive", "--site", "99.99.99", "--role", "counter")
    assert code == 2 and "kecamatan" in err
    code, _, err = cli(capsys, data, "setup", "--non-interactive", "--site", "64.02.12", "--role", "counter",
                       "--supervisor", "sari", "--pin", "12")
    assert code == 2 and "PIN" in err
    code, _, err = cli(capsys, data, "setup", "--non-interactive", "--site", "64.02.12", "--role", "counter",
                       "--server", "https://mpp.example")
    assert code == 2 and "--code" in err
    assert not (data / "config.toml").exists()

    code, out, err = cli(capsys, data, "setup", "--non-interactive", "--site", "640212", "--role", "counter",
                         "--counter", "3", "--services", "KTP,KK", "--printer", "dummy://", "--supervisor", "sari",
                         "--pin", "246810", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["site"], result["counter"], result["services"], result["printer"]) == \
        ("64.02.12", 3, ["KTP", "KK"], "dummy://")
    code, out, err = cli(capsys, data, "setup", "--non-interactive", "--site", "64.02.12", "--role", "all",
                         "--supervisor", "sari", "--pin", "246810", "--json")
    assert code == 0, err
    assert "sudah ada" in json.loads(out)["notes"][0]  # re-running keeps the supervisor's PIN
    assert run_kiosk(data, "ticket", "issue", "KTP").returncode == 0
    assert run_kiosk(data, "ticket", "call", "--counter", "3").returncode == 0
