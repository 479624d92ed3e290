"""The one door to PySide6: every Qt name the UI uses is imported from here (`from kiosk.ui.qt import
QLabel, Signal`), so the work-arounds for known defects of the bindings always run first.

PySide6 6.12.0 on Python 3.11: binding calls that return None (QObject.parent() of a window,
QObject.property() of an unset property, QTableWidget.item() of an empty cell, QComboBox.currentData()
with no data, ...) and Signal.emit() (which returns True) give back their result *without* a new
reference. From Python 3.12 None, True and False are immortal and nothing happens; on 3.11 each call
lowers the reference count by one, and after a few thousand calls the interpreter aborts ("Fatal
Python error: none_dealloc: deallocating None", or bool_dealloc). PySide6 6.11.x is not affected.
The project pins PySide6-Essentials below 6.12; if 6.12 is installed anyway, these three singletons
are made effectively immortal here (as Python 3.12 does), so the kiosk keeps running.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
_IMMORTAL = 1 << 60
_applied = False


def _affected(version: str) -> bool:
    return sys.version_info < (3, 12) and version.startswith("6.12.")


def guard_none_refcount() -> bool:
    """Apply the work-around when the installed PySide6 needs it; True if applied."""
    global _applied
    if _applied:
        return True
    import PySide6

    if not _affected(PySide6.__version__) or sys.implementation.name != "cpython":
        return False
    # ob_refcnt is the first field of every CPython object (non-debug build).
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL
    _applied = True
    log.info("PySide6 %s on Python %d.%d drops references to None/True/False; work-around applied "
                "(install PySide6-Essentials < 6.12)", PySide6.__version__, *sys.version_info[:2])
    return True


guard_none_refcount()

# Re-exported for the UI modules (`from kiosk.ui.qt import ...`): the modules we ship, nothing else.
from PySide6.QtCore import *  # noqa: E402, F403
from PySide6.QtGui import *  # noqa: E402, F403
from PySide6.QtWidgets import *  # noqa: E402, F403
