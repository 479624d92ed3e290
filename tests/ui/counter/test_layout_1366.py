"""The counter at 1366×768 with a window title bar (about 30 px): the status bar stays on screen, the intake
form does not scroll when validation messages appear, and a stale "Periksa isian…" banner clears."""

from __future__ import annotations

from tests.ui.conftest import login

TITLE_BAR = 30


def inside(view, widget) -> bool:
    top_left = widget.mapTo(view, widget.rect().topLeft())
    bottom_right = widget.mapTo(view, widget.rect().bottomRight())
    return view.rect().contains(top_left) and view.rect().contains(bottom_right)


def test_status_bar_and_intake_fit_1366x768_with_a_title_bar(qtbot, counter_view):
    counter_view.resize(1366, 768 - TITLE_BAR)
    login(counter_view)
    qtbot.wait(50)
    bar = counter_view.statusBar()
    assert bar.isVisible() and inside(counter_view, bar)
    for indicator in (counter_view.sync_indicator, counter_view.printer_indicator):
        assert inside(counter_view, indicator)
    sup = counter_view.supervisor_tab
    for index in range(counter_view.tabs.count()):
        counter_view.tabs.setCurrentIndex(index)
        for page in sup.all_pages() if counter_view.tabs.currentWidget() is sup else [None]:
            if page is not None:
                sup.show_page(page)
            qtbot.wait(20)
            hint = counter_view.minimumSizeHint()
            where = (counter_view.tabs.tabText(index), type(page).__name__)
            assert hint.height() <= 768 - TITLE_BAR and hint.width() <= 1366, where
            assert counter_view.width() == 1366 and inside(counter_view, bar), where
    form = counter_view.intake_tab
    counter_view.tabs.setCurrentWidget(form)
    form.nik.setText("12345")
    form.phone.setText("12")
    assert form.save() is None
    qtbot.wait(50)
    assert form.nik_msg.isVisible() and form.phone_msg.isVisible() and form.form_error.isVisible()
    assert form.scroll.verticalScrollBar().maximum() == 0, "the form scrolls once messages appear"
    assert inside(counter_view, form.save_button) and inside(counter_view, bar)


def test_a_stale_banner_clears_once_the_fields_are_fixed(qtbot, counter_view):
    login(counter_view)
    form = counter_view.intake_tab
    form.nik.setText("12345")
    assert form.save() is None
    assert form.form_error.text() == "Periksa isian yang ditandai merah."
    form.nik.setText("6402124507850003")
    assert not form.form_error.isVisible()
