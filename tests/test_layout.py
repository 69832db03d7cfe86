"""The tests' own house rules: test modules import shared helpers from tests/helpers, never
from a conftest or another test module, and every folder of tests is a package.

Fixtures reach a test through pytest (conftest.py); plain helpers through an import of
tests.helpers. A test importing a conftest or another test module ties the two together
unseen: moving or renaming one then breaks the other.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(TESTS.parent).parent.parts)


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module `source` imports, relative imports resolved
    against `package`; for `from m import n`, both `m` and `m.n` (n may be a module)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found += [(node.lineno, module)]
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def is_forbidden(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(
        part == "conftest" or part.startswith("test_") for part in parts[1:]
    )


def python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_imports_a_conftest_or_a_test_module():
    leaks = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {module}"
        for path in python_files()
        for line, module in imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        if is_forbidden(module)
    ]
    assert not leaks, "import from tests/helpers instead:\n" + "\n".join(leaks)


def test_every_folder_of_tests_is_a_package():
    """Packages keep test modules of the same name in different folders apart."""
    folders = {path.parent for path in python_files()}
    missing = sorted(
        str(f.relative_to(TESTS.parent)) for f in folders if not (f / "__init__.py").exists()
    )
    assert not missing, f"folders without __init__.py: {missing}"


def test_the_check_sees_the_imports_it_forbids():
    """The walk above would pass vacuously if it missed one of these shapes of import."""
    conftest = "conftest"  # spelled apart, so a grep for such imports finds none here
    source = (
        f"from tests.codeapp.reading.{conftest} import days\n"
        f"from .{conftest} import days\n"
        "from . import test_queries\n"
        "import tests.security.test_headers\n"
        "from tests.helpers import days\n"
        "from tests.helpers.documents import load\n"
    )
    modules = [module for _line, module in imported_modules(source, "tests.codeapp.reading")]
    assert [module for module in modules if is_forbidden(module)] == [
        "tests.codeapp.reading.conftest",
        "tests.codeapp.reading.conftest.days",
        "tests.codeapp.reading.conftest",
        "tests.codeapp.reading.conftest.days",
        "tests.codeapp.reading.test_queries",
        "tests.security.test_headers",
    ]
