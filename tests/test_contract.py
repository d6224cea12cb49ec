"""The service contract: error codes defined once and published, services free of the web framework."""

from __future__ import annotations

import ast
import collections
import pathlib
import subprocess
import sys

import backend.wechat.client  # noqa: F401  (registers WeChatError's codes)
from backend.errors import DomainError, error_classes, error_code_table

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_each_error_code_has_exactly_one_class_and_message():
    by_code = collections.defaultdict(list)
    for cls in error_classes():
        by_code[cls.code].append(cls)
    doubled = {code: [c.__name__ for c in classes] for code, classes in by_code.items() if len(classes) > 1}
    assert doubled == {}


def test_readme_publishes_the_current_error_code_table():
    published = README.split("<!-- error-codes:start -->\n")[1].split("\n<!-- error-codes:end -->")[0]
    assert published == error_code_table(), "README error table is stale: run `python -m backend error-codes`"


def test_table_lists_codes_raised_in_the_services():
    assert "`activity_not_found` | 404 | 活动不存在" in error_code_table()
    assert "`expert_conflict` | 409 |" in error_code_table()


def test_no_raise_site_passes_a_free_code_string():
    offenders = []
    for path in [*ROOT.glob("backend/**/*.py"), *ROOT.glob("miniprogram_api/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {cls.__name__ for cls in error_classes()} | {"DomainError"}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
                    and any(k.arg == "code" for k in node.keywords)):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_a_template_message_is_filled_from_its_parameters():
    from backend.errors import ActivityStarted

    assert ActivityStarted(action="报名").message == "活动已开始，不能报名"
    assert isinstance(ActivityStarted(action="x"), DomainError)


def test_errors_and_clock_load_without_sanic():
    code = "import sys, backend.errors, backend.services.clock, backend.services.geo; print('sanic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
