"""Question intents over the shipped knowledge base (classes of questions, each checked on a paraphrase
that is not in the evaluation sets)."""

from __future__ import annotations

from bot import Engine


def test_which_ones_question_finds_the_list_whose_intro_names_its_topic(engine: Engine) -> None:
    # "必须写明哪些内容" asks for a list; 第14条 introduces it as "社会团体的章程应当包括下列事项" — 事项, not
    # 内容, but every topic word of the question (社会团体, 章程) stands in the clause before 下列.
    answer = engine.ask("社团章程必须写明哪些内容")
    assert answer.answered
    assert answer.citations[0].unit_id == "shetuan-dengji-tiaoli-2016#14"
