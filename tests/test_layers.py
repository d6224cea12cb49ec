"""The layers stay apart (DESIGN.md): domain code without the web framework, a bot without the backend,
handlers that call services instead of querying tables.

Each check runs where the rule can really be broken: imports are checked in a fresh interpreter
(transitively, so a service that imports a module that imports sanic fails too), and handler
modules are read as source so a query written inline in a handler is found wherever it is.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from tortoise.models import Model

ROOT = Path(__file__).resolve().parents[1]
WEB_MODULES = ("sanic", "sanic_ext", "sanic_routing", "backend.auth", "backend.http_errors",
               "backend.validation", "backend.responses")
QUERY_METHODS = {"all", "annotate", "bulk_create", "bulk_update", "count", "create", "exclude", "exists",
                 "filter", "first", "get", "get_or_create", "get_or_none", "in_bulk", "raw", "select_for_update",
                 "update_or_create", "values", "values_list"}
HANDLER_PACKAGES = ("backend.handlers", "miniprogram_api")


def _modules(package: str) -> list[str]:
    pkg = importlib.import_module(package)
    return [package] + [f"{package}.{m.name}" for m in pkgutil.walk_packages(pkg.__path__)
                        if not m.ispkg and m.name != "__main__"]  # __main__ runs a CLI when imported


def _loaded_after_import(modules: list[str]) -> set[str]:
    """The modules a fresh interpreter holds after importing `modules` (nothing else runs first)."""
    code = ("import importlib, json, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True)
    return set(json.loads(out.stdout))


def _web(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if any(m == w or m.startswith(w + ".") for w in WEB_MODULES))


@pytest.mark.parametrize("package", ["backend.services", "backend.models", "backend.errors"])
def test_domain_code_never_loads_the_web_framework(package):
    modules = _modules(package) if hasattr(importlib.import_module(package), "__path__") else [package]
    assert _web(_loaded_after_import(modules)) == [], f"{package} pulls in the web layer"


def test_the_bot_package_stands_alone():
    loaded = _loaded_after_import(_modules("bot"))
    assert sorted(m for m in loaded if m == "backend" or m.startswith("backend.")) == []


def _model_names(tree: ast.Module) -> set[str]:
    """Names a handler module imported from backend.models that are Tortoise model classes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("backend.models"):
            module = importlib.import_module(node.module or "")
            for alias in node.names:
                obj = getattr(module, alias.name, None)
                if inspect.isclass(obj) and issubclass(obj, Model):
                    names.add(alias.asname or alias.name)
    return names


def model_queries(source: str) -> list[str]:
    """`Model.filter(...)`-style calls in the source, as `line: Model.method`."""
    tree = ast.parse(source)
    models = _model_names(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in QUERY_METHODS and isinstance(node.value, ast.Name)
                and node.value.id in models):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_query_finder_sees_an_inline_query():
    source = "from backend.models.activity import Activity, ActivityStatus\n" \
             "async def h():\n    return await Activity.filter(status=ActivityStatus.published).count()\n"
    assert model_queries(source) == ["3: Activity.filter"]
    assert model_queries("from backend.models.activity import ActivityStatus\nx = ActivityStatus.draft\n") == []


@pytest.mark.parametrize("package", HANDLER_PACKAGES)
def test_handlers_call_services_instead_of_querying_models(package):
    offenders = {}
    for name in _modules(package):
        path = Path(importlib.import_module(name).__file__ or "")
        found = model_queries(path.read_text(encoding="utf-8"))
        if found:
            offenders[name] = found
    assert offenders == {}
