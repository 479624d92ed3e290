"""The supervisor tab's pages: today's figures and the PDF reports, operators, counters, running text, the
print queue by ticket number, the site's PCs — every action through an op, on real data dirs."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.models import Counter, Operator
from kiosk.ops import catalog, printing, queue
from tests.ui.conftest import OPERATOR, OPERATOR_PIN, login
from tests.ui.counter import issue


def open_page(view, page):
    view.tabs.setCurrentWidget(view.supervisor_tab)
    view.supervisor_tab.show_page(page)
    page.refresh()
    return page


def test_print_queue_names_tickets_by_number_retry_and_reprint(qtbot, counter_view, kiosk_app):
    login(counter_view)
    kiosk_app.as_actor("kiosk").run(queue.issue_ticket, service="KTP", print=True)
    first = counter_view.ctx.run(printing.print_test, actor="admin")
    page = open_page(counter_view, counter_view.supervisor_tab.printq)
    assert page.jobs.rowCount() == 2
    assert page.jobs.item(0, 0).text() == str(first["id"])  # newest first
    assert page.jobs.item(1, 2).text() == "Tiket A-001"  # by its number, not a UUID
    assert page.jobs.item(1, 3).text() == "menunggu"
    page._retry(None)
    assert page.message.text() == "2 cetakan dikirim ulang."
    page.jobs.selectRow(1)
    page.reprint_selected()
    assert page.jobs.rowCount() == 3
    assert page.jobs.item(0, 1).text() == "tiket (SALINAN)"


def test_todays_figures_per_service_and_operator(qtbot, counter_view, kiosk_app):
    issue(kiosk_app), issue(kiosk_app), issue(kiosk_app, "KK")
    login(counter_view)
    q = counter_view.queue_tab
    q.run("next")
    q.run("start")
    q.run("next")  # A-001 done, A-002 called
    q.run("no_show")
    page = open_page(counter_view, counter_view.supervisor_tab.today)
    assert page.summary.text().startswith("Hari ini: 3 tiket · 1 menunggu · 1 selesai · 1 tidak hadir")
    rows = {page.services.item(r, 0).text().split(" ")[0]: [page.services.item(r, c).text() for c in range(1, 4)]
            for r in range(page.services.rowCount())}
    assert rows == {"KTP": ["0", "1", "1"], "KK": ["1", "0", "0"]}
    assert page.operators.rowCount() == 1 and page.operators.item(0, 0).text() == "Sari Wulandari (sari)"
    assert page.operators.item(0, 1).text() == "1"
    assert "Belum ada survei" in page.ikm.text()


def test_daily_and_skm_reports_are_made_off_the_gui_thread(qtbot, counter_view, kiosk_app):
    issue(kiosk_app)
    login(counter_view)
    page = open_page(counter_view, counter_view.supervisor_tab.today)
    page.make_report()
    assert not page.report_button.isEnabled()  # working, and the window stays responsive meanwhile
    qtbot.waitUntil(lambda: page.report_path is not None, timeout=15_000)
    assert page.report_path.read_bytes().startswith(b"%PDF")
    assert page.report_path.parent == kiosk_app.data_dir / "reports"
    page.make_skm()
    qtbot.waitUntil(lambda: page.skm_path is not None, timeout=15_000)
    assert page.skm_path.read_bytes().startswith(b"%PDF") and page.skm_path.name.startswith("skm-")
    assert page.skm_open.isEnabled()


def test_operators_add_reset_pin_role_and_deactivate(qtbot, counter_view, kiosk_app):
    login(counter_view)
    page = open_page(counter_view, counter_view.supervisor_tab.operators)
    assert page.table.rowCount() == 2
    page.username.setText("rina")
    page.full_name.setText("Rina Marlina")
    page.pin.setText("975310")
    page.add_button.click()
    assert page.message.text() == "Petugas rina ditambahkan." and page.table.rowCount() == 3
    assert page.selected()["username"] == "rina"
    page.new_pin.setText("864200")
    page.reset_button.click()
    assert "PIN rina diatur ulang" in page.message.text()
    page.role_combo.setCurrentIndex(page.role_combo.findData("supervisor"))
    page.role_button.click()
    page._select("rina")
    page.deactivate_button.click()
    with kiosk_app.store.read() as s:
        rina = s.scalar(select(Operator).where(Operator.username == "rina"))
        assert (rina.role, rina.active) == ("supervisor", False)
    page._select("sari")  # the last active supervisor stays one: the op says so, on the page
    page.deactivate_button.click()
    assert page.message.objectName() == "fieldError" and "supervisor aktif terakhir" in page.message.text()


def test_an_operator_sees_no_supervisor_tab_and_a_technician_no_accounts(qtbot, counter_view, kiosk_app):
    from kiosk.ops import operators

    login(counter_view, OPERATOR, OPERATOR_PIN)
    assert not counter_view.tabs.isTabVisible(3)
    counter_view.logout()
    kiosk_app.as_actor("sari").run(operators.add_operator, username="teknisi", name="Tono Teknisi",
                                   role="technician", pin="112358")
    login(counter_view, "teknisi", "112358")
    pages = counter_view.supervisor_tab.pages
    assert counter_view.tabs.isTabVisible(3)  # kiosk.auth: a technician may supervise...
    sup = counter_view.supervisor_tab
    assert not pages.isTabVisible(sup.index_of(sup.operators))  # ...not manage accounts
    assert pages.isTabVisible(sup.index_of(sup.site_pcs))


def test_counters_services_and_state(qtbot, counter_view, kiosk_app):
    login(counter_view)
    page = open_page(counter_view, counter_view.supervisor_tab.counters)
    assert page.table.rowCount() == 2
    page.number.setValue(3)
    page.service_boxes["KK"].setChecked(True)
    page.save_services()
    assert page.table.rowCount() == 3 and page.message.text() == "Loket 3 memanggil: KK"
    page._select(3)
    page.reason.setText("makan siang")
    page.state_buttons["paused"].click()
    assert page.table.item(2, 1).text() == "istirahat (makan siang)"
    with kiosk_app.store.read() as s:
        row = s.get(Counter, 3)
        assert (row.services, row.state, row.state_reason) == (["KK"], "paused", "makan siang")


def test_running_text_of_the_sites_own(qtbot, counter_view, kiosk_app):
    login(counter_view)
    page = open_page(counter_view, counter_view.supervisor_tab.announcements)
    page.text.setText("Loket 2 istirahat pukul 12.00–13.00")
    page.hours.setValue(2)
    page.add_button.click()
    assert page.table.rowCount() == 1
    assert kiosk_app.run(catalog.running_text) == ["Loket 2 istirahat pukul 12.00–13.00"]
    page.table.selectRow(0)
    page.remove_button.click()
    assert kiosk_app.run(catalog.running_text) == [] and page.table.rowCount() == 0
    page.text.setText("x")
    page.add_button.click()
    assert page.message.objectName() == "fieldError"


def test_site_pcs_pair_a_new_pc_and_remove_it(qtbot, counter_view, kiosk_app, tmp_path, monkeypatch):
    from tests.hubtools import HubProcess, kiosk_json_ok

    login(counter_view)
    page = open_page(counter_view, counter_view.supervisor_tab.site_pcs)
    assert "berdiri sendiri" in page.role_label.text() and page.table.rowCount() == 0
    page.pair_button.click()  # this PC becomes the site's hub, with a one-time code and its fingerprint
    code = page.code.text()
    assert page.pairing.isVisible() and len(code) >= 6
    assert "Sidik jari sertifikat" in page.pairing_info.text() and "hub situs" in page.role_label.text()
    hub = HubProcess(kiosk_app.data_dir).start()
    try:
        kiosk_json_ok(tmp_path / "loket3", "join", "--hub", hub.url, "--code", code, "--name", "loket-3")
        page.refresh()
        assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == "loket-3"
        page.table.selectRow(0)
        monkeypatch.setattr(counter_view, "confirm", lambda question: "loket-3" in question)
        page.remove_button.click()
        assert page.table.rowCount() == 0 and page.message.text() == "loket-3 dikeluarkan dari situs."
        away = kiosk_json_ok(tmp_path / "loket3", "hub", "status")
        assert away["reachable"] is False  # its token no longer opens the hub
    finally:
        hub.kill()
