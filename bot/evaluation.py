"""Evaluation of the engine on JSONL question sets (top-1 citation, phrases, refusals)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine import Answer, Engine


@dataclass(frozen=True, slots=True)
class EvalCase:
    """One line of an eval file."""

    id: str
    question: str
    items: tuple[int | str, ...] = ()
    phrases: tuple[str, ...] = ()
    unanswerable: bool = False


@dataclass(slots=True)
class EvalReport:
    """The four headline metrics plus the failing cases for inspection."""

    total: int = 0
    answerable: int = 0
    unanswerable: int = 0
    top1_hits: int = 0
    phrase_cases: int = 0
    phrase_hits: int = 0
    refused_unanswerable: int = 0
    false_refusals: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def top1_accuracy(self) -> float:
        """Share of answerable questions whose first citation is an acceptable unit."""
        return self.top1_hits / self.answerable if self.answerable else 1.0

    @property
    def phrase_hit_rate(self) -> float:
        """Share of questions with phrases whose answer contains one of them."""
        return self.phrase_hits / self.phrase_cases if self.phrase_cases else 1.0

    @property
    def refusal_rate(self) -> float:
        """Share of unanswerable questions that were refused."""
        return self.refused_unanswerable / self.unanswerable if self.unanswerable else 1.0

    @property
    def false_refusal_rate(self) -> float:
        """Share of answerable questions that were refused."""
        return self.false_refusals / self.answerable if self.answerable else 0.0

    def summary(self) -> dict[str, float | int]:
        """Metrics as a flat dict."""
        return {
            "questions": self.total,
            "top1_accuracy": round(self.top1_accuracy, 4),
            "phrase_hit_rate": round(self.phrase_hit_rate, 4),
            "refusal_rate": round(self.refusal_rate, 4),
            "false_refusal_rate": round(self.false_refusal_rate, 4),
        }


def load_cases(path: Path | str) -> list[EvalCase]:
    """Read an eval JSONL file (blank lines ignored)."""
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        cases.append(
            EvalCase(
                id=str(data.get("id", number)),
                question=data["q"],
                items=tuple(data.get("items", ())),
                phrases=tuple(data.get("any", ())),
                unanswerable=bool(data.get("unanswerable", False)),
            )
        )
    return cases


def evaluate(engine: Engine, cases: list[EvalCase]) -> EvalReport:
    """Ask every question in a fresh session and score the answers."""
    report = EvalReport()
    for case in cases:
        answer = engine.ask(case.question)
        report.total += 1
        if case.unanswerable:
            report.unanswerable += 1
            if answer.answered:
                report.failures.append(_failure(case, answer, "answered an unanswerable question"))
            else:
                report.refused_unanswerable += 1
            continue
        report.answerable += 1
        if not answer.answered:
            report.false_refusals += 1
            report.failures.append(_failure(case, answer, "refused"))
        elif _top1_ok(case, answer):
            report.top1_hits += 1
        else:
            report.failures.append(_failure(case, answer, "wrong citation"))
        if case.phrases:
            report.phrase_cases += 1
            if any(phrase in answer.answer for phrase in case.phrases):
                report.phrase_hits += 1
            elif answer.answered:
                report.failures.append(_failure(case, answer, "no expected phrase"))
    return report


def _top1_ok(case: EvalCase, answer: Answer) -> bool:
    """Whether the first citation is one of the acceptable items ("meta" = a document-level fact)."""
    if not answer.citations:
        return False
    number = answer.citations[0].number
    return any((item == "meta" and number is None) or item == number for item in case.items)


def _failure(case: EvalCase, answer: Answer, why: str) -> dict[str, Any]:
    """A compact record of a failed case."""
    first = answer.citations[0] if answer.citations else None
    return {
        "id": case.id,
        "q": case.question,
        "why": why,
        "expected": list(case.items),
        "got": first.number if first else None,
        "answer": answer.answer[:80],
    }
