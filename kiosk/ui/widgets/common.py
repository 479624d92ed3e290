"""Small helpers shared by the views: physical sizes, icons, labels, scaled style sheets."""

from __future__ import annotations

import re
from functools import cache

from kiosk.resources import resources_dir
from kiosk.ui.qt import (
    QBoxLayout,
    QFormLayout,
    QGuiApplication,
    QIcon,
    QLabel,
    QLayout,
    QLineEdit,
    QPixmap,
    QSize,
    QSizePolicy,
    Qt,
    QWidget,
)

# Touch targets must be at least 15 mm; a screen that reports no sensible DPI is taken as 96 dpi.
MIN_TOUCH_MM = 15.0
_SPX = re.compile(r"(\d+(?:\.\d+)?)spx")


def ui_dir():
    return resources_dir() / "ui"


def mm_to_px(mm: float, widget: QWidget | None = None) -> int:
    """Millimetres to device-independent pixels on the widget's screen."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not 60 <= dpi <= 400:
        dpi = 96.0
    # Qt lays out in device-independent pixels: undo the device pixel ratio.
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return max(1, round(mm / 25.4 * dpi / max(ratio, 1.0)))


def min_touch_px(widget: QWidget | None = None) -> int:
    return max(mm_to_px(MIN_TOUCH_MM, widget), 64)


@cache
def icon_path(name: str) -> str:
    return str(ui_dir() / "icons" / f"{name}.svg")


def icon(name: str) -> QIcon:
    return QIcon(icon_path(name))


def icon_pixmap(name: str, size: int) -> QPixmap:
    return icon(name).pixmap(QSize(size, size))


def scaled_style(template: str, scale: float) -> str:
    """Replace `28spx` (scaled pixels) in a style sheet by `round(28 * scale)px`."""
    return _SPX.sub(lambda m: f"{max(1, round(float(m.group(1)) * scale))}px", template)


@cache
def style_template(name: str) -> str:
    return (ui_dir() / name).read_text(encoding="utf-8")


def make_label(text: str = "", name: str | None = None, wrap: bool = False,
               align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if align is not None:
        label.setAlignment(align)
    return label


def page_header(layout: QBoxLayout) -> tuple[QLabel, QLabel]:
    """A page's title ("pageTitle") and hint ("pageHint") labels, both word-wrapped, added to `layout`."""
    title = make_label(name="pageTitle", wrap=True)
    hint = make_label(name="pageHint", wrap=True)
    layout.addWidget(title)
    layout.addWidget(hint)
    return title, hint


def error_label() -> QLabel:
    """A word-wrapped "fieldError" label, hidden until there is something to say."""
    label = make_label(name="fieldError", wrap=True)
    label.hide()
    return label


class LoginForm(QFormLayout):
    """The username and PIN rows of a login (the PIN masked); Enter in the username moves on to the PIN.

    The owner sets the row labels with its own `tr` (`set_labels`) and connects `pin.returnPressed`.
    """

    def __init__(self):
        super().__init__()
        self.username = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label, self.pin_label = QLabel(), QLabel()
        self.addRow(self.username_label, self.username)
        self.addRow(self.pin_label, self.pin)
        self.username.returnPressed.connect(self.pin.setFocus)

    def set_labels(self, username: str, pin: str) -> None:
        self.username_label.setText(username)
        self.pin_label.setText(pin)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (widgets are deleted later by Qt)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def expanding(widget: QWidget) -> QWidget:
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return widget


def get_prop(obj, name: str, default=None):
    """A dynamic property's value, or `default` when it was never set.

    Never call QObject.property() for a property that may be unset: PySide6 6.12 returns None without
    a reference on that path, and on Python 3.11 (where None is not immortal) a few hundred such calls
    deallocate None and abort the process.
    """
    if name.encode() not in {bytes(n) for n in obj.dynamicPropertyNames()}:
        return default
    return obj.property(name)


def set_prop(widget: QWidget, name: str, value) -> None:
    """Set a dynamic property used by the style sheet and re-polish so the style follows."""
    if get_prop(widget, name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def window_scale(widget: QWidget, base: tuple[int, int] = (1280, 800)) -> float:
    """How much bigger than the design size the window is (fonts and paddings follow)."""
    width, height = max(widget.width(), 1), max(widget.height(), 1)
    return max(0.7, min(width / base[0], height / base[1], 3.0))


def apply_scaled_style(widget: QWidget, template_name: str, base: tuple[int, int] = (1280, 800)) -> float:
    """Give a full-screen window its style sheet scaled to its size (again only when the scale changes)."""
    scale = round(window_scale(widget, base), 2)
    if get_prop(widget, "styleScale") != scale:
        widget.setProperty("styleScale", scale)
        widget.setStyleSheet(scaled_style(style_template(template_name), scale))
    return scale


def show_message(label: QLabel, text: str | None, name: str | None = None) -> None:
    """Show `text` in `label` (hidden when there is none); `name` restyles it ("fieldError", "fieldOk"...)."""
    if name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)
    label.setText(text or "")
    label.setVisible(bool(text))
