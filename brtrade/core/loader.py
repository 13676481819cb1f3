"""Load a fact file, or a folder of them, into one validated base.

Each file is read and parsed (:mod:`brtrade.core.yamlread`), walked against
the model (:mod:`brtrade.core.validate`), and the files are merged here and held
to the cross-record rules (:mod:`brtrade.core.rules.records`).
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brtrade.core.errors import FactBaseError, excerpt
from brtrade.core.files import fact_files, is_folder
from brtrade.core.model import FactBase, Source
from brtrade.core.rules.problems import Locator
from brtrade.core.rules.records import check_records
from brtrade.core.validate import ParsedFile, parse_fact_file, reparsed_precisely


def resolve_source_path(source: Source, fact_file: Path) -> Path:
    """The source's text file, which must lie inside the fact file's folder."""
    line = source.origin.line if source.origin else None
    rel = Path(source.text)
    if rel.is_absolute() or ".." in rel.parts or source.text.startswith("~"):
        raise FactBaseError(
            f"text path {excerpt(source.text)} must be relative and stay inside "
            "the fact file's folder",
            file=str(fact_file),
            line=line,
            record=source.id,
            field="text",
            hint="put the text beside the fact file, for example sources/article.txt",
        )
    folder = fact_file.resolve().parent
    resolved = (folder / rel).resolve()
    if not resolved.is_relative_to(folder):
        raise FactBaseError(
            f"text path {excerpt(source.text)} leads outside the fact file's folder "
            "(through a symlink)",
            file=str(fact_file),
            line=line,
            record=source.id,
            field="text",
        )
    return resolved


def _root_path(path: str | os.PathLike[str]) -> Path:
    root = Path(path)
    if not is_folder(root) and not os.path.lexists(root):  # unreachable: is_folder says so
        raise FactBaseError(
            "no such fact file or folder", file=str(root), hint="check --facts or BRTRADE_FACTS"
        )
    return root


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic structures.

    Parsing creates millions of objects and no reference cycles; with the
    collector running, it traverses them again and again (a 100,000-claim base
    loads several times slower). Memory is unaffected: nothing here needs the
    cycle collector to be freed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_fact_base(path: str | os.PathLike[str], digests: dict[str, str] | None = None) -> FactBase:
    """Load a fact file, or a folder of them, into one validated :class:`FactBase`.

    The first problem raises :class:`FactBaseError`. With ``digests``, the
    SHA-256 of the bytes parsed from each file is stored there by path.
    """
    root = _root_path(path)
    pipe_ok = not is_folder(root)  # a file the user named may be /dev/stdin; a folder's may not
    with gc_paused():
        parsed = [
            parse_fact_file(p, pipe_ok=pipe_ok, digest=digests is not None)
            for p in fact_files(root)
        ]
        if digests is not None:
            digests.update((str(p.path), p.sha256) for p in parsed)
        try:
            base, _ = merge(parsed, collect=False)
        except FactBaseError as problem:
            if all(p.text is None for p in parsed):
                raise _at_field_line(problem) from None
            # The fast path's references know only their record's line: read precisely
            # to word the problem (and, were the fast path ever wrong, to load right).
            parsed = [reparsed_precisely(p) for p in parsed]
            try:
                base, _ = merge(parsed, collect=False)
            except FactBaseError as precise_problem:
                raise _at_field_line(precise_problem) from None
    return base


def _at_field_line(problem: FactBaseError) -> FactBaseError:
    """A cross-record problem placed at its field's line, not its record's.

    A strict load keeps no line map (it would cost memory on every load); on
    this error path the one file is walked again, collecting, to find it.
    """
    if problem.record is None or problem.field is None or not Path(problem.file).is_file():
        return problem
    walked = parse_fact_file(Path(problem.file), [], lint=True)
    problem.line = Locator(walked.lines).line(problem.record, problem.field, problem.line)
    return problem


@dataclass(slots=True)
class Linted:
    """What ``brtrade check`` works on: the valid part of a base, and its problems."""

    base: FactBase
    problems: list[FactBaseError]
    at: Locator
    """Places a problem about a record's field at that field's line."""


def lint_fact_base(path: str | os.PathLike[str]) -> Linted:
    """Load what is valid and collect every problem, for ``brtrade check``.

    A path that does not exist, or an empty folder, still raises.
    """
    problems: list[FactBaseError] = []
    root = _root_path(path)
    pipe_ok = not is_folder(root)
    with gc_paused():
        parsed = [
            parse_fact_file(p, problems, lint=True, pipe_ok=pipe_ok) for p in fact_files(root)
        ]
        lines: dict[tuple[str, str], int] = {}
        for p in parsed:
            lines.update(p.lines)
        at = Locator(lines)
        base, more = merge(parsed, collect=True, at=at)
    return Linted(base, problems + more, at)


def _extended(entities: tuple[Any, ...], extensions: tuple[Any, ...]) -> tuple[Any, ...]:
    """The entities with the aliases and relations other files add to them. An extension
    of an id no file defines is left to the reference rule, which names it."""
    if not extensions:
        return entities
    import dataclasses

    more: dict[str, list[Any]] = {}
    for ext in extensions:
        more.setdefault(ext.entity, []).append(ext)
    out = []
    for ent in entities:
        for ext in more.get(ent.id, ()):
            aliases = ent.aliases + tuple(a for a in ext.aliases if a not in ent.aliases)
            ent = dataclasses.replace(ent, aliases=aliases, relations=ent.relations + ext.relations)
        out.append(ent)
    return tuple(out)


def merge(
    parsed: list[ParsedFile], *, collect: bool, at: Locator | None = None
) -> tuple[FactBase, list[FactBaseError]]:
    """Merge parsed files into one base and cross-check it.

    Strict (``collect=False``): the first problem raises. Collecting: the base
    keeps what is valid and every problem is returned.
    """
    problems: list[FactBaseError] = []

    def report(problem: FactBaseError) -> None:
        if not collect:
            raise problem
        problems.append(problem)

    def collect_group(attr: str) -> tuple[Any, ...]:
        return tuple(r for p in parsed for r in getattr(p.content, attr))

    source_paths: dict[str, str] = {}
    for p in parsed:
        for src in p.content.sources:
            try:
                source_paths.setdefault(src.id, str(resolve_source_path(src, p.path)))
            except FactBaseError as bad_path:
                report(bad_path)

    base = FactBase(
        sources=collect_group("sources"),
        topics=collect_group("topics"),
        entities=_extended(collect_group("entities"), collect_group("entity_extensions")),
        speakers=collect_group("speakers"),
        quotes=collect_group("quotes"),
        claims=collect_group("claims"),
        vocabulary=collect_group("vocabulary"),
        extensions=collect_group("entity_extensions"),
        source_paths=source_paths,
        files=tuple(str(p.path) for p in parsed),
    )
    for problem in check_records(base, parsed, at or Locator()):
        report(problem)
    return base, problems
