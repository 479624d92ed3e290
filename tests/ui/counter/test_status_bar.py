"""The counter's status bar: the site hub's state on a joined PC (a real hub process, killed), and the sync
indicator's dead letters."""

from __future__ import annotations

import time

from kiosk.app import App
from kiosk.clock import Clock
from tests.hubtools import HubProcess, join, make_hub_dir


def test_a_joined_counter_says_within_3_s_that_the_hub_is_away(qtbot, tmp_path, make_ctx):
    from kiosk.ui.counter import CounterView

    hub = HubProcess(make_hub_dir(tmp_path / "hub")).start()
    try:
        join(hub, tmp_path / "loket2", "loket-2")
        app = App(data_dir=tmp_path / "loket2", clock=Clock(), actor="op")
        view = CounterView(make_ctx(workers=True, counter=2, app=app))
        qtbot.addWidget(view)
        view.show()
        indicator = view.hub_indicator
        qtbot.waitUntil(lambda: indicator.text() == "● Hub: 127.0.0.1 · 0 di spool", timeout=15000)
        assert indicator.isVisible() and indicator.property("tone") == "ok"
        hub.kill()
        killed = time.monotonic()
        qtbot.waitUntil(lambda: "Hub tidak terhubung" in indicator.text(), timeout=5000)
        assert time.monotonic() - killed <= 3.5
        assert indicator.property("tone") == "error"
    finally:
        hub.kill()


def test_a_pc_alone_shows_no_hub_indicator(qtbot, counter_view):
    assert not counter_view.hub_indicator.isVisible()


def test_dead_letters_show_in_the_sync_indicator_with_the_last_one(qtbot, counter_view, ctx):
    ctx.bridge.on_sync_state({"enabled": True, "online": True, "pending": 0, "dead_letters": 2,
                              "last_dead_letter": {"seq": 41, "kind": "application.created",
                                                   "reason": "layanan tidak dikenal"}})
    indicator = counter_view.sync_indicator
    qtbot.waitUntil(lambda: "2 ditolak server" in indicator.text(), timeout=2000)
    assert "#41 application.created: layanan tidak dikenal" in indicator.toolTip()
    assert indicator.property("tone") == "warn"
