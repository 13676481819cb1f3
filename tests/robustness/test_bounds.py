"""Input at its limits: empty articles, control sequences, and documents past the
figure, quotation and record limits, which stop early with a note on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brtrade.cli import ExitCode
from brtrade.core import drafting, verify
from tests.helpers import Run


@pytest.mark.parametrize("text", ["", " \n\n\t \n", "\x1b[31m\x07\x1b]0;t\x07", "— … “ ”"])
def test_draft_of_an_empty_article_is_a_usage_error(run: Run, tmp_path: Path, text: str) -> None:
    article = tmp_path / "empty.txt"
    article.write_text(text, "utf-8")
    result = run("draft", str(article))
    assert result.exit_code == ExitCode.USAGE
    assert "the article is empty" in result.stderr and result.stdout == ""
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "sequence",
    ["\x1b]52;c;aGVsbG8=\x07", "\x1b]52;c;aGVsbG8=\x1b\\", "\x1b[38;5;52m", "\x9b52m"],
)
def test_control_sequences_in_a_draft_are_no_figures(
    run: Run, tmp_path: Path, sequence: str
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"Trade with ASEAN rose{sequence} 7 percent in 2020.\n", "utf-8")
    findings = json.loads(run("verify", str(draft), "--json").stdout)
    assert [(f["kind"], f["text"], f["verdict"]) for f in findings] == [
        ("figure", "7 percent", "supported")
    ]


def test_verify_stops_after_its_figure_limit_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "MAX_FIGURES", 30)
    draft = tmp_path / "draft.md"
    draft.write_text(" ".join(f"Trade rose {i} percent." for i in range(100)), "utf-8")
    result = run("verify", str(draft), "--json")
    findings = json.loads(result.stdout)
    assert len([f for f in findings if f["kind"] == "figure"]) == 30
    assert "more than 30 figures: checked the first" in result.stderr


def test_verify_stops_after_its_quotation_limit_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "MAX_QUOTATIONS", 5)
    draft = tmp_path / "draft.md"
    quote = "“China’s market diversification strategy has had remarkable results,” said Tu."
    draft.write_text("\n\n".join([quote] * 12), "utf-8")
    result = run("verify", str(draft), "--json")
    assert len(json.loads(result.stdout)) == 5
    assert "more than 5 quotations: checked the first" in result.stderr


def test_draft_stops_after_its_record_limit_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting, "MAX_RECORDS", 10)
    article = tmp_path / "long.txt"
    article.write_text(
        "\n\n".join(f"The port opened route number {i} to Singapore." for i in range(40)), "utf-8"
    )
    result = run("draft", str(article))
    import yaml

    assert result.exit_code == 0
    assert len(yaml.safe_load(result.stdout)["claims"]) == 10
    assert "drafted the text before paragraph 11" in result.stderr


def test_draft_and_verify_refuse_a_text_over_their_size_limit(run: Run, tmp_path: Path) -> None:
    from brtrade.cli.commands.verify import MAX_DRAFT_BYTES

    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (MAX_DRAFT_BYTES // 5 + 1))
    for command in ("draft", "verify"):
        result = run(command, str(big))
        assert result.exit_code == ExitCode.USAGE
        assert "larger than the limit" in result.stderr
