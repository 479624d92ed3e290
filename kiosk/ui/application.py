"""QApplication set-up (fonts, theme, language) and opening a role's windows: the desktop app's start.

The views work through a `kiosk.ui.context.UiContext`; the background workers (`kiosk.workers`) report
to them through the bridge's signals.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TypeVar

from kiosk.ui import i18n
from kiosk.ui.bridge import Bridge
from kiosk.ui.context import UiContext
from kiosk.ui.qt import QApplication, QFont, QFontDatabase, QGuiApplication, QObject, Qt, QTimer, QWidget
from kiosk.ui.widgets.common import scaled_style, style_template, ui_dir
from kiosk.workers import Workers

log = logging.getLogger(__name__)
T = TypeVar("T")
ROLES = ("kiosk", "counter", "display", "all")
FONT_FAMILY = "Noto Sans"
_fonts_loaded = False


# --- QApplication ------------------------------------------------------------------------------------

def load_fonts() -> str:
    """Register the bundled Noto Sans (the same letters on every PC, whatever Windows has)."""
    global _fonts_loaded
    if not _fonts_loaded:
        for path in sorted((ui_dir() / "fonts").glob("*.ttf")):
            if QFontDatabase.addApplicationFont(str(path)) < 0:
                log.warning("font %s could not be loaded", path)
        _fonts_loaded = True
    return FONT_FAMILY


def _quiet_qt_messages() -> None:
    """Drop the offscreen plugin's harmless "propagateSizeHints" chatter; keep every other message."""
    from kiosk.ui.qt import QtMsgType, qInstallMessageHandler

    def handler(kind, _context, message) -> None:
        if "propagateSizeHints" in message:
            return
        level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
                 QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
        logging.getLogger("qt").log(level, "%s", message)
        if level >= logging.WARNING and not logging.getLogger().handlers:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def create_qapplication(language: str | None = None) -> QApplication:
    """The one QApplication, with bundled fonts, the base theme and the application language."""
    qapp = QApplication.instance()
    if qapp is None:
        _quiet_qt_messages()
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        qapp = QApplication(sys.argv[:1] or ["kiosk"])
        qapp.setApplicationName("Mini MPP Kiosk")
        qapp.setOrganizationName("DPMPTSP Kukar")
    family = load_fonts()
    if qapp.font().family() != family:
        font = QFont(family)
        font.setPointSizeF(11)
        qapp.setFont(font)
    theme = scaled_style(style_template("theme.qss"), 1.0)
    if qapp.styleSheet() != theme:  # re-setting it re-polishes every widget alive
        qapp.setStyleSheet(theme)
    if language:
        i18n.set_app_language(language)
    return qapp


def display_problem() -> str | None:
    """One line telling why no window can open here, or None when a display is available."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux"):
        return None
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, eglfs, linuxfb, vnc...: Qt draws without a desktop session
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("tidak ada layar (DISPLAY/WAYLAND_DISPLAY kosong): jalankan di desktop, atau `xvfb-run kiosk run`, "
            "atau QT_QPA_PLATFORM=offscreen kiosk run (tanpa tampilan) / no display")


# --- windows --------------------------------------------------------------------------------------

def place(window: QWidget, screen_index: int | None, fullscreen: bool, size: tuple[int, int] | None = None) -> None:
    """Show a window on screen N (0 = primary), full screen or at a sensible size."""
    screens = QGuiApplication.screens()
    screen = None
    if screens:
        if screen_index is None:
            screen = QGuiApplication.primaryScreen()
        else:
            screen = screens[max(0, min(screen_index, len(screens) - 1))]
    if screen is not None:
        geometry = screen.availableGeometry()
        window.move(geometry.topLeft())
        if size and not fullscreen:
            width, height = min(size[0], geometry.width()), min(size[1], geometry.height())
            window.resize(width, height)
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()


def _frame(window: QWidget) -> tuple[int, int]:
    """What the window manager adds around a shown window (title bar, borders); 0 offscreen."""
    outer, inner = window.frameGeometry(), window.geometry()
    return max(0, outer.width() - inner.width()), max(0, outer.height() - inner.height())


def tile_on_one_screen(kiosk: QWidget, counter: QWidget, display: QWidget, area=None) -> QWidget | None:
    """The whole Mini MPP on one screen: kiosk on the left, counter and TV display stacked on the right, each at
    least its minimum size and none over another (title bars counted). Returns None when they fit; on a screen
    too small (1366x768 does not hold all three) the counter fills it, the kiosk and the TV open as windows of
    their own behind it, and a notice says what size is needed — the notice is returned."""
    screen = QGuiApplication.primaryScreen()
    if area is None:
        if screen is None:
            for window in (kiosk, counter, display):
                window.show()
            return None
        area = screen.availableGeometry()
    for window in (display, kiosk, counter):
        window.setMinimumSize(0, 0)
        window.show()
    (kw, kh), (cw, ch), (dw, dh) = (_frame(w) for w in (kiosk, counter, display))
    k_min, c_min, d_min = (w.minimumSizeHint() for w in (kiosk, counter, display))
    need_w = k_min.width() + kw + max(c_min.width() + cw, d_min.width() + dw)
    need_h = max(k_min.height() + kh, c_min.height() + ch + d_min.height() + dh)
    if area.width() >= need_w and area.height() >= need_h:
        left = max(k_min.width() + kw, int(area.width() * 0.4))
        left = min(left, area.width() - max(c_min.width() + cw, d_min.width() + dw))
        upper = max(c_min.height() + ch, int(area.height() * 0.6))
        upper = min(upper, area.height() - d_min.height() - dh)
        right = area.width() - left
        for window, x, y, width, height, (fw, fh) in (
                (kiosk, area.x(), area.y(), left, area.height(), (kw, kh)),
                (counter, area.x() + left, area.y(), right, upper, (cw, ch)),
                (display, area.x() + left, area.y() + upper, right, area.height() - upper, (dw, dh))):
            window.resize(width - fw, height - fh)
            window.move(x, y)
        return None
    # Too small: every window usable, the counter in front, and the technician told what would fit.
    display.resize(max(d_min.width(), min(area.width() // 2, 960)), max(d_min.height(), min(area.height() // 2, 540)))
    display.move(area.x(), area.y())
    kiosk.resize(max(k_min.width(), min(area.width() - kw, 1024)), max(k_min.height(), area.height() - kh))
    kiosk.move(area.x(), area.y())
    counter.resize(max(c_min.width(), area.width() - cw), max(c_min.height(), area.height() - ch))
    counter.move(area.x(), area.y())
    counter.raise_()
    counter.activateWindow()
    from kiosk.ui.qt import QMessageBox

    notice = QMessageBox(QMessageBox.Icon.Information, i18n.translate("Application", "Layar terlalu kecil"),
                         i18n.translate("Application", "Layar ini {w}×{h}: kiosk, loket dan layar TV sekaligus perlu "
                                        "layar paling sedikit {nw}×{nh}. Ketiganya dibuka sebagai jendela yang "
                                        "bertumpuk (pindah dengan Alt+Tab). Untuk pemakaian sehari-hari jalankan "
                                        "kiosk dan TV di layar atau PC lain (peran kiosk, display).").format(
                             w=area.width(), h=area.height(), nw=need_w, nh=need_h),
                         QMessageBox.StandardButton.Ok, counter)
    notice.setObjectName("screenTooSmall")
    notice.setWindowModality(Qt.WindowModality.NonModal)
    notice.show()
    return notice


def open_role(ctx: UiContext, role: str, *, fullscreen: bool = False, screen: int | None = None) -> list[QWidget]:
    """Open the windows of a role; `all` opens kiosk, counter and display (one per screen when there are)."""
    windows: list[QWidget] = []
    if role == "kiosk":  # each role imports only its own view: the kiosk must be up fast
        from kiosk.ui.kiosk import KioskView

        view = KioskView(ctx, locked=True)
        place(view, screen, True)
        windows.append(view)
    elif role == "counter":
        from kiosk.ui.counter import CounterView

        view = CounterView(ctx)
        place(view, screen, fullscreen, (1366, 768))
        windows.append(view)
    elif role == "display":
        from kiosk.ui.display_view import DisplayView

        view = DisplayView(ctx)
        place(view, screen, True)
        windows.append(view)
    else:
        from kiosk.ui.counter import CounterView
        from kiosk.ui.display_view import DisplayView
        from kiosk.ui.kiosk import KioskView

        count = len(QGuiApplication.screens())
        base = screen or 0
        kiosk = KioskView(ctx, locked=False)
        counter = CounterView(ctx)
        display = DisplayView(ctx)
        notice = None
        if count == 1 and not fullscreen:
            notice = tile_on_one_screen(kiosk, counter, display)
        else:
            place(display, base + 2 if count > 2 else None, fullscreen and count > 2, (1280, 720))
            place(kiosk, base + 1 if count > 1 else None, fullscreen and count > 1, (1024, 700))
            place(counter, base, fullscreen, (1280, 760))
        windows += [kiosk, counter, display] + ([notice] if notice is not None else [])
    return windows


class _LockKeeper(QObject):
    """Holds the data dir's app lock for the process lifetime (`kiosk restore` refuses meanwhile).

    A second `kiosk run` on the same data dir (e.g. the TV display as its own process) runs alongside
    and takes the lock over when the first one exits.
    """

    def __init__(self, app):
        super().__init__()
        self.lock = app.app_lock()
        self.held = False
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.try_acquire)

    def try_acquire(self, timeout: float = 0) -> bool:
        from filelock import Timeout

        try:
            self.lock.acquire(timeout=timeout)
        except Timeout:
            if not self._timer.isActive():
                self._timer.start()
            return False
        self.held = True
        self._timer.stop()
        return True

    def release(self) -> None:
        self._timer.stop()
        if self.held:
            self.lock.release()
            self.held = False


def run(app, *, role: str | None, counter: int | None, fullscreen: bool, screen: int | None,
        exit_when_shown: bool = False) -> int:
    """`kiosk run`: the wizard when no site is set up, else the role's windows; returns the exit code."""
    problem = display_problem()
    if problem:
        print(f"kiosk: {problem}", file=sys.stderr)
        return 1
    settings = app.settings
    qapp = create_qapplication(str(settings.get("ui.language")))
    keeper = _LockKeeper(app)
    if not keeper.try_acquire(timeout=2):
        print("kiosk: proses kiosk lain sedang memakai data dir ini; jendela ini ikut berjalan "
              "(another kiosk process holds the data dir)", file=sys.stderr)
    bridge = Bridge(app)
    workers = Workers(app, on_sync=bridge.on_sync_state, on_printer=bridge.on_printer_state,
                      on_job=bridge.on_print_job, on_hub=bridge.on_hub_state)
    role = role or str(settings.get("ui.role"))
    ctx = UiContext(app, bridge, role, counter, workers=workers)
    windows: list[QWidget] = []

    def start_role(chosen_role: str) -> None:
        ctx.role = chosen_role
        ctx.counter = counter or int(app.settings.get("ui.counter"))
        ctx.forget_site()
        opened = open_role(ctx, chosen_role, fullscreen=fullscreen, screen=screen)
        windows.extend(opened)
        # The spooler and the sync scheduler (heavier imports) start once the first window is on
        # screen, so a citizen never waits for them.
        _after_first_paint(opened[0], workers.start)
        if exit_when_shown:
            _after_first_paint(opened[0], lambda: _quit(opened[0]))

    if ctx.site() is None:
        from kiosk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(ctx)
        wizard.finishedSetup.connect(lambda result: start_role(result["role"]))
        place(wizard, screen, False, (900, 680))
        windows.append(wizard)
    else:
        start_role(role)
    bridge.start()
    try:
        return qapp.exec()
    finally:
        workers.stop()
        bridge.stop()
        keeper.release()


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback):
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, obj, event):
        from kiosk.ui.qt import QEvent

        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            obj.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def _after_first_paint(window: QWidget, callback) -> None:
    """Run `callback` on the event loop once `window` has been painted for the first time."""
    _FirstPaint(window, callback)


def _quit(window: QWidget) -> None:
    """For bench/startup.py: say when the first window is on screen, then quit."""
    print(f'{{"shown_at": {time.time():.6f}}}', flush=True)
    window.setProperty("allowClose", True)  # Qt 6's quit() asks windows to close; a locked kiosk refuses
    QApplication.quit()


def self_test(app, started: float) -> dict:
    """Start offscreen, open the data dir, build every view; returns {"startup_ms": N}."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qapp = create_qapplication(str(app.settings.get("ui.language")))
    _ = app.store  # opens (and migrates) the database
    bridge = Bridge(app)
    ctx = UiContext(app, bridge, "all")
    from kiosk.ui.admin import AdminPanel
    from kiosk.ui.counter import CounterView
    from kiosk.ui.display_view import DisplayView
    from kiosk.ui.kiosk import KioskView
    from kiosk.ui.setup_wizard import SetupWizard

    views = [KioskView(ctx, locked=False), CounterView(ctx), DisplayView(ctx), SetupWizard(ctx), AdminPanel(ctx)]
    for view in views:
        view.show()
    qapp.processEvents()
    elapsed = (time.perf_counter() - started) * 1000
    for view in views:
        view.setProperty("allowClose", True)
        view.close()
        view.deleteLater()
    qapp.processEvents()
    bridge.stop()
    return {"startup_ms": round(elapsed), "views": [type(v).__name__ for v in views]}
