"""What central refuses before doing any work: bodies bounded while read, strangers before parsing, rate
limits, the docs pages; the OpenAPI document describes push and pull, and a schema fuzzer finds no 500."""

from __future__ import annotations

import gzip
import json
import socket
import subprocess
import sys
import uuid

import pytest
import requests

from mpp import wire
from tests.synctools import (
    NO_RATE_LIMITS,
    TABANG,
    ServerProcess,
    assert_exactly_once,
    central_fixture,
    kiosk_factory_fixture,
)
from tests.test_central_api import HEADERS, Device, issued, regno_for

central = central_fixture()


def test_a_chunked_body_is_counted_while_it_arrives_and_refused_past_the_limit(central):
    device = Device(central, TABANG)
    head = (f"POST /api/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            f"Content-Encoding: gzip\r\nAuthorization: Bearer {device.id}:{device.secret}\r\n"
            f"{wire.HEADER_PROTOCOL}: 1\r\n{wire.HEADER_SCHEMA}: 1\r\n\r\n").encode()
    chunk = b"x" * 65536
    sent, offered = 0, 64 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", central.port), timeout=30) as sock:
        sock.sendall(head)
        sock.settimeout(0.5)
        answer = b""
        while sent < offered:
            try:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
            except OSError:
                break  # central stopped reading and closed: the rest never left this side
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except TimeoutError:
                continue
        sock.settimeout(10)
        try:
            while b"\r\n\r\n" not in answer:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        except OSError:
            pass
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent < 16 * 1024 * 1024, sent  # the 2 MiB limit plus what the kernel buffers, not 64 MiB


def test_a_stranger_is_refused_before_the_body_is_parsed(central):
    url = central.url + "/api/v1/push"
    bomb = gzip.compress(b"[" * 10_000_000)  # 10 MB of nesting in ~10 KB: never inflated for a stranger
    for auth in (None, "Bearer nobody:nothing", f"Bearer {uuid.uuid4()}:wrong"):
        headers = {**HEADERS, "Content-Encoding": "gzip", **({"Authorization": auth} if auth else {})}
        for body in (bomb, b"not gzip at all"):
            reply = requests.post(url, data=body, headers=headers, timeout=30)
            assert reply.status_code == 401, (auth, reply.status_code, reply.text[:100])


def test_docs_pages_are_off_unless_asked_for_and_openapi_describes_push_and_pull(central, tmp_path):
    for path in ("/docs", "/redoc"):
        assert requests.get(central.url + path, timeout=10).status_code == 404
    spec = requests.get(central.url + "/openapi.json", timeout=10).json()
    push = spec["paths"]["/api/v1/push"]["post"]
    body = push["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"d", "site", "e", "s", "v", "m"}
    assert "200" in push["responses"] and "413" in push["responses"]
    pull = spec["paths"]["/api/v1/pull"]["get"]
    assert {p["name"] for p in pull["parameters"]} == {"cursor", "limit"}
    ref = pull["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(spec["components"]["schemas"][ref]["properties"]) == {"c", "more", "ch", "now"}
    with ServerProcess(central.db_url, log_path=tmp_path / "docs.log", args=("--docs",)) as server:
        assert requests.get(server.url + "/docs", timeout=10).status_code == 200


def test_enrollment_and_public_lookups_are_rate_limited(central, tmp_path):
    limits = {**NO_RATE_LIMITS, "KIOSK_SERVER_RATE_ENROLL": "3/minute", "KIOSK_SERVER_RATE_STATUS": "5/minute"}
    with ServerProcess(central.db_url, log_path=tmp_path / "limits.log", env=limits) as server:
        answers = [requests.post(server.url + "/api/v1/enroll", headers=HEADERS, timeout=10,
                                 json={"code": "ABCD-EFGH-JKMN", "device": str(uuid.uuid4()), "site": TABANG})
                   for _ in range(5)]
        assert [a.status_code for a in answers] == [403, 403, 403, 429, 429]
        assert answers[-1].json()["error"] == "rate_limited" and int(answers[-1].headers["Retry-After"]) >= 1
        lookups = [requests.get(f"{server.url}/api/v1/status/{regno_for(TABANG, 4321)}", timeout=10).status_code
                   for _ in range(7)]
        assert lookups == [404] * 5 + [429] * 2
        # Devices with a token are not slowed down by it.
        device = Device(central, TABANG)  # enrolled on the test's own server, same database
        assert requests.get(server.url + "/api/v1/pull", headers=device.headers(), timeout=10).status_code == 200


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_on_a_real_central(central, tmp_path):
    device = Device(central, TABANG)
    assert device.push([issued(str(uuid.uuid4()))]).status_code == 200
    report = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", central.url + "/openapi.json",
         "--checks", "not_a_server_error", "--max-examples", "40", "--seed", "20261130", "--no-color",
         "--workers", "1", "--request-timeout", "30", "--generation-database", "none", "--report", "json", "--report-json-path", str(report),
         "--header", f"Authorization: Bearer {device.id}:{device.secret}",
         "--header", f"{wire.HEADER_PROTOCOL}: {wire.PROTOCOL_VERSION}",
         "--header", f"{wire.HEADER_SCHEMA}: {wire.MUTATION_SCHEMA_VERSION}"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)  # its caches stay out of the tree
    assert result.returncode == 0, result.stdout[-4000:]
    assert "passed" in result.stdout
    # Every operation of the API was exercised, the push and pull bodies included.
    assert central.scalar("SELECT count(*) FROM mutations WHERE device_id = :d", d=device.id) >= 1
    cases = json.loads(report.read_text())
    assert cases, "schemathesis wrote no report"


make_kiosk = kiosk_factory_fixture()


def test_over_capacity_a_push_is_shed_with_retry_after_and_the_kiosk_waits_that_long(central, make_kiosk,
                                                                                     tmp_path):
    import threading
    from datetime import UTC, datetime

    from sqlalchemy import text

    env = {**NO_RATE_LIMITS, "KIOSK_SERVER_PUSH_CONCURRENCY": "1", "KIOSK_SERVER_PUSH_QUEUE": "1"}
    with ServerProcess(central.db_url, log_path=tmp_path / "shed.log", env=env) as server:
        kiosk = make_kiosk(TABANG)
        kiosk.enroll(central, server.url)
        kiosk.tickets(2)
        busy = Device(central, TABANG)
        answers = []
        # The one push this process admits waits on a lock the test holds: central is at capacity.
        with central.db.write() as conn:
            if central.db.is_postgres:
                conn.execute(text("LOCK TABLE device_streams IN EXCLUSIVE MODE"))
            else:
                conn.execute(text("UPDATE device_streams SET updated_at = updated_at WHERE 1 = 0"))
            body = wire.encode_push(busy.id, TABANG, 1, 1, 1, [issued(str(uuid.uuid4()))])
            holder = threading.Thread(target=lambda: answers.append(requests.post(
                server.url + "/api/v1/push", data=body, headers=busy.headers(), timeout=120).status_code))
            holder.start()
            for _ in range(200):
                result = kiosk.sync()
                if result.error_code == wire.OVERLOADED:
                    break
                holder.join(0.05)
            assert result.error_code == wire.OVERLOADED, result.error
            assert result.retry_after is not None and result.retry_after >= 1
            assert result.pending == 8 and result.pushed == 0
            wait = (result.next_run - datetime.now(UTC)).total_seconds()
            assert wait >= result.retry_after - 2  # not before central asked (clock of this test, not timing)
            status = kiosk.engine().status()
            assert status["last_error"].startswith(wire.OVERLOADED)
        holder.join(60)
        assert answers == [200]
        result = kiosk.sync()
        assert result.ok and result.pending == 0 and result.pushed == 8
        assert_exactly_once(central, kiosk)


def test_retry_after_is_read_as_seconds_or_a_date():
    from kiosk.sync.client import retry_after_seconds

    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("0") == 1.0 and retry_after_seconds("999999") == 3600.0
    assert retry_after_seconds("Wed, 30 Nov 2026 12:00:30 GMT", now=1796040000.0) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_retry_after_grows_with_the_share_shed_so_retries_cannot_eat_the_capacity():
    import asyncio

    from central.api import PushGate

    async def run():
        gate = PushGate(concurrency=1, limit=1)
        assert gate.may_enter() and gate.enter()
        calm = gate.retry_after()
        for _ in range(200):  # a retry storm: refused before their bodies are read
            assert not gate.may_enter()
        stormy = gate.retry_after()
        gate.leave()
        return calm, stormy

    calm, stormy = asyncio.run(run())
    assert calm <= 3 and stormy >= 20
