"""Question intents over the shipped knowledge base (classes of questions, each checked on a paraphrase
that is not in the evaluation sets)."""

from __future__ import annotations

from pathlib import Path

from bot import Engine
from bot.engine import _Ranked
from bot.kb import KnowledgeBase


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


def test_restriction_question_finds_the_article_stating_the_bound(engine: Engine) -> None:
    # "只能面向哪些人" asks where a permission stops: 第29条 says 定向募捐 "应当在…特定对象的范围内进行";
    # 第21条 only defines the term (面向特定对象的定向募捐) and shares more of the question's words.
    answer = engine.ask("开展定向募捐只能面向哪些人")
    assert answer.answered
    assert answer.citations[0].unit_id == "cishan-fa-2023#29"


def test_first_step_question_finds_the_article_saying_what_comes_before(engine: Engine) -> None:
    # "得先签协议吗": 第37条 says "应当在举办活动前…签订捐赠协议" (前 then the verb 签 in one clause);
    # 第39条 is about signing a written agreement at all.
    answer = engine.ask("办慈善义演，得先签捐赠协议吗")
    assert answer.answered
    assert answer.citations[0].unit_id == "cishan-fa-2023#37"


def test_question_actor_must_be_named_by_the_answering_article(engine: Engine) -> None:
    # The question is about 基金会: 慈善法 第55条 (慈善组织…投资) never names it, 基金会管理条例 第28条 says
    # "基金会应当按照合法、安全、有效的原则实现基金的保值、增值".
    answer = engine.ask("基金会搞投资应当遵循哪些原则")
    assert answer.answered
    assert answer.citations[0].unit_id == "jijinhui-guanli-tiaoli-2004#28"
    # 捐赠人 asks what the donor may do: 第42条 (捐赠人有权要求其改正), not an article without 捐赠人.
    assert engine.hit_test("捐赠人发现捐款被挪作他用怎么办", k=3)[0].unit_id == "cishan-fa-2023#42"


def test_consequence_question_finds_the_penalty_for_its_actor(engine: Engine) -> None:
    # 第109条 punishes 慈善组织 (慈善组织有下列情形之一的: …私分、挪用、截留或者侵占慈善财产的); 第119条
    # (慈善服务过程中…造成损害的) and 第120条 (民政部门…有下列情形之一的) are about other wrongs or offenders.
    answer = engine.ask("慈善组织的人侵占慈善财产要承担什么责任")
    assert answer.answered
    assert answer.citations[0].unit_id == "cishan-fa-2023#109"
    # The same for 社团: 社团条例 第30条 (社会团体有下列情形之一的), not 基金会条例 第43条 (基金会理事…私分).
    assert engine.ask("社团理事私分社团财产会怎样").citations[0].unit_id == "shetuan-dengji-tiaoli-2016#30"


def test_kinds_question_finds_the_article_dividing_its_topic(engine: Engine) -> None:
    # "分成哪几类": 第3条 "基金会分为…和…"; 第6条 lists which 基金会 register where (下列基金会).
    assert engine.hit_test("基金会分成哪几类", k=3)[0].unit_id == "jijinhui-guanli-tiaoli-2004#3"


def test_count_question_finds_the_number_stated_before_the_thing_counted(engine: Engine) -> None:
    # "多少理事来": 第21条 "须有2/3以上理事出席方能召开"; 第20条's "理事为5人至25人" is the board's size.
    answer = engine.ask("基金会开理事会，得多少理事来才行")
    assert answer.answered
    assert answer.citations[0].unit_id == "jijinhui-guanli-tiaoli-2004#21"


def test_permission_question_finds_the_clause_governing_its_act(engine: Engine) -> None:
    # "能分给发起人吗" asks whether one may 分 (give out): 第53条 "不得在发起人…中分配" governs that act;
    # 第14条 names the same people (慈善组织的发起人…不得利用其关联关系) doing something else.
    answer = engine.ask("慈善组织的收入能分给发起人吗")
    assert answer.answered
    assert answer.citations[0].unit_id == "cishan-fa-2023#53"


def test_permission_question_on_a_document_the_rules_were_not_tuned_on(tmp_path: Path) -> None:
    # A self-made charter: 第四条 forbids giving the money out (不得在会员和理事中分配); the document's own
    # record and 第一条 (名称) share the question's other words.
    (tmp_path / "garden-club-charter.txt").write_text(_GARDEN_CLUB, encoding="utf-8")
    engine = Engine(KnowledgeBase.load(tmp_path))
    assert engine.hit_test("协会的钱可以分给会员吗", k=3)[0].unit_id == "garden-club-charter#4"


def test_negated_condition_finds_the_article_negating_it(engine: Engine) -> None:
    # "没有公募资格": 第26条 is about 不具有公开募捐资格的组织 (they may work with a qualified charity);
    # 第22条 says a charity 应当取得公开募捐资格, the positive case, and shares as many words.
    answer = engine.ask("我们没有公募资格，想搞公开募捐怎么办")
    assert answer.answered
    assert answer.citations[0].unit_id == "cishan-fa-2023#26"


_GARDEN_CLUB = """薛城区园艺爱好者协会章程

第一章  总 则

第一条  本会名称为薛城区园艺爱好者协会，是园艺爱好者自愿结成的非营利性社会团体。

第二条  本会设理事会，理事会由理事9名至15名组成，理事每届任期4年，理事任期届满可以连任。

第三条  理事会是本会的执行机构。理事会会议须有三分之二以上理事出席方能召开，理事会决议须经出席理事过半数通过。

第四条  本会会员的会费、捐赠和活动收入用于章程规定的业务范围，不得在会员和理事中分配。

第五条  本会理事、会员与本会发生交易的，理事不得参与有关的决策，交易情况应当向全体会员公开。

第六条  本会会员有权查阅本会的会议记录和财务报告，本会应当及时答复会员的询问。
"""
