"""The citizen's touch kiosk: Ambil Antrian, Info Layanan, Cek Status, Survei Kepuasan.

`window.KioskView` is the window (header, navigation, idle timeout, lock-down, admin gesture, language);
each page lives in `pages/` and runs its own op through the UiContext.
"""

from kiosk.ui.kiosk.window import KioskView

__all__ = ["KioskView"]
