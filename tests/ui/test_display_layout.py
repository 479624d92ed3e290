"""The display fits any hall: 1, 6 and 12 counters on 1920x1080 and 1080x1920 (and 4K), nothing cut off
or overlapping, secondary text readable at 5 m, the called numbers the largest text on screen."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

MIN_CAP_1080P = 30  # px: a 43" TV at 1080p has ~0.5 mm pixels, so ~15 mm capitals, readable at 5 m


@pytest.fixture
def hall(make_ctx, tmp_path):
    """A display over a hall with N counters (seeded through the domain by scripts/screenshots.py)."""
    from screenshots import seed_hall

    from kiosk.app import App
    from kiosk.clock import SITE_TZ, FrozenClock

    def make(counters: int):
        app = App(data_dir=tmp_path / f"hall{counters}", clock=FrozenClock(datetime(2026, 11, 30, 9, 0, tzinfo=SITE_TZ)))
        seed_hall(app, counters)
        return make_ctx(app=app)

    return make


def show(qtbot, view: QWidget, size: tuple[int, int]) -> None:
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: view.width() == size[0] and view.height() == size[1], timeout=2000)
    for _ in range(3):
        qtbot.wait(10)


def window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())


def problems(view) -> list[str]:
    """Everything that is cut off, outside the window or overlapping a sibling."""
    from kiosk.ui.display_view import RowsPanel

    found = []
    whole = view.rect()
    widgets = [w for w in view.findChildren(QWidget) if w.isVisible() and w.width() > 0 and w.height() > 0]
    for w in widgets:
        rect = window_rect(w)
        if not whole.contains(rect):
            found.append(f"{w.objectName() or type(w).__name__} {rect} outside the window {whole}")
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull() is not False and "<" not in w.text():
            metrics = w.fontMetrics()
            if metrics.horizontalAdvance(w.text()) > w.contentsRect().width() + 1:
                found.append(f"label {w.objectName()} {w.text()!r} is wider than its {w.width()} px")
            if metrics.height() > w.contentsRect().height() + 1:
                found.append(f"label {w.objectName()} {w.text()!r} is taller than its {w.height()} px")
        if isinstance(w, RowsPanel):
            for kind, text, cell in w.cells():
                font = w.font()
                font.setBold(kind != "text")
                if not w.rect().contains(cell):
                    found.append(f"{w.objectName()} row {text!r} {cell} outside the panel {w.rect()}")
                if QFontMetrics(font).horizontalAdvance(text) > cell.width() + 1:
                    found.append(f"{w.objectName()} cell {text!r} wider than {cell.width()} px")
    by_parent: dict[int, list[QWidget]] = {}
    for w in widgets:
        by_parent.setdefault(id(w.parentWidget()), []).append(w)
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                if a.geometry().intersects(b.geometry()):
                    found.append(f"{a.objectName() or type(a).__name__} {a.geometry()} overlaps "
                                 f"{b.objectName() or type(b).__name__} {b.geometry()}")
    return found


def cap_height(widget: QWidget) -> int:
    return QFontMetrics(widget.font()).capHeight()


@pytest.mark.parametrize("counters", [1, 6, 12])
def test_the_display_fits_every_hall_and_screen(qtbot, hall, counters, tmp_path):
    from kiosk.ui.display_view import DisplayView

    view = DisplayView(hall(counters))
    qtbot.addWidget(view)
    for size in ((1920, 1080), (1080, 1920), (3840, 2160)):
        show(qtbot, view, size)
        assert len(view.cards) == counters
        assert problems(view) == [], size
        assert view.minimumSizeHint().width() <= size[0] and view.minimumSizeHint().height() <= size[1]
        scale = min(size) / 1080
        secondary = [view.waiting, view.recent, view.recent_title, view.waiting_title, view.date,
                     *[c.service for c in view.cards.values()], *[c.name for c in view.cards.values()]]
        for widget in secondary:
            assert cap_height(widget) >= MIN_CAP_1080P * scale, (size, widget.objectName(), cap_height(widget))
        numbers = [c.number for c in view.cards.values()]
        largest_other = max(cap_height(w) for w in secondary)
        assert min(cap_height(n) for n in numbers) > 1.4 * largest_other, size  # the calls stay largest
        assert "Perekaman" in view.waiting.text()
        if size != (3840, 2160):
            view.grab().save(str(tmp_path / f"display_{counters}_{size[0]}x{size[1]}.png"))
    view.close()


def test_paused_and_closed_counters_show_so(qtbot, hall, monkeypatch):
    from kiosk import tickets
    from kiosk.ui.display_view import DisplayView

    board = tickets.display_board

    def with_states(session, *, now):  # the counter states another change adds to the board
        result = board(session, now=now)
        result["counters"][1].update(state="paused", reason="istirahat siang")
        result["counters"][2].update(state="closed")
        return result

    monkeypatch.setattr(tickets, "display_board", with_states)
    view = DisplayView(hall(6))
    qtbot.addWidget(view)
    show(qtbot, view, (1920, 1080))
    cards = view.cards
    assert cards[1].state == "open" and cards[1].state_text() == ""
    assert cards[2].state == "paused" and cards[2].service.toolTip() == "ISTIRAHAT — istirahat siang"
    assert cards[3].state == "closed" and cards[3].service.text() == "TUTUP"
    assert cards[2].property("state") == "paused"
    assert problems(view) == []
    view.close()


def test_best_columns_prefers_big_numbers():
    from kiosk.ui.display_view import best_columns

    assert best_columns(1, 1300, 850, 16, 120, 3.0) == 1
    assert best_columns(2, 1300, 850, 16, 120, 3.0) == 2     # side by side on a wide area
    assert best_columns(2, 1000, 1200, 16, 120, 3.0) == 1    # stacked on a tall one
    assert best_columns(12, 1310, 860, 24, 130, 3.1) == 4
    assert best_columns(12, 1040, 1230, 24, 130, 3.1) == 3


def test_screenshot_names_match_the_docs():
    shots = ROOT / "docs" / "screenshots"
    for counters in (1, 6, 12):
        for size in ("1920x1080", "1080x1920"):
            assert (shots / f"display_{counters}_{size}.png").exists(), "run `make screenshots`"
    assert Path(shots / "display.png").exists()
