"""The console script's start-up runs with the cyclic garbage collector paused
(brtrade/cli/startup.py): off through start-up, on for the command's work, and left as
the caller had it."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from brtrade.cli import app, startup


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    startup._paused = False
    if was:
        gc.enable()
    else:
        gc.disable()


def test_pause_then_resume_freezes_and_turns_the_collector_on(collector: None) -> None:
    gc.enable()
    startup.pause()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    [object() for _ in range(10)], {"a": [1]}  # something tracked, made during start-up
    startup.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() > frozen


def test_a_collector_the_caller_turned_off_stays_off(collector: None) -> None:
    gc.disable()
    startup.pause()
    startup.resume()
    assert not gc.isenabled()
    startup.end()
    assert not gc.isenabled()


def test_end_leaves_the_collector_on_when_it_was(collector: None) -> None:
    gc.enable()
    startup.pause()
    startup.end()  # start-up never ended (--help, --version, a completion)
    assert gc.isenabled()


def test_an_in_process_run_leaves_the_collector_on(collector: None) -> None:
    gc.enable()
    result = CliRunner().invoke(app, ["facts", "asean", "--json"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()


_SPY = """
import gc, json, sys
from brtrade.cli import main, startup
from brtrade.cli.commands import search

seen = {}
resume = startup.resume
def spied_resume():  # the root callback's call (end() calls it again at exit)
    seen.setdefault("during start-up", gc.isenabled())
    resume()
    seen.setdefault("frozen", gc.get_freeze_count() > 0)
startup.resume = spied_resume
facts = search.facts
def spied_facts(*args, **kwargs):
    seen["in the command"] = gc.isenabled()
    return facts(*args, **kwargs)
spied_facts.__signature__ = __import__("inspect").signature(facts)
spied_facts.__annotations__ = facts.__annotations__
search.facts = spied_facts
sys.argv = ["brtrade", "--no-cache", "facts", "asean", "--json"]
try:
    main()
except SystemExit as exit:
    seen["exit"] = exit.code
seen["after"] = gc.isenabled()
print(json.dumps(seen), file=sys.stderr)
"""


def test_the_console_script_pauses_start_up_only() -> None:
    run = subprocess.run([sys.executable, "-c", _SPY], capture_output=True, text=True, timeout=120)
    seen = json.loads(run.stderr.strip().splitlines()[-1])
    assert seen == {
        "during start-up": False,
        "frozen": True,
        "in the command": True,
        "exit": 0,
        "after": True,
    }
    assert json.loads(run.stdout)  # the answer itself
