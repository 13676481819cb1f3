"""Every command answers the same from the index as from memory.

The index keeps claims and quotes as packed rows and rebuilds model records
only for what a command reads (``Index.subset``); these tests hold each
command that does so to the answer of the whole base in memory, on the
bundled base, the mini fixture and a generated 10k base.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brtrade.core.loader import load_fact_base
from brtrade.core.paths import bundled_facts_path
from brtrade.core.query import Asked
from brtrade.index.store import FactStore
from brtrade.render.formats import Format, serialise, serialise_chunks
from tests.helpers import MINI, ROOT, Run

BASES = {"bundled": bundled_facts_path(), "mini": MINI / "facts.yaml"}


_INDEXED: set[Path] = set()  # bases whose index this worker has built in the session's cache


def both(run: Run, facts: Path, *args: str) -> tuple[str, str]:
    """(stdout from the index, stdout from memory); exit codes and stderr must agree."""
    if facts not in _INDEXED:
        run("--facts", str(facts), "topics")  # the cached run reads an index, not one it builds
        _INDEXED.add(facts)
    cached = run("--facts", str(facts), *args)
    fresh = run("--facts", str(facts), "--no-cache", *args)
    assert (cached.exit_code, cached.stderr) == (fresh.exit_code, fresh.stderr), args
    return cached.stdout, fresh.stdout


def all_ids(facts: Path) -> list[str]:
    base = load_fact_base(facts)
    return [f"{kind}:{rid}" for kind, recs in base.index.items() for rid in recs]


@pytest.mark.parametrize("name", sorted(BASES))
def test_show_every_record_identical(run: Run, name: str) -> None:
    facts = BASES[name]
    ids = all_ids(facts)
    assert len(ids) >= 10
    for typed in ids:
        for args in (["show", typed, "--json"], ["show", typed]):
            cached, fresh = both(run, facts, *args)
            assert cached == fresh, args
        bare = typed.split(":", 1)[1]
        cached, fresh = both(run, facts, "show", bare, "--json")
        assert cached == fresh


@pytest.mark.parametrize("typed", ["no-such-id", "asean-trade", "topic:nothing", "claim:"])
def test_show_unknown_ids_fail_alike(run: Run, typed: str) -> None:
    cached, fresh = both(run, bundled_facts_path(), "show", typed)
    assert cached == fresh == ""


@pytest.mark.parametrize("name", sorted(BASES))
def test_source_texts_identical(run: Run, name: str) -> None:
    facts = BASES[name]
    for source in load_fact_base(facts).sources:
        for extra in ([], ["--json"]):
            cached, fresh = both(run, facts, "sources", source.id, "--text", *extra)
            assert cached == fresh
            assert cached


@pytest.mark.parametrize(
    "args",
    [
        ["derive"],
        ["derive", "--json"],
        ["derive", "exchange", "--format", "csv"],
        ["derive", "--rate-tolerance", "0.001", "--json"],
    ],
)
def test_derive_identical(run: Run, args: list[str]) -> None:
    cached, fresh = both(run, bundled_facts_path(), *args)
    assert cached == fresh
    assert "exchange-rate" in cached


FIGURE_ARGS = [
    [],
    ["--json"],
    ["--limit", "3", "--json"],
    ["--limit", "1"],
    ["growth", "--json"],
    ["asean", "--limit", "2", "--format", "csv"],
    ["--format", "jsonl"],
    ["--format", "tsv", "--limit", "5"],
    ["--format", "markdown"],
    ["--format", "yaml", "--limit", "4"],
    ["--json", "--fields", "id,value,unit"],
    ["--topic", "asean", "--json"],
    ["--entity", "China", "--format", "csv"],
    ["-s", "Tu Xinquan", "--json"],
    ["zzzqqq", "--json"],
    ["zzzqqq"],
]


@pytest.mark.parametrize("args", FIGURE_ARGS)
def test_figures_identical(run: Run, args: list[str]) -> None:
    cached, fresh = both(run, bundled_facts_path(), "figures", *args)
    assert cached == fresh


@pytest.mark.parametrize("name", sorted(BASES))
@pytest.mark.parametrize("prefix", ["", "a", "c", "q-", "zzz", "topic"])
def test_record_id_completion_identical(name: str, prefix: str) -> None:
    facts = BASES[name]
    warm = FactStore(facts)
    warm.names()  # build if needed
    warm = FactStore(facts)
    assert warm.index() is not None
    assert warm.ids(prefix) == FactStore(facts, use_cache=False).ids(prefix)


@pytest.mark.parametrize("name", sorted(BASES))
def test_the_index_rebuilds_the_base_exactly(name: str) -> None:
    """Every record, in order, with where it was written (origin does not take part in
    equality, so it is compared on its own)."""
    facts = BASES[name]
    FactStore(facts).names()
    index = FactStore(facts).index()
    assert index is not None
    rebuilt = index.base()
    loaded = load_fact_base(facts)
    assert rebuilt == loaded
    for kind, recs in loaded.index.items():
        for rid, rec in recs.items():
            assert getattr(rebuilt.index[kind][rid], "origin", None) == getattr(
                rec, "origin", None
            ), (kind, rid)


ROW = st.fixed_dictionaries(
    {
        "type": st.just("figure"),
        "id": st.text(max_size=8),
        "value": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-5, 5),
        "unit": st.none() | st.text(max_size=6),
        "paragraphs": st.lists(st.integers(1, 9), max_size=3),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(ROW, max_size=4), max_size=5),
    st.sampled_from([f for f in Format if f is not Format.table]),
    st.sampled_from([None, "id,unit"]),
    st.booleans(),
)
def test_written_in_chunks_equals_written_whole(
    chunks: list[list[dict[str, Any]]], fmt: Format, fields: str | None, raw: bool
) -> None:
    """Streaming never changes a byte: any split of the rows into chunks writes what
    serialising them whole writes, in every format."""
    rows = [r for c in chunks for r in c]
    kind = "figure"
    fill = dict.fromkeys(("measure", "kind", "period", "period_basis", "basis"))
    fill |= {"approximate": False, "bound": None, "high": None, "scope": None}
    fill |= {"converted_from": None, "applies_to": None}
    fill |= {"part_of": None, "wording": "", "claim": "c", "source": "s"}
    full = [[{**fill, **r} for r in c] for c in chunks]
    whole = serialise(kind, [r for c in full for r in c], fmt, fields, raw_csv=raw)
    assert "".join(serialise_chunks(kind, full, fmt, fields, raw_csv=raw)) == whole
    assert len(rows) == sum(len(c) for c in full)


# -- a generated base of 10k claims ------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gen10k")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "10000", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder / "facts.yaml"


def _ids_of(facts: Path, kind: str, n: int) -> Sequence[str]:
    """``n`` ids of ``kind`` spread through the base."""
    FactStore(facts).names()
    index = FactStore(facts).index()
    assert index is not None
    if kind in ("claim", "quote"):
        table = kind + "s"
        ids = [i for (i,) in index.db.execute(f"SELECT id FROM {table} ORDER BY ord")]
    else:
        ids = index.names().ids(kind)
    return ids[:: max(1, len(ids) // n)][:n]


def _answers(store: FactStore, generated: Path) -> list[Any]:
    """What each command reads from the store, as plain data."""
    from brtrade.contract import records
    from brtrade.core.derive import derive
    from brtrade.core.provenance import record_passages, source_passages

    out: list[Any] = [
        store.claim_rows(Asked(["asean"], limit=20)),
        store.claim_rows(Asked(["how", "much", "trade", "in", "2020"], limit=5, explain=True)),
        store.quote_rows(Asked([], speaker="Li", limit=5)),
        [store.small_rows(k) for k in ("speaker", "topic", "source")],
        [
            records.figure_row(c, f)
            for chunk in store.figures(Asked(["trade"], limit=20))
            for c, f in chunk
        ],
        [records.figure_row(c, f) for chunk in store.figures(Asked([], limit=7)) for c, f in chunk],
        [records.derived(d) for d in derive(store.deriving())],
        store.ids("c-1"),
    ]
    for kind in ("claim", "quote", "speaker", "entity", "source", "topic"):
        for rid in _ids_of(generated, kind, 3):
            rec, others, sub, carried = store.record(rid)
            passages = record_passages(sub, rec) if kind in ("claim", "quote", "speaker") else ()
            out.append((records.record(sub, rec, carried), others, passages, carried))
    for rid in _ids_of(generated, "source", 2):
        out.append(source_passages(store.citing(rid), rid))
    return out


@pytest.mark.slow
def test_generated_base_answers_identically(generated: Path) -> None:
    """On 10k claims (2,000 quotes, 200 speakers and sources), from the store's side:
    the CLI's own formatting of these answers is compared on the fixtures above."""
    FactStore(generated).names()
    warm = FactStore(generated)
    assert warm.index() is not None
    assert _answers(warm, generated) == _answers(FactStore(generated, use_cache=False), generated)


@pytest.mark.slow
@pytest.mark.parametrize("batch", [1, 7, 10_000])
def test_a_source_s_text_read_in_batches_is_the_same(generated: Path, batch: int) -> None:
    """``sources ID --text`` reads the records citing a source a batch at a time (memory
    bounded by the batch); every batch size gives the same passages and spans as the
    whole base in memory, each record's spans once."""
    from brtrade.core.loader import load_fact_base
    from brtrade.core.provenance import source_passages

    store = FactStore(generated)
    store.names()
    assert store.index() is not None
    whole = load_fact_base(generated)
    for rid in _ids_of(generated, "source", 2):
        got = source_passages(store.citing(rid, batch=batch), rid)
        assert got == source_passages([whole], rid)
        assert sum(len(p.spans) for p in got[0]) > 0
        if batch < 50:
            assert len(list(store.citing(rid, batch=batch))) > 1


@pytest.mark.slow
def test_index_is_no_bigger_than_the_yaml(generated: Path) -> None:
    """Goal 2 of the scale issue, on a generated base: the index holds at most 1.5 times
    the bytes of the YAML it indexes (a size, not a time: exact on every machine)."""
    from brtrade.index.freshness import cache_paths

    FactStore(generated).names()
    paths = cache_paths(generated)
    assert paths is not None and paths.db.exists()
    assert paths.db.stat().st_size <= 1.5 * generated.stat().st_size


@pytest.mark.parametrize(
    "args", [["quote", "-s", "Nobody Atall"], ["sources", "nowhere"], ["facts", "--topic", "x"]]
)
@pytest.mark.slow
def test_hints_name_a_few_of_many_known_values(run: Run, generated: Path, args: list[str]) -> None:
    """An unknown name in a base of hundreds of speakers and sources gets one short line,
    not every name the base knows."""
    result = run("--facts", str(generated), *args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert len(result.stderr) < 600, result.stderr


@pytest.mark.parametrize("kind", ["jsonld", "annotations"])
def test_exports_identical(run: Run, kind: str, tmp_path: Path) -> None:
    """Exports read the whole base back from the index's rows."""
    cached, fresh = both(run, bundled_facts_path(), "export", kind)
    assert cached == fresh
    assert len(cached) > 1000
