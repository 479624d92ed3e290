"""`privacy.purge`: personal data at this PC kept only as long as needed (UU 27/2022; see kiosk.privacy).

Run daily by the running app (kiosk.workers) and by `kiosk privacy purge [--dry-run]`. It is local to this
PC: on the hub (or a PC alone) it masks the site's closed applications, and the hub's change log carries the
masked rows to the joined PCs' replicas; every PC purges its own intake drafts and old backups.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk import privacy
from kiosk.ops.registry import LOCAL, op

# Copies the program itself leaves in the data dir (before a migration, the database a restore replaced)
# and whatever an operator keeps in <data dir>/backups.
_DATA_DIR_COPIES = re.compile(r"^kiosk\.(pre-migration-.+|replaced-.+)\.sqlite3$")
SQLITE_MAGIC = b"SQLite format 3\x00"


@op("privacy.purge", scope=LOCAL)
def purge(ctx, *, dry_run: bool = False) -> dict:
    """Mask what is due and delete old drafts and backups: {"applications": N, "drafts": N, "backups": N}
    (with `dry_run`, only count)."""
    from kiosk.hub import state

    days = int(ctx.settings.get("privacy.site_retention_days"))
    now = ctx.now()
    with ctx.store.transaction() as s:
        # The site's records are the hub's (or a PC alone's) to change; a joined PC's replica follows.
        owner = state.role(s) in (state.STANDALONE, state.HUB)
        applications = privacy.purge_applications(s, now, days, dry_run=dry_run) if owner else 0
        drafts = privacy.purge_drafts(s, now, dry_run=dry_run)
        recorded = privacy.due_backups(s, now, days)
        backups = 0
        for path in recorded:
            if _is_sqlite(Path(path)):
                backups += 1
                if not dry_run:
                    with contextlib.suppress(OSError):
                        Path(path).unlink()
            if not dry_run:
                privacy.forget_backup(s, path)
    cutoff = now - timedelta(days=days)
    for path in _data_dir_copies(Path(ctx.data_dir)):
        if _mtime(path) < cutoff and str(path) not in recorded:
            backups += 1
            if not dry_run:
                with contextlib.suppress(OSError):
                    path.unlink()
    drafts += _legacy_drafts(Path(ctx.data_dir), now, dry_run)
    return {"applications": applications, "drafts": drafts, "backups": backups}


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _is_sqlite(path: Path) -> bool:
    """Only a database file is ever deleted as a backup (a recorded path may since hold something else)."""
    try:
        with open(path, "rb") as fh:
            return path.is_file() and fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _data_dir_copies(data_dir: Path) -> list[Path]:
    found = [p for p in data_dir.glob("kiosk.*.sqlite3") if _DATA_DIR_COPIES.match(p.name)]
    found += sorted((data_dir / "backups").glob("*.sqlite3"))
    return [p for p in found if _is_sqlite(p)]


def _legacy_drafts(data_dir: Path, now: datetime, dry_run: bool) -> int:
    """Intake drafts an older version kept as JSON files in <data dir>/drafts (full NIK): gone after 24 h."""
    count = 0
    for path in (data_dir / "drafts").glob("intake-loket-*.json"):
        try:
            old = _mtime(path) < now - timedelta(hours=privacy.DRAFT_HOURS)
        except OSError:
            continue
        if old:
            count += 1
            if not dry_run:
                with contextlib.suppress(OSError):
                    os.unlink(path)
    return count
