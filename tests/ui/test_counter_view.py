"""The operator's counter: login, F-key queue actions, intake validation and drafts, search and hand over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from kiosk import applications, tickets
from kiosk.models import Application, AuditEntry, PrintJob, Ticket
from tests.ui.conftest import OPERATOR, OPERATOR_PIN, SUPERVISOR, login

GOOD_NIK = "6402124507850003"  # Tabang, 05-07-1985, perempuan


def issue(app, service="KTP", priority=None) -> str:
    with app.store.transaction() as s:
        return tickets.issue_ticket(s, service, now=app.now(), priority=priority, actor="kiosk").number


def ticket_status(app, number: str) -> str:
    with app.store.read() as s:
        return s.scalar(select(Ticket.status).where(Ticket.number == number))


def test_login_needs_the_right_pin_and_says_so_inline(qtbot, counter_view):
    counter_view.login_page.username.setText(OPERATOR)
    counter_view.login_page.pin.setText("999999")
    counter_view.login_page.submit()
    assert counter_view.operator is None
    assert "PIN salah" in counter_view.login_page.error.text()
    assert counter_view.login_page.pin.text() == ""
    login(counter_view, OPERATOR, OPERATOR_PIN)
    assert counter_view.stack.currentWidget() is counter_view.work_page
    assert not counter_view.tabs.isTabVisible(3)  # supervisor tools are for supervisors
    assert "budi" in counter_view.operator_label.text()


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
    with kiosk_app.store.read() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.kind == "ticket")) == 1


def test_function_keys_do_nothing_before_login(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app)
    QTest.keyClick(counter_view, Qt.Key.Key_F1)
    assert ticket_status(kiosk_app, number) == "waiting"


def applications_count(app) -> int:
    with app.store.read() as s:
        return s.scalar(select(func.count()).select_from(Application))


def test_intake_validates_inline_and_saves_nothing_wrong(qtbot, counter_view, kiosk_app):
    login(counter_view)
    counter_view.tabs.setCurrentWidget(counter_view.intake_tab)
    form = counter_view.intake_tab
    form.service.setCurrentIndex(form.service.findData("KK"))
    assert list(form.doc_boxes)[0].startswith("Formulir biodata keluarga")

    form.nik.setText("64021")
    assert "5 dari 16" in form.nik_msg.text()
    form.nik.setText("6402123113850001")  # 31-13-85: no such month
    assert form.nik_msg.isVisible() and "tanggal lahir" in form.nik_msg.text()
    assert form.nik.property("invalid") is True
    form.name.setText("Rahmat Hidayat")
    form.phone.setText("0812-555")
    assert "nomor HP tidak valid" in form.phone_msg.text()
    assert form.save() is None
    assert form.form_error.isVisible()
    assert applications_count(kiosk_app) == 0

    form.nik.setText(GOOD_NIK)
    assert "perempuan" in form.nik_msg.text() and form.nik.property("valid") is True
    form.phone.setText("+62 812 3456 7890")
    assert "08123456789" in form.phone_msg.text()
    form.name.setText(" ")
    assert form.save() is None  # the domain's own rule (name required) comes back as the form error
    assert "nama" in form.form_error.text()
    assert applications_count(kiosk_app) == 0

    form.name.setText("Siti Aminah")
    index = form.desa.findText("Tabang Lama", Qt.MatchFlag.MatchContains)
    form.desa.setCurrentIndex(index)
    next(iter(form.doc_boxes.values())).setChecked(True)
    form.two_copies.setChecked(True)
    data = form.save()
    assert data is not None and data["status"] == "received"
    assert data["nik"] == "6402**********03"  # masked on screen
    assert data["registration_number"] in form.result.text()
    assert form.nik.text() == "" and form.name.text() == ""
    with kiosk_app.store.read() as s:
        saved = s.scalar(select(Application))
        assert (saved.name, saved.phone, saved.desa_code) == ("Siti Aminah", "081234567890", form.desa.itemData(index))
        assert sum(saved.documents.values()) == 1
        jobs = s.scalars(select(PrintJob).where(PrintJob.kind == "receipt")).all()
        assert len(jobs) == 2  # citizen's and archive copies, queued with the application


def test_intake_draft_survives_a_logout_and_a_restart(qtbot, make_ctx, kiosk_app):
    from kiosk.ui.counter_view import CounterView

    view = CounterView(make_ctx())
    qtbot.addWidget(view)
    login(view)
    form = view.intake_tab
    form.service.setCurrentIndex(form.service.findData("KK"))
    form.nik.setText(GOOD_NIK)
    form.name.setText("Siti Aminah")
    list(form.doc_boxes.values())[1].setChecked(True)
    qtbot.waitUntil(lambda: form.draft_path().exists(), timeout=2000)
    view.close()

    again = CounterView(make_ctx())
    qtbot.addWidget(again)
    login(again)
    restored = again.intake_tab
    assert restored.service.currentData() == "KK"
    assert (restored.nik.text(), restored.name.text()) == (GOOD_NIK, "Siti Aminah")
    assert [box.isChecked() for box in restored.doc_boxes.values()][:2] == [False, True]
    restored.clear_form()
    assert not restored.draft_path().exists()


def test_search_timeline_hand_over_and_reprint(qtbot, counter_view, kiosk_app):
    with kiosk_app.store.transaction() as s:
        a = applications.new_application(s, service_code="KK", nik=GOOD_NIK, name="Siti Aminah", operator="sari",
                                         now=kiosk_app.now())
        applications.set_status(s, a, "ready", actor="sari", now=kiosk_app.now())
        regno = a.registration_number
    login(counter_view)
    tab = counter_view.applications_tab
    tab.query.setText("siti")
    tab.search()
    assert tab.table.rowCount() == 1
    assert tab.current is not None and tab.current["registration_number"] == regno
    assert tab.timeline.count() == 2
    assert tab.hand_over_button.isEnabled()
    tab.hand_over()
    assert tab.current["status"] == "handed_over"
    assert not tab.hand_over_button.isEnabled()
    tab.reprint()
    with kiosk_app.store.read() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.ref == regno)) == 1
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.actor == SUPERVISOR)))
    assert {"search", "view", "application.status"} <= actions  # every look at a citizen's record is audited


def test_supervisor_tab_lists_print_jobs(qtbot, counter_view, kiosk_app):
    login(counter_view)
    counter_view.ctx.bridge.submit_print("test", "admin")
    counter_view.tabs.setCurrentWidget(counter_view.supervisor_tab)
    tab = counter_view.supervisor_tab
    assert tab.jobs.rowCount() == 1
    assert tab.jobs.item(0, 1).text() == "halaman uji"
    assert tab.jobs.item(0, 3).text() == "menunggu"
    assert "Belum ada survei" in tab.ikm.text()


def test_daily_report_pdf_is_made_off_the_gui_thread(qtbot, counter_view, kiosk_app):
    issue(kiosk_app)
    login(counter_view)
    counter_view.tabs.setCurrentWidget(counter_view.supervisor_tab)
    tab = counter_view.supervisor_tab
    tab.make_report()
    assert not tab.report_button.isEnabled()  # working, and the window stays responsive meanwhile
    qtbot.waitUntil(lambda: tab.report_path is not None, timeout=15_000)
    assert tab.report_path.read_bytes().startswith(b"%PDF")
    assert tab.open_button.isEnabled() and tab.report_button.isEnabled()
