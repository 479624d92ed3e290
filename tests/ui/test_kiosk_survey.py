"""The SKM at the kiosk, touched as a citizen would: from the home tile, from a ticket's QR, from a counter's
invitation; nine faces and Kirim, the optional profile and suggestion; portrait and landscape screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from kiosk import tickets
from kiosk.models import Survey
from kiosk.ops import survey as survey_ops

ANSWERS = [4, 4, 3, 4, 2, 4, 4, 3, 1]


class Touches:
    """Clicks like a finger, and counts them (the issue's measure: touches per citizen)."""

    def __init__(self, qtbot):
        self.qtbot, self.count = qtbot, 0

    def __call__(self, widget) -> None:
        assert widget.isVisible() and widget.isEnabled(), widget
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.count += 1


def stored(app) -> list[Survey]:
    with app.store.read() as s:
        return list(s.scalars(select(Survey).order_by(Survey.at)))


def answer_all(qtbot, page, touch, answers=ANSWERS) -> None:
    """Touch one face per question, screen by screen (the second screen comes by itself)."""
    for index, score in enumerate(answers):
        qtbot.waitUntil(lambda i=index, s=score: page.rows[i].faces[s].isVisible(), timeout=3000)
        touch(page.rows[index].faces[score])


def served_ticket(app, service="KK", counter=1) -> dict:
    with app.store.transaction() as s:
        t = tickets.issue_ticket(s, service, now=app.now(), actor="kiosk")
        tickets.call_next(s, counter, now=app.now(), actor="budi")
        tickets.start_service(s, t.id, counter, now=app.now(), actor="budi")
        tickets.finish(s, t.id, counter, now=app.now(), actor="budi")
        return {"id": t.id, "number": t.number}


def test_from_the_home_tile_twelve_touches_nine_faces_on_two_screens(qtbot, kiosk_view, kiosk_app):
    touch = Touches(qtbot)
    page = kiosk_view.survey_page
    touch(kiosk_view.home_page.tiles["survey"])
    assert kiosk_view.current_page() == "survey" and page.step == "service"
    assert set(page.service_tiles) == {"KTP", "KK"}  # only what a counter here serves
    touch(page.service_tiles["KTP"])
    assert page.per_page() == 5 and [r.index for r in page.page_rows()] == [0, 1, 2, 3, 4]
    assert not page.send_button.isVisible()
    answer_all(qtbot, page, touch)
    assert page.page == 1 and page.send_button.isEnabled()
    touch(page.send_button)
    assert kiosk_view.current_page() == "thanks"
    assert touch.count == 12  # tile, service, nine faces, Kirim
    [row] = stored(kiosk_app)
    assert (row.service_code, row.scores, row.age, row.sex, row.suggestion) == ("KTP", ANSWERS, None, None, None)


def test_an_answer_can_be_changed_and_the_second_screen_waits_for_lanjut(qtbot, kiosk_view, kiosk_app):
    touch = Touches(qtbot)
    page = kiosk_view.survey_page
    touch(kiosk_view.home_page.tiles["survey"])
    touch(page.service_tiles["KK"])
    answer_all(qtbot, page, touch, ANSWERS[:5])
    qtbot.waitUntil(lambda: page.page == 1, timeout=3000)
    touch(page.nav.back_button)  # back to the first screen: the faces chosen are still there
    assert page.page == 0 and page.rows[2].faces[3].isChecked()
    touch(page.rows[2].faces[1])
    assert page.rows[2].faces[1].isChecked() and not page.rows[2].faces[3].isChecked()
    QTest.qWait(700)
    assert page.page == 0 and page.next_button.isEnabled()  # no second jump: Lanjut when ready
    touch(page.next_button)
    for index in range(5, 9):
        touch(page.rows[index].faces[ANSWERS[index]])
    touch(page.send_button)
    [row] = stored(kiosk_app)
    assert row.scores == [4, 4, 1, 4, 2, 4, 4, 3, 1]


def test_profile_and_suggestion_with_the_on_screen_keys(qtbot, kiosk_view, kiosk_app):
    touch = Touches(qtbot)
    page = kiosk_view.survey_page
    touch(kiosk_view.home_page.tiles["survey"])
    touch(page.service_tiles["KTP"])
    answer_all(qtbot, page, touch)
    touch(page.more_button)
    assert page.step == "profile"
    touch(page.sex.buttons["P"])
    touch(page.age_keys["3"])
    touch(page.age_keys["4"])
    touch(page.education.buttons["S1"])
    touch(page.job.buttons["Swasta"])
    touch(page.job.buttons["Swasta"])  # touched again: not chosen
    touch(page.job.buttons["PNS"])
    touch(page.more_button)
    assert page.step == "suggestion"
    keys = page.keyboard.keys
    for key in ("shift", "k", "i", "p", "a", "s", " ", "r", "u", "s", "a", "k", "!"):
        touch(keys[key])
    assert page.suggestion.toPlainText() == "Kipas rusak!" and page.suggestion_count.text() == "12/1000"
    touch(keys["\b"])
    touch(page.send_button)
    assert kiosk_view.current_page() == "thanks"
    [row] = stored(kiosk_app)
    assert (row.age, row.sex, row.education, row.job, row.suggestion) == (34, "P", "S1", "PNS", "Kipas rusak")


def test_a_bad_age_is_explained_on_the_profile_screen(qtbot, kiosk_view, kiosk_app):
    page = kiosk_view.survey_page
    kiosk_view.start_flow("survey")
    page.choose_service("KTP")
    for score in ANSWERS:
        page.answer(score)
    page.open_profile()
    page.age.setText("7")
    page.open_suggestion()
    assert page.step == "profile" and page.error.isVisible() and "umur" in page.error.text()
    page.age.setText("")
    page.open_suggestion()
    assert page.step == "suggestion" and not page.error.isVisible()
    page.suggestion.setPlainText("x" * 1200)  # a real keyboard cannot go past the bound either
    assert len(page.suggestion.toPlainText()) == 1000
    page.submit()
    assert len(stored(kiosk_app)[0].suggestion) == 1000


def test_scanning_a_served_tickets_qr_opens_its_survey_ten_touches(qtbot, kiosk_view, kiosk_app):
    ticket = served_ticket(kiosk_app, "KK")
    touch = Touches(qtbot)
    QTest.keyClicks(kiosk_view, f"T:{ticket['id'].upper()}")  # the scanner types like a keyboard
    QTest.keyClick(kiosk_view, Qt.Key.Key_Return)
    page = kiosk_view.survey_page
    assert kiosk_view.current_page() == "survey" and page.step == "questions"
    assert page.service["code"] == "KK" and ticket["number"] in page.context.text()
    answer_all(qtbot, page, touch)
    touch(page.send_button)
    assert touch.count == 10  # nine faces and Kirim; the scan is no touch
    assert [r.service_code for r in stored(kiosk_app)] == ["KK"]
    assert kiosk_view.current_page() == "thanks"


def test_scanning_a_waiting_ticket_shows_its_place_instead(qtbot, kiosk_view, kiosk_app):
    with kiosk_app.store.transaction() as s:
        waiting = tickets.issue_ticket(s, "KTP", now=kiosk_app.now(), actor="kiosk")
        waiting_id = waiting.id
    QTest.keyClicks(kiosk_view, f"T:{waiting_id}")
    QTest.keyClick(kiosk_view, Qt.Key.Key_Return)
    assert kiosk_view.current_page() == "status"
    shown = [w.text() for w in kiosk_view.status_page.result.findChildren(type(kiosk_view.title))]
    assert shown[0] == "Nomor antrian A-001"
    assert stored(kiosk_app) == []


def test_a_counters_invitation_opens_the_survey_when_the_kiosk_is_idle(qtbot, make_ctx, kiosk_view, kiosk_app):
    ticket = served_ticket(kiosk_app, "KTP", counter=2)
    kiosk_view.start_flow("status")  # a citizen is using the kiosk: an invitation must not interrupt them
    counter = make_ctx(counter=2)  # the counter's own screen (another UiContext on the same site)
    invited = counter.run(survey_ops.invite, actor="budi", counter=2)
    assert invited["number"] == ticket["number"]
    QTest.qWait(800)
    assert kiosk_view.current_page() == "status"
    kiosk_view.go_home()
    qtbot.waitUntil(lambda: kiosk_view.current_page() == "survey", timeout=8000)
    page = kiosk_view.survey_page
    assert page.service["code"] == "KTP" and page.step == "questions"
    assert ticket["number"] in page.context.text() and "loket 2" in page.context.text()
    qtbot.mouseClick(page.nav.home_button, Qt.MouseButton.LeftButton)  # not them: one touch home
    QTest.qWait(800)
    assert kiosk_view.current_page() == "home"  # an invitation opens once


def test_portrait_asks_all_nine_on_one_screen(qtbot, kiosk_view):
    kiosk_view.resize(1080, 1920)
    kiosk_view.start_flow("survey")
    page = kiosk_view.survey_page
    page.choose_service("KTP")
    qtbot.waitUntil(lambda: page.per_page() == 9)
    assert all(row.label.isVisible() for row in page.rows) and not page.next_button.isVisible()
    assert page.send_button.isVisible() and not page.send_button.isEnabled()


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1920, 1080), (1080, 1920)])
def test_every_survey_screen_fits_and_keeps_fingers_room(qtbot, kiosk_view, size):
    from kiosk.ui.widgets.common import mm_to_px

    kiosk_view.resize(*size)
    page = kiosk_view.survey_page
    kiosk_view.open_survey({"ticket": "t", "number": "A-004", "counter": 2, "invited_at": None,
                            "service": {"code": "KTP", "name": "Perekaman & Pencetakan KTP-el", "name_en": ""}})
    for score in ANSWERS:
        page.answer(score)
    for step in ("questions", "profile", "suggestion"):
        page._go(step)
        QTest.qWait(20)
        assert kiosk_view.minimumSizeHint().height() <= size[1] and kiosk_view.minimumSizeHint().width() <= size[0]
        assert kiosk_view.size().height() == size[1], step
        buttons = [b for b in page.findChildren(type(page.send_button)) if b.isVisible()]
        assert buttons and min(min(b.width(), b.height()) for b in buttons) >= mm_to_px(15, page) - 1, step


def test_the_survey_speaks_english_when_chosen(qtbot, kiosk_view):
    qtbot.mouseClick(kiosk_view.language_button, Qt.MouseButton.LeftButton)
    kiosk_view.start_flow("survey")
    page = kiosk_view.survey_page
    assert page.service_hint.text().startswith("Which service")
    page.choose_service("KTP")
    assert [h.text() for h in page.headers] == ["Poor", "Fair", "Good", "Very good"]
    assert "Did the requirements fit the service?" in page.rows[0].label.text()
    assert page.progress.text().startswith("Questions 1–5 of 9")
    qtbot.mouseClick(kiosk_view.language_button, Qt.MouseButton.LeftButton)
    assert "Apakah persyaratan pelayanan sesuai" in page.rows[0].label.text()


def test_the_text_keyboard_shift_and_limit(qtbot):
    from kiosk.ui.qt import QLineEdit
    from kiosk.ui.widgets.keyboard import TextKeyboard

    field = QLineEdit()
    board = TextKeyboard(limit=5)
    qtbot.addWidget(board)
    qtbot.addWidget(field)
    board.set_target(field)
    for key in ("shift", "a", "b", "shift", "shift", "c", "d", "\n", "e", "f"):
        board.press(key)
    assert field.text() == "AbCDE"  # shift once: one capital; twice: locked; Enter ignored in one line
    board.press("\b")
    assert field.text() == "AbCD"
