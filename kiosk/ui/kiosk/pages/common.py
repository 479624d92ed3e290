"""What the kiosk's pages share: the Kembali / Beranda bar and the helpers every page is built with."""

from __future__ import annotations

from kiosk.ui.i18n import Translatable
from kiosk.ui.qt import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QScroller,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kiosk.ui.widgets.common import icon_pixmap, min_touch_px

# Who the citizen's actions are recorded as (the kiosk has no signed-in operator).
KIOSK_ACTOR = "kiosk"


class NavBar(Translatable, QWidget):
    """Kembali / Beranda at the bottom of every page but home; big and always in the same place."""

    back = Signal()
    home = Signal()

    def __init__(self, parent=None, extra: QPushButton | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.back_button = QPushButton()
        self.home_button = QPushButton()
        for button, icon_name in ((self.back_button, "back"), (self.home_button, "home")):
            button.setProperty("nav", True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setIcon(icon_pixmap(icon_name, 64))
            button.setIconSize(QSize(36, 36))
            button.setMinimumHeight(min_touch_px(self))
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        if extra is not None:
            layout.addWidget(extra)
            layout.addStretch(1)
        layout.addWidget(self.home_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali"))
        self.home_button.setText(self.tr("Beranda"))


def page_layout(page: QWidget, spacing: int) -> QVBoxLayout:
    """A page's column, with the margins every page with a NavBar uses."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 20, 32, 24)
    layout.setSpacing(spacing)
    return layout


def add_nav(layout: QVBoxLayout, back, home, extra: QPushButton | None = None) -> NavBar:
    """A NavBar at the bottom of `layout`, its Kembali / Beranda connected to `back` / `home`."""
    nav = NavBar(extra=extra)
    nav.back.connect(back)
    nav.home.connect(home)
    layout.addWidget(nav)
    return nav


def primary_button(page: QWidget, clicked) -> QPushButton:
    """A big primary button that never takes the keyboard focus."""
    button = QPushButton()
    button.setProperty("primary", True)
    button.setMinimumHeight(min_touch_px(page))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.clicked.connect(clicked)
    return button


def scroll_area(widget: QWidget, kinetic: bool = True) -> QScrollArea:
    """`widget` in a vertical scroll area; `kinetic` also scrolls it by dragging a finger."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(widget)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if kinetic:
        QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return scroll
