"""pytest-qt fixtures for the desktop app: offscreen Qt, a real data dir for Tabang, a UI context.

Every test gets its own data dir (site 64.02.12, counter 1: KTP+KK, counter 2: KTP, a supervisor and an
operator) and a Bridge whose database watcher runs; workers (spooler, sync) only where a test asks.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from kiosk import auth, config, site, tickets  # noqa: E402
from kiosk.app import App  # noqa: E402
from kiosk.clock import Clock  # noqa: E402

SITE = "64.02.12"
SUPERVISOR, SUPERVISOR_PIN = "sari", "246810"
OPERATOR, OPERATOR_PIN = "budi", "135790"


@pytest.fixture
def kiosk_app(tmp_path):
    """An initialised data dir on the real clock (other processes in a test share the business day)."""
    app = App(data_dir=tmp_path / "data", clock=Clock(), actor="tester")
    now = app.now()
    with app.store.transaction() as s:
        site.init_site(s, SITE, "test-pc", now)
        tickets.set_counter(s, 1, ["KTP", "KK"], now=now)
        tickets.set_counter(s, 2, ["KTP"], now=now)
        auth.create_operator(s, username=SUPERVISOR, full_name="Sari Wulandari", role="supervisor",
                             pin=SUPERVISOR_PIN, now=now, actor="test")
        auth.create_operator(s, username=OPERATOR, full_name="Budi Santoso", role="operator", pin=OPERATOR_PIN,
                             now=now, actor="test")
    # Prints go to files in the data dir unless a test points at a (fake) printer.
    config.save(app.settings, {"printer.uri": f"pdf://{(tmp_path / 'prints').as_posix()}", "ui.idle_timeout": 60})
    yield app
    app.close()


@pytest.fixture
def make_ctx(qapp, kiosk_app):
    """UiContext factory: make_ctx(workers=False, counter=1)."""
    from kiosk.ui import i18n
    from kiosk.ui.application import create_qapplication
    from kiosk.ui.bridge import Bridge
    from kiosk.ui.context import UiContext
    from kiosk.workers import Workers

    create_qapplication("id")
    i18n.set_app_language("id")
    bridges = []

    def make(workers: bool = False, counter: int = 1, app=None):
        app = app or kiosk_app
        bridge = Bridge(app)
        bridge.start()
        started = None
        if workers:
            started = Workers(app, on_sync=bridge.on_sync_state, on_printer=bridge.on_printer_state,
                              on_job=bridge.on_print_job, on_hub=bridge.on_hub_state)
            started.start()
        bridges.append((bridge, started))
        return UiContext(app, bridge, "all", counter=counter, workers=started)

    yield make
    for bridge, started in bridges:
        if started is not None:
            started.stop()
        bridge.stop()


@pytest.fixture
def ctx(make_ctx):
    return make_ctx()


@pytest.fixture
def kiosk_view(qtbot, ctx):
    from kiosk.ui.kiosk import KioskView

    view = KioskView(ctx, locked=True)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    yield view
    view.allow_close()


@pytest.fixture
def counter_view(qtbot, ctx):
    from kiosk.ui.counter import CounterView

    view = CounterView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return view


def login(view, username: str = SUPERVISOR, pin: str = SUPERVISOR_PIN) -> None:
    view.login_page.username.setText(username)
    view.login_page.pin.setText(pin)
    view.login_page.submit()
    assert view.operator is not None, view.login_page.error.text()
