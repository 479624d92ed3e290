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
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # nothing waiting: said as neutral information, not an error
    assert queue.message.isVisible() and queue.message.text() == "Tidak ada yang menunggu untuk loket ini."
    assert queue.message.objectName() == "fieldInfo"


def test_buttons_follow_the_state_of_the_counters_ticket(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    assert enabled(queue) == {"next"}
    queue.run("next")
    assert queue.message.text() == f"Nomor {number} dipanggil ke loket 1."
    assert enabled(queue) == {"next", "recall", "start", "no_show", "return"}  # F1 now serves the one called
    queue.run("start")
    assert enabled(queue) == {"next", "finish", "transfer"}
    QTest.keyClick(counter_view, Qt.Key.Key_F2)  # a refused action is said where the operator looks
    assert ticket_status(kiosk_app, number) == "serving"
    assert queue.message.objectName() == "fieldError" and number in queue.message.text()
    queue.run("finish")
    assert enabled(queue) == {"next"}


def test_return_to_queue_and_transfer(qtbot, counter_view, kiosk_app, monkeypatch):
    number = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    queue.run("next")
    queue.run("return")
    assert ticket_status(kiosk_app, number) == "waiting"
    queue.run("next")
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
    assert enabled(queue) == {"next"} and queue.number.text() == "—"


def test_one_key_per_citizen_finishes_and_calls_the_next(qtbot, counter_view, kiosk_app):
    first, second = issue(kiosk_app), issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    assert queue.buttons["next"].text() == "F1   Panggil berikutnya"
    QTest.keyClick(counter_view, Qt.Key.Key_F1)
    assert ticket_status(kiosk_app, first) == "called"
    assert queue.buttons["next"].text() == "F1   Layani (warga sudah datang)"
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # the citizen sits down: the same key
    assert ticket_status(kiosk_app, first) == "serving"
    assert queue.buttons["next"].text() == "F1   Selesai && panggil berikutnya"  # shown as one "&"
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # done, and the next one is called
    assert ticket_status(kiosk_app, first) == "done"
    assert ticket_status(kiosk_app, second) == "called"
    assert queue.message.text() == f"{first} selesai. Nomor {second} dipanggil ke loket 1."
    QTest.keyClick(counter_view, Qt.Key.Key_F1)
    QTest.keyClick(counter_view, Qt.Key.Key_F1)  # the last citizen: finished, nobody else, no error
    assert ticket_status(kiosk_app, second) == "done"
    assert queue.message.objectName() == "fieldInfo" and "Tidak ada yang menunggu" in queue.message.text()


def test_service_timer_figures_and_the_whole_sites_list(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app)
    issue(kiosk_app)
    login(counter_view, "budi", "135790")
    queue = counter_view.queue_tab
    assert queue.timer_label.text() == ""
    assert queue.figures.text() == "Hari ini Anda: belum ada warga selesai dilayani."
    queue.run("next")
    queue.run("start")
    assert queue.timer_label.text().startswith("Dilayani 00:0")
    qtbot.waitUntil(lambda: queue.timer_label.text() != "Dilayani 00:00", timeout=2500)  # ticks each second
    queue.run("finish")
    assert queue.figures.text().startswith("Hari ini Anda: 1 warga dilayani · waktu layanan median")
    assert ticket_status(kiosk_app, number) == "done"
    # Counter 2 serves KTP only: a KK ticket waits for counter 1, and shows in the whole site's list.
    issue(kiosk_app, "KK")
    view2 = make_second_counter(qtbot, counter_view)
    queue2 = view2.queue_tab
    assert queue2.table.rowCount() == 1
    queue2.whole_site.setChecked(True)
    assert queue2.table.rowCount() == 2
    assert queue2.waiting_title.text() == "Menunggu (2)"


def make_second_counter(qtbot, first_view):
    from kiosk.ui.context import UiContext
    from kiosk.ui.counter import CounterView

    ctx = first_view.ctx
    view = CounterView(UiContext(ctx.app, ctx.bridge, "all", counter=2))
    qtbot.addWidget(view)
    login(view)
    return view


def test_call_a_given_number_out_of_order(qtbot, counter_view, kiosk_app):
    issue(kiosk_app)
    later = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    QTest.keyClick(counter_view, Qt.Key.Key_F7)
    assert queue.number_input.hasFocus() or not counter_view.isActiveWindow()
    queue.number_input.setText(later.lower())
    QTest.keyClick(queue.number_input, Qt.Key.Key_Return)
    assert ticket_status(kiosk_app, later) == "called"
    assert queue.number.text() == later
    queue.run("return")
    queue._row_double_clicked(1, 0)  # a double click on a waiting number in the list calls it too
    assert ticket_status(kiosk_app, later) == "called"
    queue.run("return")
    queue.number_input.setText("Z-999")
    queue.call_number()
    assert queue.message.objectName() == "fieldError"


def test_transfer_to_another_counter(qtbot, counter_view, kiosk_app, monkeypatch):
    number = issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    queue.run("next")
    queue.run("start")
    monkeypatch.setattr(counter_view, "ask_transfer", lambda current: {"to_counter": 2})
    QTest.keyClick(counter_view, Qt.Key.Key_F6)
    assert ticket_status(kiosk_app, number) == "transferred"
    assert "loket 2" in queue.message.text()
    with kiosk_app.store.read() as s:
        from kiosk.models import Ticket

        moved = s.scalars(select(Ticket).where(Ticket.status == "waiting")).one()
        assert moved.assigned_counter == 2


def test_the_transfer_dialog_offers_services_and_counters(qtbot, counter_view):
    from kiosk.ui.counter.queue_tab import TransferDialog

    dialog = TransferDialog([{"prefix": "B", "name": "Kartu Keluarga", "code": "KK"}],
                            [{"counter": 2, "services": ["KTP"]}])
    qtbot.addWidget(dialog)
    assert dialog.chosen() == {"to_service": "KK"}
    dialog.to_counter.setChecked(True)
    assert dialog.chosen() == {"to_counter": 2}


def test_counter_open_pause_close_from_the_counter(qtbot, counter_view, kiosk_app, monkeypatch):
    issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    assert queue.state_label.text() == "Loket buka" and not queue.state_buttons["open"].isEnabled()
    monkeypatch.setattr(counter_view, "ask_reason", lambda: "sholat")
    queue.state_buttons["paused"].click()
    assert queue.state_label.text() == "Loket istirahat: sholat"
    assert enabled(queue) == set()  # a resting counter calls nobody
    with kiosk_app.store.read() as s:
        from kiosk.models import Counter

        row = s.get(Counter, 1)
        assert (row.state, row.state_reason) == ("paused", "sholat")
    queue.state_buttons["closed"].click()
    assert queue.state_label.text() == "Loket tutup"
    queue.state_buttons["open"].click()
    assert enabled(queue) == {"next"}


def test_the_figures_are_the_signed_in_operators_own(qtbot, counter_view, kiosk_app):
    issue(kiosk_app)
    login(counter_view)
    queue = counter_view.queue_tab
    queue.run("next")
    queue.run("start")
    queue.run("finish")
    assert queue.figures.text().startswith("Hari ini Anda: 1 warga dilayani")
    counter_view.logout()
    login(counter_view, "budi", "135790")  # another operator at once: their own figures, not the last one's
    assert queue.figures.text() == "Hari ini Anda: belum ada warga selesai dilayani."
