"""/dashboard: the 20 sites at a glance."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request

from central.dashboard import overview
from central.web.charts import bars, hbars
from central.web.deps import Viewer, now_utc
from central.web.templating import DAYS, render

router = APIRouter()


@router.get("/dashboard", include_in_schema=False)
def dashboard(request: Request, staff: Viewer):
    now = now_utc()
    with request.app.state.db.read() as conn:
        data = overview(conn, now)
    tickets_chart = bars([(f"{DAYS[d.weekday()][:3]} {d.day}", n) for d, n in data["tickets_by_day"]],
                         title="Tiket per hari, semua situs (tickets per day, all sites)")
    files = sorted(data["sites"], key=lambda s: -(s["forwarded"] + s["in_process"]))
    files_chart = hbars([(s["name"], s["forwarded"] + s["in_process"] - s["overdue"], s["overdue"])
                         for s in files if s["forwarded"] + s["in_process"]],
                        title="Berkas terbuka per situs; merah = lewat SLA (open files per site; red = overdue)")
    return render(request, "dashboard.html", data=data, now=now, tickets_chart=tickets_chart,
                  files_chart=files_chart, stale=timedelta(hours=1))
