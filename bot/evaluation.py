"""Evaluation of the engine on JSONL question sets, overall and by category.

A line: `id`, `q`, `cat` (category), `doc` (the expected document's id, i.e. its file stem) and
`items` (acceptable article/item numbers in that document; `"meta"` for document-level facts;
`"other-doc#N"` accepts article N of another document, for questions two documents answer), with
`any` (phrases of which the answer must contain one), or `"unanswerable": true` (must be refused).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
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
    doc: str | None = None
    category: str = ""

    def accepts(self, unit_id: str, number: int | None) -> bool:
        """Whether a cited unit (id "doc#n", number n or None for meta) is an acceptable first citation."""
        doc_id = unit_id.split("#", 1)[0]
        for item in self.items:
            if isinstance(item, str) and "#" in item:
                other, _, n = item.partition("#")
                if doc_id == other and str(number) == n:
                    return True
                continue
            if self.doc is not None and doc_id != self.doc:
                continue
            if (item == "meta" and number is None) or item == number:
                return True
        return False

    def accepts_doc(self, unit_id: str) -> bool:
        """Whether a cited unit comes from an acceptable document."""
        doc_id = unit_id.split("#", 1)[0]
        others = {str(i).partition("#")[0] for i in self.items if isinstance(i, str) and "#" in i}
        return self.doc is None or doc_id == self.doc or doc_id in others


@dataclass(slots=True)
class Tally:
    """Counts behind the metrics, for a whole set or one category."""

    total: int = 0
    answerable: int = 0
    unanswerable: int = 0
    top1_hits: int = 0
    top1_doc_hits: int = 0
    top3_hits: int = 0
    phrase_cases: int = 0
    phrase_hits: int = 0
    refused_unanswerable: int = 0
    false_refusals: int = 0

    def metrics(self) -> dict[str, float | int]:
        """Rates (answerable-based ones are 1.0/0.0 on a category without answerable questions)."""
        a, u = self.answerable, self.unanswerable
        return {
            "questions": self.total,
            "top1_accuracy": round(self.top1_hits / a, 4) if a else 1.0,
            "top1_doc_accuracy": round(self.top1_doc_hits / a, 4) if a else 1.0,
            "top3_accuracy": round(self.top3_hits / a, 4) if a else 1.0,
            "phrase_hit_rate": round(self.phrase_hits / self.phrase_cases, 4) if self.phrase_cases else 1.0,
            "refusal_rate": round(self.refused_unanswerable / u, 4) if u else 1.0,
            "false_refusal_rate": round(self.false_refusals / a, 4) if a else 0.0,
        }


@dataclass(slots=True)
class EvalReport:
    """The headline metrics, the same by category, and the failing cases for inspection."""

    overall: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def top1_accuracy(self) -> float:
        """Share of answerable questions whose first citation is an acceptable unit of the right document."""
        return float(self.overall.metrics()["top1_accuracy"])

    @property
    def phrase_hit_rate(self) -> float:
        """Share of questions with phrases whose answer contains one of them."""
        return float(self.overall.metrics()["phrase_hit_rate"])

    @property
    def refusal_rate(self) -> float:
        """Share of unanswerable questions that were refused."""
        return float(self.overall.metrics()["refusal_rate"])

    @property
    def false_refusal_rate(self) -> float:
        """Share of answerable questions that were refused."""
        return float(self.overall.metrics()["false_refusal_rate"])

    def summary(self) -> dict[str, float | int]:
        """Overall metrics as a flat dict."""
        return self.overall.metrics()

    def categories(self) -> dict[str, dict[str, float | int]]:
        """Metrics per category, by name."""
        return {name: tally.metrics() for name, tally in sorted(self.by_category.items())}


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
                doc=data.get("doc"),
                category=str(data.get("cat") or ("out_of_scope" if data.get("unanswerable") else "other")),
            )
        )
    return cases


def evaluate(engine: Engine, cases: Iterable[EvalCase]) -> EvalReport:
    """Ask every question in a fresh session and score the answers."""
    report = EvalReport()
    for case in cases:
        answer = engine.ask(case.question)
        for tally in (report.overall, report.by_category[case.category]):
            _score(tally, case=case, answer=answer, engine=engine)
        why = _failure_reason(case, answer)
        if why:
            report.failures.append(_failure(case, answer, why))
    return report


def _score(tally: Tally, *, case: EvalCase, answer: Answer, engine: Engine) -> None:
    """Add one answered case to a tally."""
    tally.total += 1
    if case.unanswerable:
        tally.unanswerable += 1
        tally.refused_unanswerable += not answer.answered
        return
    tally.answerable += 1
    if not answer.answered:
        tally.false_refusals += 1
    elif answer.citations:
        first = answer.citations[0]
        tally.top1_hits += case.accepts(first.unit_id, first.number)
        tally.top1_doc_hits += case.accepts_doc(first.unit_id)
    top3 = [h for h in engine.hit_test(case.question, k=3)]
    tally.top3_hits += any(case.accepts(h.unit_id, h.number if h.kind != "meta" else None) for h in top3)
    if case.phrases:
        tally.phrase_cases += 1
        tally.phrase_hits += any(phrase in answer.answer for phrase in case.phrases)


def _failure_reason(case: EvalCase, answer: Answer) -> str | None:
    """Why a case failed, or None."""
    if case.unanswerable:
        return "answered an unanswerable question" if answer.answered else None
    if not answer.answered:
        return "refused"
    first = answer.citations[0] if answer.citations else None
    if first is None or not case.accepts(first.unit_id, first.number):
        return "wrong citation"
    if case.phrases and not any(phrase in answer.answer for phrase in case.phrases):
        return "no expected phrase"
    return None


def _failure(case: EvalCase, answer: Answer, why: str) -> dict[str, Any]:
    """A compact record of a failed case."""
    first = answer.citations[0] if answer.citations else None
    return {
        "id": case.id,
        "q": case.question,
        "why": why,
        "expected": [case.doc, *case.items],
        "got": first.unit_id if first else None,
        "answer": answer.answer[:80],
    }
