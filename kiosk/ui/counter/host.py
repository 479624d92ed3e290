"""What the counter's tabs and supervisor pages may use of the window that holds them.

The window (`CounterView`) provides it; a tab depends on this, not on the window, so the window can
import its tabs without the tabs importing it back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from kiosk.ui.context import UiContext
from kiosk.ui.qt import QTabWidget


class CounterHost(Protocol):
    ctx: UiContext
    operator: dict | None  # the signed-in operator: {username, name, role}
    tabs: QTabWidget
    queue_tab: Any  # the queue tab: its `active` ticket is what intake links to

    def is_logged_in(self) -> bool: ...

    def actor(self) -> str | None: ...

    def act(self, func: Callable[..., Any], /, **kwargs) -> Any: ...

    def logged_in(self, operator: dict) -> None: ...

    def service_label(self, code: str) -> str: ...

    def ask_transfer(self, current: str | None) -> dict | None: ...

    def ask_reason(self) -> str | None: ...

    def confirm(self, question: str) -> bool: ...

    def ask_text(self, title: str, prompt: str) -> str | None: ...
