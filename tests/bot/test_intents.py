"""Question intents over the shipped knowledge base (classes of questions, each checked on a paraphrase
that is not in the evaluation sets)."""

from __future__ import annotations

from bot import Engine
from bot.engine import _Ranked


def test_which_ones_question_finds_the_list_whose_intro_names_its_topic(engine: Engine) -> None:
    # "必须写明哪些内容" asks for a list; 第14条 introduces it as "社会团体的章程应当包括下列事项" — 事项, not
    # 内容, but every topic word of the question (社会团体, 章程) stands in the clause before 下列.
    answer = engine.ask("社团章程必须写明哪些内容")
    assert answer.answered
    assert answer.citations[0].unit_id == "shetuan-dengji-tiaoli-2016#14"


def test_first_candidates_are_reranked_by_their_best_sentence(articles_engine: Engine) -> None:
    # Two close candidates: the one saying the question in one sentence (第五条: 为孤寡老人…提供关爱服务)
    # overtakes one scored a little higher on words spread over the unit.
    engine = articles_engine
    position = {iu.unit.number: i for i, iu in enumerate(engine.retriever.units) if iu.unit.kind == "article"}
    query = engine._analyze("协会给孤寡老人提供什么服务")
    ranked = [_Ranked(index=position[4], score=1.0, coverage=0.5, evidence=1.0, key=1.0),
              _Ranked(index=position[5], score=0.9, coverage=0.5, evidence=1.0, key=0.9)]
    reranked = engine._by_best_sentence(query, ranked)
    assert [engine.retriever.units[r.index].unit.number for r in reranked] == [5, 4]
    assert reranked[0].key <= 0.9  # the scale stays that of the fused score (the decision is fitted on it)


def test_unknown_nouns_naming_an_organisation_are_not_another_subject(engine: Engine) -> None:
    # 摄影 and 爱好者 are unknown to the documents; right before 协会 they name which association it is.
    named = engine.signals_for("想办个摄影爱好者协会，要找哪个部门审查")
    assert named is not None and named.unknown == 0.0
    # The same nouns not naming an organisation still count: they may mean another subject.
    other = engine.signals_for("摄影爱好者要找哪个部门审查")
    assert other is not None and other.unknown > 0.0


def test_before_question_finds_the_article_saying_what_comes_before(engine: Engine) -> None:
    # "注销之前要先干什么": 第18条 says "基金会在办理注销登记前，应当…成立清算组织"; the article listing when
    # to deregister (第17条) shares more words but says nothing about before.
    answer = engine.ask("基金会注销之前要先干什么")
    assert answer.answered
    assert answer.citations[0].unit_id == "jijinhui-guanli-tiaoli-2004#18"


def test_kinds_question_finds_the_article_dividing_its_topic(engine: Engine) -> None:
    # "分成哪几类": 第3条 "基金会分为…和…"; 第6条 lists which 基金会 register where (下列基金会).
    assert engine.hit_test("基金会分成哪几类", k=3)[0].unit_id == "jijinhui-guanli-tiaoli-2004#3"


def test_kinds_question_finds_the_kinds_listed_before_the_thing(engine: Engine) -> None:
    # Item 4 lists the kinds before what they divide: "科技类（…）、公益慈善类、城乡社区服务类社会组织，实行直接
    # 登记政策"; item 1 speaks of 直接登记 too, without naming any kind.
    for question in ("区里对哪几类社会组织实行直接登记", "哪些类型的社会组织可以直接去登记"):
        answer = engine.ask(question)
        assert answer.answered, question
        assert answer.citations[0].unit_id == "xuecheng-2020-31-social-org-guidance#4", question


def test_count_question_finds_the_number_stated_before_the_thing_counted(engine: Engine) -> None:
    # "多少理事来": 第21条 "须有2/3以上理事出席方能召开"; 第20条's "理事为5人至25人" is the board's size.
    answer = engine.ask("基金会开理事会，得多少理事来才行")
    assert answer.answered
    assert answer.citations[0].unit_id == "jijinhui-guanli-tiaoli-2004#21"
