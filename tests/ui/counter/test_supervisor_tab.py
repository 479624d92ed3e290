"""The supervisor tab: the print queue, today's IKM and the daily report PDF."""

from __future__ import annotations

from kiosk.ops import printing
from tests.ui.conftest import login
from tests.ui.counter import issue


def test_supervisor_tab_lists_print_jobs(qtbot, counter_view, kiosk_app):
    login(counter_view)
    counter_view.ctx.run(printing.print_test, actor="admin")
    counter_view.tabs.setCurrentWidget(counter_view.supervisor_tab)
    tab = counter_view.supervisor_tab
    assert tab.jobs.rowCount() == 1
    assert tab.jobs.item(0, 1).text() == "halaman uji"
    assert tab.jobs.item(0, 3).text() == "menunggu"
    assert "Belum ada survei" in tab.ikm.text()


def test_retry_and_reprint_from_the_print_queue(qtbot, counter_view, kiosk_app):
    login(counter_view)
    first = counter_view.ctx.run(printing.print_test, actor="admin")
    second = counter_view.ctx.run(printing.print_test, actor="admin")
    counter_view.tabs.setCurrentWidget(counter_view.supervisor_tab)
    tab = counter_view.supervisor_tab
    assert [tab.jobs.item(row, 0).text() for row in range(2)] == [str(second["id"]), str(first["id"])]  # newest first
    tab._retry(None)
    assert tab.report_message.text() == "2 cetakan dikirim ulang."
    tab.jobs.selectRow(1)
    tab.reprint_selected()
    assert tab.jobs.rowCount() == 3
    assert tab.jobs.item(0, 1).text() == "halaman uji (SALINAN)"


def test_daily_report_pdf_is_made_off_the_gui_thread(qtbot, counter_view, kiosk_app):
    issue(kiosk_app)
    login(counter_view)
    counter_view.tabs.setCurrentWidget(counter_view.supervisor_tab)
    tab = counter_view.supervisor_tab
    tab.make_report()
    assert not tab.report_button.isEnabled()  # working, and the window stays responsive meanwhile
    qtbot.waitUntil(lambda: tab.report_path is not None, timeout=15_000)
    assert tab.report_path.read_bytes().startswith(b"%PDF")
    assert tab.report_path.parent == kiosk_app.data_dir / "reports"
    assert tab.open_button.isEnabled() and tab.report_button.isEnabled()
