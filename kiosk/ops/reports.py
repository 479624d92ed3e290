"""Reports: the day's figures (the front end lays them out as the A4 PDF)."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.clock import parse_day
from kiosk.errors import InputError, KioskError
from kiosk.ops.registry import LOCAL, op


@op("report.daily", write=False)
def daily_report(ctx, *, day: str | None = None) -> dict:
    """Everything the daily report shows for one local business day (YYYY-MM-DD; default today)."""
    from kiosk.printing.report import daily_report_data

    when = parse_day(day) if day else ctx.clock.today()
    with ctx.store.read() as s:
        return daily_report_data(s, when)


@op("report.daily_pdf", scope=LOCAL, slow=True)
def save_daily_report(ctx, *, out: str | None = None, day: str | None = None) -> dict:
    """The daily report as an A4 PDF at `out` (default: reports/laporan-DAY.pdf in the data dir): the day's
    figures plus {file}."""
    from kiosk.printing.report import daily_report_pdf

    target = Path(out).expanduser() if out else None
    if target is not None and target.suffix.lower() != ".pdf":
        raise InputError("--out harus berakhiran .pdf")
    if target is not None and target.is_dir():
        raise InputError(f"{target} adalah folder; sebutkan nama berkas, mis. {target / 'laporan.pdf'}")
    data = ctx.run(daily_report, day=day)
    target = target or Path(ctx.data_dir) / "reports" / f"laporan-{data['date']}.pdf"
    write_file(target, daily_report_pdf(data, generated_at=ctx.now()))
    return {**data, "file": str(target)}


def write_file(out: Path, data: bytes) -> None:
    """Write a file whole or not at all (temp file + rename)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except OSError as exc:
        raise KioskError(f"tidak bisa menulis {out}: {exc.strerror}") from None


@op("report.skm", write=False)
def skm_report(ctx, *, date_from: str | None = None, date_to: str | None = None) -> dict:
    """Everything the SKM report shows for the site's business days date_from..date_to (YYYY-MM-DD,
    inclusive; default: this month up to today): the IKM with `unsur`, `profile`, `services`, `suggestions`."""
    from kiosk.ops.survey import _range
    from kiosk.printing.skm_report import skm_report_data

    start, end = _range(date_from, date_to)
    end = end or ctx.clock.today()
    start = start or end.replace(day=1)
    if start > end:
        raise InputError("--from harus sebelum --to")
    with ctx.store.read() as s:
        return skm_report_data(s, start, end)


@op("report.skm_pdf", scope=LOCAL, slow=True)
def save_skm_report(ctx, *, date_from: str | None = None, date_to: str | None = None,
                    out: str | None = None) -> dict:
    """The SKM report (PermenPANRB 14/2017 layout) as an A4 PDF at `out` (default: reports/skm-FROM_TO.pdf in
    the data dir): the report's figures plus {file}."""
    from kiosk.printing.skm_report import skm_report_pdf

    target = _pdf_target(out)
    data = ctx.run(skm_report, date_from=date_from, date_to=date_to)
    target = target or Path(ctx.data_dir) / "reports" / f"skm-{data['date_from']}_{data['date_to']}.pdf"
    write_file(target, skm_report_pdf(data, generated_at=ctx.now()))
    return {**data, "file": str(target)}


def _pdf_target(out: str | None) -> Path | None:
    target = Path(out).expanduser() if out else None
    if target is not None and target.suffix.lower() != ".pdf":
        raise InputError("--out harus berakhiran .pdf")
    if target is not None and target.is_dir():
        raise InputError(f"{target} adalah folder; sebutkan nama berkas, mis. {target / 'laporan.pdf'}")
    return target
