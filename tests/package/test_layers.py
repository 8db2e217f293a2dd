"""The package's layers, written down once: a module imports only from its own layer or the ones below, and no
two modules import each other, directly or round a loop (imports inside functions count; imports only for type
checking do not). The order, from the bottom:

0. errors, reading, write, resources, version, characters, caching, isolation (run forked with limits): no
   factsheet imports but each other
1. the tables: press.layouts, press.editions, press.geometry
2. campaign: where a campaign's files are
3. sheet (and translate.languages, the table of languages and their strings)
4. verify: the misquote gate
5. translate: the PO workflow
6. render: HTML and WeasyPrint
7. press: PDF checks and prepress
8. produce: the output registry, the job and its request, one job end to end; results (what a check and a
   build return)
9. batch: planning, the manifest, the pool
10. pipeline
11. preview, capture, printing, scaffold, cli, and the package's own API
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "factsheet"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "reading", "write", "resources", "version", "characters", "caching", "isolation", "pdf_matrix"),
    ("press.layouts", "press.editions", "press.geometry"),
    ("campaign",),
    ("sheet", "translate.languages"),
    ("verify",),
    ("translate",),
    ("render",),
    ("press",),
    ("produce", "results"),
    ("batch",),
    ("pipeline",),
    ("preview", "capture", "printing", "scaffold", "cli", "__init__", "__main__"),
)


def layer_of(module: str) -> int:
    """The layer of a module (dotted, without 'factsheet.'): the longest declared prefix decides."""
    found = [
        (len(name), index)
        for index, names in enumerate(LAYERS)
        for name in names
        if module == name or module.startswith(name + ".")
    ]
    assert found, f"factsheet.{module} belongs to no layer: add it to LAYERS"
    return max(found)[1]


def module_name(path: Path) -> str:
    """A file's module, dotted and without 'factsheet.' (a package's __init__ is the package)."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"


def imports(path: Path) -> list[tuple[str, int]]:
    """The factsheet modules a file imports, with the line, outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        names = [f"{node.module}.{alias.name}" for alias in node.names] if isinstance(node, ast.ImportFrom) else []
        names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            if name == "factsheet" or name.startswith("factsheet."):
                found.append((_resolve(name.removeprefix("factsheet").removeprefix(".") or "__init__"), node.lineno))
    return found


def _resolve(module: str) -> str:
    """`factsheet.__version__` and the like name an attribute of a module: the module is what is imported."""
    while module != "__init__" and not _is_module(module):
        module = module.rpartition(".")[0] or "__init__"
    return module


def _is_module(module: str) -> bool:
    path = PACKAGE.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or path.is_dir()


@cache
def graph() -> dict[str, list[tuple[str, int]]]:
    return {module_name(path): imports(path) for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_import_runs_up_the_layers() -> None:
    upward = [
        f"factsheet/{module.replace('.', '/')}:{line} imports factsheet.{target}"
        for module, targets in graph().items()
        for target, line in targets
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_modules_import_each_other() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    modules = graph()
    for module, targets in modules.items():
        for target, _line in targets:
            if target in modules and target != module and not module.startswith(target + "."):
                edges[module].add(target)
    assert strongly_connected(edges) == []


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every loop of imports (Tarjan's algorithm), each as its sorted modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(loops)


def test_the_check_catches_a_loop_and_an_upward_import() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer_of("verify.gate") < layer_of("render.html") < layer_of("cli.build")
