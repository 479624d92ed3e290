"""The queue tab: F1–F6 call, recall, serve, finish, no-show and transfer; the buttons follow the ticket."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from kiosk.models import PrintJob
from tests.ui.conftest import login
from tests.ui.counter import issue, ticket_status


def enabled(queue) -> set[str]:
    return {action for action, button in queue.buttons.items() if button.isEnabled()}


def test_function_keys_call_serve_and_finish(qtbot, counter_view, kiosk_app):
    first, second = issue(kiosk_app), issue(kiosk_app, "KK", priority="hamil")
    login(counter_view)
    assert counter_view.tabs.isTabVisible(3)
    queue = counter_view.queue_tab
    assert queue.table.rowCount() == 2
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # Panggil berikutnya: the priority ticket first
    assert queue.number.text() == second
    assert ticket_status(kiosk_app, second) == "called"
    assert queue.table.rowCount() == 1
    QTest.keyClick(counter_view, Qt.Key.Key_F2)  # Panggil ulang
    assert "dipanggil ulang 1×" in queue.info.text()
    QTest.keyClick(counter_view, Qt.Key.Key_F3)  # Layani
    assert ticket_status(kiosk_app, second) == "serving"
    QTest.keyClick(counter_view, Qt.Key.Key_F4)  # Selesai
    assert ticket_status(kiosk_app, second) == "done"
    assert queue.number.text() == "—"
    QTest.keyClick(counter_view, Qt.Key.Key_F1)
    QTest.keyClick(counter_view, Qt.Key.Key_F5)  # Tidak hadir
    assert ticket_status(kiosk_app, first) == "no_show"
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # nothing waiting: said, not crashed
    assert queue.message.isVisible() and "antrian kosong" in queue.message.text()


def test_buttons_follow_the_state_of_the_counters_ticket(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    assert enabled(queue) == {"call"}
    queue.run("call")
    assert queue.message.text() == f"Nomor {number} dipanggil ke loket 1."
    assert enabled(queue) == {"recall", "start", "no_show", "return"}
    queue.run("start")
    assert enabled(queue) == {"finish", "transfer"}
    QTest.keyClick(counter_view, Qt.Key.Key_F2)  # a refused action is said where the operator looks
    assert ticket_status(kiosk_app, number) == "serving"
    assert queue.message.objectName() == "fieldError" and number in queue.message.text()
    queue.run("finish")
    assert enabled(queue) == {"call"}


def test_return_to_queue_and_transfer(qtbot, counter_view, kiosk_app, monkeypatch):
    number = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    queue.run("call")
    queue.run("return")
    assert ticket_status(kiosk_app, number) == "waiting"
    queue.run("call")
    queue.run("start")
    monkeypatch.setattr(counter_view, "ask_transfer", lambda current: "KK")
    QTest.keyClick(counter_view, Qt.Key.Key_F6)
    assert ticket_status(kiosk_app, number) == "transferred"
    assert ticket_status(kiosk_app, "B-001") == "waiting"
    assert "B-001" in queue.message.text()
    with kiosk_app.store.read() as s:
        jobs = s.scalars(select(PrintJob).where(PrintJob.kind == "ticket")).all()
        assert len(jobs) == 1  # the citizen's new ticket, queued with the transfer
        assert s.scalar(select(func.count()).select_from(PrintJob)) == 1


def test_function_keys_do_nothing_before_login(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app)
    QTest.keyClick(counter_view, Qt.Key.Key_F1)
    assert ticket_status(kiosk_app, number) == "waiting"


def test_a_counter_without_services_says_so(qtbot, make_ctx):
    from kiosk.ui.counter import CounterView

    view = CounterView(make_ctx(counter=7))
    qtbot.addWidget(view)
    login(view)
    queue = view.queue_tab
    assert "loket 7 belum diatur" in queue.summary.text()
    assert enabled(queue) == {"call"} and queue.number.text() == "—"
