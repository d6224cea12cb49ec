"""Residents' everyday words reach the laws' wording through bot/data/synonyms.txt."""

from __future__ import annotations

import pytest

from bot import Engine
from bot.text import normalize


@pytest.mark.parametrize(
    ("question", "rewritten", "doc", "article"),
    [
        # 法人代表 → 法定代表人, 公务员 → 国家工作人员: 基金会管理条例 第二十三条.
        ("基金会的法人代表能让公务员来当吗？", "法定代表人能让国家工作人员", "基金会管理条例", 23),
        # 散伙 → 解散, 剩下的钱 → 剩余财产: 社会团体登记管理条例 第二十二条.
        ("协会散伙了，剩下的钱怎么处理？", "解散了,剩余财产", "社会团体登记管理条例", 22),
        # 做生意 → 经营, 赚钱 → 营利: 社会团体不得从事营利性经营活动 (第四条).
        ("协会能不能做生意赚钱？", "经营营利", "社会团体登记管理条例", 4),
        # 网上募捐 → 互联网公开募捐: 慈善法 第二十七条 (the designated platform).
        ("网上募捐要去哪个平台？", "互联网公开募捐", "中华人民共和国慈善法", 27),
    ],
)
def test_colloquial_question_reaches_the_article(
    engine: Engine, question: str, rewritten: str, doc: str, article: int
) -> None:
    assert rewritten in normalize(question)
    answer = engine.ask(question)
    assert answer.answered
    assert (answer.citations[0].doc, answer.citations[0].number) == (doc, article)


def test_the_documents_own_terms_are_not_rewritten() -> None:
    # 注册 → 登记 and 办事处 → 代表机构 must leave the laws' 注册会计师 and 街道办事处 whole.
    assert normalize("注册会计师审计报告") == "注册会计师审计报告"
    assert normalize("街道办事处和村民委员会") == "街道办事处和村民委员会"
    assert normalize("想注册一个协会") == "想登记一个协会"
