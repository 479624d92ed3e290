"""Why a connection failed, in words a technician can act on: one place for the setup wizard's server
test, the hub join and the doctor, whatever library (requests, urllib3, ssl, socket) raised."""

from __future__ import annotations

import socket


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and what it wraps: __cause__/__context__, URLError.reason, urllib3's .reason, exceptions in args."""
    seen: list[BaseException] = []
    todo = [exc]
    while todo and len(seen) < 20:
        current = todo.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        for inner in (current.__cause__, current.__context__, getattr(current, "reason", None),
                      *(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))):
            if isinstance(inner, BaseException):
                todo.append(inner)
    return seen


def network_words(exc: BaseException, timeout: float | None = None, what: str = "server") -> str:
    """Why a connection failed, in Indonesian words a technician can act on (`what`: server, hub)."""
    import errno
    import ssl

    causes = _causes(exc)
    text = " ".join(str(c) for c in causes).lower()
    codes = {getattr(c, "errno", None) for c in causes} | {getattr(c, "winerror", None) for c in causes}
    if any(isinstance(c, socket.gaierror) for c in causes) or any(
            words in text for words in ("name or service not known", "getaddrinfo failed", "nodename nor servname",
                                        "temporary failure in name resolution", "no address associated")):
        return f"nama {what} tidak dikenal: periksa ejaan alamatnya, atau DNS dan jaringan PC ini"
    if any(isinstance(c, ssl.SSLCertVerificationError) for c in causes) or "certificate verify failed" in text:
        return f"sertifikat HTTPS {what} tidak dipercaya: tanggal dan jam PC ini benar? alamatnya benar?"
    if any(isinstance(c, ssl.SSLError) for c in causes):
        return "sambungan HTTPS gagal: alamat ini tidak melayani HTTPS (coba http://, atau periksa port)"
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or codes & {errno.ECONNREFUSED, 10061}:
        return f"{what} menolak sambungan: tidak ada layanan di alamat dan port itu (port salah, atau {what} mati)"
    if any(isinstance(c, TimeoutError | socket.timeout) for c in causes) or "timed out" in text:
        within = f" dalam {timeout:g} detik" if timeout else ""
        return f"{what} tidak menjawab{within}: jaringan lambat atau terputus, atau alamatnya salah"
    if codes & {errno.ENETUNREACH, errno.EHOSTUNREACH, 10051, 10065}:
        return f"tidak ada jalur jaringan ke {what}: periksa kabel/Wi-Fi, atau alamatnya di luar jaringan ini"
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return f"sambungan diputus oleh {what} atau jaringan: coba lagi"
    return f"sambungan gagal ({type(exc).__name__}): periksa alamat dan jaringan"
