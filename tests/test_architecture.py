"""The layer lint (`lint-imports`, contracts in pyproject.toml) catches an upward import.

Each test copies src/joud's Python files to a scratch folder, may add an import that climbs
the layers, and runs lint-imports on the copy with the repository's own contracts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "joud"
CONTRACTS = REPO / "pyproject.toml"
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
LAYERS = "Apps import only the layers below them"


def _python_only(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()} | {
        "__pycache__",
        "locale",
        "templates",
        "static",
    }


def _copy(tmp_path: Path) -> Path:
    """A copy of the joud package (Python files only) under ``tmp_path``; returns its root."""
    shutil.copytree(SRC, tmp_path / "joud", ignore=_python_only)
    return tmp_path


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [LINT_IMPORTS, str(CONTRACTS), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _add_import(root: Path, module: str, statement: str) -> None:
    path = root / Path(*module.split(".")).with_suffix(".py")
    path.write_text(path.read_text() + f"\n{statement}\n")


@pytest.fixture(scope="module")
def clean_result(tmp_path_factory) -> subprocess.CompletedProcess:
    return _lint_imports(_copy(tmp_path_factory.mktemp("clean")))


@pytest.fixture(scope="module")
def broken_result(tmp_path_factory) -> subprocess.CompletedProcess:
    """One copy broken three ways (one lint run is cheaper than three)."""
    root = _copy(tmp_path_factory.mktemp("broken"))
    _add_import(root, "joud.core.money", "import joud.donations")
    _add_import(root, "joud.receipts.models", "import joud.web.models")
    _add_import(root, "joud.settings.base", "import joud.demo.world")
    return _lint_imports(root)


def test_an_upward_import_breaks_the_layers_contract(broken_result, clean_result):
    report = broken_result.stdout + broken_result.stderr
    assert broken_result.returncode != 0, report
    assert f"{LAYERS} BROKEN" in report
    assert "joud.core is not allowed to import joud.donations" in report
    assert "joud.core.money -> joud.donations" in report
    # The copy broke it, not the tree it was copied from.
    assert "joud.core is not allowed to import joud.donations" not in clean_result.stdout


def test_an_import_between_siblings_of_one_layer_breaks_it(broken_result, clean_result):
    report = broken_result.stdout + broken_result.stderr
    assert "joud.receipts is not allowed to import joud.web" in report
    assert "joud.receipts.models -> joud.web.models" in report
    assert "joud.receipts is not allowed to import joud.web" not in clean_result.stdout


def test_settings_may_not_import_the_demo(broken_result, clean_result):
    report = broken_result.stdout + broken_result.stderr
    assert "Settings, URLs and the WSGI entry do not import the demo BROKEN" in report
    assert "joud.settings.base -> joud.demo.world" in report
    assert "Settings, URLs and the WSGI entry do not import the demo KEPT" in clean_result.stdout


def test_the_tree_keeps_every_contract(clean_result):
    report = clean_result.stdout + clean_result.stderr
    assert clean_result.returncode == 0, report
    assert "Contracts: 2 kept, 0 broken." in report
