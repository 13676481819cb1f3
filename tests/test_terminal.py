"""What people see: colour rules, highlighting, widths, completion, the overview."""

from __future__ import annotations

import re

import pytest

from brtrade.cli import ExitCode
from tests.helpers import Run, complete

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_pipe_gets_no_ansi_and_no_box_drawing(run: Run) -> None:
    out = run("facts", "asean").stdout
    assert "\x1b" not in out
    assert not set("─│┌┐└┘━") & set(out)


def test_force_color_gives_a_terminal_table_with_highlighted_words(run: Run) -> None:
    out = run("facts", "asean", env={"FORCE_COLOR": "1"}).stdout
    assert "─" in out
    assert "\x1b[1;33mASEAN\x1b[0m" in out  # the query's word, highlighted


def test_no_color_wins_over_force_color(run: Run) -> None:
    out = run("facts", "asean", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    codes = set(re.findall(r"\x1b\[([0-9;]*)m", out))
    assert not any(re.search(r"(^|;)(3[0-7]|9[0-7]|38)(;|$)", c) for c in codes), codes


@pytest.mark.parametrize("columns", ["80", "200"])
def test_tables_keep_every_word_at_any_width(run: Run, columns: str) -> None:
    out = run("quote", "--speaker", "zhou", env={"COLUMNS": columns}).stdout
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    flat = " ".join(out.split())
    assert "upgrading the development of market diversification" in flat
    assert "q-zhou-mi-cooperation" in flat  # the id is not cut


def test_figures_view_shows_bars_for_comparable_figures(run: Run) -> None:
    out = run("figures", env={"COLUMNS": "100"}).stdout
    assert "Changes" in out and "Shares of a total" in out and "Amounts in yuan" in out
    # One bar scale per period: 2020's changes (7% and 1%) are drawn together; the
    # 2020-H2 change (30%) and the one of unstated period (34.4%) stand apart.
    assert "Changes, 2020\n" in out and "Changes, 2020-H2" in out
    assert "Changes, period not stated" in out
    changes = out.split("Changes, 2020\n")[1].split("Changes, 2020-H2")[0]
    bars = [len(s) for s in (ln.strip() for ln in changes.splitlines()) if s and s[0] in "█▏"]
    assert len(bars) == 2 and max(bars) == 24  # 7% fills the scale; 1% is a sliver
    assert "+34.4%" in out and "basis not stated" in out


def test_figures_query_and_empty(run: Run) -> None:
    assert "4.74 trillion CNY" in run("figures", "asean").stdout
    result = run("figures", "volcano")
    assert result.exit_code == ExitCode.NO_MATCH and "no figures" in result.stderr


def test_overview(run: Run) -> None:
    out = run().stdout
    assert re.search(r"claims\s+18", out) and re.search(r"quotes\s+3", out)
    assert re.search(r"speakers\s+3", out) and re.search(r"sources\s+1", out)
    assert out.count("brtrade ") >= 3


def test_completion_offers_speakers(run: Run) -> None:
    assert "Tu Xinquan" in complete(run, "brtrade quote --speaker T")
    out = complete(run, "brtrade quote --speaker Z")
    assert "Zhou Mi" in out and "Tu Xinquan" not in out


def test_completion_through_bash(run: Run) -> None:
    env = {
        "_BRTRADE_COMPLETE": "complete_bash",
        "COMP_WORDS": "brtrade facts --speaker T",
        "COMP_CWORD": "3",
    }
    out = run(env=env).stdout
    assert out.splitlines() == ["Tu\\ Xinquan"]  # escaped: bash inserts it as one word


def test_completion_offers_topics_entities_and_ids(run: Run) -> None:
    assert "rail" in complete(run, "brtrade facts --topic ra")
    assert "Singapore" in complete(run, "brtrade facts --entity Sing")
    ids = complete(run, "brtrade show asean-")
    assert "asean-trade-2020" in ids and "asean-largest-partner-2020" in ids
    assert "br-trade-2020" in complete(run, "brtrade sources br")


def test_completion_on_a_broken_base_offers_nothing(run: Run) -> None:
    result = run(
        env={
            "_BRTRADE_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "brtrade quote --speaker T",
            "BRTRADE_FACTS": "/nonexistent.yaml",
        }
    )
    assert result.exit_code == 0 and "Tu" not in result.stdout and result.stderr == ""


def test_the_tables_of_one_output_share_one_width(run: Run) -> None:
    out = run("figures", env={"COLUMNS": "120", "FORCE_COLOR": "1"}).stdout
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    rules = {len(line.rstrip()) for line in plain.splitlines() if set(line.strip()) == {"─"}}
    assert len(rules) == 1 and rules.pop() <= 100
