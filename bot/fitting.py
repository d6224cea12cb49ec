"""Fitting the answerability model and the leave-one-document-out check (`python -m bot fit|loo`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.answerability import Model, Signals, curve, fit
from bot.engine import Engine
from bot.evaluation import EvalCase, EvalReport, evaluate, load_cases


@dataclass(frozen=True, slots=True)
class Fitted:
    """A fitted model with the curve its threshold was chosen from."""

    model: Model
    curve: list[dict[str, float]]
    questions: int


def fit_model(engine: Engine, cases: Iterable[EvalCase]) -> Fitted:
    """Fit the decision on labelled questions: answerable ones positive, out-of-scope ones negative."""
    signals: list[Signals] = []
    labels: list[bool] = []
    unmatched = 0
    for case in cases:
        found = engine.signals_for(case.question)
        if found is None:  # nothing matched at all: refused whatever the weights are
            unmatched += case.unanswerable
            continue
        signals.append(found)
        labels.append(not case.unanswerable)
    model = fit(signals, labels, unmatched=unmatched)
    rows = curve([model.probability(s) for s in signals], labels, unmatched=unmatched)
    return Fitted(model=model, curve=rows, questions=len(signals))


def load_all(paths: Iterable[Path]) -> list[EvalCase]:
    """Cases of every existing file, in order."""
    return [case for path in paths if path.exists() for case in load_cases(path)]


def leave_one_document_out(engine: Engine, cases: list[EvalCase]) -> dict[str, EvalReport]:
    """For each document, its questions scored with the decision fitted without them."""
    original = engine.model
    reports = {}
    try:
        for doc in sorted({c.doc for c in cases if c.doc}):
            engine.model = fit_model(engine, [c for c in cases if c.doc != doc]).model
            reports[doc] = evaluate(engine, [c for c in cases if c.doc == doc])
    finally:
        engine.model = original
    return reports
