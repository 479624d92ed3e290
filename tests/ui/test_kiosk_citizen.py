"""The citizen at the kiosk (issue #13) and a booking checked in at the kiosk (#14), by touch.

Touches for the common case, counted here (before -> after): a KTP ticket took Ambil Antrian -> Disdukcapil
-> KTP -> "Tidak, bukan prioritas" = 4; now the home's KTP tile = 1. An agency with one service took 4; now
Ambil Antrian -> the agency = 2. A priority ticket took 4; now Prioritas -> Lansia -> KTP = 3.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select

from kiosk import tickets
from kiosk.models import Ticket
from tests.test_bookings import pretty, pulled_booking
from tests.ui.test_kiosk_view import click, take_ticket_by_touch, tickets_in

ROOT = Path(__file__).resolve().parents[2]


def set_counters(app, counters: dict[int, list[str]], paused: tuple[int, ...] = ()) -> None:
    with app.store.transaction() as s:
        for number, services in counters.items():
            tickets.set_counter(s, number, services, now=app.now())
        for number in paused:
            tickets.set_counter_state(s, number, "paused", now=app.now(), reason="istirahat siang")


def test_the_most_used_services_are_one_touch_from_home(qtbot, kiosk_view, kiosk_app):
    home = kiosk_view.home_page
    assert list(home.popular_tiles) == ["KTP", "KK"]  # the defaults this site serves (no Akta Lahir counter)
    assert home.popular_tiles["KTP"].text() == "KTP"
    click(qtbot, home.popular_tiles["KK"])
    assert kiosk_view.current_page() == "ticket"
    [ticket] = tickets_in(kiosk_app)
    assert (ticket.number, ticket.service_code, ticket.priority) == ("B-001", "KK", None)


def test_popular_tiles_follow_what_is_issued_here(qtbot, kiosk_view, kiosk_app):
    set_counters(kiosk_app, {3: ["AKLAHIR", "PINDAH"]})
    with kiosk_app.store.transaction() as s:
        for _ in range(3):
            tickets.issue_ticket(s, "PINDAH", now=kiosk_app.now())
    kiosk_view.go_home()
    assert list(kiosk_view.home_page.popular_tiles) == ["PINDAH", "KTP", "KK"]
    assert kiosk_view.home_page.popular_tiles["PINDAH"].text() == "Pindah / Datang"


def test_touches_before_and_after(qtbot, kiosk_view, kiosk_app):
    set_counters(kiosk_app, {3: ["JKN", "AKMATI"]})
    kiosk_view.go_home()
    # A service of a many-service agency that is not on the home: Ambil Antrian -> Disdukcapil -> service.
    assert take_ticket_by_touch(qtbot, kiosk_view, "DUKCAPIL", "AKMATI") == 3
    kiosk_view.go_home()
    # BPJS Kesehatan has one service: no question to ask.
    assert take_ticket_by_touch(qtbot, kiosk_view, "BPJSKES", "JKN") == 2
    kiosk_view.go_home()
    # Priority: optional, three touches with the service's own tile.
    click(qtbot, kiosk_view.home_page.doors["priority"])
    click(qtbot, kiosk_view.priority_page.tiles["lansia"])
    assert "prioritas" in kiosk_view.choice_page.hint.text().lower()
    click(qtbot, kiosk_view.choice_page.tiles["svc:KTP"])
    numbers = [(t.number, t.priority) for t in tickets_in(kiosk_app)]
    assert numbers == [("D-001", None), ("K-001", None), ("A-001", "lansia")]
    kiosk_view.go_home()
    assert kiosk_view.priority is None  # a priority is never carried to the next citizen


def test_services_no_counter_serves_are_not_offered_and_paused_ones_say_so(qtbot, kiosk_view, kiosk_app):
    set_counters(kiosk_app, {1: ["KK"], 2: ["KTP"]}, paused=(1,))
    qtbot.waitUntil(lambda: kiosk_view.home_page.popular_tiles["KK"].subtitle_label.text() != "Ambil nomor antrian",
                    timeout=3000)  # the home follows the counters by itself
    click(qtbot, kiosk_view.home_page.tiles["ticket"])
    tiles = kiosk_view.choice_page.tiles
    assert "DUKCAPIL" in tiles and "SAMSAT" not in tiles and "BPJSKES" not in tiles
    assert kiosk_view.home_page.popular_tiles["KK"].subtitle_label.text() == "Loket sedang istirahat"
    click(qtbot, tiles["DUKCAPIL"])
    assert set(kiosk_view.choice_page.tiles) == {"KTP", "KK"}  # no Akta, Pindah, KIA: nobody serves them here
    assert kiosk_view.choice_page.tiles["KK"].subtitle_label.text() == "Loket sedang istirahat"
    click(qtbot, kiosk_view.choice_page.tiles["KK"])  # still offered: the counter comes back
    assert kiosk_view.ticket_page.number.text() == "B-001"
    # Info Layanan still tells of every service.
    kiosk_view.go_home()
    click(qtbot, kiosk_view.home_page.tiles["info"])
    assert "SAMSAT" in kiosk_view.choice_page.tiles


def test_the_ticket_screen_and_paper_tell_the_honest_wait(qtbot, kiosk_view, kiosk_app):
    set_counters(kiosk_app, {1: ["KTP", "KK"], 2: ["AKLAHIR"]})
    with kiosk_app.store.transaction() as s:
        for _ in range(3):
            tickets.issue_ticket(s, "KTP", now=kiosk_app.now())
    kiosk_view.go_home()
    click(qtbot, kiosk_view.home_page.popular_tiles["KK"])
    assert kiosk_view.ticket_page.number.text() == "B-001"
    assert kiosk_view.ticket_page.wait.text().startswith("3 orang di depan Anda")
    from tests.ui.test_kiosk_view import jobs_in

    assert "3 orang" in json.dumps(json.loads(jobs_in(kiosk_app)[-1].document), ensure_ascii=False)  # the paper


def test_search_by_everyday_words(qtbot, kiosk_view, kiosk_app):
    click(qtbot, kiosk_view.home_page.doors["search"])
    page = kiosk_view.search_page
    assert kiosk_view.current_page() == "search"
    for key in "kartu keluarga":
        click(qtbot, page.keyboard.keys[key])
    assert list(page.tiles) == ["KK"]
    page.input.setText("")
    click(qtbot, page.word_buttons[0])  # "KTP"
    assert list(page.tiles) == ["KTP"]
    page.input.setText("akta lahir")  # served by no counter here
    assert page.tiles == {} and "belum dilayani" in page.hint.text()
    page.input.setText("e-ktp")
    click(qtbot, page.tiles["KTP"])
    assert kiosk_view.current_page() == "ticket" and kiosk_view.ticket_page.number.text() == "A-001"


def test_a_booking_code_typed_on_the_keypad_gives_its_ticket(qtbot, kiosk_view, kiosk_app):
    code = pulled_booking(kiosk_app.store, kiosk_app.now(), service="KK")
    click(qtbot, kiosk_view.home_page.doors["booking"])
    page = kiosk_view.booking_page
    assert kiosk_view.current_page() == "booking"
    for key in "ZZZZZZZZ":
        click(qtbot, page.keypad.keys[key])
    click(qtbot, page.check_button)
    assert page.error.isVisible() and "salah ketik" in page.error.text()
    page.input.clear()
    for key in pretty(code):
        click(qtbot, page.keypad.keys[key])
    click(qtbot, page.check_button)
    assert kiosk_view.current_page() == "ticket"
    assert kiosk_view.ticket_page.number.text() == "B-001"
    assert f"Booking {pretty(code)}" in kiosk_view.ticket_page.service.text()
    # The same code again: it says which number it got.
    kiosk_view.go_home()
    click(qtbot, kiosk_view.home_page.doors["booking"])
    page.input.setText(code)
    click(qtbot, page.check_button)
    assert "sudah check-in: nomor antrian B-001" in page.error.text()


def test_a_booking_qr_scanned_at_home_checks_in_without_a_touch(qtbot, kiosk_view, kiosk_app):
    code = pulled_booking(kiosk_app.store, kiosk_app.now() - timedelta(minutes=5))
    QTest.keyClicks(kiosk_view, f"B:{code}")  # the scanner types like a keyboard
    QTest.keyClick(kiosk_view, Qt.Key.Key_Return)
    assert kiosk_view.current_page() == "ticket"
    assert kiosk_view.ticket_page.number.text() == "A-001"
    with kiosk_app.store.read() as s:
        assert s.scalar(select(Ticket.status)) == "waiting"


def test_the_printer_problem_is_said_on_the_home_screen_first(qtbot, kiosk_view, kiosk_app, ctx):
    notice = kiosk_view.home_page.notice
    assert not notice.isVisible()
    ctx.bridge._apply_printer_state({"enabled": True, "state": "paper_out"})
    assert notice.isVisible() and "Printer sedang bermasalah" in notice.text() and "catat/foto" in notice.text()
    click(qtbot, kiosk_view.home_page.popular_tiles["KTP"])  # and still issues
    assert kiosk_view.ticket_page.number.text() == "A-001"
    ctx.bridge._apply_printer_state({"state": "ok"})
    assert not notice.isVisible()


def test_no_context_menu_on_the_kiosks_text_fields(qtbot, kiosk_view):
    click(qtbot, kiosk_view.home_page.tiles["status"])
    for field in (kiosk_view.status_page.input, kiosk_view.booking_page.input, kiosk_view.search_page.input):
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5))
        QApplication.sendEvent(field, event)
        qtbot.wait(50)
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]


def test_the_supervisor_pin_dialog_closes_by_itself(qtbot, ctx, kiosk_view, monkeypatch):
    from kiosk.ui import admin

    monkeypatch.setattr(admin, "PIN_TIMEOUT_SECONDS", 0.3)
    dialog = admin.PinDialog(ctx, kiosk_view)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.timeout.interval() == 300
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert dialog.result() == 0 and dialog.operator is None


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def button_colours(qss: str) -> dict[str, dict[str, str]]:
    """tone -> {background, color} of `QPushButton[tone="..."]` (not :pressed/:disabled, not a child label)."""
    out: dict[str, dict[str, str]] = {}
    qss = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    base = re.search(r"(?m)^QWidget\s*\{[^}]*?\bcolor:\s*(#[0-9A-Fa-f]{3,6})", qss).group(1)
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", qss):
        for selector in selectors.split(","):
            match = re.fullmatch(r'\s*QPushButton\[tone="(\w+)"\]\s*', selector)
            if not match:
                continue
            entry = out.setdefault(match.group(1), {"color": base})
            for prop in ("background", "color"):
                found = re.search(rf"(?<![-\w]){prop}:\s*(#[0-9A-Fa-f]{{3,6}})", body)
                if found:
                    entry[prop] = found.group(1)
    return out


@pytest.mark.parametrize("sheet", ["kiosk.qss", "theme.qss"])
def test_coloured_buttons_meet_wcag_aa(sheet):
    colours = button_colours((ROOT / "resources" / "ui" / sheet).read_text(encoding="utf-8"))
    assert {"green", "red"} <= set(colours)  # the admin panel's Keluar (red) and Tutup (green)
    for tone, c in colours.items():
        assert contrast(c["background"], c["color"]) >= 4.5, (sheet, tone, c)
    assert contrast("#146C2E", "#111111") < 4.5  # what the panel's buttons had: the check bites


@pytest.mark.parametrize("size", [(1080, 1920), (1280, 800)])
def test_portrait_keeps_the_fonts_and_fills_the_screen(qtbot, kiosk_view, size):
    kiosk_view.resize(*size)
    qtbot.wait(50)
    assert kiosk_view.property("styleScale") >= 1.0  # never smaller than the 1280x800 design
    home = kiosk_view.home_page
    tiles = list(home.popular_tiles.values()) + list(home.tiles.values())
    covered = sum(t.width() * t.height() for t in tiles)
    assert covered / (home.width() * home.height()) > 0.45
    assert kiosk_view.minimumSizeHint().width() <= size[0] and kiosk_view.minimumSizeHint().height() <= size[1]
