"""The structure the code promises (ARCHITECTURE.md): imports at the top, layers one way."""

from __future__ import annotations

import ast

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


def test_every_generated_document_is_registered_in_one_place():
    assert set(documentation(ROOT, data_files(ROOT))) <= set(GENERATED_DOCUMENTS)
