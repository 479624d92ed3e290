"""A fake ESC/POS network printer on a loopback TCP port, for tests and the bench.

It records every connection's bytes and answers DLE EOT status like a real printer would, in a mode:
    online      answers "online, paper ok, cover closed"
    near_end    paper near its end (still prints)
    paper_out   roll paper end (offline, printing stopped)
    cover_open  cover open (offline)
    silent      reads everything, never answers status (a printer without DLE EOT, or hung firmware)
    stall       accepts the connection and never reads or answers
    drop        answers status, then resets the connection after `drop_after` bytes of print data
    hang        answers status until print data arrives, then goes quiet (took the job, never confirms)
    empty       closes the connection instead of answering status (an empty reply)
`script` is a list of modes used by the next connections, one each, before falling back to `mode`.
Graphics data (GS v 0, GS ( k, GS ( L) is skipped when looking for DLE EOT, as a printer does.
"""

from __future__ import annotations

import socket
import struct
import threading
import time

ONLINE_BYTE = 0x12  # bits 1 and 4 are always set in a DLE EOT reply
REPLIES = {
    # mode: (DLE EOT 1 printer, DLE EOT 2 offline cause, DLE EOT 4 roll paper)
    "online": (0x12, 0x12, 0x12),
    "near_end": (0x12, 0x12, 0x1E),
    "paper_out": (0x1A, 0x32, 0x72),
    "cover_open": (0x1A, 0x16, 0x12),
    "drop": (0x12, 0x12, 0x12),
}
CUT = b"\x1dV"  # GS V: the cut at the end of a document
TEAR_OFF = b"\x1bd\x04"  # ESC d 4: the end of a document on a printer without cutter


class Connection:
    def __init__(self, mode: str):
        self.mode = mode
        self.data = bytearray()
        self.print_bytes = 0  # bytes that are not real-time status requests
        self.closed = False
        self.status_requests = 0


class FakePrinter:
    """Use as a context manager; `uri` is its escpos+tcp:// URI."""

    def __init__(self, mode: str = "online", *, drop_after: int = 64):
        self.mode = mode
        self.script: list[str] = []
        self.drop_after = drop_after
        self.connections: list[Connection] = []
        self._cond = threading.Condition()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self.port = self._server.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._running = True
        self._closing = threading.Event()
        self._accept = threading.Thread(target=self._accept_loop, daemon=True, name="fake-printer")
        self._accept.start()

    @property
    def uri(self) -> str:
        return f"escpos+tcp://127.0.0.1:{self.port}"

    def __enter__(self) -> FakePrinter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._running = False
        self._closing.set()
        try:
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone does not
        except OSError:
            pass
        self._server.close()
        self._accept.join(2)
        for sock in list(self._sockets):
            try:
                sock.close()
            except OSError:
                pass
        for thread in self._threads:
            thread.join(2)

    # --- what was printed --------------------------------------------------------------------------

    def jobs(self) -> list[bytes]:
        """The bytes of every connection that carried print data (not only status requests)."""
        with self._cond:
            return [bytes(c.data) for c in self.connections if c.print_bytes]

    def complete_jobs(self) -> list[bytes]:
        """Jobs that arrived whole: their connection ended normally and they reached the end of the document."""
        with self._cond:
            return [bytes(c.data) for c in self.connections
                    if c.print_bytes and c.mode not in ("drop", "stall") and c.closed
                    and (CUT in c.data or TEAR_OFF in c.data)]

    def wait_until(self, predicate, timeout: float = 10.0) -> bool:
        """Wait (bounded) until predicate() is true; re-checked on every byte or connection change."""
        end = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            return True

    # --- server ----------------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while self._running:
            try:
                sock, _ = self._server.accept()
            except OSError:
                return
            with self._cond:
                mode = self.script.pop(0) if self.script else self.mode
                conn = Connection(mode)
                self.connections.append(conn)
                self._sockets.append(sock)
                self._cond.notify_all()
            thread = threading.Thread(target=self._serve, args=(sock, conn), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket, conn: Connection) -> None:
        pending = b""
        try:
            if conn.mode == "stall":
                self._closing.wait()  # hold the connection, read nothing, until the fake is closed
                return
            while self._running:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                with self._cond:
                    conn.data += chunk
                    self._cond.notify_all()
                pending += chunk
                pending, requests, printed = _scan(pending)
                with self._cond:
                    conn.print_bytes += printed
                    conn.status_requests += len(requests)
                    self._cond.notify_all()
                if conn.mode == "drop" and conn.print_bytes >= self.drop_after:
                    # A pulled cable: reset, not a polite close.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
                for n in requests:
                    if conn.mode == "empty":
                        raise ConnectionAbortedError
                    if conn.mode == "hang" and conn.print_bytes == 0:
                        sock.sendall(bytes([REPLIES["online"][{1: 0, 2: 1, 4: 2}.get(n, 0)]]))
                    elif conn.mode in REPLIES:
                        sock.sendall(bytes([REPLIES[conn.mode][{1: 0, 2: 1, 4: 2}.get(n, 0)]]))
        except OSError:
            pass
        finally:
            try:
                sock.close()
            except OSError:
                pass
            with self._cond:
                conn.closed = True
                self._cond.notify_all()


def _scan(buf: bytes) -> tuple[bytes, list[int], int]:
    """Find DLE EOT n requests, skipping graphics payloads; returns (unparsed tail, requests, print bytes)."""
    i, requests, printed = 0, [], 0
    while i < len(buf):
        if buf[i] == 0x10:
            if len(buf) - i < 3:
                break
            if buf[i + 1] == 0x04:
                requests.append(buf[i + 2])
                i += 3
                continue
        if buf[i] == 0x1D and len(buf) - i < 2:
            break
        if buf[i] == 0x1D and buf[i + 1] in (0x76, 0x28):
            if buf[i + 1] == 0x76:  # GS v 0 m xL xH yL yH data
                if len(buf) - i < 8:
                    break
                xl, xh, yl, yh = buf[i + 4: i + 8]
                size = 8 + (xl + 256 * xh) * (yl + 256 * yh)
            else:  # GS ( k / GS ( L pL pH data
                if len(buf) - i < 5:
                    break
                size = 5 + buf[i + 3] + 256 * buf[i + 4]
            if len(buf) - i < size:
                break
            printed += size
            i += size
            continue
        printed += 1
        i += 1
    return buf[i:], requests, printed
