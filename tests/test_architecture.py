"""The package structure: imports run one way along the flow, with no circles.

    file -> source -> read/importers -> model -> engine (rules, fixtures, hooks) -> findings -> score -> output

A package may import its own modules and the packages below it in LAYERS,
never one above: a reader never reaches back into the engine, the engine never
imports a plugin, nothing but the command line imports the command line. The
documented import paths (README, docs/writing-rules.md, the hook
specifications) stay importable from their new homes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dvlint"

# Top first. A module may import from its own layer's package and from any layer below it.
LAYERS = [
    ["dvlint.cli", "dvlint.__main__", "dvlint.testing"],  # dvlint.testing: checks as the commands do, for tests
    ["dvlint.app"],
    ["dvlint.staff"],
    ["dvlint.plugins", "dvlint.rules"],
    ["dvlint.output"],
    ["dvlint.engine"],
    ["dvlint.read"],
    ["dvlint.importers", "dvlint.layout"],
    ["dvlint.model"],
    ["dvlint.knowledge"],
    ["dvlint.source"],
    ["dvlint.i18n", "dvlint._moved"],
]
# The package itself is the public facade for rule authors (rule, Problem, Msg, hookimpl): it re-exports
# from the engine, so importing it counts as importing the engine.
FACADE = {"dvlint": "dvlint.engine"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    for path in sorted((ROOT / "rules").glob("*.py")):
        name = "dvlint.rules" if path.stem == "__init__" else f"dvlint.rules.{path.stem}"
        found[name] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int:
    module = FACADE.get(module, module)
    for index, packages in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in packages):
            return index
    raise AssertionError(f"{module} belongs to no layer: add its package to LAYERS")


def _package(module: str) -> str:
    module = FACADE.get(module, module)
    for packages in LAYERS:
        for p in packages:
            if module == p or module.startswith(p + "."):
                return p
    return module


def _imports(name: str, path: Path) -> set[str]:
    """Every dvlint module ``name`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in MODULES else base)
    return {m for m in out if m == "dvlint" or m.startswith("dvlint.")}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_every_module_belongs_to_a_layer():
    for name in MODULES:
        if name != "dvlint":
            _layer(name)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n not in ("dvlint",)))
def test_imports_run_down_the_flow(name):
    upward = [imported for imported in sorted(GRAPH[name])
              if _package(imported) != _package(name) and _layer(imported) < _layer(name)]
    assert not upward, f"{name} imports {upward}, above it in the flow"


def test_no_module_imports_itself_round_a_circle():
    """Module-level imports and the imports inside functions alike: no circle of any length."""
    graph = {name: {m for m in imported if m in MODULES and m != name} for name, imported in GRAPH.items()}
    graph["dvlint"] = set()  # the facade: its own imports are checked by being imported first below
    state: dict[str, int] = {}
    circles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_each_module_imports_alone():
    """Each module imported first in an interpreter of its own (dvlint's modules forgotten between
    imports): an import that works only after another module was imported is a hidden circle."""
    names = sorted(MODULES)
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {[n for n in names if not n.endswith('__main__')]!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'dvlint' or m.startswith('dvlint.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


# The paths the documentation names, each with a name it must give.
DOCUMENTED = [
    ("dvlint", "rule"), ("dvlint", "Problem"), ("dvlint", "Msg"), ("dvlint", "hookimpl"),
    ("dvlint.collect", "rules_from_module"), ("dvlint.collect", "rules_from_directory"),
    ("dvlint.config", "Settings"), ("dvlint.engine", "CheckContext"), ("dvlint.engine", "SKIP"),
    ("dvlint.engine", "RunResult"), ("dvlint.engine", "ReportResult"), ("dvlint.engine", "Engine"),
    ("dvlint.loaders", "Loader"), ("dvlint.loaders", "LoadedReport"), ("dvlint.errors", "LoadError"),
    ("dvlint.output", "OutputOptions"), ("dvlint.model", "Report"), ("dvlint.extract", "find_dates"),
    ("dvlint.extract", "find_citations"), ("dvlint.hooks", "hookimpl"), ("dvlint.hookspecs", "dvlint_loaders"),
    ("dvlint.builtin", "builtin_rules_dir"), ("dvlint.runner", "check_paths"), ("dvlint.rules", "__path__"),
]


@pytest.mark.parametrize("module,name", DOCUMENTED)
def test_documented_import_paths_stay_importable(module, name):
    script = f"import importlib; m = importlib.import_module({module!r}); getattr(m, {name!r}); print(m.__name__)"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_an_old_path_is_the_module_itself_not_a_copy():
    import dvlint.collect
    import dvlint.engine.collect

    assert dvlint.collect is dvlint.engine.collect
    assert dvlint.collect.__spec__.name == "dvlint.engine.collect"


def test_the_checker_fails_on_an_upward_import(tmp_path):
    """The layer check itself: a model module reaching into the engine is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from dvlint.engine.core import Engine\n", encoding="utf-8")
    imported = _imports("dvlint.model.bad", bad)
    assert imported == {"dvlint.engine.core"}
    assert _layer("dvlint.engine.core") < _layer("dvlint.model.bad")


def test_every_package_is_in_the_wheel():
    """pyproject.toml lists the packages a wheel holds: one left out installs without it (dvlint.layout was,
    and an installed dvlint could not read a .docx: the editable install of the tests hid it)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(init.parent.relative_to(ROOT).parts) for init in PACKAGE.rglob("__init__.py")}
    assert folders <= listed | {"dvlint.rules"}, sorted(folders - listed)


def test_no_model_field_has_a_built_in_default_factory():
    """``Field(default_factory=list)`` costs every start-up: pydantic reads a built-in's signature through the
    tokenizer (dvlint.source.validation.empty_list says how much). Every model dvlint defines uses
    ``empty_list`` instead; this finds any that does not, in the modules a check imports and the others."""
    import importlib

    from pydantic import BaseModel

    built_in = (list, tuple, set, frozenset, bytearray)
    found = []
    for name in MODULES:
        if name in ("dvlint.__main__",):
            continue
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == name:
                for field_name, field in value.model_fields.items():
                    if field.default_factory in built_in:
                        found.append(f"{name}.{value.__name__}.{field_name}")
    assert found == []
