"""The rules central shares with the kiosks (all from `mpp`), gathered for the web side in one import."""

from __future__ import annotations

from mpp import wire as protocol
from mpp.errors import IllegalTransition, InputError, NotFound
from mpp.errors import RuleError as KioskError
from mpp.personal import mask_nik
from mpp.regno import check_regno, mod37_2_check, normalise_regno, pretty_regno
from mpp.sites import CROCKFORD, KECAMATAN, SITE_TZ, normalise_site_code
from mpp.skm import mutu_for
from mpp.statuses import APPLICATION_LABELS as STATUS_LABELS
from mpp.statuses import APPLICATION_STATUSES as STATUSES
from mpp.text import LIMITS

REASON_MAX = LIMITS["reason"][0]


def kecamatan() -> dict[str, str]:
    """The 20 kecamatan: code -> name."""
    return dict(KECAMATAN)


__all__ = [
    "CROCKFORD", "REASON_MAX", "SITE_TZ", "STATUSES", "STATUS_LABELS", "IllegalTransition", "InputError",
    "KioskError", "NotFound", "check_regno", "kecamatan", "mask_nik", "mod37_2_check", "mutu_for",
    "normalise_regno", "normalise_site_code", "pretty_regno", "protocol",
]
