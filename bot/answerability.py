"""The one decision whether the documents answer a question, shared by answers and the hit test.

A logistic model over a few signals of the best candidate, fitted (`python -m bot fit`) on labelled
questions instead of hand-set cut-offs, so the threshold is a measured trade-off between refusing
out-of-scope questions and answering in-scope ones. The fitted weights live in
`bot/data/answerability.json`; the fit prints the precision/recall curve it chose from.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "data" / "answerability.json"
# The out-of-scope refusal the threshold must keep on the questions it is fitted on (the target),
# searched on a grid of FINE_POINTS thresholds between 0.05 and 0.95.
TARGET_REFUSAL = 0.95
FINE_POINTS = 91
FEATURES = ("score", "margin", "coverage", "unknown", "domain", "evidence", "structure", "pinpoint", "focus")


@dataclass(frozen=True, slots=True)
class Signals:
    """What the decision looks at for the best candidate of a question."""

    score: float  # log(1 + fused lexical score) of the best unit, over log(number of units)
    margin: float  # its lead over the runner-up, as a share of its own re-ranked score
    coverage: float  # share of the question's knowledge-base words (idf-weighted) the unit holds
    unknown: float  # rare nouns the knowledge base never uses, each counted by its rarity (0–1)
    domain: float  # how specific to this knowledge base the best matched word is (vs everyday Chinese)
    evidence: float  # idf mass the unit matches, over log(number of units)
    # 1 when the unit answers the question's form in its own wording: the list a "which ones" question
    # asks for (下列条件), the definition asked for, the copula of "who is X", the penalty chapter of
    # "what happens if", the "X前，" of "before X"; else 0.
    structure: float = 0.0
    # idf mass the unit matches counted within its own document (a word in most of the document's units,
    # such as the 责任单位 every item ends with, singles none of them out), over log(its number of units)
    pinpoint: float = 0.0
    # 0 when the thing the question asks about — its last noun before the question word (有效期 in
    # 证书有效期是几年, 窗口 in 在哪个窗口办理) — is not in the unit; else 1 (also when no such noun).
    focus: float = 1.0

    def vector(self) -> np.ndarray:
        """The signals in FEATURES order."""
        return np.array([getattr(self, name) for name in FEATURES], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights over standardised signals and the probability threshold to answer."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def probability(self, signals: Signals) -> float:
        """The fitted probability that the question is answerable from the best candidate."""
        z = (signals.vector() - np.array(self.mean)) / np.array(self.scale)
        return float(1 / (1 + math.exp(-(float(np.dot(self.weights, z)) + self.bias))))

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the model as JSON."""
        path.write_text(json.dumps(asdict(self), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        """Read a fitted model (a neutral default when none has been fitted yet)."""
        if not path.exists():
            return cls(weights=(0.0, 0.0, 4.0, -2.0, 1.0, 1.0, 1.0, 1.0, 1.0), bias=0.0, mean=(0.0,) * len(FEATURES),
                       scale=(1.0,) * len(FEATURES), threshold=0.5)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            weights=tuple(data["weights"]),
            bias=float(data["bias"]),
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            threshold=float(data["threshold"]),
        )


def fit(
    signals: list[Signals], labels: list[bool], *, unmatched: int = 0, l2: float = 0.05, steps: int = 3000
) -> Model:
    """Fit logistic weights by gradient descent, then the threshold from the curve (see `choose_threshold`).

    `unmatched` out-of-scope questions matched nothing at all: refused at any threshold, they carry no
    signals to fit on but still count in the refusal rate the threshold must keep (as the eval counts them).
    """
    x = np.array([s.vector() for s in signals])
    y = np.array(labels, dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    # Balanced classes: out-of-scope questions are fewer, and refusing them matters as much.
    sample = np.where(y == 1, 0.5 / max(y.mean(), 1e-6), 0.5 / max(1 - y.mean(), 1e-6))
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        g = (p - y) * sample
        w -= 0.1 * (z.T @ g / len(y) + l2 * w)
        b -= 0.1 * float(g.mean())
    model = Model(weights=tuple(w), bias=b, mean=tuple(mean), scale=tuple(scale), threshold=0.5)
    probabilities = [model.probability(s) for s in signals]
    threshold = choose_threshold(curve(probabilities, labels, points=FINE_POINTS, unmatched=unmatched))
    return Model(weights=tuple(float(v) for v in w), bias=float(b), mean=tuple(float(v) for v in mean),
                 scale=tuple(float(v) for v in scale), threshold=threshold)


def curve(
    probabilities: list[float], labels: list[bool], *, points: int = 19, unmatched: int = 0
) -> list[dict[str, float]]:
    """Precision and recall of "answer" decisions, and out-of-scope refusal, at each threshold.

    `unmatched` more out-of-scope questions matched nothing and are refused at every threshold.
    """
    rows = []
    positives = sum(labels) or 1
    negatives = (len(labels) - sum(labels) + unmatched) or 1
    for threshold in np.linspace(0.05, 0.95, points):
        answered = [p >= threshold for p in probabilities]
        tp = sum(a and y for a, y in zip(answered, labels, strict=True))
        fp = sum(a and not y for a, y in zip(answered, labels, strict=True))
        rows.append({
            "threshold": round(float(threshold), 2),
            "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "recall": round(tp / positives, 4),
            "refusal": round(1 - fp / negatives, 4),
        })
    return rows


def choose_threshold(rows: list[dict[str, float]], *, target: float = TARGET_REFUSAL) -> float:
    """The lowest threshold that still refuses `target` of the out-of-scope questions it was fitted on.

    The issue's own bar (out-of-scope refusal ≥ 95 %) is the constraint; below it, every step up only
    costs answers. Maximising recall + refusal instead (Youden's J) let a single out-of-scope question
    (2 % of refusal) outweigh eight in-scope ones, and the threshold jumped by 0.2 between
    leave-one-document-out folds. With no threshold meeting the target, the strictest one.
    """
    meeting = [r for r in rows if r["refusal"] >= target]
    if not meeting:
        return float(max(r["threshold"] for r in rows))
    return float(min(meeting, key=lambda r: r["threshold"])["threshold"])
