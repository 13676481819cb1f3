"""Classes 2 and 9-14 of the hardening issue: the cache folder is shared ground.

A cache that cannot be written, is damaged, is planted with symlinks, or
belongs to someone else never stops a query, never makes brtrade write
outside it, and never serves what it should not. The second user is real
(``nobody``, through setpriv), and so are the read-only and full disks
(tmpfs), each skipped with the reason where the machine does not allow it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from brtrade.core.query import Asked
from brtrade.index import freshness
from brtrade.index.freshness import cache_paths
from brtrade.index.store import FactStore
from tests.helpers import MINI, SCRIPT, env, mounted_tmpfs, mutate

ALPHA = "Alpha Port handled 12 million containers in 2020, 5 percent more than a year earlier."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache home of this test's own (XDG_CACHE_HOME), and its brtrade folder."""
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "brtrade"


@pytest.fixture
def facts(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(MINI, folder)
    return folder / "facts.yaml"


def answer(facts: Path, **kwargs: object) -> list[str]:
    with FactStore(facts, **kwargs) as store:  # type: ignore[arg-type]
        return [r["statement"] for r in store.claim_rows(Asked(["alpha"])).rows]


def cli(
    *args: str, extra: dict[str, str] | None = None, user: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT
    prefix = ["setpriv", "--reuid", user, "--regid", "nogroup", "--clear-groups"] if user else []
    return subprocess.run(
        [*prefix, SCRIPT, *args], capture_output=True, timeout=60, env={**env(), **(extra or {})}
    )


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "64k") as mount:
        yield mount


# -- 2: a cache that cannot be written -----------------------------------------


def test_a_full_cache_disk_answers_from_memory(tmpfs: Path) -> None:
    (tmpfs / "filler").write_bytes(b"x" * 60_000)
    result = cli("facts", "asean", "--json", extra={"XDG_CACHE_HOME": str(tmpfs)})
    assert result.returncode == 0 and result.stderr == b""
    assert len(json.loads(result.stdout)) == 2
    debug = cli("--debug", "facts", "asean", "--json", extra={"XDG_CACHE_HOME": str(tmpfs)})
    assert debug.returncode == 0 and b"answering from memory" in debug.stderr


def test_a_read_only_cache_once_the_base_changed(tmpfs: Path, facts: Path) -> None:
    extra = {"XDG_CACHE_HOME": str(tmpfs)}
    assert cli("--facts", str(facts), "facts", "alpha", "--json", extra=extra).returncode == 0
    assert any(p.suffix == ".sqlite" for p in (tmpfs / "brtrade").iterdir())
    mutate(facts, "Alpha Port handled 12", "Alpha Port handled 13")
    remount = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount the tmpfs read-only")
    result = cli("--facts", str(facts), "facts", "alpha", "--json", extra=extra)
    assert result.returncode == 0 and result.stderr == b""
    assert json.loads(result.stdout)[0]["statement"].startswith("Alpha Port handled 13")


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("database or disk is full"),
        sqlite3.DatabaseError("file is not a database"),
        OSError(28, "No space left on device"),
        PermissionError(13, "Permission denied"),
    ],
    ids=repr,
)
def test_any_failed_write_answers_from_memory(
    cache: Path, facts: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    from brtrade.index import build

    def failing(*args: object) -> None:
        raise error

    monkeypatch.setattr(build, "build", failing)
    notes: list[tuple[str, bool]] = []
    store = FactStore(facts, on_note=lambda m, a: notes.append((m, a)))
    assert [r["statement"] for r in store.claim_rows(Asked(["alpha"])).rows] == [ALPHA]
    assert notes and not any(always for _, always in notes)  # said only with --debug
    assert not [p for p in cache.iterdir() if p.suffix in (".sqlite", ".tmp")]


# -- 9: symlinks, modes and other users ------------------------------------------


def test_a_symlink_planted_at_the_lock_is_not_followed(
    cache: Path, facts: Path, tmp_path: Path
) -> None:
    cache.mkdir(mode=0o700)
    paths = cache_paths(facts)
    assert paths is not None
    target = tmp_path / "victim"
    for planted in (paths.lock, paths.db, paths.stamp):
        planted.symlink_to(target)
    assert answer(facts) == [ALPHA]
    assert not target.exists()


def test_temporaries_are_private_from_the_start(
    cache: Path, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brtrade.index import build

    real = build.build
    modes: list[int] = []

    def watched(path: Path, *args: object) -> None:
        modes.append(os.stat(path).st_mode & 0o777)  # before SQLite writes a byte
        real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "build", watched)
    answer(facts)
    assert modes == [0o600]
    assert all(p.stat().st_mode & 0o077 == 0 for p in cache.iterdir())


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_cache_folder_others_may_write_is_refused(
    cache: Path, facts: Path, mode: int, run: object
) -> None:
    cache.mkdir()
    cache.chmod(mode)
    result = cli(
        "--facts",
        str(facts),
        "facts",
        "alpha",
        "--json",
        extra={"XDG_CACHE_HOME": str(cache.parent)},
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["statement"] == ALPHA
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "writable by other users" in lines[0]
    assert tree(cache) == set()


@pytest.fixture
def public(tmp_path: Path) -> Iterator[Path]:
    """A folder in /tmp that another user can reach (pytest's own tmp_path is 0700)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="brtrade-two-users-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _public_base(public: Path) -> Path:
    folder = public / "base"
    shutil.copytree(MINI, folder)
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return folder / "facts.yaml"


def _second_user() -> str:
    if os.geteuid() != 0:
        pytest.skip("a second user needs root to switch to (setpriv)")
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    probe = cli("--version", user="nobody")
    if probe.returncode != 0:
        pytest.skip(f"user nobody cannot run brtrade here: {probe.stderr.decode().strip()}")
    return "nobody"


def test_a_cache_folder_of_another_user_is_refused(public: Path) -> None:
    """nobody prepares a cache folder, with symlinks planted in it, where root's
    brtrade will look; root refuses the folder and writes nothing through it."""
    user = _second_user()
    facts = _public_base(public)
    shared = public / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = public / "root-owned-victim"
    as_user = ["setpriv", "--reuid", user, "--regid", "nogroup", "--clear-groups"]
    subprocess.run([*as_user, "mkdir", "-m", "700", str(shared / "brtrade")], check=True)
    for planted in _paths_for(facts, shared):
        subprocess.run([*as_user, "ln", "-s", str(victim), str(planted)], check=True)
    extra = {"XDG_CACHE_HOME": str(shared)}
    result = cli("--facts", str(facts), "facts", "alpha", "--json", extra=extra)
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["statement"] == ALPHA
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "belongs to another user" in lines[0]
    assert not victim.exists()


def _paths_for(facts: Path, xdg: Path) -> list[Path]:
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(xdg)
    try:
        paths = cache_paths(facts)
    finally:
        if old is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = old
    assert paths is not None
    return list(paths)


def test_a_second_user_cannot_use_or_plant_in_our_cache(public: Path) -> None:
    """Our cache folder is 0700: another user's brtrade pointed at it cannot read our
    index or plant anything there, and still answers, from memory."""
    user = _second_user()
    facts = _public_base(public)
    xdg = public / "xdg"
    xdg.mkdir()
    xdg.chmod(0o755)
    ours = cli(
        "--facts", str(facts), "facts", "alpha", "--json", extra={"XDG_CACHE_HOME": str(xdg)}
    )
    assert ours.returncode == 0
    before = tree(xdg / "brtrade")
    assert any(name.endswith(".sqlite") for name in before)
    assert (xdg / "brtrade").stat().st_mode & 0o777 == 0o700
    theirs = cli(
        "--facts",
        str(facts),
        "facts",
        "alpha",
        "--json",
        extra={"XDG_CACHE_HOME": str(xdg)},
        user=user,
    )
    assert theirs.returncode == 0, theirs.stderr
    assert json.loads(theirs.stdout)[0]["statement"] == ALPHA
    assert tree(xdg / "brtrade") == before


# -- 10: odd characters in the cache path -------------------------------------------


@pytest.mark.parametrize("name", ["a#b", "a?b", "a%20b", "a%b", "we?ird#%3f"])
def test_odd_characters_in_the_cache_path(
    tmp_path: Path, facts: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    home = tmp_path / name
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    before = set(os.listdir(tmp_path))
    answer(facts)
    assert FactStore(facts).index() is not None  # the index is used, not rebuilt each run
    assert set(os.listdir(tmp_path)) == before  # nothing written beside the cache


# -- 11: an edit during the first build -----------------------------------------------


def test_an_edit_during_the_build_is_seen_next_time(
    cache: Path, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem with one-second timestamps, an edit of the same size made while
    the first run parses is invisible to metadata; the stamp's hash of the parsed bytes
    still tells."""
    from brtrade.core import loader

    def coarse(path: Path) -> list[int]:
        st = os.stat(path)
        return [st.st_size, st.st_mtime_ns // 10**9 * 10**9, 0, st.st_ino]

    monkeypatch.setattr(freshness, "file_meta", coarse)
    real_load = loader.load_fact_base

    def load_then_edit(path: Path, digests: dict[str, str] | None = None) -> object:
        base = real_load(path, digests)
        st = os.stat(facts)
        mutate(facts, "Alpha Port handled 12", "Alpha Port HANDLED 12")
        os.utime(facts, ns=(st.st_atime_ns, st.st_mtime_ns))
        return base

    facts.write_text(facts.read_text("utf-8"), "utf-8")  # saved just now, by an editor
    monkeypatch.setattr(loader, "load_fact_base", load_then_edit)
    assert answer(facts) == [ALPHA]
    monkeypatch.setattr(loader, "load_fact_base", real_load)
    assert answer(facts)[0].startswith("Alpha Port HANDLED 12")


# -- 12: a damaged index ----------------------------------------------------------------


@pytest.mark.parametrize("stamp", [b"null", b"[]", b"{}", b'{"files": null}', b"\xff\xfe", b""])
def test_a_damaged_stamp_means_rebuild(cache: Path, facts: Path, stamp: bytes) -> None:
    answer(facts)
    paths = cache_paths(facts)
    assert paths is not None
    paths.stamp.write_bytes(stamp)
    result = cli(
        "--facts",
        str(facts),
        "facts",
        "alpha",
        "--json",
        extra={"XDG_CACHE_HOME": str(cache.parent)},
    )
    assert result.returncode == 0 and result.stderr == b""
    assert json.loads(result.stdout)[0]["statement"] == ALPHA
    assert FactStore(facts).index() is not None  # rebuilt


def _damage(db_path: Path, sql: str) -> None:
    os.chmod(db_path, 0o600)
    db = sqlite3.connect(db_path)
    db.execute(sql)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "sql",
    [
        # a same-length change inside a stored record
        "UPDATE claims SET row = x'00' || substr(row, 2)",
        "UPDATE meta SET value = replace(value, 'Zhou', 'Zhoo') WHERE key = 'speaker_rows'",
        "DELETE FROM claims",
        "UPDATE meta SET value = x'00' WHERE key = 'names'",
        "DROP TABLE postings",
    ],
)
def test_a_damaged_index_is_never_served(cache: Path, facts: Path, sql: str) -> None:
    answer(facts)
    paths = cache_paths(facts)
    assert paths is not None
    _damage(paths.db, sql)
    for args in (["facts", "alpha"], ["speakers"], ["show", "alpha-containers"]):
        result = cli(
            "--facts", str(facts), *args, "--json", extra={"XDG_CACHE_HOME": str(cache.parent)}
        )
        assert result.returncode == 0, (args, result.stderr)
        assert b"99" not in result.stdout and b"Zhoo" not in result.stdout
    assert answer(facts) == [ALPHA]


def test_a_truncated_index_file_is_rebuilt(cache: Path, facts: Path) -> None:
    answer(facts)
    paths = cache_paths(facts)
    assert paths is not None
    with open(paths.db, "r+b") as f:
        f.truncate(1000)
    result = cli(
        "--facts",
        str(facts),
        "facts",
        "alpha",
        "--json",
        extra={"XDG_CACHE_HOME": str(cache.parent)},
    )
    assert result.returncode == 0 and result.stderr == b""
    assert FactStore(facts).index() is not None


# -- 13: leftovers ------------------------------------------------------------------------------

_SLOW_BUILD = """
import sys, time
from pathlib import Path
from brtrade.core.query import Asked
from brtrade.index import build
from brtrade.index.store import FactStore
real = build.build
def slow(path, *args):
    real(path, *args)
    print("building", flush=True)
    time.sleep(60)
build.build = slow
FactStore(Path(sys.argv[1])).claim_rows(Asked(["alpha"]))
"""


def _signalled(proc: subprocess.Popen[bytes], signum: int) -> int:
    """Send ``signum`` until the process ends (a CI run once saw one SIGHUP come to
    nothing for 30 s, not seen again in many runs), and return its exit status."""
    for _ in range(6):
        proc.send_signal(signum)
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue
    raise AssertionError(f"signal {signum} did not end the build in 60 s")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_build_killed_leaves_nothing_behind(cache: Path, facts: Path, signum: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(facts)],
        stdout=subprocess.PIPE,
        env={**env(), "XDG_CACHE_HOME": str(cache.parent)},
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline() == b"building\n"
        assert [p for p in cache.iterdir() if p.name.endswith(".tmp")]  # the build's temporary
        assert _signalled(proc, signum) == -signum
    finally:  # never leave the sleeper behind to warn in another test
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    if signum != signal.SIGKILL:
        assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]
    # SIGKILL cannot be caught: the next build removes the dead process's temporary.
    mutate(facts, "Alpha Port handled 12", "Alpha Port handled 14")
    answer(facts)
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]


def test_a_live_process_temporary_is_left_alone(cache: Path, facts: Path) -> None:
    answer(facts)
    mine = cache / f".x.sqlite.{os.getppid()}.abc.tmp"  # a live process (our parent)
    mine.write_bytes(b"")
    mine.chmod(0o600)
    mutate(facts, "Alpha Port handled 12", "Alpha Port handled 14")
    answer(facts)
    assert mine.exists()


# -- 14: homes that are not homes -----------------------------------------------------------


def test_a_relative_home_writes_no_cache(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    extra = {"HOME": "relative-home", "XDG_CACHE_HOME": ""}
    assert SCRIPT
    result = subprocess.run(
        [SCRIPT, "facts", "asean", "--json"],
        capture_output=True,
        cwd=work,
        env={**env(), **extra},
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr == (  # said once: a relative HOME is a value brtrade cannot use
        b"brtrade: warning: HOME='relative-home' is not an absolute path; it is not used "
        b"for the cache\n"
    )
    assert list(work.iterdir()) == []


def test_facts_from_stdin_are_never_indexed(cache: Path, facts: Path) -> None:
    for _ in range(2):
        result = subprocess.run(
            ["bash", "-c", f"'{SCRIPT}' --facts /dev/stdin facts alpha --json < '{facts}'"],
            capture_output=True,
            env={**env(), "XDG_CACHE_HOME": str(cache.parent)},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)[0]["statement"] == ALPHA
        piped = subprocess.run(
            ["bash", "-c", f"cat '{facts}' | '{SCRIPT}' --facts /dev/stdin facts alpha --json"],
            capture_output=True,
            env={**env(), "XDG_CACHE_HOME": str(cache.parent)},
            timeout=60,
        )
        assert piped.returncode == 0, piped.stderr
    assert tree(cache) == set()
