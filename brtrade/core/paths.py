"""Where the bundled fact base lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_facts_path() -> Path:
    """The fact base shipped with brtrade.

    In a wheel it is ``brtrade/data/facts.yaml``; in a source checkout or an
    editable install it is ``facts.yaml`` at the top of the repository.
    """
    packaged = _PACKAGE / "data" / "facts.yaml"
    if packaged.is_file():
        return packaged
    return _PACKAGE.parent / "facts.yaml"
