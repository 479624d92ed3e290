"""The intake tab: inline NIK / phone checks, the domain's rules, receipts, and a draft that survives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from kiosk.models import Application, PrintJob
from kiosk.ops import intake
from tests.ui.conftest import login
from tests.ui.counter import GOOD_NIK, applications_count, issue


def test_intake_validates_inline_and_saves_nothing_wrong(qtbot, counter_view, kiosk_app):
    login(counter_view)
    counter_view.tabs.setCurrentWidget(counter_view.intake_tab)
    form = counter_view.intake_tab
    form.service.setCurrentIndex(form.service.findData("KK"))
    assert list(form.doc_boxes)[0].startswith("Formulir biodata keluarga")
    assert form.service.findData("NIB") == -1  # an online service is not taken in at the counter

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
    assert "lahir 05-07-1985" in form.nik_msg.text()
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


def test_an_application_links_the_ticket_being_served(qtbot, counter_view, kiosk_app):
    number = issue(kiosk_app, "KK")
    login(counter_view)
    counter_view.queue_tab.run("next")
    counter_view.queue_tab.run("start")
    form = counter_view.intake_tab
    qtbot.waitUntil(lambda: number in form.link_ticket.text(), timeout=3000)  # follows the queue's changes
    assert form.link_ticket.isEnabled()
    form.service.setCurrentIndex(form.service.findData("KK"))
    form.nik.setText(GOOD_NIK)
    form.name.setText("Siti Aminah")
    form.link_ticket.setChecked(True)
    assert form.save() is not None
    with kiosk_app.store.read() as s:
        saved = s.scalar(select(Application))
        assert saved.ticket_id == counter_view.queue_tab.active["id"]
        assert len(s.scalars(select(PrintJob).where(PrintJob.kind == "receipt")).all()) == 1


def test_intake_draft_survives_a_logout_and_a_restart(qtbot, make_ctx, kiosk_app):
    from kiosk.ui.counter import CounterView

    view = CounterView(make_ctx())
    qtbot.addWidget(view)
    login(view)
    form = view.intake_tab
    form.service.setCurrentIndex(form.service.findData("KK"))
    form.nik.setText(GOOD_NIK)
    form.name.setText("Siti Aminah")
    list(form.doc_boxes.values())[1].setChecked(True)
    def saved() -> bool:  # kept in the store, per counter
        return bool(kiosk_app.run(intake.load_draft, counter=1))

    qtbot.waitUntil(saved, timeout=2000)
    view.close()

    again = CounterView(make_ctx())
    qtbot.addWidget(again)
    login(again)
    restored = again.intake_tab
    assert restored.service.currentData() == "KK"
    assert (restored.nik.text(), restored.name.text()) == (GOOD_NIK, "Siti Aminah")
    assert [box.isChecked() for box in restored.doc_boxes.values()][:2] == [False, True]
    restored.clear_form()
    assert not saved()


def test_closing_before_anyone_signs_in_keeps_the_draft(qtbot, make_ctx, kiosk_app):
    from kiosk.ui.counter import CounterView

    kiosk_app.run(intake.save_draft, counter=1, draft={"service": "KK", "nik": GOOD_NIK, "name": "Siti Aminah"})
    view = CounterView(make_ctx())
    qtbot.addWidget(view)
    view.close()  # the empty form of a window nobody signed in to is not the draft
    assert kiosk_app.run(intake.load_draft, counter=1)["name"] == "Siti Aminah"
    again = CounterView(make_ctx())
    qtbot.addWidget(again)
    login(again)
    assert again.intake_tab.name.text() == "Siti Aminah"
