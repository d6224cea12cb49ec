"""A 第X条-style document in a --kb folder is answered with its article numbers, no code change."""

from __future__ import annotations

import json

import pytest

from bot import Engine
from bot.cli import main
from tests.bot.conftest import FIXTURES


@pytest.mark.parametrize(
    ("question", "article", "phrase"),
    [
        ("会员代表大会每届几年", 9, "5年"),
        ("理事会每年至少开几次会", 10, "2次"),
        ("会长最高任职年龄是多少", 11, "70周岁"),
        ("会员多久不交会费算自动退会", 8, "1年"),
        ("会费标准由谁决定", 13, "会员代表大会"),
        ("本会的登记管理机关是哪个单位", 4, "薛城区民政局"),
    ],
)
def test_articles_are_cited_by_number(
    articles_engine: Engine, question: str, article: int, phrase: str
) -> None:
    answer = articles_engine.ask(question)
    assert answer.answered
    assert answer.citations[0].number == article
    assert phrase in answer.answer
    assert f"第{article}条" in answer.answer


def test_chapters_become_sections(articles_engine: Engine) -> None:
    document = articles_engine.kb.documents[0]
    assert document.meta.title == "薛城区社区志愿服务协会章程"
    assert document.sections[0] == "第一章总则"
    assert [u.number for u in document.units if u.kind == "article"] == list(range(1, 16))


def test_cli_kb_option_answers_with_article_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "理事会每年至少召开几次会议", "--kb", str(FIXTURES / "articles_kb"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answered"] is True
    assert data["citations"][0]["number"] == 10
    assert data["citations"][0]["heading"] == "第十条"


def test_cli_text_output_and_follow_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "公益创投重点支持哪些活动", "那责任单位有哪些？"]) == 0
    out = capsys.readouterr().out
    assert "脱贫攻坚" in out and "区财政局" in out
