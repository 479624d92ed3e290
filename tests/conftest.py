"""Shared fixtures: a real SQLite store in a temp dir, a site, a movable clock, and the CLI as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk import site, tickets
from kiosk.clock import SITE_TZ, FrozenClock
from kiosk.db import open_store

ROOT = Path(__file__).resolve().parent.parent
SITE = "64.02.12"
# The TV's voice plays to miniaudio's null device in tests (real time, no sound card, no noise on a desk).
os.environ.setdefault("KIOSK_VOICE_OUTPUT", "null")


@pytest.fixture
def clock_start():
    """Where `clock` starts; a test module overrides this fixture to start at another time."""
    return datetime(2026, 11, 30, 8, 0, tzinfo=SITE_TZ)


@pytest.fixture
def clock(clock_start):
    return FrozenClock(clock_start)


@pytest.fixture
def site_store(tmp_path, clock):
    """A store with the site initialised and nothing else (no counters)."""
    st = open_store(tmp_path / "kiosk.sqlite3")
    with st.transaction() as s:
        site.init_site(s, SITE, "test-pc", clock.now())
    yield st
    st.close()


@pytest.fixture
def store(site_store, clock):
    """`site_store` with counter 1 serving KTP,KK and counter 2 serving KTP."""
    with site_store.transaction() as s:
        tickets.set_counter(s, 1, ["KTP", "KK"], now=clock.now())
        tickets.set_counter(s, 2, ["KTP"], now=clock.now())
    return site_store


def kiosk_env(data_dir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update({"KIOSK_DATA_DIR": str(data_dir), "KIOSK_OPERATOR": "tester", "PYTHONUNBUFFERED": "1",
                "KIOSK_VOICE_OUTPUT": "null", "KIOSK_HUB_DISPLAY_PORT": "0"})  # never a fixed port in tests
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_kiosk(data_dir: Path, *args: str, env_extra: dict | None = None, timeout: float = 60, input=None):
    """Run the real `kiosk` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True,
                          env=kiosk_env(data_dir, **(env_extra or {})), timeout=timeout, cwd=ROOT, input=input)


def kiosk_json(data_dir: Path, *args: str, **kw):
    result = run_kiosk(data_dir, *args, "--json", **kw)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def cli_site(tmp_path):
    """A data dir initialised through the CLI, with counter 1 serving KTP,KK."""
    data = tmp_path / "data"
    assert run_kiosk(data, "init", "--site", SITE).returncode == 0
    assert run_kiosk(data, "counter", "set", "1", "--services", "KTP,KK").returncode == 0
    return data
