"""Every robustness test runs twice: with Python's stdout buffered, and with
``PYTHONUNBUFFERED=1`` (as in many containers and CI systems), where a short
write is not retried by Python itself. Subprocesses inherit the setting
through :func:`tests.helpers.env`."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, params=["buffered", "unbuffered"])
def buffering(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    mode: str = request.param
    if mode == "unbuffered":
        monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    else:
        monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    return mode
