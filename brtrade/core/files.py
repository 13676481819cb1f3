"""Which files a --facts path names. Light: no YAML, no model."""

from __future__ import annotations

from pathlib import Path

from brtrade.core.errors import FactBaseError

FACT_FILE_SUFFIXES = (".yaml", ".yml")
FORMAT_VERSION = 1
"""The fact-file format this brtrade reads (the ``format:`` key)."""


def fact_files(path: Path) -> list[Path]:
    """The fact files that ``path`` names: itself, or the YAML files in a folder, by name."""
    if path.is_dir():
        try:
            entries = list(path.iterdir())
        except OSError as exc:
            raise FactBaseError(
                f"cannot list the folder: {exc.strerror or exc}", file=str(path)
            ) from None
        files = sorted(
            p for p in entries if p.suffix in FACT_FILE_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise FactBaseError(
                "the folder holds no *.yaml fact files", file=str(path), hint="add a .yaml file"
            )
        return files
    return [path]
