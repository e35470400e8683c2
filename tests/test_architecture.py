"""The tree keeps its shape: the floor imports nothing above it, the apps import in one direction, modules stay short.

See docs/architecture.md. Imports are read with `ast`, so an import hidden inside a function counts
as much as one at the top of a module.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first: a package may import itself and the packages before it, never one after it.
LAYERS = ["pioneer", "members", "posts", "evaluation"]
# The project's wiring sits above every app: the root URLconf includes them all, WSGI/ASGI start them.
WIRING = {"pioneer.urls", "pioneer.wsgi", "pioneer.asgi"}
MAX_LINES = 400


def modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield dotted, path


def imported(dotted: str, path: Path) -> set[str]:
    """Every module name `path` imports, anywhere in it, relative imports resolved; and import_module("…") literals."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                if node.module:
                    names.add(".".join([*base, node.module]))
                else:  # from . import sibling
                    names.update(".".join([*base, alias.name]) for alias in node.names)
            else:
                names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def app_edges() -> dict[str, dict[str, set[str]]]:
    """app -> imported app -> the modules of the first app that import it (wiring left out)."""
    edges = {app: {} for app in LAYERS}
    for app in LAYERS:
        for dotted, path in modules(app):
            if dotted in WIRING:
                continue
            for name in imported(dotted, path):
                other = top(name)
                if other in LAYERS and other != app:
                    edges[app].setdefault(other, set()).add(dotted)
    return edges


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text("def f():\n    from posts.models import Window\n    import evaluation.models\n\nfrom . import sibling\n")
    assert imported("members.sample", source) == {"posts.models", "evaluation.models", "members.sibling"}


@pytest.mark.parametrize("floor", ["pioneer", "members"])
def test_the_floor_imports_no_higher_app(floor):
    offenders = sorted(
        f"{dotted} imports {name}"
        for dotted, path in modules(floor)
        if dotted not in WIRING
        for name in imported(dotted, path)
        if top(name) in {"posts", "evaluation"}
    )
    assert offenders == [], "the floor must not name a higher app; register from the app's AppConfig.ready() instead"


def test_apps_import_only_downwards():
    edges = app_edges()
    upward = sorted(
        f"{app} → {other} ({', '.join(sorted(where))})"
        for app, targets in edges.items()
        for other, where in targets.items()
        if LAYERS.index(other) > LAYERS.index(app)
    )
    assert upward == []


def test_the_import_graph_between_our_apps_has_no_cycle():
    edges = app_edges()
    state = {}

    def visit(app, trail):
        state[app] = "open"
        for other in edges[app]:
            if state.get(other) == "open":
                pytest.fail("import cycle: " + " → ".join([*trail, app, other]))
            if other not in state:
                visit(other, [*trail, app])
        state[app] = "done"

    for app in LAYERS:
        if app not in state:
            visit(app, [])


def test_no_module_outside_migrations_is_over_400_lines():
    too_long = []
    for package in [*LAYERS, "tests", "benchmarks", "scripts"]:
        for dotted, path in modules(package):
            if "migrations" in path.parts:
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{dotted}: {lines}")
    assert not too_long, "split these modules:\n" + "\n".join(too_long)
