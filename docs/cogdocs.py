"""Helpers for the cog blocks in README.md and docs/*.md: real output of real commands.

Run ``cog -r README.md docs/*.md`` after changing a command; CI runs ``cog --check``.
Output is rendered at 80 columns as a terminal shows it (box drawing on,
colour codes stripped), or as a pipe receives it (``terminal=False``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from brtrade.cli import app

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_COLUMNS = "80"


def run(args: str, *, terminal: bool = True) -> tuple[str, str, int]:
    env = {"COLUMNS": _COLUMNS, "NO_COLOR": None, "TERM": "xterm", "BRTRADE_FACTS": None}
    env["FORCE_COLOR"] = "1" if terminal else None
    result = CliRunner().invoke(app, shlex.split(args), env=env, catch_exceptions=False)
    out = "\n".join(line.rstrip() for line in _ANSI.sub("", result.stdout).splitlines())
    return out.strip("\n"), result.stderr.strip(), result.exit_code


def example(args: str, *, terminal: bool = True, head: int | None = None) -> str:
    """A console block: the command line and what it prints."""
    out, err, _ = run(args, terminal=terminal)
    lines = out.splitlines()
    if head is not None and len(lines) > head:
        lines = [*lines[:head], "…"]
    body = "\n".join(lines + ([err] if err else []))
    return f"```console\n$ brtrade {args}\n{body}\n```\n"


def pipeline(args: str, script: str) -> str:
    """``brtrade ARGS | python -c SCRIPT``, run for real."""
    out, _, _ = run(args, terminal=False)
    piped = subprocess.run(
        [sys.executable, "-c", script], input=out, capture_output=True, text=True, check=True
    ).stdout.rstrip()
    return f"```console\n$ brtrade {args} | python -c {shlex.quote(script)}\n{piped}\n```\n"


def check_example(*changes: tuple[str, str]) -> str:
    """``brtrade check`` on a copy of the bundled base with each (old, new) change made."""
    root = Path(__file__).resolve().parent.parent
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "copy"
        copy.mkdir()
        shutil.copytree(root / "sources", copy / "sources")
        text = (root / "facts.yaml").read_text("utf-8")
        for old, new in changes:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (copy / "facts.yaml").write_text(text, "utf-8")
        os.chdir(tmp)
        try:
            return example("check copy/facts.yaml", terminal=False)
        finally:
            os.chdir(here)


def help_text(command: str | None) -> str:
    args = f"{command} --help" if command else "--help"
    out, _, code = run(args, terminal=False)
    assert code == 0
    return f"```text\n$ brtrade {args}\n{out}\n```\n"


def commands() -> list[str]:
    """The app's commands, in the order it lists them: the docs follow the code."""
    import typer.main

    group = typer.main.get_command(app)
    return list(group.commands)  # type: ignore[attr-defined]


def rules_table() -> str:
    """The rules of ``brtrade check``, from the one enum that names them."""
    from brtrade.core.rules import Rule

    rows = [f"| `{r.value}` | {r.description} |" for r in Rule]
    return "| rule | what it checks |\n|---|---|\n" + "\n".join(rows) + "\n"


def limits_table() -> str:
    """Every limit brtrade holds to, with its number, from the constants themselves."""
    from brtrade.cli.commands import verify as cmd
    from brtrade.core import drafting, errors, files, numbers, query, verify
    from brtrade.index import freshness, store
    from brtrade.render import tables

    rows = [
        ("a fact file", f"{files.MAX_FILE_BYTES // 2**20} MiB, counted as it is read"),
        ("a source text", f"{files.MAX_SOURCE_BYTES // 2**20} MiB, counted as it is read"),
        (
            "a figure's value",
            f"at most {numbers.MAX_MAGNITUDE:g} in size; 0, or at least {numbers.MIN_MAGNITUDE:g}",
        ),
        ("a whole-number field (paragraphs, format)", f"at most {numbers.MAX_WHOLE:,}"),
        ("a value quoted in an error message", f"{errors.EXCERPT_CHARS} characters, escaped"),
        ("a record id or field name in a message", f"{errors.MAX_NAME_CHARS} characters"),
        (
            "one value in a table",
            f"{tables.MAX_CELL_CHARS:,} characters (machine formats carry it whole)",
        ),
        ("an index stamp", f"{freshness.MAX_STAMP_BYTES // 2**20} MiB"),
        (
            "query words answered from the index",
            f"{store.MAX_INDEXED_WORDS} (more: from memory, same results)",
        ),
        ("YAML nesting", "Python's recursion limit"),
        (
            "a draft (verify) or an article (draft)",
            f"{cmd.MAX_DRAFT_BYTES // 2**20} MiB; at most {verify.MAX_FIGURES:,} figures and "
            f"{verify.MAX_QUOTATIONS:,} quotations verified, {drafting.MAX_RECORDS:,} records "
            "drafted (the rest: said on stderr)",
        ),
        ("a question", f"its first {query.MAX_QUESTION_WORDS} words (the rest: said on stderr)"),
    ]
    lines = ["| what | limit |", "|---|---|"]
    lines += [f"| {what} | {limit} |" for what, limit in rows]
    return "\n".join(lines) + "\n"


def environment_table() -> str:
    """The environment variables brtrade reads, from core.environment."""
    from brtrade.core.environment import VARIABLES

    lines = ["| variable | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in VARIABLES.items()]
    return "\n".join(lines) + "\n"


def quality_summary(each: bool = True) -> str:
    """brtrade's scores on the tuning set and, apart, on the held-out sets: the other
    held-out sets pooled (their scores were read as matching changed), the clean ones
    (``quality.CLEAN``), whose misses were never read (the fairest estimates), pooled and
    then each (with ``each``; else only the latest written), and the paraphrase issue's
    goals."""
    quality = _quality_module()
    ours = quality.brtrade_ranker()
    clean = [(t, path) for t, path in quality.SETS if path in quality.CLEAN]
    earlier = [p for _, p in quality.SETS if p != quality.QUESTIONS and p not in quality.CLEAN]
    pooled = [q for p in earlier for q in quality.load_questions(p)]
    clean_pooled = [q for _, p in clean for q in quality.load_questions(p)]
    rows = [
        ("tuning set", quality.evaluate(ours, quality.load_questions(quality.QUESTIONS))),
        (f"{len(earlier)} other held-out sets, pooled", quality.evaluate(ours, pooled)),
        (f"the {len(clean)} never read, pooled", quality.evaluate(ours, clean_pooled)),
        *(
            (f"{t}, never read", quality.evaluate(ours, quality.load_questions(p)))
            for t, p in (clean if each else clean[-1:])
        ),
    ]
    columns = (
        ("question", "hit@1", "hit@3"),
        ("person", "hit@1", None),
        ("keyword", "hit@3", None),
        ("figure", "hit@1", None),
        ("no-answer", "empty", None),
    )
    heads = (
        "question hit@1 / hit@3 | person hit@1 | keyword hit@3 | figure hit@1 "
        "| no-answer left empty"
    )
    lines = [f"| set | {heads} |", "|---" * (len(columns) + 1) + "|"]
    for title, results in rows:
        cells = []
        for kind, first, second in columns:
            r = results.get(kind)
            if r is None:
                cells.append("")
                continue
            value = f"{r[first]:.2f}" + (f" / {r[second]:.2f}" if second else "")
            cells.append(f"{value} (n={int(r['n'])})")
        lines.append(f"| {title} | {' | '.join(cells)} |")
    lines.append("| goal (the paraphrase issue) | >= 0.90 / >= 0.97 | | >= 0.97 | 1.00 | >= 0.93 |")
    return "\n".join(lines) + "\n"


def _quality_module() -> Any:
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("quality", root / "benchmarks" / "quality.py")
    assert spec is not None and spec.loader is not None
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    return quality


def quality_table() -> str:
    """benchmarks/quality.py's table, run for real."""
    quality = _quality_module()
    ours, baseline = quality.brtrade_ranker(), quality.bm25_ranker()
    out = []
    for title, path in quality.SETS:
        name = path.relative_to(quality.ROOT).as_posix()
        note = "" if path == quality.QUESTIONS else ", never tuned to"
        title = f"{title[0].upper()}{title[1:]} (`{name}`{note})"
        questions = quality.load_questions(path)
        results = {
            "brtrade": quality.evaluate(ours, questions),
            "BM25": quality.evaluate(baseline, questions),
        }
        out.append(f"{title}:\n\n{quality.table(results)}")
    return "\n".join(out)


def verify_quality_table() -> str:
    """benchmarks/verify_quality.py's table, run for real."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    path = root / "benchmarks" / "verify_quality.py"
    spec = importlib.util.spec_from_file_location("verify_quality", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    verdicts = bench.judge()
    rows = {
        f"{title} (`{path.name}`)": bench.scores(bench.pairs(verdicts, bench.load(path)))
        for title, path in bench.SETS
    }
    text: str = bench.table(rows)
    return text


def draft_summary() -> str:
    """The totals of benchmarks/draft.py, per set, as a Markdown table."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("draft_bench", root / "benchmarks" / "draft.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["draft_bench"] = bench
    spec.loader.exec_module(bench)
    lines = [
        "| set | figures recall / precision | kind and unit | measure | period "
        "| quotes recall / precision | indirect speech |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in bench.SETS:
        total = bench.Score()
        paths = sorted((bench.CORPUS / split).glob("*.txt"))
        for path in paths:
            total.merge(bench.score_article(path))
        r = {k: f"{total.rate(k) or 0:.2f}" for k, _ in bench.COLUMNS}
        name = "tuning" if split == "tuning" else "held-out"
        lines.append(
            f"| {name}, {len(paths)} articles | {r['figure recall']} / {r['figure precision']} "
            f"| {r['kind and unit']} | {r['measure']} | {r['period']} "
            f"| {r['quote recall']} / {r['quote precision']} | {r['indirect']} |"
        )
    return "\n".join(lines) + "\n"


def draft_walkthrough() -> str:
    """`brtrade draft` on examples/port-news.txt, check, the editor's pass, check, query:
    run for real in a scratch folder, shown as a console session."""
    root = Path(__file__).resolve().parent.parent
    here = os.getcwd()
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            (Path(tmp) / "desk").mkdir()
            (Path(tmp) / "desk" / "sources").mkdir()
            shutil.copy(root / "examples" / "port-news.txt", Path(tmp) / "desk" / "sources")
            steps = [
                "draft desk/sources/port-news.txt -o desk/port-news.yaml",
                "check desk/",
            ]
            for args in steps:
                text, err, code = run(args, terminal=False)
                shown = "\n".join(x for x in (text, err) if x)
                out.append(f"$ brtrade {args}\n{shown}".rstrip())
            facts = Path(tmp) / "desk" / "port-news.yaml"
            edited = "\n".join(
                line.replace("(draft) ", "")
                for line in facts.read_text("utf-8").splitlines()
                if line.strip() != "draft: true"
            )
            facts.write_text(edited + "\n", "utf-8")
            out.append(
                "$ # the editor confirms each record, removes the (draft) marks and 'draft: true'"
            )
            for args in (
                "check desk/",
                "--facts desk/ facts how many containers did the port handle",
            ):
                text, err, code = run(args, terminal=False)
                shown = "\n".join(x for x in (text, err) if x)
                out.append(f"$ brtrade {args}\n{shown}".rstrip())
        finally:
            os.chdir(here)
    return "```console\n" + "\n".join(out) + "\n```\n"


def module_list(package: str) -> str:
    """One line per module of ``package`` (a folder under ``brtrade/``, its subfolders
    included): its path and the first paragraph of its docstring, so that the module
    list in docs/design.md is the package's own and cannot drift."""
    import ast

    base = Path(__file__).resolve().parent.parent
    folder = base / "brtrade" / package
    lines = []
    for path in sorted(folder.rglob("*.py")):
        if path.name == "__init__.py" and path.parent != folder:
            pass  # a subpackage's face says what the subpackage is: keep it
        elif path.name == "__init__.py":
            continue  # the layer's own face: its heading says it
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        first = " ".join(doc.strip().split("\n\n")[0].split())
        first = first.replace(":mod:", "").replace(":func:", "").replace(":class:", "")
        first = first.replace(":data:", "").replace(":meth:", "").replace("``", "`")
        rel = path.relative_to(base).as_posix()
        lines.append(f"- `{rel}`: {first}")
    return "\n".join(lines) + "\n"
