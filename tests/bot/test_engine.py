"""Answers, citations, intents, follow-ups, refusals and personal answers."""

from __future__ import annotations

import pytest

from backend.services.bot import org_facts
from bot import BotSettings, Engine, KnowledgeBase, Topic
from bot.evaluation import load_cases
from tests.bot.conftest import DEV_QUESTIONS, HELDOUT_QUESTIONS, OWN_QUESTIONS


def test_answer_json_shape(engine: Engine) -> None:
    answer = engine.ask("联合党支部最多覆盖几个单位", session_id="s1")
    data = answer.to_dict()
    assert set(data) == {"answered", "answer", "citations", "session_id"}
    assert data["answered"] is True and data["session_id"] == "s1"
    first = data["citations"][0]
    assert set(first) == {"doc", "number", "heading", "quote", "score"}
    assert first["number"] == 2 and isinstance(first["score"], float)
    assert first["doc"] == "关于加强党建引领促进社会组织高质量发展的指导意见"
    assert "5个" in data["answer"]


def test_new_session_id_when_none_given(engine: Engine) -> None:
    assert engine.ask("联合党支部最多覆盖几个单位").session_id


def test_colloquial_question(engine: Engine) -> None:
    answer = engine.ask("俺们党员不够3个咋整")
    assert answer.answered and answer.citations[0].number == 2
    assert "联合党支部" in answer.answer


def test_responsible_question_answers_from_responsible_units(engine: Engine) -> None:
    answer = engine.ask("优化社会组织发展经费管理由哪些单位负责")
    assert answer.citations[0].number == 8
    assert "区民政局、区财政局、各镇街" in answer.answer
    assert answer.citations[0].quote == "（责任单位：区民政局、区财政局、各镇街）"


def test_rule_that_names_who_is_in_charge_leads(engine: Engine) -> None:
    answer = engine.ask("直接登记的社会组织党建工作由谁负责")
    assert answer.citations[0].number == 1
    assert answer.answer.index("社会组织综合党委") < answer.answer.index("责任单位")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("这份意见的文号是多少", "薛民字〔2020〕31号"),
        ("这份文件是哪天印发的", "2020年12月7日"),
        ("这个指导意见是哪些单位联合发布的", "中共薛城区委统战部"),
    ],
)
def test_document_level_questions(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and expected in answer.answer
    assert answer.citations[0].number is None


@pytest.mark.parametrize("question", ["怎么申请出国护照？", "明天限号吗", "", "？？？", "社保卡丢了怎么补办"])
def test_out_of_domain_is_refused_helpfully(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered and answer.citations == []
    assert answer.refusal_reason in {"low_confidence", "empty"}
    assert "区民政局社会组织管理科" in answer.answer
    assert "加强社会组织党的建设" in answer.answer  # says what it can answer


def test_vague_question_is_refused_not_guessed(engine: Engine) -> None:
    assert not engine.ask("谁负责？").answered


def test_contact_is_configurable(kb: KnowledgeBase) -> None:
    engine = Engine(kb, settings=BotSettings(contact="薛城区民政局 0632-1234567"))
    assert "0632-1234567" in engine.ask("今天天气怎么样").answer


def test_follow_up_resolves_with_topic(engine: Engine) -> None:
    first = engine.ask("公益创投重点支持哪些活动")
    assert first.citations[0].number == 8 and first.topic is not None
    # Alone, "那责任单位有哪些" names no item and is refused ...
    assert not engine.ask("那责任单位有哪些？").answered
    # ... but in the session it resolves to the previous topic (stored as JSON by the caller).
    topic = Topic.from_json(first.topic.to_json())
    follow_up = engine.ask("那责任单位有哪些？", topic=topic, session_id=first.session_id)
    assert follow_up.answered and follow_up.citations[0].number == 8
    assert "区财政局" in follow_up.answer


def test_follow_up_on_party_organizations(engine: Engine) -> None:
    first = engine.ask("社会组织怎么建立党组织")
    follow_up = engine.ask("那联合党支部最多几个单位？", topic=first.topic)
    assert follow_up.citations[0].number == 2 and "5个" in follow_up.answer


def test_new_subject_overrides_topic(engine: Engine) -> None:
    first = engine.ask("公益创投重点支持哪些活动")
    answer = engine.ask("僵尸社会组织怎么处理", topic=first.topic)
    assert answer.citations[0].number == 12


def test_refusal_keeps_session_topic(engine: Engine) -> None:
    first = engine.ask("公益创投重点支持哪些活动")
    refused = engine.ask("明天限号吗", topic=first.topic)
    assert not refused.answered and refused.topic == first.topic


def test_topic_json_tolerates_garbage() -> None:
    assert Topic.from_json(None) is None
    assert Topic.from_json("not json") is None
    assert Topic.from_json('{"x": 1}') is None
    topic = Topic(unit_id="doc#2", keywords=("党组织",))
    assert Topic.from_json(topic.to_json()) == topic


@pytest.mark.parametrize(
    ("count", "form", "expected", "status"),
    [
        (5, "none", "单独成立党组织", "尚未落实"),
        (4, "own", "单独成立党组织", "已落实"),
        (2, "none", "联合党支部", "尚未落实"),
        (0, "instructor", "党建工作指导员", "已落实"),
    ],
)
def test_personal_answer_applies_item_2(
    engine: Engine, count: int, form: str, expected: str, status: str
) -> None:
    facts = org_facts(name="薛城区阳光志愿者协会", party_member_count=count, coverage_form=form,
                      has_supervisor_unit=False)
    answer = engine.ask("我们需要成立党组织吗", org_facts=facts)
    assert answer.answered and answer.citations[0].number == 2
    assert expected in answer.answer and status in answer.answer
    assert f"正式党员{count}名" in answer.answer
    assert answer.citations[0].quote in engine.kb.unit(answer.citations[0].unit_id).text  # type: ignore[union-attr]


def test_personal_answer_needs_first_person(engine: Engine) -> None:
    facts = org_facts(name="甲协会", party_member_count=0, coverage_form="none", has_supervisor_unit=True)
    answer = engine.ask("联合党支部最多覆盖几个单位", org_facts=facts)
    assert "5个" in answer.answer and "甲协会" not in answer.answer


def test_hit_test_ranks_units(engine: Engine) -> None:
    hits = engine.hit_test("社会组织活动异常名录", k=5)
    assert 1 < len(hits) <= 5
    assert hits[0].number in (10, 12) and hits[0].unit_id.startswith("xuecheng")
    assert all(h.score > 0 for h in hits) and 0 < hits[0].coverage <= 1
    assert set(hits[0].to_dict()) == {
        "unit_id", "doc", "number", "heading", "score", "coverage", "kind", "confidence", "answerable"
    }


def _all_questions() -> list[str]:
    questions = []
    for path in (DEV_QUESTIONS, OWN_QUESTIONS, HELDOUT_QUESTIONS):
        if path.exists():
            questions += [case.question for case in load_cases(path)]
    return questions


def test_every_quote_is_verbatim_in_its_unit(engine: Engine) -> None:
    checked = 0
    for question in _all_questions():
        for citation in engine.ask(question).citations:
            unit = engine.kb.unit(citation.unit_id)
            assert unit is not None
            assert citation.quote and citation.quote in unit.text, (question, citation.quote)
            assert citation.number == unit.number and citation.heading == unit.heading
            checked += 1
    assert checked > 80


@pytest.mark.parametrize(
    "question",
    ["我们协会只有两个党员怎么办", "俺们社团一个党员都没有咋整", "一个组织里有四个正式党员要不要建党组织"],
)
def test_party_member_counts_in_everyday_words(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.answered and answer.citations[0].number == 2


def test_member_counts_map_to_the_coverage_rule() -> None:
    from bot.text import normalize

    assert "正式党员不足3名" in normalize("只有两个党员")
    assert "3名以上正式党员" in normalize("有五名党员")
    assert "无正式党员" in normalize("一个党员都没有")
    assert "第3个党员" in normalize("第3个党员")


def test_quantity_question_without_a_quantity_is_refused(engine: Engine) -> None:
    # Item 10 is about 会费 but states no amount: citing it for "多少" would mislead.
    assert not engine.ask("行业协会会费标准是多少").answered
    assert engine.ask("联合党支部最多覆盖几个单位").answered


def test_frame_words_do_not_dilute_a_question(engine: Engine) -> None:
    answer = engine.ask("我想问下咱们社会组织每年的工作报告是按照哪个办法来的，具体要怎么弄，听说不交还有处罚？")
    assert answer.answered and answer.citations[0].number == 12


@pytest.mark.parametrize("question", ["残疾证怎么办", "社工证怎么考", "养老院收费标准", "公司注册流程"])
def test_near_domain_traps_are_refused(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered
