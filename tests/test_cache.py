"""The persistent index: identical answers, seen edits, atomic and concurrent writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core.paths import bundled_facts_path
from brtrade.core.query import Asked
from brtrade.core.text import words
from brtrade.index import freshness
from brtrade.index.store import FactStore
from tests.helpers import MINI, SCRIPT, Run, env, mutate

QUERIES = [
    [],
    ["asean"],
    ["belt", "and", "road"],
    ["Belt & Road"],
    ["trade"],
    ["export"],
    ["china", "china"],
    ["9.37"],
    ["zzz"],
    ["t"],
]


def both(run: Run, *args: str) -> tuple[str, str]:
    cached = run(*args)
    fresh = run("--no-cache", *args)
    assert cached.exit_code == fresh.exit_code
    assert cached.stderr == fresh.stderr
    return cached.stdout, fresh.stdout


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(
    "extra",
    [[], ["--limit", "3"], ["--topic", "belt-and-road"], ["--entity", "China"], ["-s", "zhou"]],
)
def test_facts_identical_with_and_without_cache(
    run: Run, query: list[str], extra: list[str]
) -> None:
    run("facts")  # make sure the index exists
    cached, fresh = both(run, "facts", *query, *extra, "--json")
    assert cached == fresh


@pytest.mark.parametrize("query", QUERIES)
def test_quotes_and_tables_identical(run: Run, query: list[str]) -> None:
    assert both(run, "quote", *query, "--json")[0] == both(run, "quote", *query, "--json")[1]
    cached, fresh = both(run, "facts", *query)
    assert cached == fresh


VOCAB = sorted(
    {w for line in bundled_facts_path().read_text("utf-8").splitlines() for w in words(line)}
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(VOCAB) | st.text(min_size=1, max_size=4), min_size=1, max_size=3),
    st.none() | st.integers(1, 5),
    st.booleans(),
    st.booleans(),
)
def test_random_queries_identical(
    query: list[str], limit: int | None, all_words: bool, explain: bool
) -> None:
    """The index and memory give the same answers: rows, spelling corrections, unmatched
    words, the closest records below the floor, and --explain."""
    from brtrade.core.errors import UsageError

    warm = FactStore(bundled_facts_path())
    cold = FactStore(bundled_facts_path(), use_cache=False)
    warm.claim_rows(Asked([]))  # build if needed
    warm = FactStore(bundled_facts_path())
    try:
        expected = cold.claim_rows(Asked(query, limit=limit, all_words=all_words, explain=explain))
    except UsageError:
        return
    assert warm.index() is not None
    opts = {"limit": limit, "all_words": all_words, "explain": explain}
    assert warm.claim_rows(Asked(query, **opts)) == expected  # type: ignore[arg-type]
    assert warm.quote_rows(Asked(query, **opts)) == cold.quote_rows(Asked(query, **opts))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "args",
    [[], ["speakers", "--json"], ["topics"], ["sources"], ["sources", "br-trade-2020", "--json"]],
)
def test_small_listings_identical(run: Run, args: list[str]) -> None:
    run("facts")
    cached, fresh = both(run, *args)
    assert cached == fresh


def test_warm_json_query_imports_no_yaml_and_no_rich(tmp_path: Path) -> None:
    """The regression guard for start-up: what a warm query imports, never how long it takes."""
    code = (
        "import sys\n"
        "sys.argv = ['brtrade', 'facts', 'asean', '--json']\n"
        "from brtrade.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'rich', '_yaml')"
        " or m in ('brtrade.core.loader', 'brtrade.core.model', 'pickle'))\n"
        "print(heavy, file=sys.stderr)\n"
    )
    environ = {**env(), "XDG_CACHE_HOME": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ
    )
    # the cold run reads the fact file (with rapidyaml where it is installed, so
    # PyYAML need not be imported) and builds the index
    assert "brtrade.core.loader" in first.stderr
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ)
    assert json.loads(warm.stdout)
    assert warm.stderr.strip() == "[]"
    table = code.replace("'--json'", "'--limit', '1'")
    warm_table = subprocess.run(
        [sys.executable, "-c", table], capture_output=True, text=True, env=environ
    )
    assert "yaml" not in warm_table.stderr and "rich" in warm_table.stderr


def copy_mini(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(MINI, folder)
    return folder / "facts.yaml"


def statements(facts: Path) -> list[str]:
    return [r["statement"] for r in FactStore(facts).claim_rows(Asked(["alpha"])).rows]


def test_an_edit_is_seen_on_the_next_run(tmp_path: Path) -> None:
    facts = copy_mini(tmp_path)
    assert statements(facts) == [
        "Alpha Port handled 12 million containers in 2020, 5 percent more than a year earlier."
    ]
    assert FactStore(facts).index() is not None
    stat = facts.stat()
    mutate(facts, "Alpha Port handled 12", "Alpha Port HANDLED 12")  # same size
    os.utime(facts, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime
    assert facts.stat().st_size == stat.st_size
    assert statements(facts)[0].startswith("Alpha Port HANDLED")


def test_racy_edit_on_a_coarse_filesystem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without ctime and with whole-second mtimes, equal metadata can hide an edit."""

    def coarse(path: Path) -> list[int]:
        st = os.stat(path)
        return [st.st_size, st.st_mtime_ns // 10**9 * 10**9, 0, st.st_ino]

    monkeypatch.setattr(freshness, "file_meta", coarse)
    facts = copy_mini(tmp_path)
    facts.write_text(facts.read_text("utf-8"), "utf-8")  # written just now, as by an editor
    statements(facts)
    before = coarse(facts)
    mutate(facts, "Alpha Port handled 12", "Alpha Port HANDLED 12")
    os.utime(facts, ns=(before[1], before[1]))
    assert coarse(facts) == before  # metadata cannot tell
    assert statements(facts)[0].startswith("Alpha Port HANDLED")  # the hash can


def test_a_racy_file_stops_being_hashed_once_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = copy_mini(tmp_path)
    facts.write_text(facts.read_text("utf-8"), "utf-8")  # changed just now: racy
    statements(facts)
    hashed: list[Path] = []
    real_hash = freshness.sha256_of
    monkeypatch.setattr(freshness, "sha256_of", lambda p: hashed.append(p) or real_hash(p))
    assert FactStore(facts).index() is not None
    assert hashed == [facts]  # still racy: verified by its hash

    class Later:
        """The clock ten seconds on."""

        @staticmethod
        def time_ns() -> int:
            return time.time_ns() + 10 * 10**9

        @staticmethod
        def monotonic_ns() -> int:
            return time.monotonic_ns()

    monkeypatch.setattr(freshness, "time", Later)
    hashed.clear()
    assert FactStore(facts).index() is not None
    assert hashed == [facts]  # verified once more, and now old enough: marked clean
    hashed.clear()
    assert FactStore(facts).index() is not None
    assert hashed == []  # trusted by its metadata from now on


def test_adding_a_file_to_a_folder_is_seen(tmp_path: Path) -> None:
    facts = copy_mini(tmp_path)
    folder = facts.parent
    assert len(FactStore(folder).claim_rows(Asked([])).rows) == 3
    second = (MINI.parent / "second.yaml").read_text("utf-8").replace("alpha-containers", "new-one")
    (folder / "second.yaml").write_text(second, "utf-8")
    assert len(FactStore(folder).claim_rows(Asked([])).rows) == 4


def test_concurrent_runs_never_see_a_torn_or_stale_cache(tmp_path: Path) -> None:
    assert SCRIPT
    facts = copy_mini(tmp_path)
    environ = {**env(), "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def sixteen() -> list[list[str]]:
        procs = [
            subprocess.Popen(
                [SCRIPT, "--facts", str(facts), "facts", "alpha", "--json"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environ,
            )
            for _ in range(16)
        ]
        out = []
        for p in procs:
            stdout, stderr = p.communicate(timeout=120)
            assert p.returncode == 0 and stderr == b"", stderr
            out.append([r["statement"] for r in json.loads(stdout)])
        return out

    assert all(s[0].startswith("Alpha Port handled") for s in sixteen())
    mutate(facts, "Alpha Port handled 12", "Alpha Port HANDLED 12")
    assert all(s[0].startswith("Alpha Port HANDLED") for s in sixteen())
    leftovers = [p.name for p in (tmp_path / "cache" / "brtrade").iterdir() if ".tmp" in p.name]
    assert leftovers == []


def test_unwritable_cache_folder_still_answers(tmp_path: Path, run: Run) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    result = run("facts", "asean", "--json", env={"XDG_CACHE_HOME": str(blocker)})
    assert result.exit_code == 0 and result.stderr == ""
    assert len(json.loads(result.stdout)) == 2


def test_no_cache_writes_nothing(tmp_path: Path, run: Run) -> None:
    cache = tmp_path / "cache"
    result = run("--no-cache", "facts", "asean", env={"XDG_CACHE_HOME": str(cache)})
    assert result.exit_code == 0 and not cache.exists()
    run("facts", "asean", env={"XDG_CACHE_HOME": str(cache), "BRTRADE_NO_CACHE": "1"})
    assert not cache.exists()


def test_damaged_index_is_rebuilt_or_bypassed(tmp_path: Path, run: Run) -> None:
    cache = tmp_path / "cache"
    first = run("facts", "asean", "--json", env={"XDG_CACHE_HOME": str(cache)}).stdout
    (db,) = (cache / "brtrade").glob("*.sqlite")
    db.write_bytes(db.read_bytes()[:4096] + b"\0" * 100)
    again = run("facts", "asean", "--json", env={"XDG_CACHE_HOME": str(cache)})
    assert again.exit_code == 0 and again.stdout == first and again.stderr == ""


def test_cache_files_are_private(tmp_path: Path, run: Run) -> None:
    cache = tmp_path / "cache"
    run("facts", env={"XDG_CACHE_HOME": str(cache)})
    folder = cache / "brtrade"
    assert folder.stat().st_mode & 0o777 == 0o700
    for path in folder.iterdir():
        assert path.stat().st_mode & 0o077 == 0, path


def test_foreign_cache_files_are_ignored(tmp_path: Path, run: Run) -> None:
    cache = tmp_path / "cache"
    first = run("facts", "asean", "--json", env={"XDG_CACHE_HOME": str(cache)}).stdout
    for path in (cache / "brtrade").iterdir():
        path.chmod(0o666)  # writable by anyone: not to be trusted
    store = FactStore(bundled_facts_path())
    os.environ["XDG_CACHE_HOME"] = str(cache)
    try:
        assert store.index() is None
    finally:
        del os.environ["XDG_CACHE_HOME"]
    assert run("facts", "asean", "--json", env={"XDG_CACHE_HOME": str(cache)}).stdout == first


def test_an_edited_checkout_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = copy_mini(tmp_path)
    statements(facts)
    assert FactStore(facts).index() is not None
    monkeypatch.setattr(freshness, "code_id", lambda: [[0, 0]])  # as if records.py changed
    assert FactStore(facts).index() is None
    statements(facts)  # rebuilt for the new code
    assert FactStore(facts).index() is not None


def test_a_source_text_swapped_for_a_symlink_is_refused(tmp_path: Path, run: Run) -> None:
    facts = copy_mini(tmp_path)
    assert run("--facts", str(facts), "show", "alpha-containers").exit_code == 0
    outside = tmp_path / "outside.txt"
    text = facts.parent / "sources" / "mini.txt"
    outside.write_bytes(text.read_bytes())
    text.unlink()
    text.symlink_to(outside)
    result = run("--facts", str(facts), "show", "alpha-containers")
    assert result.exit_code == 3 and "symlink" in result.stderr
