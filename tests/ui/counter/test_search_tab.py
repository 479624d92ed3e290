"""The search tab: find, read the timeline, hand over, reprint — every look at a record audited."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk import applications
from kiosk.models import AuditEntry, PrintJob
from kiosk.ops import intake
from tests.ui.conftest import SUPERVISOR, login
from tests.ui.counter import GOOD_NIK


def test_search_timeline_hand_over_and_reprint(qtbot, counter_view, kiosk_app):
    regno = kiosk_app.as_actor("sari").run(intake.new_application, service="KK", nik=GOOD_NIK,
                                           name="Siti Aminah")["registration_number"]
    with kiosk_app.store.transaction() as s:  # central's doing: the product is ready
        applications.set_status(s, applications.find_application(s, regno), "ready", actor="sari",
                                now=kiosk_app.now())
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
    assert tab.detail_message.text() == "Salinan tanda terima sedang dicetak."
    with kiosk_app.store.read() as s:
        assert s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.ref == regno)) == 1
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.actor == SUPERVISOR)))
    assert {"search", "view", "application.status"} <= actions  # every look at a citizen's record is audited


def test_a_received_application_cannot_be_handed_over_and_nothing_found_is_said(qtbot, counter_view, kiosk_app):
    kiosk_app.as_actor("sari").run(intake.new_application, service="KK", nik=GOOD_NIK, name="Siti Aminah")
    login(counter_view)
    tab = counter_view.applications_tab
    tab.query.setText("siti")
    tab.search()
    assert tab.current["status"] == "received"
    assert not tab.hand_over_button.isEnabled() and tab.reprint_button.isEnabled()
    tab.query.setText("tidak ada orang ini")
    tab.search()
    assert tab.table.rowCount() == 0 and tab.message.text() == "Tidak ditemukan."
    assert tab.current is None and not tab.reprint_button.isEnabled()


def test_a_local_application_is_marked_ready_or_rejected_on_screen_and_shows_its_desa(
        qtbot, counter_view, kiosk_app, monkeypatch):
    sari = kiosk_app.as_actor("sari")
    ready = sari.run(intake.new_application, service="KTP", nik=GOOD_NIK, name="Siti Aminah",
                     desa="64.02.12.2001")["registration_number"]
    login(counter_view)
    tab = counter_view.applications_tab
    tab.open(ready)
    assert "Desa/kelurahan: Gunung Sari" in tab.detail_body.text()
    assert tab.ready_button.isEnabled() and tab.reject_button.isEnabled() and not tab.hand_over_button.isEnabled()
    tab.ready_button.click()
    assert tab.current["status"] == "ready" and tab.detail_message.text() == "Ditandai siap diambil."
    assert tab.hand_over_button.isEnabled() and not tab.ready_button.isEnabled()
    tab.hand_over()
    assert tab.current["status"] == "handed_over"

    refused = sari.run(intake.new_application, service="KTP", nik=GOOD_NIK, name="Siti Aminah")["registration_number"]
    tab.open(refused)
    monkeypatch.setattr(counter_view, "ask_text", lambda title, prompt: "dokumen KK tidak sesuai")
    tab.reject_button.click()
    assert tab.current["status"] == "rejected"
    assert "Alasan penolakan: dokumen KK tidak sesuai" in tab.detail_body.text()


def test_a_forwarded_application_belongs_to_central(qtbot, counter_view, kiosk_app):
    regno = kiosk_app.as_actor("sari").run(intake.new_application, service="PBG", nik=GOOD_NIK,
                                           name="Siti Aminah")["registration_number"]
    login(counter_view)
    tab = counter_view.applications_tab
    tab.open(regno)
    assert tab.current["status"] == "forwarded"
    assert not tab.ready_button.isEnabled() and not tab.reject_button.isEnabled()
