"""Loopback proxies for sync tests and benches: real sockets between the kiosk and kiosk-server.

`FaultProxy` understands HTTP/1.1 request/response framing and applies planned faults to matching
requests: drop the request, drop the response after the server committed, delay, cut the request or
the response mid-body, answer 5xx itself, or hold the response until the test releases it (so a test
can kill a client at a known point without sleeping).

`ShapedLink` is a byte pump that models a slow link: a bandwidth limit and a one-way latency in each
direction (256 kbit/s and 600 ms RTT for the VSAT/3G bench), counting the bytes on the wire.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field

DROP_REQUEST = "drop_request"
DROP_RESPONSE = "drop_response"
DELAY = "delay"
CUT_REQUEST = "cut_request"
CUT_RESPONSE = "cut_response"
ERROR_5XX = "error_5xx"
HOLD_RESPONSE = "hold_response"
FAULTS = (DROP_REQUEST, DROP_RESPONSE, DELAY, CUT_REQUEST, CUT_RESPONSE, ERROR_5XX, HOLD_RESPONSE)
HOLD_LIMIT = 120.0  # a held response is released after this, whatever the test does


@dataclass
class Fault:
    kind: str
    path: str = ""  # applies to requests whose path starts with this
    seconds: float = 0.0  # DELAY
    skip: int = 0  # let this many matching requests through first
    times: int = 1  # then apply to this many
    reached: threading.Event = field(default_factory=threading.Event)  # set when first applied
    release: threading.Event = field(default_factory=threading.Event)  # HOLD_RESPONSE: let it go
    responded: threading.Event = field(default_factory=threading.Event)  # the server answered (committed)
    applied: int = 0

    def __post_init__(self):
        if self.kind not in FAULTS:
            raise ValueError(f"unknown fault {self.kind!r}")


@dataclass
class Exchange:
    method: str
    path: str
    status: int | None
    fault: str | None


def _close_listener(sock: socket.socket) -> None:
    # shutdown() wakes a thread blocked in accept(); close() alone does not on Linux.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


def _recv_until(sock: socket.socket, buf: bytearray, marker: bytes) -> int:
    while True:
        idx = buf.find(marker)
        if idx >= 0:
            return idx
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError
        buf += chunk


def _recv_exact(sock: socket.socket, buf: bytearray, n: int) -> bytes:
    while len(buf) < n:
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError
        buf += chunk
    out = bytes(buf[:n])
    del buf[:n]
    return out


def read_message(sock: socket.socket, buf: bytearray, *, response: bool) -> tuple[bytes, bytes, dict]:
    """One HTTP/1.1 message: (head incl. blank line, body as sent on the wire, lower-cased headers)."""
    end = _recv_until(sock, buf, b"\r\n\r\n")
    head = bytes(buf[:end + 4])
    del buf[:end + 4]
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    headers[":start"] = lines[0]
    if "content-length" in headers:
        return head, _recv_exact(sock, buf, int(headers["content-length"])), headers
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            idx = _recv_until(sock, buf, b"\r\n")
            size_line = bytes(buf[:idx + 2])
            del buf[:idx + 2]
            body += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            body += _recv_exact(sock, buf, size + 2)
            if size == 0:
                return head, bytes(body), headers
    if response:  # no length: until the server closes
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                buf += chunk
        body = bytes(buf)
        buf.clear()
        return head, body, headers
    return head, b"", headers


class FaultProxy:
    """An HTTP-aware proxy on a free loopback port in front of `upstream` (host, port)."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.faults: list[Fault] = []
        self.log: list[Exchange] = []
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._closing = threading.Event()
        self._conns: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, name="faultproxy", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._closing.set()
        for fault in self.faults:
            fault.release.set()
        _close_listener(self._sock)
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def add(self, kind: str, path: str = "", **kw) -> Fault:
        fault = Fault(kind, path, **kw)
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            for fault in self.faults:
                fault.release.set()
            self.faults = []

    def count(self, path: str = "", fault: str | None = None) -> int:
        with self._lock:
            return sum(1 for e in self.log if e.path.startswith(path) and (fault is None or e.fault == fault))

    def _pick(self, path: str) -> Fault | None:
        """The first eligible fault for this request; every matching request counts down every `skip`."""
        chosen = None
        with self._lock:
            for fault in self.faults:
                if not path.startswith(fault.path):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                elif chosen is None and fault.applied < fault.times:
                    fault.applied += 1
                    chosen = fault
        return chosen

    # --- plumbing ------------------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                self._conns.add(conn)
            threading.Thread(target=self._serve, args=(conn,), name="faultproxy-conn", daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        buf = bytearray()
        try:
            while not self._closing.is_set():
                try:
                    head, body, headers = read_message(client, buf, response=False)
                except (EOFError, OSError):
                    return
                method, path = (headers[":start"].split(" ") + ["", ""])[:2]
                fault = self._pick(path)
                kind = fault.kind if fault else None
                if fault:
                    fault.reached.set()
                status = self._exchange(client, head, body, fault)
                with self._lock:
                    self.log.append(Exchange(method, path, status, kind))
                if status is None or headers.get("connection", "").lower() == "close":
                    return
        finally:
            with self._lock:
                self._conns.discard(client)
            with contextlib.suppress(OSError):
                client.close()

    def _exchange(self, client: socket.socket, head: bytes, body: bytes, fault: Fault | None) -> int | None:
        """Forward one request and its response, applying the fault; None when the connection must end."""
        kind = fault.kind if fault else None
        if kind == DROP_REQUEST:
            return None
        if kind == ERROR_5XX:
            text = b'{"error":"unavailable","message":"injected by faultproxy"}'
            client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                           b"Content-Length: " + str(len(text)).encode() + b"\r\nConnection: close\r\n\r\n" + text)
            return None
        if kind == DELAY:
            self._closing.wait(fault.seconds)
        upstream = socket.create_connection(self.upstream, timeout=60)
        try:
            if kind == CUT_REQUEST:
                upstream.sendall(head + body[: len(body) // 2])
                return None
            upstream.sendall(head + body)
            rhead, rbody, rheaders = read_message(upstream, bytearray(), response=True)
        except (EOFError, OSError):
            return None
        finally:
            with contextlib.suppress(OSError):
                upstream.close()
        status = int(rheaders[":start"].split(" ")[1])
        if fault is not None:
            fault.responded.set()
        if kind == DROP_RESPONSE:
            return None
        if kind == HOLD_RESPONSE:
            fault.release.wait(HOLD_LIMIT)
        try:
            if kind == CUT_RESPONSE:
                client.sendall(rhead + rbody[: len(rbody) // 2])
                return None
            client.sendall(rhead + rbody)
        except OSError:
            return None
        return status


class ShapedLink:
    """A TCP byte pump with a bandwidth limit and one-way latency per direction; counts wire bytes."""

    def __init__(self, upstream_port: int, *, rate_bps: int = 256_000, rtt: float = 0.6,
                 upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.rate = rate_bps / 8.0  # bytes per second
        self.one_way = rtt / 2
        self.bytes_up = 0
        self.bytes_down = 0
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self._closing = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def wire_bytes(self) -> int:
        return self.bytes_up + self.bytes_down

    def start(self) -> ShapedLink:
        t = threading.Thread(target=self._accept, name="shapedlink", daemon=True)
        t.start()
        self._threads.append(t)
        return self

    def stop(self) -> None:
        self._closing.set()
        _close_listener(self._sock)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            # The TCP handshake crosses the link too: one round trip before the first byte.
            upstream = socket.create_connection(self.upstream)
            for src, dst, up in ((client, upstream, True), (upstream, client, False)):
                t = threading.Thread(target=self._pump, args=(src, dst, up), daemon=True)
                t.start()

    def _pump(self, src: socket.socket, dst: socket.socket, up: bool) -> None:
        """Serialise at `rate`, deliver `one_way` later; read no more than ~0.2 s ahead (backpressure)."""
        queue: deque = deque()
        ready = threading.Condition()
        done = []

        def writer():
            while True:
                with ready:
                    while not queue and not done:
                        ready.wait(1.0)
                    if not queue and done:
                        break
                    deliver_at, chunk = queue.popleft()
                pause = deliver_at - time.monotonic()
                if pause > 0:
                    time.sleep(pause)  # the link's latency: this *is* the simulation
                try:
                    dst.sendall(chunk)
                except OSError:
                    break
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

        w = threading.Thread(target=writer, daemon=True)
        w.start()
        free_at = time.monotonic()
        try:
            while not self._closing.is_set():
                ahead = free_at - time.monotonic()
                if ahead > 0.2:
                    time.sleep(ahead - 0.2)  # backpressure: the sender waits as on a real slow link
                chunk = src.recv(1460)
                if not chunk:
                    break
                now = time.monotonic()
                start = max(now, free_at)
                free_at = start + len(chunk) / self.rate
                with self._lock:
                    if up:
                        self.bytes_up += len(chunk)
                    else:
                        self.bytes_down += len(chunk)
                with ready:
                    queue.append((free_at + self.one_way, chunk))
                    ready.notify()
        except OSError:
            pass
        finally:
            with ready:
                done.append(True)
                ready.notify()
            w.join(timeout=30)
