"""The layout docs/design.md describes is the code's: every module is named there,
no import runs against the layers, no module imports another's private name, and no
module grows past about 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "brtrade"
DESIGN = (ROOT / "docs" / "design.md").read_text("utf-8")
MODULES = sorted(PACKAGE.rglob("*.py"))

ALLOWED = {
    "core": {"core"},
    "contract": {"core", "contract"},
    "render": {"core", "contract", "render"},
    "index": {"core", "contract", "index"},
    "cli": {"core", "contract", "render", "index", "cli"},
}
"""What each layer may import (docs/design.md, 'The layers')."""
MAX_LINES = 800
"""A backstop against one module swallowing its neighbours, not a size to split at: a
module is one idea, whatever its length (the largest is about half this)."""


def _layer(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every brtrade import in a file, lazy ones included."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("brtrade"):
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("brtrade"):
                    found.append((node.lineno, alias.name, []))
    return found


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_module_is_named_in_the_design(path: Path) -> None:
    if path.name == "__init__.py" and path.parent != PACKAGE / "core" / "rules":
        return  # package faces are described by their package
    if path.name == "__main__.py":
        assert "brtrade/__main__.py" in DESIGN
        return
    assert f"`{_name(path)}`" in DESIGN


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_imports_follow_the_layers(path: Path) -> None:
    layer = _layer(path)
    if layer is None:
        return  # brtrade/__init__.py and __main__.py start the program
    for line, module, _ in _imports(path):
        parts = module.split(".")
        target = parts[1] if len(parts) > 1 else None
        if target is None or target in ("__init__",):
            continue
        if target not in ALLOWED:
            continue  # brtrade.__version__ and the like
        assert target in ALLOWED[layer], f"{_name(path)}:{line}: {layer} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_private_names_cross_modules(path: Path) -> None:
    for line, module, names in _imports(path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{_name(path)}:{line}: imports {private} from {module}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_swallows_its_neighbours(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= MAX_LINES


def test_the_layer_rule_can_fail(tmp_path: Path) -> None:
    """The import check reads what a bad module would import."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from brtrade.cli.output import write_text\n", "utf-8")
    assert _imports(bad) == [(2, "brtrade.cli.output", ["write_text"])]


ADAPTER = PACKAGE / "cli" / "typer_compat.py"
"""The one module that may use Typer's (or Click's) private API."""
DOCUMENTED = {"os._exit"}
"""Names with a leading underscore that are documented public API: ``os._exit`` is how
a forked child leaves without running its parent's cleanup."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _private_third_party(path: Path) -> list[str]:
    """Imports of a private module or name of another package ('typer._click',
    'from typer import _completion_shared'), and private attributes of what they bind."""
    tree = ast.parse(path.read_text("utf-8"))
    found, bound = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in ("brtrade", "__future__"):
                continue
            names = [a.name for a in node.names]
            bound.update(a.asname or a.name for a in node.names)
            if any(p.startswith("_") for p in node.module.split(".")) or any(
                n.startswith("_") and not n.startswith("__") for n in names
            ):
                found.append(f"{node.lineno}: from {node.module} import {', '.join(names)}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "brtrade":
                    continue
                bound.add((alias.asname or alias.name).split(".")[0])
                if any(p.startswith("_") for p in alias.name.split(".")):
                    found.append(f"{node.lineno}: import {alias.name}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and f"{node.value.id}.{node.attr}" not in DOCUMENTED
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_private_third_party_api_only_in_the_adapter(path: Path) -> None:
    if path == ADAPTER:
        return
    assert not _private_third_party(path), f"{_name(path)}: {_private_third_party(path)}"


def test_the_private_api_rule_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from typer import _click\nimport typer\ndef f():\n"
        "    from typer._completion_shared import x\n    return typer._y\n",
        "utf-8",
    )
    assert len(_private_third_party(bad)) == 3
    assert _private_third_party(ADAPTER)  # the adapter does use it


def _graph() -> dict[str, set[str]]:
    names = {_module_name(p) for p in MODULES}
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        here = _module_name(path)
        edges = graph.setdefault(here, set())
        for _, module, imported in _imports(path):
            for target in [f"{module}.{n}" for n in imported] + [module]:
                if target in names and target != here:
                    edges.add(target)
                    break
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle among brtrade's modules (lazy imports included), if any; a
    package's ``__init__`` re-exporting its modules is not an edge back."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt.count(".") < node.count(".") and node.startswith(nxt + "."):
                continue  # a module importing its own package face
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if not state.get(nxt):
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if not state.get(node):
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_the_cycle_rule_can_fail() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
