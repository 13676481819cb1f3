"""Problems about a record, placed at the line of the offending field."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brtrade.core.errors import FactBaseError
from brtrade.core.rules import Rule

if TYPE_CHECKING:
    from brtrade.core.model import Record, Term

_LAST_STEP = re.compile(r"(?:\.[^.\[\]]+|\[\d+\])\Z")


class Locator:
    """Turns (record, field) into a problem at the field's line.

    ``lines`` maps (record id, field path inside the record) to the line the
    YAML has it on; the loader keeps it when it collects problems (``brtrade
    check``). A field the YAML lacks (a missing key) is placed at its nearest
    enclosing field that it has (``figures[0].basis`` at ``figures[0]``), and
    at the record's first line when there is none.
    """

    def __init__(self, lines: dict[tuple[str, str], int] | None = None) -> None:
        self.lines = lines or {}

    def line(self, record_id: str, field: str, default: int | None) -> int | None:
        path = field
        while path:
            found = self.lines.get((record_id, path))
            if found is not None:
                return found
            shorter = _LAST_STEP.sub("", path)
            if shorter == path:
                shorter = ""
            path = shorter
        return default

    def problem(
        self,
        rec: Record | Term,
        field: str,
        message: str,
        rule: Rule,
        hint: str | None = None,
    ) -> FactBaseError:
        origin = rec.origin
        return FactBaseError(
            message,
            file=origin.file if origin else "?",
            line=self.line(rec.id, field, origin.line if origin else None),
            field=field,
            hint=hint,
            record=rec.id,
            rule=rule,
        )
