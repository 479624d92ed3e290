"""The citizen kiosk, driven by touches (clicks) as a citizen would."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from kiosk import applications, config
from kiosk.models import PrintJob, Ticket, TicketEvent
from tests.ui.conftest import OPERATOR, OPERATOR_PIN, SUPERVISOR, SUPERVISOR_PIN


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def take_ticket_by_touch(qtbot, view, agency="DUKCAPIL", service="KTP", priority=None) -> int:
    """Ambil Antrian -> agency -> service (priority first, only when asked for): the touches it took."""
    touches = 0
    if priority:
        click(qtbot, view.home_page.doors["priority"])
        assert view.current_page() == "priority"
        click(qtbot, view.priority_page.tiles[priority])
        touches += 2
    else:
        click(qtbot, view.home_page.tiles["ticket"])
        touches += 1
    assert view.current_page() == "choice"
    click(qtbot, view.choice_page.tiles[agency])
    touches += 1
    if view.current_page() == "choice":  # an agency with one service goes straight to the ticket
        click(qtbot, view.choice_page.tiles[service])
        touches += 1
    assert view.current_page() == "ticket"
    return touches


def tickets_in(app) -> list[Ticket]:
    with app.store.read() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.issued_at)))


def jobs_in(app) -> list[PrintJob]:
    with app.store.read() as s:
        return list(s.scalars(select(PrintJob).order_by(PrintJob.id)))


def test_take_a_ticket_shows_the_number_and_queues_its_print(qtbot, kiosk_view, kiosk_app):
    take_ticket_by_touch(qtbot, kiosk_view)

    [ticket] = tickets_in(kiosk_app)
    assert (ticket.number, ticket.service_code, ticket.status, ticket.priority) == ("A-001", "KTP", "waiting", None)
    assert kiosk_view.current_page() == "ticket"
    assert kiosk_view.ticket_page.number.text() == "A-001"
    # The print job was written with the ticket, and it prints this number.
    [job] = jobs_in(kiosk_app)
    assert job.kind == "ticket" and job.state == "queued"
    assert "A-001" in json.dumps(json.loads(job.document))
    assert kiosk_view.ticket_page.print_state == "busy"
    with kiosk_app.store.read() as s:  # the citizen's action is recorded as the kiosk's
        assert [e.actor for e in s.scalars(select(TicketEvent))] == ["kiosk"]


def test_priority_question_gives_a_priority_ticket(qtbot, kiosk_view, kiosk_app):
    take_ticket_by_touch(qtbot, kiosk_view, agency="DUKCAPIL", service="KK", priority="lansia")
    [ticket] = tickets_in(kiosk_app)
    assert (ticket.number, ticket.priority) == ("B-001", "lansia")


def test_ticket_prints_on_a_real_printer_then_home(qtbot, make_ctx, kiosk_app, monkeypatch):
    from kiosk.ui.kiosk import KioskView
    from kiosk.ui.kiosk.pages import ticket as ticket_page
    from tests.fakeprinter import FakePrinter

    monkeypatch.setattr(ticket_page, "TICKET_HOME_SECONDS", 0.3)
    with FakePrinter("online") as printer:
        config.save(kiosk_app.settings, {"printer.uri": printer.uri})
        view = KioskView(make_ctx(workers=True), locked=True)
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        take_ticket_by_touch(qtbot, view)
        qtbot.waitUntil(lambda: view.ticket_page.print_state == "ok", timeout=10_000)
        assert b"A-001" in b"".join(printer.jobs())
        qtbot.waitUntil(lambda: view.current_page() == "home", timeout=3000)
        view.allow_close()


def test_printer_failure_keeps_the_number_with_an_instruction(qtbot, make_ctx, kiosk_app):
    from kiosk.ops import printing
    from kiosk.ui.counter import CounterView
    from kiosk.ui.kiosk import KioskView
    from tests.fakeprinter import FakePrinter

    with FakePrinter("paper_out") as printer:
        config.save(kiosk_app.settings, {"printer.uri": printer.uri})
        ctx = make_ctx(workers=True)
        view = KioskView(ctx, locked=True)
        counter = CounterView(ctx)
        for widget in (view, counter):
            qtbot.addWidget(widget)
            widget.resize(1280, 800)
            widget.show()
        take_ticket_by_touch(qtbot, view)
        qtbot.waitUntil(lambda: view.ticket_page.print_state == "error", timeout=10_000)
        text = view.ticket_page.print_label.text()
        assert "A-001" in text and "petugas" in text
        assert view.ticket_page.number.text() == "A-001"
        # The counter sees it in its status bar: the paper is out and a job waits.
        qtbot.waitUntil(lambda: "kertas habis" in counter.printer_indicator.text(), timeout=5000)
        qtbot.waitUntil(lambda: "1 menunggu" in counter.printer_indicator.text(), timeout=5000)

        printer.mode = "online"  # paper loaded
        ctx.run(printing.retry, all=True)
        qtbot.waitUntil(lambda: view.ticket_page.print_state == "ok", timeout=10_000)
        qtbot.waitUntil(lambda: "siap" in counter.printer_indicator.text(), timeout=5000)
        assert b"A-001" in b"".join(printer.jobs())
        view.allow_close()


def test_idle_timeout_goes_back_home_in_indonesian(qtbot, kiosk_view):
    click(qtbot, kiosk_view.language_button)
    assert kiosk_view.language() == "en"
    click(qtbot, kiosk_view.home_page.tiles["info"])
    assert kiosk_view.current_page() == "choice"
    kiosk_view.set_idle_timeout(0.2)
    qtbot.waitUntil(lambda: kiosk_view.current_page() == "home", timeout=2000)
    assert kiosk_view.language() == "id"


def test_touches_keep_the_kiosk_awake(qtbot, kiosk_view):
    click(qtbot, kiosk_view.home_page.tiles["status"])
    kiosk_view.set_idle_timeout(0.5)
    for _ in range(4):
        qtbot.wait(200)
        click(qtbot, kiosk_view.status_page.keypad.keys["1"])
    assert kiosk_view.current_page() == "status"
    assert kiosk_view.status_page.input.text() == "1111"


def test_close_escape_and_alt_f4_do_nothing_in_the_kiosk_role(qtbot, kiosk_view):
    click(qtbot, kiosk_view.home_page.tiles["info"])
    assert kiosk_view.close() is False
    QTest.keyClick(kiosk_view, Qt.Key.Key_Escape)
    QTest.keyClick(kiosk_view, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(50)
    assert kiosk_view.isVisible()
    assert kiosk_view.current_page() == "choice"
    assert kiosk_view.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_outside_the_kiosk_role_the_window_closes(qtbot, ctx):
    from kiosk.ui.kiosk import KioskView

    view = KioskView(ctx, locked=False)
    qtbot.addWidget(view)
    view.show()
    assert view.close() is True


def test_hidden_gesture_asks_for_the_admin_panel(qtbot, kiosk_view, monkeypatch):
    opened = []
    monkeypatch.setattr(kiosk_view, "open_admin", lambda: opened.append(True))
    for _ in range(4):
        click(qtbot, kiosk_view.logo)
    assert not opened
    click(qtbot, kiosk_view.logo)
    assert opened == [True]


def test_supervisor_pin_opens_the_panel_and_the_panel_can_exit(qtbot, ctx, kiosk_view, monkeypatch):
    from kiosk.ui.admin import AdminPanel, PinDialog

    dialog = PinDialog(ctx, kiosk_view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText(SUPERVISOR)
    dialog.pin.setText("000000")
    dialog.submit()
    assert dialog.operator is None and dialog.error.isVisible()
    dialog.username.setText(OPERATOR)
    dialog.pin.setText(OPERATOR_PIN)
    dialog.submit()
    assert dialog.operator is None and "supervisor" in dialog.error.text()
    dialog.username.setFocus()
    for key in SUPERVISOR.upper():  # the on-screen keyboard types capitals; usernames are case-insensitive
        click(qtbot, dialog.keypad.keys[key])
    dialog.username.setText(dialog.username.text()[-len(SUPERVISOR):])
    dialog.pin.setText(SUPERVISOR_PIN)
    dialog.submit()
    assert dialog.operator["username"] == SUPERVISOR

    quits = []
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.quit", lambda *_: quits.append(True))
    panel = AdminPanel(ctx, kiosk=kiosk_view, operator=dialog.operator, parent=kiosk_view)
    qtbot.addWidget(panel)
    panel.exit_app()
    assert quits == [True]
    assert kiosk_view.close() is True  # the panel unlocked it


def test_info_layanan_shows_requirements_and_prints_them(qtbot, kiosk_view, kiosk_app):
    click(qtbot, kiosk_view.home_page.tiles["info"])
    click(qtbot, kiosk_view.choice_page.tiles["DUKCAPIL"])
    click(qtbot, kiosk_view.choice_page.tiles["KK"])
    assert kiosk_view.current_page() == "info"
    texts = [w.text() for w in kiosk_view.info_page.body.findChildren(type(kiosk_view.title))]
    assert any("Persyaratan" == t for t in texts)
    assert any("Formulir biodata keluarga" in t for t in texts)
    click(qtbot, kiosk_view.info_page.print_button)
    [job] = jobs_in(kiosk_app)
    assert (job.kind, job.ref) == ("info", "KK")
    assert kiosk_view.info_page.print_label.isVisible()
    click(qtbot, kiosk_view.info_page.nav.back_button)
    assert kiosk_view.current_page() == "choice"


def make_application(app, status: str | None = None) -> str:
    with app.store.transaction() as s:
        a = applications.new_application(s, service_code="KK", nik="6402124507850003", name="Siti Aminah",
                                         operator="sari", now=app.now())
        if status:
            applications.set_status(s, a, "in_process", actor="sari", now=app.now())
            applications.set_status(s, a, status, actor="sari", now=app.now())
        return a.registration_number


def test_cek_status_by_keypad_and_by_scanner(qtbot, kiosk_view, kiosk_app):
    regno = make_application(kiosk_app, status="ready")
    click(qtbot, kiosk_view.home_page.tiles["status"])
    page = kiosk_view.status_page
    for ch in "12":
        click(qtbot, page.keypad.keys[ch])
    click(qtbot, page.check_button)
    assert page.error.isVisible() and page.faces.currentIndex() == 0  # an error, said where the keys are

    page.input.clear()
    page.input.setFocus()
    QTest.keyClicks(page.input, f"R:{regno.lower()}")  # the receipt's QR, typed by a scanner
    QTest.keyClick(page.input, Qt.Key.Key_Return)
    assert page.faces.currentIndex() == 1
    shown = [w.text() for w in page.result.findChildren(type(kiosk_view.title))]
    assert shown[0] == "Siap diambil"
    assert any(regno in t for t in shown)
    assert not any("Siti" in t or "6402124507850003" in t for t in shown)  # no personal data on a public screen
    click(qtbot, page.again_button)
    assert page.faces.currentIndex() == 0 and page.input.text() == ""


def test_english_toggle_translates_and_home_resets(qtbot, kiosk_view):
    assert kiosk_view.home_page.tiles["ticket"].text() == "Ambil Antrian"
    click(qtbot, kiosk_view.language_button)
    assert kiosk_view.home_page.tiles["ticket"].text() == "Take a Number"
    assert kiosk_view.language_button.text() == "Bahasa Indonesia"
    click(qtbot, kiosk_view.home_page.tiles["ticket"])
    assert "Choose" in kiosk_view.choice_page.title.text()
    click(qtbot, kiosk_view.choice_page.nav.home_button)
    assert kiosk_view.home_page.tiles["ticket"].text() == "Ambil Antrian"


@pytest.mark.parametrize("mode", ["numeric", "alnum"])
def test_keypad_keys_are_big_enough_for_a_finger(qtbot, mode):
    from kiosk.ui.widgets.common import mm_to_px
    from kiosk.ui.widgets.keypad import OnScreenKeypad

    pad = OnScreenKeypad(mode)
    qtbot.addWidget(pad)
    pad.show()
    smallest = min(min(b.width(), b.height()) for b in pad.keys.values())
    assert smallest >= mm_to_px(15, pad)


def test_scanning_a_ticket_qr_tells_where_it_stands(qtbot, kiosk_view, kiosk_app):
    from kiosk import tickets

    with kiosk_app.store.transaction() as s:
        first = tickets.issue_ticket(s, "KTP", now=kiosk_app.now(), actor="kiosk")
        second = tickets.issue_ticket(s, "KTP", now=kiosk_app.now(), actor="kiosk")
        first_id, second_id = first.id, second.id
    click(qtbot, kiosk_view.home_page.tiles["status"])
    page = kiosk_view.status_page
    QTest.keyClicks(page.input, f"T:{second_id.upper()}")
    QTest.keyClick(page.input, Qt.Key.Key_Return)
    shown = [w.text() for w in page.result.findChildren(type(kiosk_view.title))]
    assert shown[0] == "Nomor antrian A-002"
    assert "1 orang di depan Anda" in " ".join(shown)
    with kiosk_app.store.transaction() as s:
        tickets.call_next(s, 1, now=kiosk_app.now(), actor="sari")
        tickets.call_next(s, 2, now=kiosk_app.now(), actor="sari")
    click(qtbot, page.again_button)
    QTest.keyClicks(page.input, f"T:{first_id}")
    QTest.keyClick(page.input, Qt.Key.Key_Return)
    shown = [w.text() for w in page.result.findChildren(type(kiosk_view.title))]
    assert "Silakan ke loket 1." in shown
    click(qtbot, page.again_button)
    for key in "A002":  # today's number typed on the keypad works as well as the QR
        click(qtbot, page.keypad.keys[key])
    click(qtbot, page.check_button)
    shown = [w.text() for w in page.result.findChildren(type(kiosk_view.title))]
    assert shown[0] == "Nomor antrian A-002" and "Silakan ke loket 2." in shown


def test_cek_with_an_empty_field_does_nothing(qtbot, kiosk_view):
    click(qtbot, kiosk_view.home_page.tiles["status"])
    page = kiosk_view.status_page
    click(qtbot, page.check_button)
    assert page.faces.currentIndex() == 0 and not page.error.isVisible()


def test_the_kiosk_works_through_ops_only():
    """Widget -> one op -> the result: no domain module, session or store in the kiosk's code."""
    import ast

    from tests.conftest import ROOT

    allowed = ("kiosk.ui", "kiosk.ops", "kiosk.errors", "kiosk.codes")
    files = sorted((ROOT / "kiosk" / "ui" / "kiosk").rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "kiosk"]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                names = []
            for name in names:
                if name.startswith("kiosk") and name != "kiosk":
                    assert name.startswith(allowed), f"{path.name} imports {name}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("store", "read", "write", "session"), f"{path.name}: .{node.attr}"
