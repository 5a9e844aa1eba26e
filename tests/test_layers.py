"""The package's layers import only downwards (docs/architecture.md draws them).

A module may import from its own layer and from any layer listed before it; an
import of a later layer is a cycle waiting to happen and fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "edition"
LAYERS = ["core", "tei", "encode", "anchors", "project", "site", "build", "commands", "cli"]


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "edition" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_every_module_belongs_to_a_layer():
    strays = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.glob("*.py")
              if p.stem not in ("__init__", "__main__", "cli")]
    assert strays == [], "put each module in the package of its layer"


def test_imports_go_only_downwards():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        own = "cli" if relative.parts[0] in ("cli.py", "__main__.py") else relative.parts[0]
        if own not in LAYERS:
            continue
        for line, module in _imports(path):
            target = _layer(module)
            if target and LAYERS.index(target) > LAYERS.index(own):
                upward.append(f"edition/{relative.as_posix()}:{line} imports {module} ({own} → {target})")
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The test above can fail: a tei module importing the build layer is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from edition.build.stages import build\n", encoding="utf-8")
    assert [module for _, module in _imports(bad) if LAYERS.index(_layer(module)) > LAYERS.index("tei")]
