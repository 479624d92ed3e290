"""The rules central shares with the kiosks, imported here and only here by the web side.

Registration-number check, NIK masking, status labels, the kecamatan list, the site time zone, the
error types and the wire constants all live on the client side today; the back office and the
citizens' pages import them from this module, so pointing central at the shared package is a
change of this one file.
"""

from __future__ import annotations

from kiosk.applications import (
    REASON_MAX,
    STATUS_LABELS,
    STATUSES,
    check_regno,
    mask_nik,
    mod37_2_check,
    normalise_regno,
    pretty_regno,
)
from kiosk.clock import SITE_TZ
from kiosk.errors import IllegalTransition, InputError, KioskError, NotFound
from kiosk.resources import kecamatan
from kiosk.site import CROCKFORD, normalise_site_code
from kiosk.survey import mutu_for
from kiosk.sync import protocol

__all__ = [
    "CROCKFORD", "REASON_MAX", "SITE_TZ", "STATUSES", "STATUS_LABELS", "IllegalTransition", "InputError",
    "KioskError", "NotFound", "check_regno", "kecamatan", "mask_nik", "mod37_2_check", "mutu_for",
    "normalise_regno", "normalise_site_code", "pretty_regno", "protocol",
]
