"""Joining a hub: one-time pairing codes, device tokens, and the proofs that bind a code to a certificate.

The office LAN is shared with other staff and guests, so a PC that joins must be sure it talks to the
hub and not to a machine in the middle, and the hub must be sure the PC was let in by a supervisor.
`kiosk hub pair` shows a short code (and the certificate's fingerprint). The joining PC never sends
the code: it sends HMAC(code, "join" | fingerprint it sees | nonce). Only the real hub, whose
certificate has that fingerprint, can check it, and answers with HMAC(code, "hub" | fingerprint | nonce),
which only a holder of the code can make; the PC then pins that fingerprint. A machine in the middle
sees another fingerprint than the PC, so the proofs fail on both sides.

A device token (random, 256 bits) then goes with every request; the hub keeps only its SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import AuthError, InputError
from kiosk.models import HubClient, HubPairing
from kiosk.site import CROCKFORD

CODE_LENGTH = 8
MAX_MINUTES = 24 * 60
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


def new_code() -> str:
    """`K7QM-4TZ9`: 8 Crockford characters, 40 bits, easy to read aloud and type."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(text: str) -> str:
    """Upper-case, no dashes or spaces; O read as 0 and I/L as 1 (Crockford)."""
    cleaned = "".join(ch for ch in str(text or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_LENGTH or any(ch not in CROCKFORD for ch in cleaned):
        raise InputError(f"kode pasangan harus {CODE_LENGTH} huruf/angka, mis. K7QM-4TZ9 (pairing code)")
    return cleaned


def code_key(code: str) -> str:
    """What both sides key their proofs with (the hub stores only this)."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def proof(key: str, label: str, fingerprint: str, nonce: str) -> str:
    """HMAC-SHA256 over the label, the certificate fingerprint and a nonce, keyed by `code_key`."""
    message = f"{label}|{fingerprint.lower()}|{nonce}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_name(raw: str) -> str:
    """A PC's name at the hub: `loket-2`, `tv-aula` (lower case, 2–64 of a-z 0-9 - _ .)."""
    name = "-".join(str(raw or "").strip().lower().split())
    if not 2 <= len(name) <= 64 or not set(name) <= _NAME_CHARS:
        raise InputError(f"nama PC tidak sah: {raw!r} (huruf kecil, angka, - _ . ; mis. loket-2)")
    return name


# --- on the hub ---------------------------------------------------------------------------------------------

def create_pairing(session: Session, *, now: datetime, minutes: int) -> str:
    """A new one-time code, valid for `minutes`; only its hash is stored."""
    if not 1 <= minutes <= MAX_MINUTES:
        raise InputError(f"--minutes harus 1..{MAX_MINUTES}")
    code = new_code()
    session.add(HubPairing(code_hash=code_key(code), created_at=now, expires_at=now + timedelta(minutes=minutes)))
    return code


def redeem(session: Session, *, proof_hex: str, nonce: str, fingerprint: str, now: datetime) -> HubPairing:
    """The open pairing whose code made `proof_hex`; it is used up. AuthError when none did."""
    candidates = session.scalars(select(HubPairing).where(HubPairing.used_at.is_(None), HubPairing.expires_at > now))
    found = None
    for pairing in candidates:  # a handful at most; every one is compared, in constant time
        if hmac.compare_digest(proof(pairing.code_hash, "join", fingerprint, nonce), str(proof_hex)):
            found = pairing
    if found is None:
        raise AuthError("kode pasangan salah, kedaluwarsa atau sudah dipakai (pairing code refused)")
    found.used_at = now
    return found


def expire_all(session: Session, *, now: datetime) -> int:
    """Close every open pairing (too many wrong tries: somebody is guessing)."""
    rows = list(session.scalars(select(HubPairing).where(HubPairing.used_at.is_(None), HubPairing.expires_at > now)))
    for row in rows:
        row.expires_at = now
    return len(rows)


def add_client(session: Session, *, name: str, now: datetime, address: str | None,
               serve_url: str | None) -> str:
    """Let a PC in under `name` and return its new device token (a PC joining again gets a new one)."""
    token = secrets.token_urlsafe(32)
    client = session.scalar(select(HubClient).where(HubClient.name == name))
    if client is None:
        client = HubClient(name=name, created_at=now)
        session.add(client)
    client.token_hash = token_hash(token)
    client.removed_at = None
    client.address, client.serve_url, client.last_seen, client.cursor = address, serve_url, now, None
    return token


def authenticate(session: Session, token: str | None) -> HubClient | None:
    """The active client holding `token`, or None."""
    if not token:
        return None
    client = session.scalar(select(HubClient).where(HubClient.token_hash == token_hash(token)))
    if client is None or client.removed_at is not None:
        return None
    return client


def remove_client(session: Session, name: str, *, now: datetime) -> HubClient:
    """The PC's token stops working at once."""
    client = session.scalar(select(HubClient).where(HubClient.name == normalise_name(name)))
    if client is None or client.removed_at is not None:
        raise InputError(f"tidak ada PC bernama {name!r} di hub ini (lihat `kiosk hub status`)")
    client.removed_at = now
    return client


def clients(session: Session) -> list[HubClient]:
    """The PCs joined to this hub (removed ones left out)."""
    return list(session.scalars(select(HubClient).where(HubClient.removed_at.is_(None)).order_by(HubClient.name)))


def successor_proof(token_hash_hex: str, nonce: str, fingerprint: str, epoch: int) -> str:
    """A promoted hub proves it holds the site's replica (and so the joined PCs' token hashes) to a PC that
    followed the old hub: HMAC keyed by that PC's token hash. An outsider cannot make it."""
    message = f"successor|{fingerprint.lower()}|{nonce}|{epoch}".encode()
    return hmac.new(token_hash_hex.encode(), message, hashlib.sha256).hexdigest()
