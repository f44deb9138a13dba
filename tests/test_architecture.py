"""No module of the package imports a module that imports it back.

Every module under src/casebook is parsed with `ast` (nothing is imported, so a cycle hidden
behind importlib or a function-level import shows too); the graph has an edge A -> B when A
imports B anywhere: at the top, inside a function, or under TYPE_CHECKING. Importing a
submodule (`from casebook.pages.base import X`) is an edge to that submodule only, not to its
parent package: Python runs the parent's __init__ first, but the edge that matters for a
cycle is the module whose names are used.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "casebook"


def module_files(src: Path = SRC, package: str = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    found = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name of the module that `from ... import` reads from."""
    if node.level == 0:
        return node.module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, wherever in the file the import is."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = _resolve(name, is_package, node)
            # `from pkg import sub` imports the submodule; `from mod import thing` the module
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in modules else origin
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # `import casebook.search.files` without a module of that exact name: its nearest
            # enclosing module in the package
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(src: Path = SRC, package: str = PACKAGE) -> dict[str, set[str]]:
    modules = module_files(src, package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a closed path) per strongly connected component with more than one
    module, found with Tarjan's algorithm and then a path through the component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(component, graph) for component in components]


def _cycle_in(component: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A closed path start -> ... -> start inside one strongly connected component."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:  # breadth first: the shortest way back to start
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                return paths[node] + [start]
            if target not in paths:
                paths[target] = paths[node] + [target]
                queue.append(target)
    raise AssertionError(f"not a cycle: {component}")  # pragma: no cover


def test_the_package_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 30, "the source tree was not found"
    cycles = find_cycles(graph)
    assert not cycles, "import cycles in src/casebook:\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )


def test_generated_pages_and_commands_are_listed_not_discovered():
    for name in ("casebook.pages", "casebook.cli", "casebook.site"):
        source = module_files()[name].read_text(encoding="utf-8")
        assert "pkgutil" not in source and "importlib" not in source, name


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "files, cycle",
    [
        # a plain top-level cycle
        (
            {"__init__.py": "", "a.py": "from . import b\n", "b.py": "from .a import x\n"},
            ["pkg.a", "pkg.b", "pkg.a"],
        ),
        # hidden inside a function, through an absolute import of a subpackage's module
        (
            {
                "__init__.py": "",
                "site.py": "def f():\n    from pkg.pages import base\n",
                "pages/__init__.py": "",
                "pages/base.py": "import pkg.site\n",
            },
            ["pkg.pages.base", "pkg.site", "pkg.pages.base"],
        ),
        # through three modules, relative imports two levels up
        (
            {
                "__init__.py": "",
                "a.py": "import pkg.sub.b\n",
                "sub/__init__.py": "",
                "sub/b.py": "from ..c import y\n",
                "c.py": "from pkg import a\n",
            },
            ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"],
        ),
    ],
)
def test_the_check_finds_and_names_cycles(tmp_path, files, cycle):
    graph = import_graph(_write(tmp_path, files), "pkg")
    assert find_cycles(graph) == [cycle]


def test_the_check_accepts_a_package_importing_its_own_submodules(tmp_path):
    """pages/__init__ lists its modules, which import pages.base: not a cycle."""
    graph = import_graph(
        _write(
            tmp_path,
            {
                "__init__.py": "",
                "pages/__init__.py": "from . import one\nfrom .base import P\n",
                "pages/base.py": "",
                "pages/one.py": "from pkg.pages.base import P\n",
            },
        ),
        "pkg",
    )
    assert graph["pkg.pages"] == {"pkg.pages.one", "pkg.pages.base"}
    assert find_cycles(graph) == []
