"""What a citizen types or scans: ticket numbers, registration numbers and the QR codes printed on paper.

QR payloads are short and upper-case so they fit the smallest QR versions in alphanumeric mode:
`T:<ticket uuid>` on a ticket and `R:<registration number>` on a receipt. A hand-held scanner types
them like a keyboard, so a scan and a typed number arrive the same way; `parse_lookup` tells them apart.
"""

from __future__ import annotations

import re

from kiosk.errors import InputError
from mpp.regno import REGNO_EXAMPLE as REGNO_EXAMPLE  # what a registration number looks like (placeholders)

_TICKET_QR = re.compile(r"T:([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})", re.I)
_RECEIPT_QR = re.compile(r"R:(\S+)", re.I)
# A registration number somewhere in what was typed or scanned (dashes optional).
_REGNO_IN_TEXT = re.compile(r"\d{6}-?\d{6}-?[0-9A-Z]{7}-?[0-9A-Z*]", re.I)
_TICKET_NUMBER = re.compile(r"^\s*[A-Z]\s*-?\s*\d{1,3}\s*$", re.I)


def ticket_qr_payload(ticket_id: str) -> str:
    """The QR text printed on a queue ticket."""
    return f"T:{ticket_id.upper()}"


def receipt_qr_payload(registration_number: str) -> str:
    """The QR text printed on an application receipt."""
    return f"R:{registration_number.upper()}"


def parse_lookup(text: str) -> dict:
    """What a citizen typed or scanned at Cek Status: {"kind": "ticket"|"application", "ref": ...}.

    A ticket QR gives the ticket's UUID, a typed `A-012` today's ticket number; anything holding a
    registration number (a receipt QR, or typed with or without dashes) gives that number, whose check
    character the lookup verifies. Raises InputError for text that is neither.
    """
    raw = (text or "").strip()
    if not raw:
        raise InputError("ketik nomor registrasi atau pindai QR / type a registration number or scan the QR")
    found = _TICKET_QR.search(raw)
    if found:
        return {"kind": "ticket", "ref": found.group(1).lower()}
    if _TICKET_NUMBER.match(raw):
        return {"kind": "ticket", "ref": raw.upper()}
    receipt = _RECEIPT_QR.search(raw)
    candidate = receipt.group(1) if receipt else raw
    found = _REGNO_IN_TEXT.search(candidate.upper())
    return {"kind": "application", "ref": found.group(0) if found else candidate.upper()}
