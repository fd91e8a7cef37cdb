"""The bench and the scripts import the platform by name, often inside functions (they set up
Django first): every ``from joud... import name`` in them must still resolve after code moves,
or `make bench` fails only at its end, after a long run."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("bench/*.py"), *ROOT.glob("scripts/*.py")])


def _joud_imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("joud"):
            for alias in node.names:
                yield node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("joud"):
                    yield alias.name, None


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_platform_import_resolves(path):
    missing = []
    for module_name, name in _joud_imports(path):
        module = importlib.import_module(module_name)
        if name is None or hasattr(module, name):
            continue
        try:
            importlib.import_module(f"{module_name}.{name}")
        except ImportError:
            missing.append(f"from {module_name} import {name}")
    assert not missing, f"{path.name}: " + ", ".join(missing)


def test_the_check_sees_the_bench():
    assert any(path.name == "run.py" for path in FILES)
    assert any(_joud_imports(ROOT / "bench" / "run.py"))
