"""Re-indexing one edited file of a folder base (brtrade.index.update).

After an edit, the index is brought up to date by replacing the edited
file's records alone, or rebuilt whole when that cannot be proved equal; either
way every answer equals the answer from memory, and an edit that breaks a
rule across files fails exactly as a full load fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from brtrade.index.freshness import cache_paths
from tests.helpers import ROOT, Run

PARTIAL = "re-indexed the changed files only"
WHOLE = "re-indexing the whole base"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("folder") / "base"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "240", str(folder)]
        + ["--files", "12", "--per-article", "20"],  # 12 articles, one to a file
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    out = tmp_path / "base"
    shutil.copytree(template, out)
    return out


COMMANDS = [
    ["facts", "asean", "--json", "--limit", "30"],
    ["facts", "reached", "2019", "--json", "--explain"],
    ["facts", "--topic", "rail", "--json"],
    ["facts", "-s", "Li", "--json"],
    ["quote", "resilience", "--json", "--limit", "40"],
    ["quote", "--json"],
    ["speakers", "--json"],
    ["topics", "--json"],
    ["sources", "--json"],
    ["figures", "--json"],
    ["figures", "growth", "--limit", "9", "--format", "csv"],
    ["derive", "--json"],
    ["show", "c-7", "--json"],
    ["show", "c-60"],
    ["show", "q-3", "--json"],
    ["show", "topic:asean", "--json"],
    ["sources", "article-1", "--text", "--json"],
    ["facts", "reachd"],
    [],
]


def answers_agree(run: Run, folder: Path) -> None:
    """Every command answers from the index as it is (updated, or rebuilt) exactly as
    from an index built whole from the files now, in a cache folder of its own. (That
    a whole index answers as memory does is tests/test_cache.py's and
    tests/test_index_answers.py's; one engine ranks both.)"""
    whole = {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=folder.parent)}
    for args in COMMANDS:
        cached = run("--facts", str(folder), *args)
        fresh = run("--facts", str(folder), *args, env=whole)
        assert (cached.exit_code, cached.stdout, cached.stderr) == (
            fresh.exit_code,
            fresh.stdout,
            fresh.stderr,
        ), args
    assert how_indexed(run, folder) not in ("partial", "whole")  # nothing left to do


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text("utf-8")
    changed = change(text)
    assert changed != text
    path.write_text(changed, "utf-8")


def how_indexed(run: Run, folder: Path) -> str:
    """Run one query with --debug: whether the index was updated or rebuilt."""
    result = run("--debug", "--facts", str(folder), "topics", "--json")
    if PARTIAL in result.stderr:
        return "partial"
    return "whole" if WHOLE in result.stderr else result.stderr


def first_claim_id(path: Path) -> str:
    found = re.search(r"^  - id: (c-\d+)$", path.read_text("utf-8"), re.M)
    assert found
    return found.group(1)


EDITS: dict[str, Callable[[str], str]] = {
    "same-size statement": lambda t: t.replace("reached ", "reaches ", 1),
    "figure value and wording": lambda t: re.sub(
        r"value: (\d)\.(\d\d)e\+12", r"value: 9.\2e+12", t, count=1
    ).replace("percent year on year", "per cent year on year", 1),
    "topics of a claim": lambda t: t.replace(
        "topics: [shipping, belt-and-road]", "topics: [shipping, outlook]", 1
    ),
    "a quote's text": lambda t: re.sub(r'(    text: "Trade with)', r"\1 the", t, count=1),
    "a claim removed": lambda t: re.sub(
        r"  - id: c-\d+\n(?:    .*\n|      .*\n)*?(?=  - id: c-)", "", t, count=1
    ),
    "a claim added": lambda t: t.replace(
        "claims:\n",
        "claims:\n  - id: c-new\n    statement: A new claim about Yantian Port.\n"
        "    kind: measurement\n    topics: [shipping]\n    entities: [yantian-port]\n"
        "    provenance:\n      source: "
        + re.findall(r"source: (article-\d+)", t)[0]
        + "\n      paragraphs: [1]\n      evidence: "
        + re.findall(r"evidence: (\".*?\")\n", t)[0]
        + "\n",
        1,
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_reindexes_its_file_alone(run: Run, folder: Path, name: str) -> None:
    run("--facts", str(folder), "topics")  # builds the index
    edit(folder / "0004.yaml", EDITS[name])
    assert how_indexed(run, folder) == "partial"
    answers_agree(run, folder)


def test_edits_in_a_row_and_in_two_files(run: Run, folder: Path) -> None:
    run("--facts", str(folder), "topics")
    for path in ("0002.yaml", "0002.yaml", "0009.yaml"):
        edit(folder / path, lambda t: t.replace("reached ", "reaches ", 1))
        assert how_indexed(run, folder) == "partial"
    answers_agree(run, folder)


def test_an_id_taken_from_another_file_fails_as_a_full_load_does(run: Run, folder: Path) -> None:
    run("--facts", str(folder), "topics")
    taken = first_claim_id(folder / "0007.yaml")
    mine = first_claim_id(folder / "0004.yaml")
    edit(folder / "0004.yaml", lambda t: t.replace(f"- id: {mine}\n", f"- id: {taken}\n", 1))
    cached = run("--facts", str(folder), "facts", "asean")
    fresh = run("--facts", str(folder), "--no-cache", "facts", "asean")
    assert cached.exit_code == fresh.exit_code == 3
    assert cached.stderr == fresh.stderr
    assert f"duplicate claim id '{taken}'" in cached.stderr
    assert "0004.yaml" in cached.stderr  # where the duplicate is, file:line


def test_a_reference_to_nothing_fails_as_a_full_load_does(run: Run, folder: Path) -> None:
    run("--facts", str(folder), "topics")
    edit(
        folder / "0005.yaml", lambda t: re.sub(r"speaker: sp-\d+", "speaker: sp-nobody", t, count=1)
    )
    cached = run("--facts", str(folder), "quote")
    fresh = run("--facts", str(folder), "--no-cache", "quote")
    assert cached.exit_code == fresh.exit_code == 3
    assert cached.stderr == fresh.stderr
    assert "unknown speaker 'sp-nobody'" in cached.stderr


def test_a_claim_made_in_another_files_quote_keeps_its_speaker(run: Run, folder: Path) -> None:
    """A cross-file rule on the edited file's side: a claim made in a quote of another
    file must be attributed to that quote's speaker."""
    run("--facts", str(folder), "topics")
    quote = re.search(r"  - id: (q-\d+)\n    speaker: (sp-\d+)", (folder / "0008.yaml").read_text())
    assert quote
    qid, sid = quote.groups()
    shared = (folder / "000-shared.yaml").read_text()
    other = next(s for s in re.findall(r"id: (sp-\d+)", shared) if s != sid)
    claim = first_claim_id(folder / "0004.yaml")
    right = f"    quote: {qid}\n    speaker: {sid}\n"
    edit(folder / "0004.yaml", lambda t: t.replace(f"- id: {claim}\n", f"- id: {claim}\n{right}"))
    assert how_indexed(run, folder) == "partial"
    answers_agree(run, folder)
    wrong = f"    quote: {qid}\n    speaker: {other}\n"
    edit(folder / "0004.yaml", lambda t: t.replace(right, wrong, 1))
    cached = run("--facts", str(folder), "facts")
    fresh = run("--facts", str(folder), "--no-cache", "facts")
    assert cached.exit_code == fresh.exit_code == 3
    assert cached.stderr == fresh.stderr
    assert "is made in quote" in cached.stderr


def test_a_removed_file(run: Run, folder: Path) -> None:
    """A file of claims alone (its sources are another file's) is taken out alone; one
    that defines what others cite fails as a full load does."""
    text = (folder / "0003.yaml").read_text("utf-8")
    claims = text[text.index("claims:\n") :]
    (folder / "0099-more.yaml").write_text(
        "format: 1\n" + claims.replace("- id: c-", "- id: more-c-"),
        "utf-8",
    )
    answers_agree(run, folder)
    (folder / "0099-more.yaml").unlink()
    assert how_indexed(run, folder) == "partial"
    answers_agree(run, folder)
    (folder / "0003.yaml").unlink()
    cached = run("--facts", str(folder), "facts")
    fresh = run("--facts", str(folder), "--no-cache", "facts")
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )


def test_a_shared_change_rebuilds_whole(run: Run, folder: Path) -> None:
    """Speakers, topics and entities are read by every record's terms: changing them
    rebuilds the whole index, and answers stay the same."""
    run("--facts", str(folder), "topics")
    edit(folder / "000-shared.yaml", lambda t: t.replace("Trade by train", "Trade by rail", 1))
    assert how_indexed(run, folder) == "whole"
    answers_agree(run, folder)


def test_an_index_swapped_for_a_symlink_is_not_updated(run: Run, folder: Path) -> None:
    run("--facts", str(folder), "topics")
    paths = cache_paths(folder)
    assert paths is not None
    elsewhere = paths.db.with_name("elsewhere.sqlite")
    os.replace(paths.db, elsewhere)
    paths.db.symlink_to(elsewhere)
    edit(folder / "0004.yaml", lambda t: t.replace("reached ", "reaches ", 1))
    assert how_indexed(run, folder) == "whole"
    assert not paths.db.is_symlink()  # rebuilt as our own file
    answers_agree(run, folder)


def test_a_damaged_index_is_rebuilt_not_updated(run: Run, folder: Path) -> None:
    run("--facts", str(folder), "topics")
    paths = cache_paths(folder)
    assert paths is not None
    data = bytearray(paths.db.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # zeros over rows, postings or both
    paths.db.write_bytes(bytes(data))
    edit(folder / "0004.yaml", lambda t: t.replace("reached ", "reaches ", 1))
    answers_agree(run, folder)


def test_a_reader_keeps_its_view_while_a_file_is_reindexed(run: Run, folder: Path) -> None:
    """An update is made in the index itself when no one reads it, in a copy renamed
    into place when someone does: a reader never sees half an update."""
    from brtrade.index.store import FactStore

    run("--facts", str(folder), "topics")
    paths = cache_paths(folder)
    assert paths is not None
    claim = first_claim_id(folder / "0004.yaml")
    with FactStore(folder) as reader:
        before = reader.record(claim).record
        inode = paths.db.stat().st_ino
        edit(folder / "0004.yaml", lambda t: t.replace("reached ", "reaches ", 1))
        assert how_indexed(run, folder) == "partial"
        assert paths.db.stat().st_ino != inode  # a copy: the reader holds the index
        assert reader.record(claim).record == before  # still its own, whole view
    answers_agree(run, folder)
    inode = paths.db.stat().st_ino
    edit(folder / "0004.yaml", lambda t: t.replace("reaches ", "reached ", 1))
    assert how_indexed(run, folder) == "partial"
    assert paths.db.stat().st_ino == inode  # in place: no one reads it
    answers_agree(run, folder)
    assert not paths.db.with_name(paths.db.name + "-journal").exists()


@pytest.mark.parametrize("name", ["figure value and wording", "a claim added"])
def test_an_edit_read_by_the_fast_reader_agrees_with_the_precise_one(
    run: Run, folder: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update reads the edited file with the fast reader (brtrade.core.fastyaml); its
    answers are those of a whole index built from files read by the precise reader."""
    from brtrade.core import validate

    run("--facts", str(folder), "topics")  # builds the index
    edit(folder / "0004.yaml", EDITS[name])
    real = validate.read_fast
    read: list[str] = []

    def counted(text: str, shown: str) -> object:
        read.append(shown)
        return real(text, shown)

    monkeypatch.setattr(validate, "read_fast", counted)
    assert how_indexed(run, folder) == "partial"
    assert [Path(s).name for s in read] == ["0004.yaml"]  # the edited file, read fast
    updated = {tuple(args): run("--facts", str(folder), *args).stdout for args in COMMANDS}
    monkeypatch.setattr(validate, "read_fast", lambda text, shown: None)  # always hand over
    whole = {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=folder.parent)}
    for args in COMMANDS:
        assert run("--facts", str(folder), *args, env=whole).stdout == updated[tuple(args)], args
