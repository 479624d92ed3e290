"""The daily report (laporan harian, A4 PDF): tickets per service with wait and service times (median, p90),
per operator, no-shows, applications by status, and the day's IKM when surveys exist.

`daily_report_data` is a plain function over a Session (read only); `daily_report_pdf` lays it out.
"""

from __future__ import annotations

import io
import statistics
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.clock import SITE_TZ


def _minutes(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 60)


def _stats(values: list[float]) -> dict:
    """Median and 90th percentile in minutes (one decimal); None without data."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return {"n": 0, "median": None, "p90": None}
    p90 = values[0] if len(values) == 1 else statistics.quantiles(values, n=10, method="inclusive")[-1]
    return {"n": len(values), "median": round(statistics.median(values), 1), "p90": round(p90, 1)}


def daily_report_data(session: Session, day: date) -> dict:
    """Everything the daily report shows for one local business day (WITA)."""
    from kiosk import survey, tickets
    from kiosk.applications import STATUS_LABELS
    from kiosk.models import Application, Device, Operator, Service, Ticket, TicketEvent
    from kiosk.site import site_name

    device = session.get(Device, 1)
    services = {s.code: s for s in session.scalars(select(Service))}
    rows = list(session.scalars(select(Ticket).where(Ticket.business_day == day).order_by(Ticket.seq)))
    # Waiting time ends at the first call (a recall moves called_at, not the citizen's wait).
    first_call = dict(session.execute(
        select(TicketEvent.ticket_id, func.min(TicketEvent.at))
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.business_day == day, TicketEvent.to_status == tickets.CALLED)
        .group_by(TicketEvent.ticket_id)).all())

    per_service: dict[str, dict] = {}
    per_operator: dict[str, list[float]] = defaultdict(list)
    waits: dict[str, list[float]] = defaultdict(list)
    serves: dict[str, list[float]] = defaultdict(list)
    for t in rows:
        entry = per_service.setdefault(t.service_code, {
            "service": t.service_code, "name": services[t.service_code].name if t.service_code in services else t.service_code,
            "issued": 0, "done": 0, "no_show": 0, "cancelled": 0, "transferred": 0, "open": 0})
        entry["issued"] += 1
        if t.status in (tickets.DONE, tickets.NO_SHOW, tickets.CANCELLED, tickets.TRANSFERRED):
            entry[t.status] += 1
        else:
            entry["open"] += 1
        called = first_call.get(t.id)
        if called is not None:
            waits[t.service_code].append(_minutes(t.arrival_at, called.replace(tzinfo=UTC)))
        if t.status == tickets.DONE:
            minutes = _minutes(t.started_at, t.finished_at)
            serves[t.service_code].append(minutes)
            per_operator[t.operator or "-"].append(minutes)
    for code, entry in per_service.items():
        entry["wait"] = _stats(waits[code])
        entry["service_time"] = _stats(serves[code])

    names = {o.username: o.full_name for o in session.scalars(select(Operator))}
    operators = [{"operator": op, "name": names.get(op, op), "served": len(vals), "service_time": _stats(vals)}
                 for op, vals in sorted(per_operator.items())]

    start = datetime.combine(day, time(0), tzinfo=SITE_TZ).astimezone(UTC)
    end = start + timedelta(days=1)
    apps = list(session.scalars(select(Application).where(Application.received_at >= start,
                                                          Application.received_at < end)))
    by_status: dict[str, int] = defaultdict(int)
    for a in apps:
        by_status[a.status] += 1
    ikm = survey.ikm(session, date_from=day, date_to=day)
    all_waits = [w for vals in waits.values() for w in vals]
    all_serves = [v for vals in serves.values() for v in vals]
    return {
        "date": day.isoformat(),
        "site": device.site_code if device else None,
        "site_name": site_name(device.site_code) if device else None,
        "tickets": {"issued": len(rows), "done": sum(e["done"] for e in per_service.values()),
                    "no_show": sum(e["no_show"] for e in per_service.values()),
                    "wait": _stats(all_waits), "service_time": _stats(all_serves)},
        "services": sorted(per_service.values(), key=lambda e: e["service"]),
        "operators": operators,
        "applications": {"received": len(apps),
                         "by_status": [{"status": k, "label": STATUS_LABELS.get(k, k), "count": v}
                                       for k, v in sorted(by_status.items())]},
        "ikm": ikm if ikm.get("respondents") else None,
    }


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.1f}".replace(".", ",")


def daily_report_pdf(data: dict, *, generated_at: datetime) -> bytes:
    """The report as an A4 PDF (fonts embedded, reproducible for the same data and time)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from kiosk.printing.pdf import MM, SANS, SANS_BOLD, a4_document, register_fonts
    from kiosk.printing.templates import jam, tanggal

    register_fonts()  # before any Paragraph: they resolve their fonts when made

    title = f"Laporan Harian Mini MPP Kecamatan {data['site_name'] or '-'}"
    h1 = ParagraphStyle("h1", fontName=SANS_BOLD, fontSize=15, leading=19, spaceAfter=2 * MM)
    h2 = ParagraphStyle("h2", fontName=SANS_BOLD, fontSize=11.5, leading=15, spaceBefore=5 * MM, spaceAfter=2 * MM)
    body = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13)
    small = ParagraphStyle("small", fontName=SANS, fontSize=8, leading=10, textColor=colors.grey)

    def table(header: list[str], rows: list[list], widths: list[float]) -> Table:
        t = Table([header, *rows], colWidths=[w * MM for w in widths], repeatRows=1)
        t.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5), ("FONT", (0, 1), (-1, -1), SANS, 8.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b4")),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        return t

    day = date.fromisoformat(data["date"])
    t = data["tickets"]
    story = [Paragraph(title, h1),
             Paragraph(f"Kabupaten Kutai Kartanegara — {tanggal(day)} (kode {data['site'] or '-'})", body),
             Paragraph(f"Dibuat {tanggal(generated_at, with_day=False)} {jam(generated_at)}", small),
             Paragraph("Ringkasan", h2),
             Paragraph(f"Tiket diambil: <b>{t['issued']}</b> · selesai dilayani: <b>{t['done']}</b> · "
                       f"tidak hadir: <b>{t['no_show']}</b> · permohonan diterima: "
                       f"<b>{data['applications']['received']}</b>", body),
             Paragraph(f"Waktu tunggu median {_fmt(t['wait']['median'])} menit (p90 {_fmt(t['wait']['p90'])}); "
                       f"waktu layanan median {_fmt(t['service_time']['median'])} menit "
                       f"(p90 {_fmt(t['service_time']['p90'])}).", body),
             Paragraph("Tiket per layanan", h2)]
    if data["services"]:
        story.append(table(
            ["Layanan", "Tiket", "Selesai", "Tdk hadir", "Batal", "Dialihkan", "Tunggu med/p90", "Layan med/p90"],
            [[Paragraph(f"{e['service']} — {e['name']}", body), e["issued"], e["done"], e["no_show"], e["cancelled"],
              e["transferred"], f"{_fmt(e['wait']['median'])} / {_fmt(e['wait']['p90'])}",
              f"{_fmt(e['service_time']['median'])} / {_fmt(e['service_time']['p90'])}"] for e in data["services"]],
            [52, 13, 15, 16, 12, 18, 24, 24]))
        story.append(Paragraph("Waktu dalam menit. Tunggu: dari ambil tiket sampai panggilan pertama.", small))
    else:
        story.append(Paragraph("Tidak ada tiket pada hari ini.", body))
    story.append(Paragraph("Per petugas", h2))
    if data["operators"]:
        story.append(table(["Petugas", "Dilayani", "Layan median", "Layan p90"],
                           [[f"{o['name']} ({o['operator']})", o["served"], _fmt(o["service_time"]["median"]),
                             _fmt(o["service_time"]["p90"])] for o in data["operators"]], [80, 25, 30, 30]))
    else:
        story.append(Paragraph("Belum ada layanan yang selesai.", body))
    story.append(Paragraph("Permohonan menurut status", h2))
    if data["applications"]["by_status"]:
        story.append(table(["Status", "Jumlah"], [[f"{r['label']} ({r['status']})", r["count"]]
                                                  for r in data["applications"]["by_status"]], [80, 25]))
    else:
        story.append(Paragraph("Tidak ada permohonan yang diterima pada hari ini.", body))
    story.append(Paragraph("Indeks Kepuasan Masyarakat (IKM)", h2))
    ikm = data["ikm"]
    if ikm:
        story.append(Paragraph(f"IKM hari ini: <b>{_fmt(ikm['ikm'])}</b> (mutu {ikm['mutu']}) dari "
                               f"{ikm['respondents']} responden.", body))
        if ikm.get("per_unsur"):
            story += [Spacer(1, 2 * MM), table(["Unsur", "Nilai rata-rata"],
                                               [[k, _fmt(v)] for k, v in ikm["per_unsur"].items()], [40, 30])]
    else:
        story.append(Paragraph("Belum ada survei kepuasan pada hari ini.", body))
    buf = io.BytesIO()
    a4_document(buf, title).build(story)
    return buf.getvalue()
