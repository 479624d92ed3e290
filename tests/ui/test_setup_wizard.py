"""First-run setup: the wizard and `kiosk setup --non-interactive` write a configuration that works."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QWizard

from kiosk import auth, config
from kiosk.app import App
from kiosk.clock import Clock
from tests.conftest import run_kiosk


@pytest.fixture
def fresh_app(tmp_path):
    app = App(data_dir=tmp_path / "fresh", clock=Clock(), actor="tester")
    yield app
    app.close()


def drive_wizard(qtbot, wizard, *, role="counter", counter=2, services=("KTP", "KK"), server=None, code=None,
                 printer="dummy://", width=58, supervisor=("sari", "Sari Wulandari", "246810")):
    from kiosk.ui.setup_wizard import PAGE_DONE

    wizard.show()
    wizard.next()
    wizard.site_page.search.setText("tabang")
    assert wizard.site_page.site() == "64.02.12"
    wizard.next()
    wizard.role_page.set_role(role)
    wizard.next()
    if role in ("counter", "all"):
        wizard.counter_page.number.setValue(counter)
        assert not wizard.counter_page.isComplete()  # at least one service
        wizard.counter_page.check(list(services))
        wizard.next()
    if server:
        wizard.server_page.url.setText(server)
        wizard.server_page.code.setText(code)
    else:
        wizard.server_page.skip.setChecked(True)
    wizard.next()
    wizard.printer_page.set_uri(printer)
    (wizard.printer_page.width58 if width == 58 else wizard.printer_page.width80).setChecked(True)
    wizard.next()
    username, name, pin = supervisor
    wizard.supervisor_page.username.setText(username)
    wizard.supervisor_page.full_name.setText(name)
    wizard.supervisor_page.pin.setText(pin)
    wizard.supervisor_page.pin2.setText(pin)
    wizard.next()
    assert wizard.currentId() == PAGE_DONE


def test_wizard_writes_a_working_config(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import SetupWizard

    ctx = make_ctx(app=fresh_app)
    assert ctx.site() is None
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    drive_wizard(qtbot, wizard)
    assert "64.02.12" in wizard.done_page.summary.text()
    with qtbot.waitSignal(wizard.finishedSetup, timeout=5000) as finished:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    result = finished.args[0]
    assert (result["site"], result["role"], result["counter"], result["services"]) == ("64.02.12", "counter", 2,
                                                                                         ["KTP", "KK"])
    settings = config.load(fresh_app.data_dir)
    assert (settings.get("ui.role"), settings.get("ui.counter"), settings.printer_uri, settings.printer_width) == \
        ("counter", 2, "dummy://", 58)
    assert ctx.site() == {"code": "64.02.12", "name": "Tabang"}
    with fresh_app.store.transaction() as s:
        assert auth.login_attempt(s, "sari", "246810", now=fresh_app.now()).ok
    # Another process can work with what the wizard wrote.
    issued = run_kiosk(fresh_app.data_dir, "ticket", "issue", "KK", "--json")
    assert issued.returncode == 0, issued.stderr
    called = run_kiosk(fresh_app.data_dir, "ticket", "call", "--counter", "2", "--json")
    assert called.returncode == 0, called.stderr
    assert json.loads(called.stdout)["number"] == json.loads(issued.stdout)["number"]


def test_wizard_pages_validate_and_explain(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_PRINTER, PAGE_SERVER, PAGE_SUPERVISOR, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.site_page.search.setText("zzz")
    assert not wizard.site_page.isComplete()
    wizard.site_page.search.setText("muara")
    assert wizard.site_page.site() is not None
    wizard.next()
    wizard.role_page.set_role("display")
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


def test_wizard_test_print_shows_a_preview(qtbot, make_ctx, fresh_app):
    from kiosk.ui.setup_wizard import PAGE_PRINTER, SetupWizard

    wizard = SetupWizard(make_ctx(app=fresh_app))
    qtbot.addWidget(wizard)
    wizard.show()
    while wizard.currentId() != PAGE_PRINTER:
        if wizard.currentId() == 1:
            wizard.site_page.search.setText("tabang")
        if wizard.currentId() == 4:
            wizard.server_page.skip.setChecked(True)
        if wizard.currentId() == 3:
            wizard.counter_page.check(["KTP"])
        wizard.next()
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
