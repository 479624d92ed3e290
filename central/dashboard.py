"""The 20 sites at a glance: a handful of grouped queries, whatever the size of the history.

Each figure is one statement over an index: today's tickets by (site, business day); open files by
(status, received); a quarter of SKM by (site, at) with the database-computed score total; devices
by site. Times are WITA business days; SLA days are working days (Monday to Friday).
"""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction

from sqlalchemy import Connection, case, func, literal_column, or_, select, text

from central.bookings import catalog_services, day_counts
from central.models import Application, Device, Survey, Ticket
from central.rules import SITE_TZ, kecamatan, mutu_for

T_TICKETS, T_APPS, T_SURVEYS, T_DEVICES = Ticket.__table__, Application.__table__, Survey.__table__, Device.__table__
OPEN = ("forwarded", "in_process")
CHART_DAYS = 14
# Written out, so the planner matches the partial index ix_applications_open even in a prepared statement.
OPEN_OR_READY = text("applications.status IN ('forwarded', 'in_process', 'ready')")
# Days before today change only when an offline site catches up: their totals are kept a few minutes.
HISTORY_TTL = 300.0
_history: dict[tuple, tuple[float, object]] = {}


def _remembered(key: tuple, compute):
    """A per-process memo of history (days before today) for HISTORY_TTL seconds."""
    hit = _history.get(key)
    if hit is not None and hit[0] > clock.monotonic():
        return hit[1]
    value = compute()
    if len(_history) > 64:
        _history.clear()
    _history[key] = (clock.monotonic() + HISTORY_TTL, value)
    return value


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=SITE_TZ).astimezone(UTC)


def add_working_days(day: date, n: int) -> date:
    """`day` + n working days (Monday–Friday)."""
    while n > 0:
        day += timedelta(days=1)
        if day.isoweekday() <= 5:
            n -= 1
    return day


def sla_due(received_at: datetime, sla_days: int | None) -> date | None:
    """The last local day within the SLA of a file received at `received_at`; None without an SLA."""
    if not sla_days:
        return None
    return add_working_days(received_at.astimezone(SITE_TZ).date(), sla_days)


def sla_cutoffs(services: list[dict], today: date) -> dict[str, datetime]:
    """Per service with an SLA: files received before this instant are overdue today."""
    out = {}
    for svc in services:
        n = svc.get("sla_days") or 0
        if n <= 0:
            continue
        day = today
        while add_working_days(day, n) >= today:  # walk back to the last intake day already past its SLA
            day -= timedelta(days=1)
        out[svc["code"]] = local_day_start(day + timedelta(days=1))
    return out


def overdue_condition(cutoffs: dict[str, datetime]):
    """SQL: an application whose SLA has run out (by its service's cutoff)."""
    if not cutoffs:
        return literal_column("1") == 0
    return or_(*[(T_APPS.c.service_code == code) & (T_APPS.c.received_at < cut) for code, cut in cutoffs.items()])


def _seconds(conn: Connection, later, earlier):
    if conn.dialect.name == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def ikm_of(respondents: int, total: int) -> float | None:
    """IKM from the number of respondents and the sum of all their scores (9 unsur, equal weights)."""
    if not respondents:
        return None
    return float(round(Fraction(total, 9 * respondents) * 25, 2))


def overview(conn: Connection, now: datetime) -> dict:
    """Every figure of /dashboard: per site, totals, and the charts' series."""
    names = kecamatan()
    sites = sorted(names)
    today = now.astimezone(SITE_TZ).date()
    services = catalog_services(conn)
    cutoffs = sla_cutoffs(services, today)
    per = {code: {"site": code, "name": names[code], "devices": 0, "last_seen": None, "tickets": 0, "waiting": 0,
                  "avg_wait": None, "avg_service": None, "forwarded": 0, "in_process": 0, "ready": 0, "overdue": 0,
                  "respondents": 0, "ikm": None, "mutu": None, "score_total": 0, "bookings": 0} for code in sites}

    for row in conn.execute(select(T_DEVICES.c.site_code, func.count(), func.max(T_DEVICES.c.last_seen_at))
                            .where(T_DEVICES.c.revoked_at.is_(None)).group_by(T_DEVICES.c.site_code)):
        if row[0] in per:
            per[row[0]].update(devices=row[1], last_seen=row[2])

    wait = _seconds(conn, T_TICKETS.c.called_at, T_TICKETS.c.arrival_at)
    service_time = _seconds(conn, T_TICKETS.c.finished_at, T_TICKETS.c.started_at)
    for row in conn.execute(
            select(T_TICKETS.c.site_code, func.count(),
                   func.sum(case((T_TICKETS.c.status == "waiting", 1), else_=0)),
                   func.avg(case((T_TICKETS.c.called_at.is_not(None), wait))),
                   func.avg(case((T_TICKETS.c.status == "done", service_time))))
            .where(T_TICKETS.c.site_code.in_(sites), T_TICKETS.c.business_day == today)
            .group_by(T_TICKETS.c.site_code)):
        per[row[0]].update(tickets=row[1], waiting=int(row[2] or 0),
                           avg_wait=round(float(row[3]) / 60, 1) if row[3] is not None else None,
                           avg_service=round(float(row[4]) / 60, 1) if row[4] is not None else None)

    for row in conn.execute(
            select(T_APPS.c.site_code, T_APPS.c.status, func.count(),
                   func.sum(case((overdue_condition(cutoffs), 1), else_=0)))
            .where(OPEN_OR_READY).group_by(T_APPS.c.site_code, T_APPS.c.status)):
        if row[0] in per:
            per[row[0]][row[1]] = row[2]
            if row[1] in OPEN:
                per[row[0]]["overdue"] += int(row[3] or 0)

    day_start = local_day_start(today)
    db_key = str(conn.engine.url)

    def surveys_between(start, end=None):
        query = (select(T_SURVEYS.c.site_code, func.count(), func.sum(literal_column("score_total")))
                 .where(T_SURVEYS.c.site_code.in_(sites), T_SURVEYS.c.at >= start).group_by(T_SURVEYS.c.site_code))
        if end is not None:
            query = query.where(T_SURVEYS.c.at < end)
        return {site: (n, int(total or 0)) for site, n, total in conn.execute(query)}

    q_start = local_day_start(quarter_start(today))
    earlier = _remembered((db_key, "ikm", today), lambda: surveys_between(q_start, day_start))
    today_scores = surveys_between(day_start)
    for site in sites:
        n = earlier.get(site, (0, 0))[0] + today_scores.get(site, (0, 0))[0]
        total = earlier.get(site, (0, 0))[1] + today_scores.get(site, (0, 0))[1]
        value = ikm_of(n, total)
        per[site].update(respondents=n, ikm=value, mutu=mutu_for(value) if value is not None else None,
                         score_total=total)

    for site, counts in day_counts(conn, today).items():
        if site in per:
            per[site]["bookings"] = sum(counts.values())

    first = today - timedelta(days=CHART_DAYS - 1)
    by_day = dict(_remembered((db_key, "tickets_by_day", today), lambda: conn.execute(
        select(T_TICKETS.c.business_day, func.count())
        .where(T_TICKETS.c.site_code.in_(sites), T_TICKETS.c.business_day >= first, T_TICKETS.c.business_day < today)
        .group_by(T_TICKETS.c.business_day)).all()))
    by_day[today] = sum(per[code]["tickets"] for code in sites)
    rows = [per[code] for code in sites]
    respondents = sum(r["respondents"] for r in rows)
    totals = {
        "tickets": sum(r["tickets"] for r in rows), "waiting": sum(r["waiting"] for r in rows),
        "forwarded": sum(r["forwarded"] for r in rows), "in_process": sum(r["in_process"] for r in rows),
        "ready": sum(r["ready"] for r in rows), "overdue": sum(r["overdue"] for r in rows),
        "respondents": respondents, "bookings": sum(r["bookings"] for r in rows),
        "online_sites": sum(1 for r in rows if r["last_seen"] and now - r["last_seen"] < timedelta(hours=1)),
    }
    totals["ikm"] = ikm_of(respondents, sum(r["score_total"] for r in rows))
    return {
        "today": today, "quarter_start": quarter_start(today), "sites": rows, "totals": totals,
        "tickets_by_day": [(first + timedelta(days=n), by_day.get(first + timedelta(days=n), 0))
                           for n in range(CHART_DAYS)],
    }
