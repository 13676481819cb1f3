"""The cache command: list, prune and clear the persistent indexes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from brtrade.cli.options import JsonFlag
from brtrade.cli.output import emit_json, emit_rich

if TYPE_CHECKING:
    from brtrade.index.cache import Entry

cache_app = typer.Typer(
    name="cache",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help, as the root's: it is built on its own, lazily
)


def _rows(found: list[Entry]) -> list[dict[str, object]]:
    import datetime

    return [
        {
            "key": e.key,
            "base": e.base,
            "exists": e.exists,
            "current": e.current,
            "bytes": e.size,
            "used": datetime.datetime.fromtimestamp(e.used, datetime.timezone.utc).isoformat(
                timespec="seconds"
            ),
        }
        for e in found
    ]


def _show(found: list[Entry], json_out: bool, title: str) -> None:
    rows = _rows(found)
    if json_out:
        emit_json(rows)
        return
    from brtrade.core.numbers import format_number
    from brtrade.render.tables import rows_table

    cells = [
        [
            str(r["base"] or "?")
            + ("" if r["exists"] else "  (gone)")
            + ("" if r["current"] else "  (outdated)"),
            f"{format_number(int(r['bytes']) / 1024**2, precision=3)} MB",  # type: ignore[call-overload]
            str(r["used"]),
        ]
        for r in rows
    ]
    emit_rich(lambda plain: rows_table([title, "size", "last used (UTC)"], cells, plain, [1]))


@cache_app.callback()
def cache(ctx: typer.Context, json_out: JsonFlag = False) -> None:
    """List the indexes in the cache folder: the base each belongs to (and whether it
    still exists), its size, and when it was last used. brtrade also prunes on its own,
    at most once a day: indexes of bases that are gone, and the least recently used
    while the folder is over BRTRADE_CACHE_MAX (default 1G).

    Examples:

      brtrade cache

      brtrade cache prune --older-than 7

      brtrade cache clear --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from brtrade.index.cache import entries

    _show(entries(), json_out, "index of")


@cache_app.command()
def prune(
    older_than: Annotated[
        float,
        typer.Option(
            "--older-than", min=0, metavar="DAYS", help="Remove indexes unused this long."
        ),
    ] = 30,
    json_out: JsonFlag = False,
) -> None:
    """Remove the indexes whose base is gone or that have not been used for DAYS days,
    and the least recently used while the folder is over BRTRADE_CACHE_MAX."""
    from brtrade.index.cache import max_bytes
    from brtrade.index.cache import prune as prune_cache

    _show(prune_cache(older_than_days=older_than, cap=max_bytes()), json_out, "removed")


@cache_app.command()
def clear(json_out: JsonFlag = False) -> None:
    """Remove every index. The next query rebuilds the one it needs."""
    from brtrade.index.cache import prune as prune_cache

    _show(prune_cache(older_than_days=None, everything=True), json_out, "removed")
