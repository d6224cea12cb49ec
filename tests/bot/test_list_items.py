"""An enumerated item ("（二）挪用…的；") is read and quoted with the clause introducing its list."""

from __future__ import annotations

import pytest

from bot import Engine, KnowledgeBase
from tests.bot.conftest import FIXTURES


@pytest.fixture(scope="module")
def lists_engine() -> Engine:
    """A small self-made regulation whose two penalty articles list the same item."""
    return Engine(KnowledgeBase.load(FIXTURES / "lists_kb"))


def test_item_is_quoted_after_its_introducing_clause(lists_engine: Engine) -> None:
    answer = lists_engine.ask("基金管理委员会挪用基金财产会怎么处罚")
    assert answer.answered and answer.citations[0].number == 7
    # The consequence (in the clause) and the matching item, in that order; not the unrelated next item.
    assert answer.answer.index("由区民政局责令限期改正") < answer.answer.index("挪用、侵占基金财产")
    assert "公开收支情况" not in answer.answer
    assert answer.citations[0].quote == "（二）挪用、侵占基金财产的；"


def test_same_item_in_another_list_is_told_apart_by_its_clause(lists_engine: Engine) -> None:
    answer = lists_engine.ask("区财政局工作人员挪用基金财产会怎么处理")
    assert answer.answered and answer.citations[0].number == 8
    assert "依法给予处分" in answer.answer


def test_which_ones_question_quotes_the_list(lists_engine: Engine) -> None:
    answer = lists_engine.ask("社区发展基金可以通过哪些方式募集资金")
    assert answer.answered and answer.citations[0].number == 4
    for item in ("捐款箱", "定向捐赠", "义卖"):
        assert item in answer.answer


@pytest.mark.parametrize(
    ("question", "article", "phrase"),
    [
        ("慈善组织挪用慈善财产会受到什么处罚", 109, "责令限期改正"),
        ("慈善组织侵占慈善财产要承担什么责任", 109, "责令限期改正"),
        ("民政部门工作人员私分慈善财产怎么处理", 120, "给予处分"),
    ],
)
def test_shipped_lists_sharing_an_item(engine: Engine, question: str, article: int, phrase: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and answer.citations[0].number == article
    assert phrase in answer.answer and "侵占慈善财产" in answer.answer


def test_an_articles_first_sentence_is_its_rule_not_a_heading(lists_engine: Engine) -> None:
    # Only an item's (district guidance) first sentence is a heading; an article's first sentence is quoted
    # when it holds the answer, not outweighed by a later sentence sharing fewer of the question's words.
    answer = lists_engine.ask("收支情况公开要接受谁的监督")
    assert answer.answered and answer.citations[0].number == 6
    assert answer.citations[0].quote == "基金管理委员会应当每半年向居民公开一次收支情况，并接受居民监督。"
    assert "街道办事处" not in answer.answer
