"""HTTP client of the site hub (requests), for a joined PC: ops, replica pages, live events, joining.

The hub's certificate is self-signed; the client pins its SHA-256 fingerprint (urllib3's
`assert_fingerprint`), so neither a name nor a CA is needed and a machine in the middle is refused.
Every request carries the PC's device token. A hub that does not answer within a second and a half
is unreachable (`HubUnreachable`, exit code 1): the caller spools, reads its replica, or says so.
"""

from __future__ import annotations

import json
import secrets
import ssl
from collections.abc import Iterator
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter

from kiosk.errors import InputError, KioskError

CONNECT_TIMEOUT = 1.5
READ_TIMEOUT = 15.0
EVENT_TIMEOUT = 3.0  # the hub pings every second: three seconds of silence means it is away
WRITE_RETRIES = 2  # a write whose answer was lost is sent again with the same key (the hub answers once)


class HubUnreachable(KioskError):
    """The hub does not answer (exit code 1). `sent`: the request may have reached it (the answer was lost)."""

    def __init__(self, message: str = "Hub tidak terhubung (hub unreachable)", sent: bool = False):
        super().__init__(message)
        self.sent = sent


class FingerprintMismatch(InputError):
    """The hub presented another certificate than the one pinned or typed."""


class NotTheHub(KioskError):
    """The PC asked stood down: another PC holds the site now (its URL in `hub_url`)."""

    def __init__(self, message: str, hub_url: str | None = None):
        super().__init__(message)
        self.hub_url = hub_url


def check_url(url: str) -> str:
    """`https://host:port` of a hub (the port defaults to 8710)."""
    text = str(url or "").strip().rstrip("/")
    if "://" not in text:
        text = "https://" + text
    parsed = urlparse(text)
    if parsed.scheme != "https" or not parsed.hostname:
        raise InputError(f"alamat hub harus https://HOST:PORT, bukan {url!r}")
    try:
        port = parsed.port or 8710
    except ValueError:
        raise InputError(f"port hub tidak sah: {url!r}") from None
    return f"https://{parsed.hostname}:{port}"


def fetch_fingerprint(url: str, timeout: float = CONNECT_TIMEOUT) -> str:
    """The SHA-256 fingerprint of the certificate the hub at `url` presents now."""
    import hashlib
    import socket

    parsed = urlparse(check_url(url))
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # not trusted for anything: only to read the certificate to pin
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=timeout) as raw, \
                context.wrap_socket(raw, server_hostname=parsed.hostname) as tls:
            der = tls.getpeercert(binary_form=True)
    except (OSError, ssl.SSLError) as exc:
        raise HubUnreachable(f"hub {url} tidak terhubung: {exc.strerror or exc} (hub unreachable)") from None
    return hashlib.sha256(der).hexdigest()


def _refused(exc: BaseException) -> bool:
    """Whether a connection error happened before anything was sent (refused, no route, name unknown)."""
    text = repr(exc)
    return any(word in text for word in ("NewConnectionError", "Connection refused", "No route", "Name or service",
                                         "ConnectTimeout", "Failed to establish"))


class _PinnedAdapter(HTTPAdapter):
    """Accept exactly the certificate with this fingerprint, whatever its name or issuer."""

    def __init__(self, fingerprint: str, **kwargs):
        self._fingerprint = fingerprint
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["assert_fingerprint"] = self._fingerprint
        kwargs["cert_reqs"] = "CERT_NONE"
        super().init_poolmanager(*args, **kwargs)

    def cert_verify(self, conn, url, verify, cert):
        super().cert_verify(conn, url, False, cert)  # the pool checks the fingerprint instead of a CA


class HubClient:
    """Calls to one hub at `url` whose certificate must have `fingerprint`, as the PC holding `token`."""

    def __init__(self, url: str, fingerprint: str, token: str | None = None):
        self.url = check_url(url)
        self.fingerprint = fingerprint
        self.token = token
        self.session = requests.Session()
        self.session.mount("https://", _PinnedAdapter(fingerprint))
        self.session.verify = False
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # --- plumbing ------------------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, timeout: float = READ_TIMEOUT, **kwargs) -> requests.Response:
        try:
            return self.session.request(method, self.url + path, timeout=(CONNECT_TIMEOUT, timeout), **kwargs)
        except requests.exceptions.SSLError as exc:
            if "fingerprint" in str(exc).lower():
                raise FingerprintMismatch(
                    f"sertifikat hub {self.url} tidak cocok dengan yang dipasangkan: mungkin ada perangkat lain "
                    "di tengah jaringan, atau hub dipasang ulang — pasangkan lagi (certificate mismatch)") from None
            raise HubUnreachable(f"hub {self.url} tidak terhubung: {exc} (hub unreachable)") from None
        except (requests.exceptions.ConnectTimeout, requests.exceptions.InvalidURL) as exc:
            raise HubUnreachable(f"Hub tidak terhubung ({self.url}): {type(exc).__name__}") from None
        except requests.exceptions.ConnectionError as exc:
            # Refused or unroutable: nothing was sent. A reset or a read timeout: it may have arrived.
            sent = not _refused(exc)
            raise HubUnreachable(f"Hub tidak terhubung ({self.url}): {type(exc).__name__}", sent=sent) from None
        except requests.exceptions.RequestException as exc:
            raise HubUnreachable(f"Hub tidak terhubung ({self.url}): {type(exc).__name__}", sent=True) from None

    @staticmethod
    def _raise_for(response: requests.Response) -> dict:
        try:
            body = response.json()
        except ValueError:
            body = {"message": response.text[:200]}
        if response.status_code == 200:
            return body
        if body.get("error") == "NotTheHub":
            raise NotTheHub(body.get("message") or "PC ini bukan hub lagi", body.get("hub_url"))
        from kiosk.hub.requests import error_class

        message = body.get("message") or f"hub menjawab {response.status_code}"
        error = error_class(str(body.get("error") or ""))(message)
        if response.status_code >= 500:
            raise HubUnreachable(f"hub gagal ({response.status_code}): {message}")
        if body.get("exit_code") in (1, 2) and error.exit_code != body["exit_code"]:
            error.exit_code = body["exit_code"]
        raise error

    # --- the API ---------------------------------------------------------------------------------------

    def hello(self, timeout: float = CONNECT_TIMEOUT) -> dict:
        return self._raise_for(self._request("GET", "/hub/hello", timeout=timeout))

    def call(self, name: str, args: dict, *, actor: str, key: str | None = None) -> object:
        """Run the site op `name` at the hub; a write (with `key`) is resent on a lost answer."""
        body = {"args": args, "actor": actor, "key": key}
        attempts = WRITE_RETRIES + 1 if key else 1
        for attempt in range(attempts):
            try:
                return self._raise_for(self._request("POST", f"/ops/{name}", json=body))["result"]
            except HubUnreachable as exc:
                if not exc.sent or attempt + 1 >= attempts:
                    raise
        raise AssertionError("unreachable")

    def replica_page(self, cursor: str) -> dict:
        return self._raise_for(self._request("GET", "/replica", params={"cursor": cursor}))

    def events(self) -> Iterator[dict]:
        """The hub's live events ({"head": change id}); ends with HubUnreachable after EVENT_TIMEOUT of silence."""
        response = self._request("GET", "/events", stream=True, timeout=EVENT_TIMEOUT)
        if response.status_code != 200:
            self._raise_for(response)
        event = None
        try:
            for line in response.iter_lines(decode_unicode=True):
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    yield {"event": event, **json.loads(line[5:])}
                elif line.startswith(":"):
                    yield {"event": "ping"}
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise HubUnreachable(f"Hub tidak terhubung: {type(exc).__name__}") from None
        finally:
            response.close()
        raise HubUnreachable("Hub menutup sambungan (hub closed the stream)")

    def fence(self, epoch: int, hub_url: str) -> dict:
        return self._raise_for(self._request("POST", "/hub/fence", json={"epoch": epoch, "hub_url": hub_url}))

    def successor(self, nonce: str) -> dict:
        return self._raise_for(self._request("POST", "/hub/successor", json={"nonce": nonce}))


def join(url: str, code_key: str, *, name: str, serve_url: str | None, fingerprint: str | None) -> dict:
    """Join the hub at `url` with a pairing code (given as its `code_key`): {token, fingerprint, site, ...}.

    The certificate seen is checked against `fingerprint` when the technician typed one, and in any case
    bound to the code by the proofs (see `kiosk.hub.pairing`)."""
    from kiosk.hub import certs, pairing

    seen = fetch_fingerprint(url)
    if fingerprint and certs.normalise(fingerprint) != seen:
        raise FingerprintMismatch(f"sidik jari sertifikat hub {certs.pretty(seen)[:23]}… tidak sama dengan yang "
                                  "diketik (--fingerprint): jangan lanjutkan, periksa alamat hub (fingerprint mismatch)")
    nonce = secrets.token_hex(16)
    with HubClient(url, seen) as client:
        response = client._request("POST", "/hub/join", json={
            "name": name, "nonce": nonce, "proof": pairing.proof(code_key, "join", seen, nonce),
            "serve_url": serve_url})
        if response.status_code == 401:
            raise InputError("kode pasangan ditolak hub: salah ketik, kedaluwarsa atau sudah dipakai "
                             "(pairing code refused)")
        answer = HubClient._raise_for(response)
    if answer.get("hub_proof") != pairing.proof(code_key, "hub", seen, nonce):
        raise FingerprintMismatch("hub tidak membuktikan kode pasangan: jangan lanjutkan (hub proof failed)")
    return {**answer, "fingerprint": seen, "url": check_url(url)}
