"""`kiosk-server user ...` and `kiosk-server booking ...`: staff accounts and online bookings from a terminal.

    kiosk-server user add NAME --role admin|verifier|viewer --password-stdin
    kiosk-server user list [--json]
    kiosk-server user disable NAME
    kiosk-server booking list --site S [--date YYYY-MM-DD] [--json]
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime


def _now() -> datetime:
    return datetime.now(UTC)


def cmd_user_add(args) -> int:
    from central.cliframe import open_db
    from central.rules import InputError
    from central.staff import add_user, audit, normalise_username
    from mpp.cli import emit

    normalise_username(args.name)  # a bad name is refused before a password is read
    if not args.password_stdin:
        raise InputError("kata sandi dibaca dari stdin: tambahkan --password-stdin (mis. `echo RAHASIA | kiosk-server "
                         "user add NAMA --role admin --password-stdin`)")
    password = sys.stdin.readline().rstrip("\r\n")
    db = open_db(args)
    try:
        with db.write() as conn:
            row = add_user(conn, args.name, args.role, password, _now())
            audit(conn, "cli", "user.add", _now(), ip=None, target_kind="user", target=row["username"],
                  detail=f"role {row['role']}")
    finally:
        db.close()
    emit(args, row, f"Pengguna {row['username']} ({row['role']}) dibuat.")
    return 0


def cmd_user_list(args) -> int:
    from central.cliframe import open_db
    from central.staff import list_users
    from mpp.cli import emit

    db = open_db(args)
    try:
        with db.read() as conn:
            rows = list_users(conn)
    finally:
        db.close()
    emit(args, rows, "\n".join(f"{r['username']:<20} {r['role']:<9} {'aktif' if r['active'] else 'nonaktif':<9} "
                               f"terakhir masuk {r['last_login_at'] or '-'}" for r in rows) or "(belum ada pengguna)")
    return 0


def cmd_user_disable(args) -> int:
    from central.cliframe import open_db
    from central.staff import audit, disable_user
    from mpp.cli import emit

    db = open_db(args)
    try:
        with db.write() as conn:
            row = disable_user(conn, args.name, _now())
            audit(conn, "cli", "user.disable", _now(), ip=None, target_kind="user", target=row["username"])
    finally:
        db.close()
    emit(args, row, f"Pengguna {row['username']} dinonaktifkan; sesinya berakhir.")
    return 0


def cmd_booking_list(args) -> int:
    from central.bookings import expire_bookings, list_bookings
    from central.cliframe import _site, open_db
    from mpp.cli import emit

    site = _site(args.site)
    db = open_db(args)
    try:
        with db.write() as conn:
            expire_bookings(conn, _now())
        with db.read() as conn:
            rows = list_bookings(conn, site, args.date)
    finally:
        db.close()
    emit(args, rows, "\n".join(f"{r['day']} {r['start']}-{r['end']}  {r['code']}  {r['service']:<8} {r['status_label']}"
                               for r in rows) or "Tidak ada booking.")
    return 0


def register(sub, date_type) -> None:
    """Add the `user` and `booking` command groups to kiosk-server's parser."""
    from central.staff import ROLES

    user = sub.group("user", "akun petugas MPP Induk / back-office staff accounts")
    p = user.add("add", cmd_user_add, "buat akun / create an account (password read from stdin)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari baris pertama stdin")
    user.add("list", cmd_user_list, "daftar akun / list accounts")
    p = user.add("disable", cmd_user_disable, "nonaktifkan akun dan akhiri sesinya / disable an account")
    p.add_argument("name", metavar="NAME")

    booking = sub.group("booking", "booking kunjungan daring / online visit bookings")
    p = booking.add("list", cmd_booking_list, "booking satu situs / a site's bookings")
    p.add_argument("--site", required=True)
    p.add_argument("--date", type=date_type, help="hari (WITA), YYYY-MM-DD (default: hari ini dan sesudahnya)")
