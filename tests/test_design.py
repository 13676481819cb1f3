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
MAX_LINES = 420


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
def test_module_stays_small(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= MAX_LINES


def test_the_layer_rule_can_fail(tmp_path: Path) -> None:
    """The import check reads what a bad module would import."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from brtrade.cli.output import write_text\n", "utf-8")
    assert _imports(bad) == [(2, "brtrade.cli.output", ["write_text"])]
