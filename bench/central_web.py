"""The central web on PostgreSQL with a year of history for all 20 sites; prints JSON.

Generates 20 sites x one year (about 4 million tickets, 1 million applications with their status
history, 800,000 SKM responses) straight in the database: tickets, events and surveys with
INSERT ... SELECT over generate_series, applications (whose registration numbers need their MOD 37-2
check character) with COPY. Then a real `kiosk-server run` serves the pages and one client measures:

  dashboard  GET /dashboard (signed in)                      goal p99 <= 300 ms
  worklist   GET /applications with rotating filters (signed in)
  status     GET /status/{regno} of random files (public)     goal p99 <= 50 ms
  floor      GET /login while signed in (session check + redirect, no query, no template): the
             cost of a request itself on this machine, measured in the same run
  status_bytes  the status page on the wire as a phone fetches it first (gzip HTML + gzip CSS)

    python bench/central_web.py [--db postgresql+psycopg://postgres@127.0.0.1:5432/test] [--scale 1.0]
                                [--requests 300] [--workers 1]

`--scale 0.05` generates a twentieth of the rows per day (same sites and days) for a quick run.
The database named by --db (default KIOSK_BENCH_PG_URL, KIOSK_TEST_PG_URL or the local `test`) is only
used to create and drop a scratch database beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from central.rules import SITE_TZ, mod37_2_check  # noqa: E402
from tests.synctools import Central, ServerProcess, scratch_pg_database  # noqa: E402
from tests.webclient import WebClient  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SITES = [f"64.02.{n:02d}" for n in range(1, 21)]
TICKETS_PER_DAY = 640  # x 20 sites x 313 days (Monday-Saturday) = 4.0 million a year
APPS_PER_DAY = 160  # 1.0 million a year
SURVEYS_PER_DAY = 130
LOCAL_SERVICES = ["KTP", "KK", "AKLAHIR", "AKMATI", "PINDAH", "KIA", "IUMK"]
FORWARD_SERVICES = ["PBG", "PASPOR", "SKCK", "TANAH"]
TICKET_SERVICES = ["KTP", "KK", "AKLAHIR", "AKMATI", "PINDAH", "KIA", "PBG", "PASPOR", "SKCK", "TANAH", "IUMK",
                   "JKN", "PKB", "PBB"]
NAMES = ["Ahmad Saputra", "Siti Rahmawati", "Budi Hidayat", "Dewi Lestari", "Rahmat Wijaya", "Nur Aminah",
         "Andi Pratama", "Sri Wahyuni", "Fitri Sari", "Agus Nugroho", "Rina Hakim", "Hendra Yusuf"]
PASSWORD = "bench-password-123"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def business_days(today: date) -> list[date]:
    first = today - timedelta(days=364)
    return [first + timedelta(days=n) for n in range(365) if (first + timedelta(days=n)).isoweekday() <= 6]


def psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


# --- data ---------------------------------------------------------------------------------------------

def load_tickets(cur, today: date, per_day: int) -> None:
    """A year of tickets for every site: done or no-show on past days, today's queue still moving."""
    cur.execute("""
        INSERT INTO tickets (id, site_code, device_id, number, service_code, business_day, priority, status,
                             counter, recall_count, arrival_at, issued_at, called_at, started_at, finished_at,
                             operator, transferred_from, updated_at)
        SELECT gen_random_uuid()::text, s.site, 'device-' || s.site, 'A-' || lpad((g.n %% 999 + 1)::text, 3, '0'),
               (%(services)s::text[])[1 + (g.n * 7 + extract(doy from d.day)::int) %% 14], d.day,
               CASE WHEN g.n %% 20 = 0 THEN 'lansia' END,
               CASE WHEN d.day < %(today)s THEN (CASE WHEN g.n %% 25 = 0 THEN 'no_show' ELSE 'done' END)
                    WHEN g.n > %(per_day)s * 0.85 THEN 'waiting'
                    WHEN g.n > %(per_day)s * 0.80 THEN 'serving'
                    ELSE 'done' END,
               1 + g.n %% 4, 0, x.arrival, x.arrival,
               CASE WHEN d.day < %(today)s OR g.n <= %(per_day)s * 0.85 THEN x.arrival + (5 + g.n %% 20) * interval '1 minute' END,
               CASE WHEN d.day < %(today)s OR g.n <= %(per_day)s * 0.85 THEN x.arrival + (6 + g.n %% 20) * interval '1 minute' END,
               CASE WHEN d.day < %(today)s OR g.n <= %(per_day)s * 0.80 THEN x.arrival + (9 + g.n %% 20 + g.n %% 11) * interval '1 minute' END,
               'petugas' || (1 + g.n %% 4), NULL, x.arrival
        FROM unnest(%(sites)s::text[]) AS s(site)
        CROSS JOIN unnest(%(days)s::date[]) AS d(day)
        CROSS JOIN generate_series(1, %(per_day)s) AS g(n)
        CROSS JOIN LATERAL (SELECT ((d.day + time '07:45' + g.n * (25200.0 / %(per_day)s) * interval '1 second')
                                    AT TIME ZONE 'Asia/Makassar') AT TIME ZONE 'UTC' AS arrival) x
        WHERE d.day <= %(today)s""",
                {"services": TICKET_SERVICES, "today": today, "per_day": per_day, "sites": SITES,
                 "days": business_days(today)})


def application_rows(today: date, per_day: int, rng: random.Random):
    """1 million applications (at full scale): forwarded ones move on with age, local ones are handed over."""
    days = business_days(today)
    for site in SITES:
        digits = site.replace(".", "")
        tag = "B" + "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[SITES.index(site)] + "Q"
        for day in days:
            age = (today - day).days
            start = datetime.combine(day, datetime.min.time(), tzinfo=SITE_TZ).replace(hour=8)
            for k in range(1, per_day + 1):
                body = f"{digits}{day:%y%m%d}{tag}{k:04d}"
                key = body + mod37_2_check(body)
                forward = rng.random() < 0.4
                service = rng.choice(FORWARD_SERVICES if forward else LOCAL_SERVICES)
                roll = rng.random()
                if forward:
                    if age > 30:
                        status = "handed_over" if roll < 0.9 else ("rejected" if roll < 0.95 else "ready")
                    elif age > 7:
                        status = "handed_over" if roll < 0.5 else ("ready" if roll < 0.8 else
                                                                  ("in_process" if roll < 0.95 else "forwarded"))
                    else:
                        status = "forwarded" if roll < 0.5 else ("in_process" if roll < 0.85 else "ready")
                else:
                    status = "handed_over" if age > 2 or roll < 0.6 else "ready"
                received = (start + timedelta(seconds=k * 150)).astimezone(UTC).replace(tzinfo=None)
                yield (str(uuid.uuid4()), f"{key[:6]}-{key[6:12]}-{key[12:19]}-{key[19]}", key, site,
                       f"device-{site}", service, f"{digits}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}"
                       f"{rng.randint(50, 99):02d}{rng.randint(1, 9999):04d}", rng.choice(NAMES),
                       f"08{rng.randint(1_000_000_000, 9_999_999_999)}", None, None, '{"Fotokopi KTP": true}',
                       None, "[]", status, "Berkas tidak lengkap" if status == "rejected" else None, None,
                       "petugas1", received, received + timedelta(days=min(age, 10)))


def load_applications(cur, today: date, per_day: int, rng: random.Random) -> None:
    columns = ("id, registration_number, regno_key, site_code, device_id, service_code, nik, name, phone, "
               "desa_code, address, documents, notes, warnings, status, reject_reason, ticket_id, operator, "
               "received_at, updated_at")
    with cur.copy(f"COPY applications ({columns}) FROM STDIN") as copy:
        for row in application_rows(today, per_day, rng):
            copy.write_row(row)


def load_application_events(cur) -> None:
    """Each file's history up to its status (received, forwarded, in process, ready, handed over / rejected)."""
    cur.execute("""
        INSERT INTO application_events (application_id, from_status, to_status, actor, at, reason, source, applied,
                                        recorded_at)
        SELECT a.id, v.prev, v.st, 'petugas1', a.received_at + v.i * interval '1 day', NULL, v.src, true,
               a.received_at + v.i * interval '1 day'
        FROM applications a
        CROSS JOIN (VALUES (0, 'received', NULL, 'site'), (1, 'forwarded', 'received', 'site'),
                           (2, 'in_process', 'forwarded', 'central'), (3, 'ready', 'in_process', 'central'),
                           (4, 'handed_over', 'ready', 'site')) AS v(i, st, prev, src)
        WHERE v.i <= CASE a.status WHEN 'received' THEN 0 WHEN 'forwarded' THEN 1 WHEN 'in_process' THEN 2
                                   WHEN 'ready' THEN 3 WHEN 'handed_over' THEN 4 WHEN 'rejected' THEN 1 END
          AND (a.service_code = ANY(%(forward)s) OR v.st NOT IN ('forwarded', 'in_process'))""",
                {"forward": FORWARD_SERVICES})
    cur.execute("""
        INSERT INTO application_events (application_id, from_status, to_status, actor, at, reason, source, applied,
                                        recorded_at)
        SELECT id, 'forwarded', 'rejected', 'verifikator', received_at + interval '3 days', reject_reason, 'central',
               true, received_at + interval '3 days'
        FROM applications WHERE status = 'rejected'""")


def load_surveys(cur, today: date, per_day: int) -> None:
    cur.execute("""
        INSERT INTO surveys (id, site_code, service_code, scores, at)
        SELECT gen_random_uuid()::text, s.site, 'KTP',
               json_build_array(3 + g.n %% 2, 3 + (g.n / 2) %% 2, 4, 3 + (g.n / 3) %% 2, 4, 3, 4, 3 + g.n %% 2, 2 + g.n %% 3),
               ((d.day + time '09:00' + g.n * interval '2 minutes') AT TIME ZONE 'Asia/Makassar') AT TIME ZONE 'UTC'
        FROM unnest(%(sites)s::text[]) AS s(site)
        CROSS JOIN unnest(%(days)s::date[]) AS d(day)
        CROSS JOIN generate_series(1, %(per_day)s) AS g(n)""",
                {"sites": SITES, "days": business_days(today), "per_day": per_day})


def load_devices(cur, now: datetime) -> None:
    for n, site in enumerate(SITES):
        seen = (now - timedelta(minutes=3 * n if n < 17 else 60 * 26)).replace(tzinfo=None)
        cur.execute("INSERT INTO devices (id, site_code, name, secret_hash, enrolled_at, last_seen_at, revoked_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, NULL)",
                    (f"device-{site}", site, "kiosk-1", "0" * 64, seen - timedelta(days=365), seen))


def generate(url: str, scale: float, seed: int = 14) -> dict:
    import psycopg

    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = now.astimezone(SITE_TZ).date()
    per = {"tickets": max(5, int(TICKETS_PER_DAY * scale)), "apps": max(3, int(APPS_PER_DAY * scale)),
           "surveys": max(2, int(SURVEYS_PER_DAY * scale))}
    seconds = {}
    with psycopg.connect(psycopg_url(url), autocommit=True) as conn, conn.cursor() as cur:
        for name, step in (("tickets", lambda: load_tickets(cur, today, per["tickets"])),
                           ("applications", lambda: load_applications(cur, today, per["apps"], rng)),
                           ("application_events", lambda: load_application_events(cur)),
                           ("surveys", lambda: load_surveys(cur, today, per["surveys"])),
                           ("devices", lambda: load_devices(cur, now))):
            started = time.perf_counter()
            step()
            seconds[name] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        cur.execute("VACUUM ANALYZE")
        seconds["vacuum_analyze"] = round(time.perf_counter() - started, 1)
        counts = {table: cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("tickets", "applications", "application_events", "surveys")}
        regnos = [r[0] for r in cur.execute("SELECT registration_number FROM applications TABLESAMPLE SYSTEM (1) "
                                            "LIMIT 5000").fetchall()]
    return {"rows": counts, "load_seconds": seconds, "regnos": regnos}


# --- measuring ----------------------------------------------------------------------------------------

def measure(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(values: list[float]) -> dict:
    return {"p50_ms": round(percentile(values, 50), 1), "p99_ms": round(percentile(values, 99), 1), "n": len(values)}


def run(args) -> dict:
    base = args.db or os.environ.get("KIOSK_BENCH_PG_URL") or os.environ.get("KIOSK_TEST_PG_URL") or DEFAULT_PG
    tmp = Path(tempfile.mkdtemp(prefix="bench-central-web-"))
    with scratch_pg_database(base, prefix="bench_web") as url:
        central = Central(url)
        try:
            central.init()
            started = time.perf_counter()
            data = generate(url, args.scale)
            generate_seconds = round(time.perf_counter() - started, 1)
            result = central.cli("user", "add", "bench", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
            assert result.returncode == 0, result.stderr
            with ServerProcess(url, workers=args.workers, log_path=tmp / "server.log") as server:
                staff = WebClient(server.url)
                staff.sign_in("bench", PASSWORD)
                rng = random.Random(3)
                worklists = ["/applications", "/applications?sla=overdue", "/applications?site=64.02.12",
                             "/applications?status=in_process&service=PASPOR", "/applications?status=open&page=3"]

                def get(client, path, expect=200, **kw):
                    response = client.get(path, **kw)
                    assert response.status_code == expect, (path, response.status_code, response.text[:300])
                    return response

                for path in ["/dashboard"] * 3 + worklists + ["/login"]:  # warm the worker's caches and pool
                    get(staff, path, expect=303 if path == "/login" else 200)
                n = args.requests
                floor = measure(lambda i: get(staff, "/login", expect=303), n)
                dashboard = measure(lambda i: get(staff, "/dashboard"), max(50, n // 3))
                worklist = measure(lambda i: get(staff, worklists[i % len(worklists)]), n)
                citizen = WebClient(server.url)
                regnos = data["regnos"]

                def status(i):
                    # Many citizens: each lookup from its own address (the proxy's X-Forwarded-For).
                    get(citizen, f"/status/{rng.choice(regnos)}",
                        headers={"X-Forwarded-For": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
                                 "Accept-Encoding": "gzip"})

                status_ms = measure(status, n * 2)
                page = get(citizen, f"/status/{regnos[0]}", headers={"Accept-Encoding": "gzip"})
                css = get(citizen, "/static/site.css", headers={"Accept-Encoding": "gzip"})
                assert page.headers.get("content-encoding") == "gzip"
                html_bytes = int(page.headers["content-length"])  # bytes on the wire, gzipped
                css_bytes = int(css.headers["content-length"])
        finally:
            central.close()
    floor_s = summary(floor)
    out = {
        "dashboard": summary(dashboard), "worklist": summary(worklist), "status": summary(status_ms),
        "status_bytes": html_bytes + css_bytes, "status_html_bytes": html_bytes, "status_css_bytes": css_bytes,
        "floor": floor_s,
        "ratios_to_floor_p50": {k: round(v["p50_ms"] / max(floor_s["p50_ms"], 0.1), 1) for k, v in
                                (("dashboard", summary(dashboard)), ("worklist", summary(worklist)),
                                 ("status", summary(status_ms)))},
        "rows": data["rows"], "scale": args.scale, "workers": args.workers,
        "generate_seconds": generate_seconds, "load_seconds": data["load_seconds"],
        "goals": {"dashboard_p99_ms": 300, "status_p99_ms": 50, "status_bytes": 60_000},
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL URL next to which a scratch database is made")
    parser.add_argument("--scale", type=float, default=1.0, help="rows per day relative to a busy year (1.0)")
    parser.add_argument("--requests", type=int, default=300, help="requests per measured page (dashboard: a third)")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args), indent=1))


if __name__ == "__main__":
    main()
