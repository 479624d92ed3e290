"""The floor request for bench/server_ingest.py: the cheapest honest request central could serve.

An authenticated POST (the same bearer-token check as a push, one statement against `devices`) that
inserts one row and commits (`synchronous_commit` as the server has it: on), on the same database, with
the same driver, pool and server (uvicorn, same worker count). Run by the bench as
`uvicorn bench.floor_app:create_app --factory`; the database comes from KIOSK_SERVER_DB.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool

from central import devices
from central.config import ENV_DB
from central.db import Database


def create_app() -> FastAPI:
    db = Database(os.environ[ENV_DB])
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    def insert_one(authorization: str | None, body: bytes) -> int:
        with db.lookup() as conn:
            device = devices.authenticate(conn, authorization)
        if device is None:
            return 401
        with db.write() as conn:
            conn.execute(text("INSERT INTO bench_floor (device_id, body_bytes, at) VALUES (:d, :n, :t)"),
                         {"d": device.id, "n": len(body), "t": datetime.now(UTC)})
        return 200

    @app.post("/floor")
    async def floor(request: Request):
        body = await request.body()
        status = await run_in_threadpool(insert_one, request.headers.get("authorization"), body)
        return JSONResponse({"ok": status == 200}, status_code=status)

    return app
