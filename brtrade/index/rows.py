"""Claims and quotes as the index stores them: their contract rows, packed.

A packed row is a JSON array of the contract row's values in contract order
(:mod:`brtrade.contract.shapes`), without the keys, with the speaker as its id
only (its name, role and organisation are stored once per speaker) and with
what the model has beyond the contract (the draft mark and where the record
was written) at its end. A warm query unpacks rows into contract rows without
importing the model; ``show``, ``figures``, ``derive`` and ``sources --text``
rebuild model records from the same rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brtrade.contract.shapes import CONTRACT, FIGURE_KEYS, PROVENANCE_KEYS, SPEAKER_REF_KEYS

if TYPE_CHECKING:
    from brtrade.core.model import Claim, Quote

JSON = dict[str, Any]
SpeakerRefs = dict[str, list[Any]]
"""Speaker id -> [name, role, organisation]: what a row's speaker reference adds to its id."""

_CLAIM_KEYS = tuple(k for k, _ in CONTRACT["claim"][1:])  # "type" is implied
_QUOTE_KEYS = tuple(k for k, _ in CONTRACT["quote"][1:])
_EXTRA = 3  # draft, file number, line


def pack(row: JSON, draft: bool, file_no: int | None, line: int | None) -> list[Any]:
    """A claim's or quote's contract row as a packed row."""
    out: list[Any] = []
    for key, value in row.items():
        if key == "type":
            continue
        if key == "speaker":
            value = None if value is None else value["id"]
        elif key == "figures":
            value = [[f[k] for k in FIGURE_KEYS] for f in value]
        elif key == "provenance":
            value = [value[k] for k in PROVENANCE_KEYS]
        out.append(value)
    out.extend((draft, file_no, line))
    return out


def unpack(kind: str, packed: list[Any], speakers: SpeakerRefs) -> JSON:
    """The contract row of a packed claim (``kind`` 'claim') or quote."""
    keys = _CLAIM_KEYS if kind == "claim" else _QUOTE_KEYS
    row: JSON = {"type": kind}
    for key, value in zip(keys, packed, strict=False):
        if key == "speaker":
            if value is not None:
                value = dict(zip(SPEAKER_REF_KEYS, [value, *speakers[value]], strict=True))
        elif key == "figures":
            value = [dict(zip(FIGURE_KEYS, f, strict=True)) for f in value]
        elif key == "provenance":
            value = dict(zip(PROVENANCE_KEYS, value, strict=True))
        row[key] = value
    if len(packed) != len(keys) + _EXTRA:
        raise ValueError("a row of the index has the wrong length")
    return row


def to_model(kind: str, packed: list[Any], files: list[str]) -> Claim | Quote:
    """The model record of a packed claim or quote: the one it was packed from."""
    from brtrade.core.model import Claim, Figure, Origin, Provenance, Quote

    keys = _CLAIM_KEYS if kind == "claim" else _QUOTE_KEYS
    values = dict(zip(keys, packed, strict=False))
    draft, file_no, line = packed[len(keys) :]
    src, paragraphs, evidence = values["provenance"][:3]
    prov = Provenance(src, tuple(paragraphs), evidence)
    origin = None if file_no is None else Origin(files[file_no], line)
    topics, entities = tuple(values["topics"]), tuple(values["entities"])
    if kind == "quote":
        return Quote(
            id=values["id"],
            speaker=values["speaker"],
            text=values["text"],
            provenance=prov,
            topics=topics,
            entities=entities,
            draft=draft,
            origin=origin,
        )
    return Claim(
        id=values["id"],
        statement=values["statement"],
        kind=values["kind"],
        provenance=prov,
        period=values["period"],
        period_basis=values["period_basis"],
        topics=topics,
        entities=entities,
        figures=tuple(Figure(**dict(zip(FIGURE_KEYS, f, strict=True))) for f in values["figures"]),
        speaker=values["speaker"],
        quote=values["quote"],
        basis=values["basis"],
        note=values["note"],
        draft=draft,
        origin=origin,
    )
