"""The hub's own TLS certificate: self-signed, made once, kept in the data dir, pinned by joined PCs.

Joined PCs do not check a name or a CA (an office LAN has neither); they pin the SHA-256 fingerprint
they agreed on when they joined (see `kiosk.hub.pairing`).
"""

from __future__ import annotations

import hashlib
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

CERT_FILE, KEY_FILE = "hub-cert.pem", "hub-key.pem"
VALID_DAYS = 20 * 365


def paths(data_dir: Path) -> tuple[Path, Path]:
    folder = data_dir / "hub"
    return folder / CERT_FILE, folder / KEY_FILE


def ensure(data_dir: Path, site_name: str) -> tuple[Path, Path]:
    """The certificate and key files, made on first use (key readable by this user only)."""
    cert_path, key_path = paths(data_dir)
    if cert_path.exists() and key_path.exists():
        return cert_path, key_path
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Mini MPP hub {site_name}"[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Mini MPP Kiosk")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(socket.gethostname() or "localhost")]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(cert_path.parent, 0o700)
    tmp_key = key_path.with_suffix(".tmp")
    fd = os.open(tmp_key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    os.replace(tmp_key, key_path)
    tmp_cert = cert_path.with_suffix(".tmp")
    tmp_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    os.replace(tmp_cert, cert_path)
    return cert_path, key_path


def fingerprint_of_pem(pem: str | bytes) -> str:
    """SHA-256 of a certificate's DER bytes, lower-case hex (what `hub pair` prints and PCs pin)."""
    import ssl

    text = pem.decode() if isinstance(pem, bytes) else pem
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(text)).hexdigest()


def fingerprint(data_dir: Path) -> str | None:
    cert_path, _ = paths(data_dir)
    return fingerprint_of_pem(cert_path.read_bytes()) if cert_path.exists() else None


def pretty(fp: str) -> str:
    """`ab12...` -> `AB:12:...` (how a technician compares it by eye)."""
    return ":".join(fp[i:i + 2] for i in range(0, len(fp), 2)).upper()


def normalise(text: str) -> str:
    """A typed fingerprint, with or without colons/spaces, as lower-case hex."""
    return "".join(ch for ch in str(text or "").lower() if ch in "0123456789abcdef")
