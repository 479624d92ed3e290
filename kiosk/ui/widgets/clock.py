"""Clock and date labels in the site's time (WITA), from the app's injectable clock."""

from __future__ import annotations

from datetime import datetime

from kiosk.clock import SITE_TZ
from kiosk.ui.i18n import language_of
from kiosk.ui.qt import QLabel, QTimer

DAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def format_date(when: datetime, lang: str = "id") -> str:
    """`Senin, 30 November 2026` / `Monday, 30 November 2026` in WITA."""
    local = when.astimezone(SITE_TZ)
    lang = lang if lang in DAYS else "id"
    return f"{DAYS[lang][local.weekday()]}, {local.day} {MONTHS[lang][local.month - 1]} {local.year}"


def format_day(when: datetime, lang: str = "id") -> str:
    """`30 November 2026` in WITA."""
    local = when.astimezone(SITE_TZ)
    return f"{local.day} {MONTHS[lang if lang in MONTHS else 'id'][local.month - 1]} {local.year}"


def format_time(when: datetime, seconds: bool = False) -> str:
    return when.astimezone(SITE_TZ).strftime("%H:%M:%S" if seconds else "%H:%M")


class ClockLabel(QLabel):
    """Shows the time (and optionally the date) and ticks every second."""

    def __init__(self, clock, with_date: bool = False, seconds: bool = False, parent=None):
        super().__init__(parent)
        self._clock = clock
        self._with_date = with_date
        self._seconds = seconds
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        now = self._clock.now()
        text = format_time(now, self._seconds)
        if self._with_date:
            text = f"{format_date(now, language_of(self))}   {text}"
        if text != self.text():
            self.setText(text)
