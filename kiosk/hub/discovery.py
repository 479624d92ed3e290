"""Finding the site's hub on the LAN (mDNS / DNS-SD through python-zeroconf), and this PC's addresses.

The hub announces `_minimpp._tcp` with its site, epoch and certificate fingerprint; `kiosk join`
without `--hub` and a PC looking for a promoted hub browse for it. A find only suggests an address:
trust comes from the pairing proofs (joining) or the successor proof (following a promoted hub).
"""

from __future__ import annotations

import logging
import socket
import threading
import time

log = logging.getLogger(__name__)

SERVICE = "_minimpp._tcp.local."


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses, LAN ones first, loopback last."""
    try:
        import ifaddr

        found = [ip.ip for adapter in ifaddr.get_adapters() for ip in adapter.ips if isinstance(ip.ip, str)]
    except Exception as exc:  # an odd network stack: fall back to the name's address
        log.info("listing network adapters failed: %s", exc)
        found = [socket.gethostbyname(socket.gethostname())]
    ordered = sorted(set(found), key=lambda ip: (ip.startswith("127."), ip))
    return ordered or ["127.0.0.1"]


def urls(port: int) -> list[str]:
    return [f"https://{ip}:{port}" for ip in lan_addresses()]


class Advertiser:
    """Announces this hub on the LAN while it serves; `close()` withdraws it."""

    def __init__(self, *, site: str, port: int, epoch: int, fingerprint: str, name: str, host: str = "0.0.0.0"):
        from zeroconf import IPVersion, ServiceInfo, Zeroconf

        self._zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
        label = "".join(ch if ch.isalnum() else "-" for ch in f"minimpp-{site}-{name}")[:60]
        addresses = lan_addresses() if host in ("", "0.0.0.0") else [host]  # only where it really listens
        self._info = ServiceInfo(
            SERVICE, f"{label}.{SERVICE}", port=port,
            addresses=[socket.inet_aton(ip) for ip in addresses],
            properties={"site": site, "epoch": str(epoch), "fp": fingerprint, "v": "1"},
            server=f"{label}.local.")
        self._zeroconf.register_service(self._info, allow_name_change=True)

    def close(self) -> None:
        try:
            self._zeroconf.unregister_service(self._info)
        finally:
            self._zeroconf.close()


def advertise(**kwargs) -> Advertiser | None:
    """Start announcing; None (and a log line) where the network does not allow multicast."""
    try:
        return Advertiser(**kwargs)
    except Exception as exc:  # multicast refused or no interface: joining by address still works
        log.warning("announcing the hub on the LAN failed (join with --hub https://ADDRESS:PORT): %s", exc)
        return None


def find(site: str | None = None, timeout: float = 3.0) -> list[dict]:
    """Hubs announced on the LAN within `timeout`: [{url, site, epoch, fingerprint}], newest epoch first."""
    from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

    names: list[str] = []
    arrived = threading.Event()

    def changed(zeroconf, service_type, name, state_change) -> None:
        if state_change is ServiceStateChange.Added:
            names.append(name)
            arrived.set()

    def resolve(name: str) -> list[dict]:
        info = zeroconf.get_service_info(SERVICE, name, timeout=1500)
        if info is None:
            return []
        props = {k.decode(): (v or b"").decode() for k, v in info.properties.items()}
        if site and props.get("site") != site:
            return []
        return [{"url": f"https://{address}:{info.port}", "site": props.get("site"),
                 "epoch": int(props.get("epoch") or 0), "fingerprint": props.get("fp")}
                for address in info.parsed_addresses()]

    zeroconf = Zeroconf(ip_version=IPVersion.V4Only)
    found: list[dict] = []
    try:
        ServiceBrowser(zeroconf, SERVICE, handlers=[changed])
        deadline = time.monotonic() + timeout
        seen = 0

        def drain() -> None:  # resolve the names announced since the last look
            nonlocal seen
            while seen < len(names):
                found.extend(resolve(names[seen]))
                seen += 1

        # Until the first matching hub answers (another site's hub on the same LAN does not end the
        # search), then a moment more for the others of the site to answer.
        while not found and time.monotonic() < deadline:
            arrived.wait(max(0.0, deadline - time.monotonic()))
            arrived.clear()
            drain()
        if found:
            time.sleep(min(0.3, max(0.0, deadline - time.monotonic())))
            drain()
    finally:
        zeroconf.close()
    return sorted(found, key=lambda hub: (-hub["epoch"], hub["url"].startswith("https://127.")))
