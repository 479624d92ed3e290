"""The one place the program reads the time, so tests (and the "clock is wrong" drills) can move it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from mpp.sites import SITE_TZ  # WITA (UTC+8): the business day and printed times are local to the site

__all__ = ["SITE_TZ", "Clock", "FrozenClock", "as_utc", "parse_day"]


@dataclass
class Clock:
    """Wall clock with an optional offset (seconds). `KIOSK_CLOCK_OFFSET` sets it for a whole process."""

    offset: timedelta = field(default_factory=lambda: timedelta(seconds=float(os.environ.get("KIOSK_CLOCK_OFFSET", "0"))))
    tz: ZoneInfo = SITE_TZ

    def now(self) -> datetime:
        """Aware UTC now, as this PC believes it to be."""
        return datetime.now(UTC) + self.offset

    def local(self, when: datetime | None = None) -> datetime:
        return (when or self.now()).astimezone(self.tz)

    def today(self) -> date:
        """The site's local business day."""
        return self.local().date()


class FrozenClock(Clock):
    """A clock that only moves when told to (tests)."""

    def __init__(self, at: datetime, tz: ZoneInfo = SITE_TZ):
        super().__init__(offset=timedelta(0), tz=tz)
        self.at = at if at.tzinfo else at.replace(tzinfo=tz)

    def now(self) -> datetime:
        return self.at.astimezone(UTC)

    def advance(self, **kw) -> None:
        self.at = self.at + timedelta(**kw)


def as_utc(value: datetime) -> datetime:
    """SQLite gives naive datetimes back; we only ever store UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


FIRST_YEAR, LAST_YEAR = 2000, 2099  # a day outside these is a typo (and 9999-12-31 + 1 day overflows)


def parse_day(text) -> date:
    """A business day from `YYYY-MM-DD` within FIRST_YEAR..LAST_YEAR, else InputError."""
    from kiosk.errors import InputError

    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        raise InputError(f"tanggal harus YYYY-MM-DD, bukan {str(text)[:40]!r}") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(f"tanggal harus antara {FIRST_YEAR} dan {LAST_YEAR}, bukan {day.isoformat()}")
    return day
