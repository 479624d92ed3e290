"""Keeping a PC healthy: backup, restore, doctor, settings. All local to this PC."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk import config
from kiosk.errors import InputError, KioskError
from kiosk.ops.registry import LOCAL, op

# --- settings ----------------------------------------------------------------------------------------------

@op("config.set", scope=LOCAL)
def config_set(ctx, *, key: str, value: str) -> dict:
    """Validate and store one setting: {key: typed value}."""
    key, typed = config.parse_value(key, value)
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(ctx.settings, {key: typed})
    return {key: typed}


@op("config.set_many", scope=LOCAL)
def config_set_many(ctx, *, values: dict) -> dict:
    """Validate several settings and store them together (a settings form): {key: typed value}."""
    typed = dict(config.parse_value(key, str(value)) for key, value in values.items())
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    config.save(ctx.settings, typed)
    return typed


@op("config.get", scope=LOCAL, write=False)
def config_get(ctx, *, key: str) -> dict:
    """One setting: {key: value} (the printer's default URI filled in)."""
    name = config.ALIASES.get(key, key)
    if name not in config.KEYS:
        raise InputError(f"kunci konfigurasi tidak dikenal: {key!r}")
    return {name: ctx.settings.printer_uri if name == "printer.uri" else ctx.settings.get(name)}


@op("config.show", scope=LOCAL, write=False)
def config_show(ctx) -> dict:
    """Every setting with its value."""
    values = dict(ctx.settings.values)
    values["printer.uri"] = ctx.settings.printer_uri
    return values


# --- sync --------------------------------------------------------------------------------------------------

@op("sync.dead_letters", scope=LOCAL, write=False)
def dead_letters(ctx) -> list[dict]:
    """The mutations central could never apply (dead letters) of this PC's outbox: [{seq, kind, reason, at}]."""
    from kiosk import outbox

    with ctx.store.read() as s:
        return [{k: r[k] for k in ("seq", "kind", "reason", "at")} for r in outbox.dead_letters(s)]


# --- backup and restore ---------------------------------------------------------------------------------

@op("backup", scope=LOCAL)
def backup(ctx, *, out: str) -> dict:
    """A consistent copy of the store while the app runs: {file, bytes}."""
    from kiosk.db import backup_to

    target = Path(out).expanduser().resolve()
    if target == ctx.settings.db_path.resolve():
        raise InputError("salinan tidak boleh menimpa basis data yang sedang dipakai")
    if target.is_dir():
        raise InputError(f"{target} adalah folder; sebutkan nama berkas, mis. {target / 'kiosk-backup.sqlite3'}")
    in_data_dir = target.is_relative_to(Path(ctx.data_dir).resolve())
    if in_data_dir and (target.exists() or target.suffix != ".sqlite3"):
        raise InputError(f"{target}: berkas di data dir tidak ditimpa; pilih nama baru berakhiran .sqlite3 "
                         "(sebaiknya di luar data dir, mis. flashdisk)")
    if target.exists() and (target.suffix != ".sqlite3" or not target.is_file()):
        raise InputError(f"{target} sudah ada dan bukan salinan (.sqlite3): tidak ditimpa; pilih nama baru")
    if target.parts[1:2] in (("proc",), ("sys",), ("dev",)):
        raise InputError(f"{target}: bukan tempat untuk salinan; pilih berkas di disk atau flashdisk")
    try:
        backup_to(ctx.store, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            target.with_name(target.name + ".partial").unlink(missing_ok=True)
        raise InputError(f"salinan tidak bisa ditulis ke {target}: {exc.strerror or exc}") from None
    from kiosk import privacy

    with ctx.store.transaction() as s:  # aged out with the site's retention (kiosk privacy purge)
        privacy.record_backup(s, str(target), ctx.now())
    return {"file": str(target), "bytes": target.stat().st_size}


def _check_backup_file(path: Path, work_dir: Path) -> None:
    """Refuse (InputError, nothing touched) a file that is not a whole backup of this program: SQLite that
    passes quick_check, at a schema version we know, made of exactly what our migrations make (tables,
    columns; no trigger or view of anyone else's, which would run inside the kiosk), with its device row."""
    from kiosk.db import _script, reference_schema, schema_differences, schema_of

    if not path.is_file():
        raise InputError(f"berkas tidak ada: {path}")
    not_ours = f"{path} bukan salinan Mini MPP Kiosk yang utuh"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise InputError(f"{not_ours} ({ok})")
            found = schema_of(conn)
            versions = ([row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
                        if "alembic_version" in found["tables"] else [])
            devices = (conn.execute("SELECT count(*) FROM device WHERE id = 1").fetchone()[0]
                       if "device" in found["tables"] else 0)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise InputError(f"{path} bukan basis data Mini MPP Kiosk") from None
    known = {rev.revision for rev in _script().walk_revisions()}
    if len(versions) != 1:
        raise InputError(f"{not_ours}: versi skema tidak tercatat")
    if versions[0] not in known:
        raise InputError(f"{path}: salinan dari versi Mini MPP Kiosk yang lebih baru atau tidak dikenal "
                         f"(skema {versions[0]}); pasang versi itu dulu")
    problems = schema_differences(found, reference_schema(versions[0], work_dir))
    if problems:
        more = f" (+{len(problems) - 3} lagi)" if len(problems) > 3 else ""
        raise InputError(f"{not_ours}: {'; '.join(problems[:3])}{more}")
    if not devices:
        raise InputError(f"{not_ours}: data perangkat (device) tidak ada")


@op("restore", scope=LOCAL)
def restore(ctx, *, file: str) -> dict:
    """Replace the store with a backup (refused while the app runs); the replaced file is kept aside.

    The restored store starts a new outbox epoch and registration tag: work done after the backup was
    taken may already be on central under the old (epoch, seq) and numbers, and must never be reused.
    """
    from filelock import Timeout

    from kiosk import site
    from kiosk.db import Store, migrate

    source = Path(file).expanduser().resolve()
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    _check_backup_file(source, ctx.data_dir)
    target = ctx.settings.db_path
    replaced_epoch = _current_epoch(target)
    lock = ctx.app_lock()
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise KioskError("aplikasi kiosk sedang berjalan pada data dir ini: tutup dulu, lalu ulangi restore") from None
    try:
        staged = target.with_name(target.name + ".restoring")
        try:
            shutil.copyfile(source, staged)
            staging = Store(staged)
            try:
                migrate(staging, backup=False)  # refuses a backup from a newer version, untouched
                with staging.transaction() as s:
                    device = site.this_device(s)
                    # Above the replaced database's epoch too, so restoring one backup twice never repeats one.
                    device.epoch = max(device.epoch, replaced_epoch) + 1
                    device.reg_tag = site.new_reg_tag()
                    epoch = device.epoch
            finally:
                staging.close()
        except BaseException:
            for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm"), Path(f"{staged}-journal")):
                leftover.unlink(missing_ok=True)
            raise
        ctx.close()
        aside = None
        if target.exists():
            _checkpoint(target)
            aside = _aside_name(target)
            os.replace(target, aside)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        lock.release()
    return {"restored_from": str(source), "replaced_file": str(aside) if aside else None, "epoch": epoch}


def _aside_name(target: Path) -> Path:
    """A free name for the replaced database: two restores in one second must not overwrite the first."""
    stem = f"{target.stem}.replaced-{datetime.now():%Y%m%d-%H%M%S}"
    candidate, n = target.with_name(f"{stem}.sqlite3"), 1
    while candidate.exists():
        n += 1
        candidate = target.with_name(f"{stem}-{n}.sqlite3")
    return candidate


def _current_epoch(path: Path) -> int:
    """The outbox epoch of the database about to be replaced (0 when there is none)."""
    if not path.exists():
        return 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT epoch FROM device WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        row = None
    finally:
        conn.close()
    return row[0] if row else 0


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


# --- doctor ----------------------------------------------------------------------------------------------

@op("doctor", scope=LOCAL, write=False)
def doctor(ctx) -> dict:
    """Integrity, schema, disk, clock and backlogs of this PC: {..., problems: [...], ok}."""
    from kiosk import outbox
    from kiosk.db import integrity_check, schema_status
    from kiosk.hub import state as hub_state
    from kiosk.models import Device
    from kiosk.printing.queue import waiting_count
    from kiosk.sync.engine import K_DEVICE, K_SECRET, K_SKEW, SKEW_WARN_SECONDS, meta_get

    checks: dict = {"data_dir": str(ctx.data_dir)}
    store = ctx.store
    checks["integrity_check"] = integrity_check(store)
    status = schema_status(store)
    checks["schema"] = {"current": status["current"], "head": status["heads"]}
    checks["disk_free_mb"] = shutil.disk_usage(ctx.data_dir).free // (1024 * 1024)
    now = ctx.now()
    with store.read() as s:
        device = s.get(Device, 1)
        checks["site"] = device.site_code if device else None
        latest = _latest_record(s)
        checks["pending_outbox"] = outbox.pending_count(s) if device else 0
        checks["print_jobs_waiting"] = waiting_count(s)
        skew = meta_get(s, K_SKEW)
        secrets = {"sync_enrolled": bool(meta_get(s, K_DEVICE)), "sync_secret": bool(meta_get(s, K_SECRET)),
                   "role": hub_state.role(s) if device else None, "hub_token": bool(hub_state.get(s, hub_state.K_TOKEN))}
    skew_seconds = float(skew) if skew is not None else None
    clock = {"now": now.isoformat(), "latest_record": latest.isoformat() if latest else None,
             "skew_seconds": skew_seconds, "skew_warn_seconds": SKEW_WARN_SECONDS, "ok": True}
    problems = []
    if skew_seconds is not None and abs(skew_seconds) > SKEW_WARN_SECONDS:
        clock["ok"] = False
        problems.append(f"jam PC selisih {skew_seconds:+.0f} detik dari server pusat (sinkron terakhir); perbaiki "
                        "tanggal/jam Windows (clock skew)")
    if secrets["sync_enrolled"] and not secrets["sync_secret"]:
        problems.append("PC ini dipulihkan dari salinan tanpa rahasia perangkat: daftarkan ulang ke pusat "
                        "(`kiosk-server device re-enroll ID` di pusat, lalu `kiosk enroll`)")
    if secrets["role"] == hub_state.JOINED and not secrets["hub_token"]:
        problems.append("PC ini dipulihkan dari salinan tanpa token hub: bergabung ulang ke hub (`kiosk join`)")
    if now.year < 2024:
        clock["ok"] = False
        problems.append(f"jam PC tidak masuk akal ({now:%Y-%m-%d}); perbaiki tanggal/jam Windows")
    if latest and latest > now:
        clock["ok"] = False
        problems.append(f"jam PC mundur: ada catatan pada {latest:%Y-%m-%d %H:%M} UTC, sekarang {now:%Y-%m-%d %H:%M} UTC")
    checks["clock"] = clock
    if checks["integrity_check"] != "ok":
        problems.append("integrity_check gagal: ambil salinan (`kiosk backup`) dan hubungi teknisi")
    if checks["disk_free_mb"] < 200:
        problems.append(f"ruang disk tinggal {checks['disk_free_mb']} MB")
    if not checks["site"]:
        problems.append("situs belum disiapkan (`kiosk init` / `kiosk setup`)")
    checks["problems"] = problems
    checks["ok"] = not problems
    return checks


def _latest_record(session) -> datetime | None:
    from sqlalchemy import func, select

    from kiosk.models import AuditEntry, TicketEvent

    times = [session.scalar(select(func.max(TicketEvent.at))), session.scalar(select(func.max(AuditEntry.at)))]
    return max(filter(None, times), default=None)
