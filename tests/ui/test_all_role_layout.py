"""The `all` role on one screen: kiosk, counter and TV side by side when the screen holds them, never one over
another; on a 1366x768 screen, which cannot, the counter in front and a notice saying what size is needed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect


@pytest.fixture
def three(qtbot, ctx):
    from kiosk.ui.counter import CounterView
    from kiosk.ui.display_view import DisplayView
    from kiosk.ui.kiosk import KioskView

    views = (KioskView(ctx, locked=False), CounterView(ctx), DisplayView(ctx))
    for view in views:
        qtbot.addWidget(view)
    yield views
    views[0].allow_close()


def outer(window) -> QRect:
    return window.frameGeometry()


@pytest.mark.parametrize("size", [(1920, 1080), (1600, 900), (2560, 1440)])
def test_a_big_enough_screen_tiles_the_three_without_overlap(qtbot, three, size):
    from kiosk.ui.application import tile_on_one_screen

    area = QRect(0, 0, *size)
    assert tile_on_one_screen(*three, area=area) is None
    rects = [outer(w) for w in three]
    for i, a in enumerate(rects):
        assert area.contains(a), (i, a)
        for b in rects[i + 1:]:
            assert not a.intersects(b), (a, b)
    for window in three:
        hint = window.minimumSizeHint()
        assert window.width() >= hint.width() and window.height() >= hint.height(), type(window).__name__


def test_1366x768_says_it_needs_a_larger_screen(qtbot, three):
    from kiosk.ui.application import tile_on_one_screen

    kiosk, counter, display = three
    notice = tile_on_one_screen(*three, area=QRect(0, 0, 1366, 768))
    assert notice is not None and notice.isVisible()
    assert "1366×768" in notice.text() and "paling sedikit" in notice.text()
    assert outer(counter) == QRect(0, 0, 1366, 768) and counter.isVisible()  # the counter fills it, frame and all
    for window in three:  # each still usable at its own minimum size, not squeezed into a third of the screen
        hint = window.minimumSizeHint()
        assert window.width() >= hint.width() and window.height() >= hint.height()
    notice.close()
