"""The bridge: database changes from anywhere, worker callbacks from their threads, real sync state."""

from __future__ import annotations

import sqlite3
import threading

from PySide6.QtCore import QThread

from kiosk.ops import queue, setup


def test_db_watcher_sees_commits_of_other_connections(qtbot, ctx, kiosk_app):
    with qtbot.waitSignal(ctx.bridge.queueChanged, timeout=1000):
        conn = sqlite3.connect(kiosk_app.settings.db_path)
        conn.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
        conn.commit()
        conn.close()


def test_worker_callbacks_arrive_on_the_gui_thread(qtbot, ctx):
    from kiosk.ui.widgets.indicators import PrinterIndicator, SyncIndicator

    sync, printer = SyncIndicator(ctx.bridge), PrinterIndicator(ctx.bridge)
    qtbot.addWidget(sync)
    qtbot.addWidget(printer)
    seen_threads = []
    ctx.bridge.syncStateChanged.connect(lambda _state: seen_threads.append(QThread.currentThread()))

    def worker():
        ctx.bridge.on_sync_state({"enabled": True, "online": False, "pending": 12, "skew_seconds": 3600})
        ctx.bridge.on_printer_state({"enabled": True, "state": "paper_out", "message": "Printer kehabisan kertas"})

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "Offline" in sync.text() and "kertas habis" in printer.text(), timeout=1000)
    assert "12 tertunda" in sync.text() and "jam PC selisih 60 menit" in sync.text()
    assert sync.property("tone") == "warn" and printer.property("tone") == "error"
    assert seen_threads == [QThread.currentThread()]


def test_pending_count_follows_local_writes(qtbot, ctx, kiosk_app):
    from kiosk.ui.widgets.indicators import SyncIndicator

    indicator = SyncIndicator(ctx.bridge)
    qtbot.addWidget(indicator)
    qtbot.waitUntil(lambda: ctx.bridge.sync_state["pending"] is not None, timeout=3000)
    before = ctx.bridge.sync_state["pending"]
    ctx.run(queue.issue_ticket, service="KTP", actor="kiosk")
    qtbot.waitUntil(lambda: ctx.bridge.sync_state["pending"] == before + 1, timeout=3000)
    assert f"{before + 1} tertunda" in indicator.text()


def test_sync_indicator_follows_a_real_server(qtbot, make_ctx, tmp_path):
    """Enroll through the setup plan against a real kiosk-server, go online, then lose the server."""
    from kiosk.app import App
    from kiosk.clock import Clock
    from kiosk.ui.widgets.indicators import SyncIndicator
    from tests.synctools import Central, ServerProcess

    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    central = Central(url)
    try:
        central.init()
        central.server = ServerProcess(url, log_path=tmp_path / "server.log").start()
        app = App(data_dir=tmp_path / "enrolled", clock=Clock(), actor="tester")
        result = app.run(setup.apply, site="64.02.12", role="counter", counter=1, services=["KTP"],
                         printer="dummy://", server=central.url, code=central.code("64.02.12"))
        assert result["enrollment"]["ok"], result["enrollment"]
        ctx = make_ctx(workers=True, app=app)
        indicator = SyncIndicator(ctx.bridge)
        qtbot.addWidget(indicator)
        ctx.run(queue.issue_ticket, service="KTP", actor="kiosk")
        qtbot.waitUntil(lambda: indicator.text().startswith("● Online") and "0 tertunda" in indicator.text(),
                        timeout=15_000)
        assert ctx.bridge.sync_state["last_success"] is not None
        assert central.scalar("SELECT count(*) FROM tickets") == 1

        central.server.stop()
        ctx.run(queue.issue_ticket, service="KTP", actor="kiosk")
        ctx.sync_now()
        qtbot.waitUntil(lambda: indicator.text().startswith("● Offline"), timeout=15_000)
        assert "1 tertunda" in indicator.text()
        assert indicator.toolTip()  # the reason, for the technician
        ctx.bridge.stop()
        app.close()
    finally:
        central.close()
