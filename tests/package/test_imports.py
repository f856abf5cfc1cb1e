"""The package has no import cycles: neither between modules nor between sub-packages.

The imports are read with `ast` (nothing is executed). Imports inside functions count,
since they only hide a cycle; imports under `if TYPE_CHECKING:` count for sub-packages
(a type that needs the other package is a dependency on it) but not between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "engine" / "parcel_doctor"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, modules: set[str]) -> tuple[set[str], set[str]]:
    """(imports at run time, imports for type checking only) of one module, as the
    package's module names."""
    me = module_name(path)
    is_package = path.name == "__init__.py"
    runtime: set[str] = set()
    typing_only: set[str] = set()

    def resolve(node: ast.ImportFrom) -> list[str]:
        if node.level:
            base = me.split(".")
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        found = [f"{prefix}.{a.name}" for a in node.names if f"{prefix}.{a.name}" in modules]
        return found or [prefix]

    def visit(node: ast.AST, target: set[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for inner in child.body:
                    visit_one(inner, typing_only)
                for inner in child.orelse:
                    visit_one(inner, target)
            else:
                visit_one(child, target)

    def visit_one(node: ast.AST, target: set[str]) -> None:
        if isinstance(node, ast.Import):
            target.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            target.update(resolve(node))
        visit(node, target)

    visit(ast.parse(path.read_text(encoding="utf-8")), runtime)
    keep = {m for m in runtime if m in modules and m != me}
    return keep, {m for m in typing_only if m in modules and m != me} - keep


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    runtime: dict[str, set[str]] = {}
    typing_only: dict[str, set[str]] = {}
    for path in paths:
        runtime[module_name(path)], typing_only[module_name(path)] = imports(path, modules)
    return runtime, typing_only


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                strong(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            strong(node)
    return found


def _subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def test_no_cycle_between_modules():
    runtime, _ = graph()
    # A module importing its own package's __init__ is not a cycle worth reporting.
    edges = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in runtime.items()}
    assert cycles(edges) == []


def test_no_cycle_between_subpackages():
    runtime, typing_only = graph()
    edges: dict[str, set[str]] = {}
    for module in runtime:
        mine = _subpackage(module)
        for target in runtime[module] | typing_only[module]:
            theirs = _subpackage(target)
            if mine and theirs and mine != theirs:
                edges.setdefault(mine, set()).add(theirs)
    assert cycles(edges) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"a2"}, "a2": {"a"}, "b": {"a"}}, [["a", "a2"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(edges, expected):
    assert cycles(edges) == expected


def test_the_import_reader_sees_function_level_and_type_checking_imports(tmp_path):
    global PACKAGE
    root = tmp_path / "parcel_doctor"
    (root / "one").mkdir(parents=True)
    (root / "two").mkdir()
    for folder in (root, root / "one", root / "two"):
        (folder / "__init__.py").write_text("")
    (root / "one" / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from parcel_doctor.two.b import B\n"
        "def f():\n    from parcel_doctor.two import c\n"
    )
    (root / "two" / "b.py").write_text("from ..one import a\n")
    (root / "two" / "c.py").write_text("")
    saved, PACKAGE = PACKAGE, root
    try:
        runtime, typing_only = graph()
    finally:
        PACKAGE = saved
    assert runtime["parcel_doctor.one.a"] == {"parcel_doctor.two.c"}
    assert typing_only["parcel_doctor.one.a"] == {"parcel_doctor.two.b"}
    assert runtime["parcel_doctor.two.b"] == {"parcel_doctor.one.a"}
