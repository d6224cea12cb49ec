"""Command line: `python -m bot ask "问题"`, `eval FILE.jsonl`, `fit FILE…` (answerability model),
`loo FILE…` (leave-one-document-out check) and `status`; every command takes `--kb DIR`, `--cache DIR`
and `--embedding-url URL` (default `$BOT_EMBEDDING_URL`: hybrid retrieval, see bot/embeddings.py)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.engine import Engine, Topic
from bot.evaluation import EvalReport, evaluate, load_cases
from bot.fitting import fit_model, leave_one_document_out, load_all
from bot.holder import EngineHolder
from bot.kb import DEFAULT_KB_DIR
from bot.settings import BotSettings


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run a subcommand; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    # With --cache, reuse (or store) the index and unit vectors the web workers keep, e.g. var/bot-index.
    settings = BotSettings(embedding_url=args.embedding_url or None, embedding_model=args.embedding_model)
    holder = EngineHolder(args.kb, cache_dir=args.cache, settings=settings)
    engine = holder.engine
    if args.command == "status":
        print(json.dumps(holder.status(), ensure_ascii=False, indent=2))
        return 0
    if args.command == "ask":
        return _ask(engine=engine, questions=args.question, as_json=args.json)
    if args.command == "hits":
        for hit in engine.hit_test(args.question, k=args.k):
            print(json.dumps(hit.to_dict(), ensure_ascii=False))
        return 0
    if args.command == "fit":
        return _fit(engine=engine, args=args)
    if args.command == "loo":
        return _loo(engine=engine, args=args)
    return _eval(engine=engine, args=args)


def _parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="社组通政策问答（离线、可引用）")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="ask one or more questions (later ones may follow up on earlier ones)")
    ask.add_argument("question", nargs="+")
    ask.add_argument("--json", action="store_true", help="print the JSON answer shape")
    hits = sub.add_parser("hits", help="hit test: ranked units with scores")
    hits.add_argument("question")
    hits.add_argument("-k", type=int, default=10)
    ev = sub.add_parser("eval", help="evaluate on a JSONL question file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--min-top1", type=float, default=None)
    ev.add_argument("--min-refusal", type=float, default=None)
    ev.add_argument("--max-false-refusal", type=float, default=None)
    ev.add_argument("--min-phrase", type=float, default=None)
    ev.add_argument("--show-failures", action="store_true")
    ev.add_argument("--by-category", action="store_true", help="print the metrics of each category")
    fit = sub.add_parser("fit", help="fit the answerability decision on labelled JSONL files")
    fit.add_argument("files", nargs="+", type=Path)
    fit.add_argument("--save", action="store_true", help="write bot/data/answerability.json")
    loo = sub.add_parser("loo", help="leave-one-document-out: each document scored with a decision fitted without it")
    loo.add_argument("files", nargs="+", type=Path)
    status = sub.add_parser("status", help="knowledge version, index source and retrieval mode (lexical/hybrid)")
    for command in (ask, hits, ev, fit, loo, status):
        command.add_argument(
            "--kb", type=Path, default=DEFAULT_KB_DIR, help="knowledge folder (default: knowledge/)"
        )
        command.add_argument(
            "--cache", type=Path, default=None, help="index cache folder (default: none, build in memory)"
        )
        command.add_argument(
            "--embedding-url", default=os.environ.get("BOT_EMBEDDING_URL", ""),
            help="OpenAI-compatible embeddings endpoint for hybrid retrieval (default: $BOT_EMBEDDING_URL)",
        )
        command.add_argument("--embedding-model", default=os.environ.get("BOT_EMBEDDING_MODEL", "bge-m3"))
    return parser


def _ask(*, engine: Engine, questions: list[str], as_json: bool) -> int:
    """Answer questions in one in-memory session so follow-ups resolve."""
    topic: Topic | None = None
    session_id = None
    for question in questions:
        answer = engine.ask(question, topic=topic, session_id=session_id)
        topic, session_id = answer.topic, answer.session_id
        if as_json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
            continue
        print(answer.answer)
        for citation in answer.citations:
            if citation.number is None:
                where = "文件信息"
            else:  # articles keep their 第X条 heading; numbered items are 第N项
                where = f"第{citation.number}{'条' if citation.heading.startswith('第') else '项'}"
            print(f"  —— 《{citation.doc}》{where}「{citation.heading}」 score={citation.score}")
            print(f"     “{citation.quote}”")
    return 0


def _eval(*, engine: Engine, args: argparse.Namespace) -> int:
    """Print the four metrics; non-zero exit when a given threshold is missed."""
    report = evaluate(engine, load_cases(args.file))
    summary = report.summary()
    print(f"eval {args.file} ({summary['questions']} questions, kb {engine.version}, {engine.retrieval} retrieval)")
    for name in _METRICS:
        print(f"  {name:<20} {summary[name]:.1%}")
    if args.by_category:
        _print_categories(report)
    if args.show_failures:
        for failure in report.failures:
            print("  FAIL", json.dumps(failure, ensure_ascii=False))
    checks = [
        (args.min_top1, report.top1_accuracy, "top1_accuracy", True),
        (args.min_phrase, report.phrase_hit_rate, "phrase_hit_rate", True),
        (args.min_refusal, report.refusal_rate, "refusal_rate", True),
        (args.max_false_refusal, report.false_refusal_rate, "false_refusal_rate", False),
    ]
    failed = [
        name
        for limit, value, name, at_least in checks
        if limit is not None and (value < limit if at_least else value > limit)
    ]
    if failed:
        print(f"below threshold: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


_METRICS = (
    "top1_accuracy",
    "top1_doc_accuracy",
    "top3_accuracy",
    "phrase_hit_rate",
    "refusal_rate",
    "false_refusal_rate",
)
_SHORT = ("top1", "doc", "top3", "phrase", "refuse", "false_ref")


def _print_categories(report: EvalReport) -> None:
    """One row of metrics per category."""
    print(f"  {'category':<14}{'n':>4}" + "".join(f"{name:>10}" for name in _SHORT))
    for name, metrics in report.categories().items():
        cells = "".join(f"{float(metrics[m]):>10.1%}" for m in _METRICS)
        print(f"  {name:<14}{metrics['questions']:>4}{cells}")


def _fit(*, engine: Engine, args: argparse.Namespace) -> int:
    """Fit the decision, print its weights and precision/recall curve, optionally save it."""
    fitted = fit_model(engine, load_all(args.files))
    model = fitted.model
    print(f"fitted on {fitted.questions} questions; threshold {model.threshold}")
    print("  weights " + ", ".join(f"{w:+.2f}" for w in model.weights) + f"; bias {model.bias:+.2f}")
    print(f"  {'threshold':>9}{'precision':>11}{'recall':>9}{'oos_refusal':>13}")
    for row in fitted.curve:
        print(f"  {row['threshold']:>9.2f}{row['precision']:>11.1%}{row['recall']:>9.1%}{row['refusal']:>13.1%}")
    if args.save:
        model.save()
        print("saved bot/data/answerability.json")
    return 0


def _loo(*, engine: Engine, args: argparse.Namespace) -> int:
    """Print each document's metrics under a decision fitted without its questions."""
    print(f"  {'document':<40}{'n':>4}" + "".join(f"{name:>10}" for name in _SHORT))
    for doc, report in leave_one_document_out(engine, load_all(args.files)).items():
        metrics = report.summary()
        cells = "".join(f"{float(metrics[m]):>10.1%}" for m in _METRICS)
        print(f"  {doc:<40}{metrics['questions']:>4}{cells}")
    return 0
