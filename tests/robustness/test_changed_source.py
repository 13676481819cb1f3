"""A source text that changes under its records is never answered from silently: a
query says so on stderr and marks each answered record whose evidence the text no
longer holds `verified: false`, from the index and from memory alike, until `check`
proves the base again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import ROOT, Run, mutate

EDIT = ("Data showed that", "Data denied that")  # the evidence of asean-largest-partner-2020


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "facts.yaml", tmp_path / "facts.yaml")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path / "facts.yaml"


def _source(desk: Path) -> Path:
    return desk.parent / "sources" / "br-trade-2020.txt"


def _verified(run: Run, desk: Path, *args: str) -> tuple[dict[str, bool], str]:
    result = run("--facts", str(desk), *args, "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    return {r["id"]: r["provenance"]["verified"] for r in rows}, result.stderr


@pytest.mark.parametrize("cache", [True, False], ids=["index", "memory"])
def test_an_edited_sentence_marks_its_records_unverified(run: Run, desk: Path, cache: bool) -> None:
    opts = () if cache else ("--no-cache",)
    before, said = _verified(run, desk, *opts, "facts", "asean")
    assert all(before.values()) and said == ""
    mutate(_source(desk), *EDIT)
    after, said = _verified(run, desk, *opts, "facts", "asean")
    assert after == {**before, "asean-largest-partner-2020": False}
    assert "asean-largest-partner-2020 is not in its source text" in said
    assert "brtrade check" in said and "Traceback" not in said
    if cache:
        assert "has changed since the index was built" in said


def test_an_edit_that_keeps_the_evidence_is_told_of_and_verifies(run: Run, desk: Path) -> None:
    _verified(run, desk, "facts", "asean")
    with _source(desk).open("a", encoding="utf-8") as f:
        f.write("\n\nA paragraph added later.\n")
    after, said = _verified(run, desk, "facts", "asean")
    assert all(after.values())
    assert "has changed since the index was built" in said
    assert "not in its source text" not in said


def test_a_change_is_still_told_after_the_index_is_rebuilt(run: Run, desk: Path) -> None:
    _verified(run, desk, "facts", "asean")
    mutate(_source(desk), *EDIT)
    mutate(desk, "label: Trade with ASEAN", "label: Trade with the ASEAN bloc")  # a rebuild
    after, said = _verified(run, desk, "facts", "asean")
    assert after["asean-largest-partner-2020"] is False
    assert "not in its source text" in said


def test_quotes_are_checked_too(run: Run, desk: Path) -> None:
    _verified(run, desk, "quote", "--speaker", "Tu Xinquan")
    mutate(_source(desk), "said Tu Xinquan, executive dean", "said Tu Xinquan, the dean")
    after, said = _verified(run, desk, "quote", "--speaker", "Tu Xinquan")
    assert after == {"q-tu-xinquan-diversification": False}
    assert "q-tu-xinquan-diversification" in said


def test_a_removed_source_marks_its_records_unverified(run: Run, desk: Path) -> None:
    _verified(run, desk, "facts", "rail")
    _source(desk).unlink()
    after, said = _verified(run, desk, "facts", "rail")
    assert after and not any(after.values())
    assert "Traceback" not in said


def test_check_proves_the_base_again_and_the_warning_stops(run: Run, desk: Path) -> None:
    _verified(run, desk, "facts", "asean")
    mutate(_source(desk), *EDIT)
    assert run("--facts", str(desk), "check").exit_code == 1  # the evidence is gone
    mutate(_source(desk), EDIT[1], EDIT[0])  # put back, as an editor would
    assert run("--facts", str(desk), "check").exit_code == 0
    after, said = _verified(run, desk, "facts", "asean")
    assert all(after.values()) and said == ""


def test_show_marks_a_record_whose_evidence_is_gone(run: Run, desk: Path) -> None:
    mutate(_source(desk), *EDIT)
    result = run("--facts", str(desk), "show", "asean-largest-partner-2020", "--json")
    assert json.loads(result.stdout)["provenance"]["verified"] is False
    table = run("--facts", str(desk), "show", "asean-largest-partner-2020")
    assert "not found verbatim" in table.stderr


@pytest.mark.parametrize("how", ["touch", "rewrite", "replace"])
def test_the_same_bytes_under_new_metadata_are_no_change(run: Run, desk: Path, how: str) -> None:
    """A fresh clone, a checkout or a touch gives a text new times or a new inode, not new
    words: nothing is said, and nothing is marked."""
    import os

    _verified(run, desk, "facts", "asean")
    source = _source(desk)
    data = source.read_bytes()
    if how == "touch":
        os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    elif how == "rewrite":
        source.write_bytes(data)
    else:
        source.unlink()
        source.write_bytes(data)
    mutate(desk, "label: Trade with ASEAN", "label: Trade with the ASEAN bloc")  # a rebuild too
    after, said = _verified(run, desk, "facts", "asean")
    assert all(after.values()) and said == ""
