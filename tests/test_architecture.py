"""The layer rule is a contract that fails on a wrong import, not a wish in a document.

`make test` runs `lint-imports` on the tree; these tests show the contract bites: a copy of the
apps with one deliberately wrong import makes it fail, naming the import.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "people", "values", "norms", "reflection", "codeapp"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_apps(tmp_path: Path) -> Path:
    """The apps and the contract, copied where a wrong import can be planted."""
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def plant(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}  # planted by the test\n")


def test_the_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 broken." in result.stdout.split("Contracts:")[-1]


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(copy_of_apps: Path):
    assert lint_imports(copy_of_apps).returncode == 0
    plant(copy_of_apps / "core" / "markup.py", "from codeapp.models import CodeVersion")
    result = lint_imports(copy_of_apps)
    assert result.returncode == 1
    assert "core is not allowed to import codeapp" in result.stdout
    assert "core.markup -> codeapp.models" in result.stdout


def test_an_app_importing_another_apps_views_breaks_the_contract(copy_of_apps: Path):
    plant(copy_of_apps / "codeapp" / "models.py", "import reflection.views.sessions")
    result = lint_imports(copy_of_apps)
    assert result.returncode == 1
    assert "codeapp.models -> reflection.views.sessions" in result.stdout


def test_a_feature_importing_another_features_views_breaks_the_contract(copy_of_apps: Path):
    reading = copy_of_apps / "codeapp" / "reading"
    views = (
        reading / "views.py"
        if (reading / "views.py").exists()
        else reading / "views" / "__init__.py"
    )
    plant(views, "import codeapp.health.views")
    result = lint_imports(copy_of_apps)
    assert result.returncode == 1
    assert "codeapp.reading.views" in result.stdout and "codeapp.health.views" in result.stdout
