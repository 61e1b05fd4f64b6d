"""The structure the code promises (ARCHITECTURE.md): imports at the top, layers one way."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from india_china_security_meetings.generate.derived_files import data_files, documentation
from india_china_security_meetings.layout import GENERATED_DOCUMENTS

SOURCE = ROOT / "src" / "india_china_security_meetings"


def test_no_module_imports_the_package_inside_a_function():
    # A hidden import inside a function hides a cycle from the layer contracts; only optional
    # third-party libraries are imported where they are used.
    hidden = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and (
                        inner.level > 0 or (inner.module or "").startswith("india_china_security_meetings")
                    ):
                        hidden.append(f"{path.relative_to(SOURCE)}:{inner.lineno} in {node.name}")
    assert hidden == []


def test_the_command_description_imports_nothing_of_the_package():
    tree = ast.parse((SOURCE / "commands.py").read_text(encoding="utf-8"))
    own = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and (n.level > 0 or "india_china" in (n.module or ""))
    ]
    assert own == []


def test_every_generated_document_is_registered_in_one_place(built_package):
    assert set(documentation(built_package, data_files(built_package))) <= set(GENERATED_DOCUMENTS)


def test_code_tests_never_read_the_live_data():
    """The code suite runs on tests/fixtures/package: a maintainer's data edit must not break it.
    Checks of the live data belong in tests/data/."""
    live = re.compile(r'ROOT\s*/\s*f?"(data|schemas)/|ROOT\s*/\s*"(datapackage\.json|CHANGELOG\.md|CITATION\.cff)"')
    for path in (ROOT / "tests").glob("*.py"):
        assert not live.search(path.read_text(encoding="utf-8")), f"{path.name} reads the live package"
