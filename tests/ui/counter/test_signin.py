"""Signing in at the counter: a wrong PIN is said inline; the supervisor tab is for supervisors."""

from __future__ import annotations

from tests.ui.conftest import OPERATOR, OPERATOR_PIN, SUPERVISOR, login


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


def test_status_bar_names_the_site_counter_and_operator(qtbot, counter_view):
    assert counter_view.site_label.text() == "Tabang (64.02.12)"
    assert counter_view.counter_label.text() == "Loket 1"
    assert counter_view.operator_label.text() == "Belum masuk"
    login(counter_view)
    assert counter_view.operator_label.text() == f"Petugas: {SUPERVISOR}"
    assert counter_view.tabs.isTabVisible(3)
    counter_view.logout()
    assert counter_view.stack.currentWidget() is counter_view.login_page
    assert counter_view.operator is None and counter_view.operator_label.text() == "Belum masuk"
