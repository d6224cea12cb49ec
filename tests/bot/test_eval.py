"""CI quality gate: the eval sets must meet the issue's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import Engine
from bot.cli import main
from bot.evaluation import evaluate, load_cases
from tests.bot.conftest import BLIND_QUESTIONS, DEV_QUESTIONS, HELDOUT_QUESTIONS, OWN_QUESTIONS


def _assert_targets(engine: Engine, path: Path) -> None:
    report = evaluate(engine, load_cases(path))
    failures = json.dumps(report.failures, ensure_ascii=False, indent=1)
    assert report.top1_accuracy >= 0.9, failures
    assert report.refusal_rate >= 0.9, failures
    assert report.false_refusal_rate <= 0.05, failures


@pytest.mark.skipif(not DEV_QUESTIONS.exists(), reason="../shared/bot-dev-questions.jsonl not present")
def test_dev_set_meets_targets(engine: Engine) -> None:
    _assert_targets(engine, DEV_QUESTIONS)


def test_own_set_meets_targets(engine: Engine) -> None:
    _assert_targets(engine, OWN_QUESTIONS)


def test_own_set_is_big_and_varied() -> None:
    cases = load_cases(OWN_QUESTIONS)
    assert len(cases) >= 80
    assert sum(case.unanswerable for case in cases) >= 15
    assert sum(any(word in case.question for word in ("咋", "俺", "啥")) for case in cases) >= 10
    assert len(load_cases(HELDOUT_QUESTIONS)) >= 30


def test_heldout_set_is_a_generalisation_check(engine: Engine) -> None:
    # Held-out questions were written before tuning and are not tuned on; the bar here is
    # deliberately lower than the targets so it flags regressions without inviting overfitting.
    report = evaluate(engine, load_cases(HELDOUT_QUESTIONS))
    assert report.top1_accuracy >= 0.8
    assert report.refusal_rate >= 0.9


def test_blind_set_meets_targets(engine: Engine) -> None:
    # Written from the document before any tuning (varied styles, synonyms absent from the text,
    # near-domain traps); it measured 75.0 % top-1 / 93.8 % refusal / 22.9 % false refusal untouched.
    # The gate sits a question or so below what the engine now achieves (100 % / 100 % / 0 %).
    report = evaluate(engine, load_cases(BLIND_QUESTIONS))
    failures = json.dumps(report.failures, ensure_ascii=False, indent=1)
    assert report.top1_accuracy >= 0.95, failures
    assert report.refusal_rate >= 0.9, failures
    assert report.false_refusal_rate <= 0.05, failures


def test_blind_set_is_big_and_varied() -> None:
    cases = load_cases(BLIND_QUESTIONS)
    assert len(cases) >= 40
    assert sum(case.unanswerable for case in cases) >= 12
    assert sum(any(word in case.question for word in ("咋", "俺", "啥", "咱")) for case in cases) >= 3


def test_cli_eval_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "eval",
                str(OWN_QUESTIONS),
                "--min-top1",
                "0.9",
                "--max-false-refusal",
                "0.05",
                "--min-refusal",
                "0.9",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    for metric in ("top1_accuracy", "phrase_hit_rate", "refusal_rate", "false_refusal_rate"):
        assert metric in out
    impossible = tmp_path / "bad.jsonl"
    impossible.write_text(
        '{"id": "x", "q": "联合党支部最多覆盖几个单位", "items": [7], "any": ["5个"]}\n', encoding="utf-8"
    )
    assert main(["eval", str(impossible), "--min-top1", "0.9"]) == 1
