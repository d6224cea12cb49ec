"""Extractive answers with citations: retrieval, intents, follow-ups, refusals."""

from __future__ import annotations

import itertools
import json
import math
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from bot.answerability import Model, Signals
from bot.embeddings import DenseChannel, reciprocal_rank_fusion
from bot.index import BM25Retriever, IndexedUnit, Retriever, Sentence, item_body
from bot.kb import KnowledgeBase
from bot.llm import Rephraser, rephraser_from_settings, safe_rephrase
from bot.model import DocumentMeta, Unit
from bot.selection import DocumentSelector, definition_term, organisation_words
from bot.settings import BotSettings
from bot.text import (
    char_bigrams,
    char_grams,
    general_frequency,
    general_total,
    normalize,
    phrase_pairs,
    sub_words,
    tagged_words,
    words,
)

# Question patterns (generic Chinese phrasing, not tied to any document).
_RESPONSIBLE = re.compile(
    r"责任单位|牵头单位|负责单位|责任部门|牵头部门|(?:谁|哪个|哪些|哪几个|什么)(?:单位|部门)?(?:来)?负责|由谁"
)
_META_STRONG = re.compile(r"文号|字号|印发|发文|落款|成文日期|抄送|主送|文件(?:的)?(?:标题|名称|全称|名字)")
_META_WEAK = re.compile(
    r"发布|出台|下发|哪天|什么时候|何时|日期|时间|标题|名称|全称|叫什么|(?:哪|几)(?:些|个|几个|家)(?:单位|部门|机关)|联合"
    r"|(?:一起|共同|联合)(?:发|出|印)|谁发的|发的|施行|生效|实施|通过|修订|修正|修改|公布|颁布|令号|第几号令|哪年|几号令"
)
_DOC_REF = re.compile(
    r"这份|这个文件|该文件|本文件|此文件|文件|这个意见|这份意见|指导意见|这个政策|这项政策|这个通知|本意见"
    r"|条例|法律|这部法|本法|办法"
)
# An organisation changing its own name, charter or registered details (变更名称, 修改章程): an act the
# documents regulate, not a question about a document's title or revisions.
_OWN_ACT = re.compile(r"(?:变更|修改|更改)(?:其|社团|协会|组织|本会)?(?:的)?(?:名称|章程|登记事项|住所)")
_CLAUSE_BREAK = re.compile(r"[，,。；;！!？?]")
# Question words: where a question turns to what it asks (多少, 几, 哪, 怎么, 是否, 吗 …).
_ASKING = re.compile(
    r"多少|多久|多长|几|哪|什么|啥|怎么|怎样|咋|如何|何时|是否|能否|可否|有没有|要不要|需不需要|会不会|能不能|可不可以|吗|呢"
)
# "施行前 / 公布以后": a document's date used as a point in time, not asked for.
_TIME_REFERENCE = re.compile(r"(?:施行|生效|实施|公布|颁布|修订|修改|通过|出台|发布|印发)(?:之|以)?(?:前|后)")
_DATE_ASK = re.compile(r"哪天|什么时候|何时|日期|时间|哪年|几月|哪一天|哪一年")
_NUMBER_ASK = re.compile(r"文号|字号|编号|令号|第几号|几号令")
_IN_FORCE_ASK = re.compile(r"施行|生效|实施|起效|开始执行")
_ADOPTED_ASK = re.compile(r"通过")
_REVISED_ASK = re.compile(r"修订|修正|修改")
_PROMULGATED_ASK = re.compile(r"公布|颁布")
_COPY_ASK = re.compile(r"抄送|主送")
_TITLE_ASK = re.compile(r"标题|名称|全称|名字|叫什么")
_FOLLOWUP = re.compile(r"^(?:那|那么|那如果|还有|另外|此外|它|这个|这些|那个|该|其|这|而且|并且|然后)")
_PERSONAL = re.compile(r"我们|本组织|本单位|我单位|我会|我所|我院|我中心")
_PARTY = re.compile(r"党组织|党支部|党建|党员|党建工作指导员")
# "How many / how much / how long" questions: only a unit stating some quantity can answer them.
# 几个 / 几年 ask a number only where a count is wanted (要几个人, 有几名, 几年内); "我们几个", "几个朋友没去
# 登记", "好几年", "十几个", "这几个" use it as "a few" and ask nothing countable.
_QUANTITY_ASK = re.compile(
    r"多少|多久|多长时间|多大|比例|金额"
    r"|(?<![哪好十这那们和跟与同])几(?:个|家|名|位|次|年|天|月|号|日|倍|成)(?![朋老伙姐兄哥弟妹同邻])"
    r"|哪天|几号|截止|期限"
)
# A "how many" question naming the kind of amount it wants; the law states it as a number with that
# unit (年满18周岁, 3万元, 60日内, 30个工作日, 三个月内), written in digits or Chinese numerals.
_UNIT_ASK = re.compile(
    r"(?P<age>(?:多少|几)(?:周)?岁|多大年纪|(?:年纪|年龄)(?:是)?(?:多少|多大))"
    r"|(?P<money>多少钱|多少(?:万)?(?:元|块)|多少万|多少(?:资金|经费|费用|补贴|奖金|奖励金)"
    r"|(?:金额|资金|经费|费用|补贴|奖金)(?:是|有)?多少)"
    r"|(?P<days>(?:多少|几)(?:个工作|个)?(?:天|日)(?!期))"
    r"|(?P<months>(?:多少|几)个月)"
    r"|(?P<hours>(?:多少|几)(?:个)?(?:小时|钟头))"
    r"|(?P<share>比例|百分之(?:几|多少)|百分比|占(?:多少|几成))"
)
_AMOUNT = r"(?:[0-9０-９]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万]+)"
_UNIT_STATED = {
    "age": re.compile(_AMOUNT + r"(?:周)?岁"),
    "money": re.compile(_AMOUNT + r"(?:万)?元"),
    "days": re.compile(_AMOUNT + r"(?:个工作|个)?(?:日|天)"),
    "months": re.compile(_AMOUNT + r"个?月"),
    "hours": re.compile(_AMOUNT + r"(?:个)?(?:小时|钟头)"),
    "share": re.compile(r"[0-9０-９]+(?:\.[0-9]+)?%|百分之|分之|[0-9０-９]+/[0-9０-９]+|[一二两三四五六七八九十]成"),
}
# Where an office is or when it opens: the documents state no address, window or office hours.
# ("协会换了地址要办变更吗" asks about the organisation's own address, which the documents do regulate.)
_PLACE_ASK = re.compile(
    r"地址(?:在哪|是什么|是哪)|什么地址|哪条街|哪条路|门牌|几点|上班时间|办公时间|开门|营业时间|上不上班"
    r"|窗口在哪|哪个窗口|几楼"
)
# "X之前要…": the deadline is welcome in the quoted sentence, but the question may be yes/no
# (换法定代表人之前要做审计吗), so it neither reorders candidates nor demands a quantity.
_BEFORE_ASK = re.compile(r"之前要|以前要")
# "注销之前 / 换届以前": what must happen before an event, which a law says as "在X前，…".
_BEFORE_ANCHOR = re.compile(r"(?:之前|以前)")
# "谁是X / X是谁 / X是哪个部门": the law answers with a copula sentence "…是X" (理事长是基金会的法定代表人).
_IDENTITY_ASK = re.compile(
    r"^(?:请问)?谁是(?P<a>.+?)[？?。]*$|^(?P<b>.+?)是(?:谁|哪个部门|哪个单位|哪个机关|哪些部门|什么部门|什么机关)[？?。]*$"
)
# "…会怎样 / 怎么处罚 / 什么后果": what happens to whoever breaks a rule is stated in the penalty chapter.
_CONSEQUENCE_ASK = re.compile(
    r"处罚|罚款|怎么罚|罚多少|法律责任|会怎样|会怎么样|会(?:被)?怎么(?:办|处理)|(?:什么|啥|哪些)后果|追究"
    r"|赔偿|要赔|得赔|赔钱|承担(?:什么|哪些)?(?:法律)?责任"
)
# "哪些 / 哪几 / 什么条件": the answer is a list, which a law introduces with 下列X (下列条件, 下列方式).
_ENUMERATION_ASK = re.compile(
    r"哪些|哪几|哪(?:[一二两三四五六七八九十几]|\d)+(?:类|种|个|项)|有什么|什么(?:条件|方式|程序|职责|事项|情形)"
)
# "分哪两类 / 有哪几种": the kinds of a thing, which a law states by dividing it (基金会分为…和…).
# 分几次 / 分哪天 ask no kinds: a bare 分哪 / 分几 counts only after 分为 / 分成.
_KINDS_ASK = re.compile(r"(?:哪|几)(?:些|[一二两三四五六七八九十几]|\d)*(?:类|种)|分(?:为|成)(?:哪|几)")
_LISTED = re.compile(r"下列([^：:，,。；（(]{1,8})")
# Kinds listed before what they divide: "A类（…）、B类、C类X".
_LISTED_KINDS = r"(?:[\u4e00-\u9fff]{1,8}类(?:[（(][^）)]{0,40}[）)])?、)+[\u4e00-\u9fff]{1,8}类"
# The clause that introduces a list: from the previous sentence break up to 下列 (社会团体的章程应当包括下列事项).
_LIST_CLAUSE = re.compile(r"([^。；！？\n：:]*)下列")
_PENALTY_CHAPTER = re.compile(r"法律责任|罚则")
# Quantities and dates as laws write them: 50个, 3万元, 1/3, 70%, 二分之一, 百分之七十, 3至5人,
# 三十日内, 6月30日前, 每五日.
_QUANTITY = re.compile(
    r"[0-9０-９]|[一二两三四五六七八九十百千万]+(?:个|名|级|年|月|日|天|项|类|次|位|家|社|同步|成|倍|%|元|人|周岁)"
    r"|[一二两三四五六七八九十百]+分之[一二两三四五六七八九十百]+|至少|不得少于|不得超过|不低于|不超过|过半数"
)
# "多少理事到场 / 几名监事": the question counts a thing; the law states the count before it (2/3以上理事出席).
_COUNTED_ASK = re.compile(r"(?:多少|几)(?:个|名|位|家)?(?P<rest>[\u4e00-\u9fff]{2,6})")
_NUMERAL = "一二两三四五六七八九十百千"
_COUNT = (
    rf"(?<![（(第0-9０-９{_NUMERAL}])"
    rf"(?:[0-9０-９]+(?:/[0-9０-９]+)?%?|[{_NUMERAL}]+分之[{_NUMERAL}]+|[{_NUMERAL}]+)"
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d+\s*[.．、]|第[一二三四五六七八九十百零〇\d]+条)")
_RESPONSIBLE_SENTENCE = re.compile(r"[（(]\s*(?:责任单位|牵头单位|责任部门)\s*[:：]")

SHORT_SENTENCE = 16
# A word held by three quarters of a document's units or more singles none of them out (责任单位 in the guidance).
UBIQUITOUS_SHARE = 0.75
# …and only in a document long enough for "most of its units" to single nothing out.
GUARD_MIN_UNITS = 8
# A clause introducing a list is quoted with the list's first items, up to about this many characters.
LIST_QUOTE_CHARS = 120
# Rarity mass of unknown nouns above which a question is taken to name something the documents lack.
UNKNOWN_THING = 0.3
# Share of a word's weight earned by matching only the words inside it.
BACKOFF_CREDIT = 0.8
PART_OF_WORD_CREDIT = 0.7
# A known compound the unit lacks, whose known parts it holds (登记机关 in 登记管理机关): a paraphrase, likely.
COMPOUND_PART_CREDIT = 0.5
UNKNOWN_FILLER_WEIGHT = 0.3
# A word jieba's dictionary counts fewer times than this is treated as coined by its HMM (see _noun_rarity).
COINED_WORD_COUNT = 10
LIGHT_WEIGHT = 0.08
SINGLE_CHAR_WEIGHT = 0.4
SINGLE_CHAR_FILLER_WEIGHT = 0.15
# Re-ranking uses score × (floor + coverage), so coverage refines but never zeroes a strong score.
COVERAGE_FLOOR = 0.5
# The character-bigram channel's share of the fused lexical score (scaled to the word channel's range).
CHAR_WEIGHT = 0.5
# Boost of units that define the term a "什么是X" question asks about (本法所称X / X是指).
DEFINITION_BOOST = 1.6
# "什么是X": a unit defining X among this many first candidates is put first.
DEFINITION_CANDIDATES = 10
# Identity and consequence intents: candidates within this share of the best, among the first few.
INTENT_WINDOW = 0.6
INTENT_CANDIDATES = 5
# A question not about consequences: a rule within this share of a penalty article in first place goes first.
RULE_WINDOW = 0.8
# The first candidates re-ranked by their best sentence, as key × (floor + its share of the question) / (floor + 1).
SENTENCE_CANDIDATES = 5
SENTENCE_FLOOR = 2.0
# "How many / by when": the candidates, within this share of the best, that may state the quantity.
QUANTITY_WINDOW = 0.6
QUANTITY_CANDIDATES = 5
_RULE_PHRASES = {"own": "单独成立党组织", "joint": "联合党支部", "instructor": "党建工作指导员"}


@dataclass(frozen=True, slots=True)
class Topic:
    """What a session was last about, persisted by the caller (e.g. Redis with a TTL)."""

    unit_id: str
    keywords: tuple[str, ...]

    def to_json(self) -> str:
        """Compact JSON for storage."""
        return json.dumps({"unit_id": self.unit_id, "keywords": list(self.keywords)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | bytes | None) -> Topic | None:
        """Parse stored JSON; None for missing or malformed data (a lost topic is harmless)."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(unit_id=str(data["unit_id"]), keywords=tuple(str(k) for k in data.get("keywords", ())))
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True, slots=True)
class OrgFacts:
    """What the backend knows about the asking leader's organization."""

    name: str
    party_member_count: int
    coverage_form: str  # "own" | "joint_branch" | "instructor" | "none"
    has_supervisor_unit: bool
    # The party-coverage rule is the backend's (services/party_building.py); the bot gets its outcome.
    required_form: str  # "own" | "joint_branch" | "instructor"
    covered: bool
    category: str = ""


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim quote from one unit."""

    doc: str
    number: int | None
    heading: str
    quote: str
    score: float
    unit_id: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of a citation."""
        return {
            "doc": self.doc,
            "number": self.number,
            "heading": self.heading,
            "quote": self.quote,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked unit in a staff hit test."""

    unit_id: str
    doc: str
    number: int | None
    heading: str
    score: float
    coverage: float
    kind: str
    # The same decision `ask` makes: would this unit, in first place, be answered from?
    confidence: float = 0.0
    answerable: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(slots=True)
class Answer:
    """An answer (or refusal) plus what the caller persists and logs."""

    answered: bool
    answer: str
    citations: list[Citation]
    session_id: str
    topic: Topic | None = None
    refusal_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Exactly the JSON shape shared by the CLI and the API."""
        return {
            "answered": self.answered,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "session_id": self.session_id,
        }


@dataclass(frozen=True, slots=True)
class _Query:
    words: tuple[str, ...]
    weights: dict[str, float]
    backoff: dict[str, tuple[str, ...]]
    share: dict[str, float]
    terms: tuple[str, ...]
    pairs: tuple[str, ...]
    text: str = ""  # the normalised question
    grams: tuple[str, ...] = ()  # character bigrams of its content words
    unknown: frozenset[str] = frozenset()  # words the knowledge base never uses (left out of coverage)
    unknown_nouns: tuple[str, ...] = ()  # of those, the things named (they may mean another subject)
    # Known compounds' own known parts (登记机关 → 登记, 机关), for a unit that says 登记管理机关.
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The words the question is about: known to the knowledge base, longer than one character, not frame words.
    topic: tuple[str, ...] = ()
    # Its last noun (two characters or more) before the first question word: what is asked about.
    focus: str = ""


@dataclass(frozen=True, slots=True)
class _Ranked:
    index: int
    score: float
    coverage: float
    evidence: float
    key: float = 0.0  # the re-ranked score the order is by
    domain: float = 0.0


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to answer from the first candidate, with the fitted probability and a refusal reason."""

    answerable: bool
    probability: float
    reason: str | None = None


class Engine:
    """Answers questions from one loaded knowledge base; safe to share between threads."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        settings: BotSettings | None = None,
        retriever: Retriever | None = None,
        rephraser: Rephraser | None = None,
        dense: DenseChannel | None = None,
    ) -> None:
        self.kb = kb
        # Optional dense channel (bot/embeddings.py): fused with BM25 when its vectors are ready.
        self.dense = dense
        self.settings = settings or BotSettings()
        self.retriever = retriever or BM25Retriever(kb, heading_weight=self.settings.heading_weight)
        self.rephraser = rephraser if rephraser is not None else rephraser_from_settings(self.settings)
        self._positions = {iu.unit.id: i for i, iu in enumerate(self.retriever.units)}
        self._refusal = _refusal_text(kb=kb, contact=self.settings.contact)
        self._coverage_rule = _find_coverage_rule(self.retriever.units)
        self._quantified = [
            iu.unit.kind == "meta" or bool(_QUANTITY.search(_LEADING_NUMBER.sub("", iu.unit.text)))
            for iu in self.retriever.units
        ]
        self.selector = DocumentSelector(kb, self.retriever.units)
        self.model = Model.load()
        self._normalized = [normalize(iu.unit.text) for iu in self.retriever.units]
        self._list_clauses = [tuple(m.group(1) for m in _LIST_CLAUSE.finditer(text)) for text in self._normalized]
        self._gram_idf = _gram_idf(self._normalized)
        # Each unit's sentences as character and bigram sets, made when the unit is first a close candidate.
        self._sentence_grams: dict[int, tuple[frozenset[str], ...]] = {}
        # Per document: its number of units and how many of them hold each token.
        self._doc_df: dict[str, tuple[int, Counter[str]]] = {}
        for iu in self.retriever.units:
            size, df = self._doc_df.get(iu.unit.doc_id, (0, Counter()))
            df.update(iu.tokens)
            self._doc_df[iu.unit.doc_id] = (size + 1, df)

    @property
    def version(self) -> str:
        """The knowledge version this engine was built for."""
        return self.kb.version

    @property
    def retrieval(self) -> str:
        """"hybrid" while the dense channel answers, else "lexical" (off, pending or unreachable)."""
        dense = self.dense
        ready = dense is not None and dense.index is not None and dense.status()["state"] == "ready"
        return "hybrid" if ready else "lexical"

    def ask(
        self,
        question: str,
        *,
        topic: Topic | None = None,
        org_facts: OrgFacts | None = None,
        session_id: str | None = None,
    ) -> Answer:
        """Answer from the documents with citations, or refuse; never guess."""
        session_id = session_id or uuid.uuid4().hex
        question = question.strip()[:500]
        query = self._analyze(question)
        normalized = normalize(question)
        if org_facts is not None and _PERSONAL.search(normalized) and _PARTY.search(normalized):
            personal = self._personal_answer(org_facts=org_facts, session_id=session_id)
            if personal is not None:
                return personal
        ranked = self._ordered(query)
        decision = self.decide(query, ranked)
        if topic is not None and topic.unit_id in self._positions:
            if _FOLLOWUP.match(normalized) or not query.words or not decision.answerable:
                with_topic = self._ordered(query, topic=topic)
                topic_decision = self.decide(query, with_topic, in_topic=True)
                if topic_decision.answerable:
                    ranked, decision = with_topic, topic_decision
        if not decision.answerable:
            reason = decision.reason if query.words else "empty"
            return self._refuse(session_id=session_id, topic=topic, reason=reason or "low_confidence")
        return self._answer(
            question=question, normalized=normalized, query=query, ranked=ranked, session_id=session_id
        )

    def hit_test(self, question: str, k: int = 10) -> list[Hit]:
        """The top-k units in answer order with BM25 score and question coverage, for staff checks."""
        query = self._analyze(question.strip()[:500])
        ordered = self._ordered(query)
        hits = []
        for position, ranked in enumerate(ordered[:k]):
            unit = self.retriever.units[ranked.index].unit
            # Each hit as if it came first, so staff see why the answer was (or was not) given.
            decision = self.decide(query, [ranked, *ordered[:position], *ordered[position + 1 :]])
            hits.append(
                Hit(
                    unit_id=unit.id,
                    doc=unit.doc_title,
                    number=unit.number,
                    heading=unit.heading,
                    score=round(ranked.score, 3),
                    coverage=round(ranked.coverage, 3),
                    kind=unit.kind,
                    confidence=round(decision.probability, 3),
                    answerable=decision.answerable,
                )
            )
        return hits

    def signals_for(self, question: str) -> Signals | None:
        """The decision's inputs for a question (None when nothing matches), for fitting the model."""
        query = self._analyze(question.strip()[:500])
        ranked = self._ordered(query)
        return self.signals(query, ranked) if ranked else None

    def refusal_text(self) -> str:
        """The fixed refusal shown when the documents do not answer a question."""
        return self._refusal

    def _analyze(self, question: str) -> _Query:
        """Whole words; unknown compounds back off to the known words (or bigrams) inside them."""
        tagged = dict(tagged_words(question))
        found = list(tagged)
        backoff: dict[str, tuple[str, ...]] = {}
        share: dict[str, float] = {}
        for word in found:
            if self.retriever.known(word) or tagged[word] == "light":
                continue
            subs = tuple(sub for sub in sub_words(word) if self.retriever.known(sub))
            if not subs and len(word) > 2:
                # Out-of-vocabulary compound: fall back to the known character bigrams inside it.
                subs = tuple(b for b in dict.fromkeys(char_bigrams(word)) if self.retriever.known(b))
            if subs:
                backoff[word] = subs
                share[word] = _char_share(word, subs)
        parts = {}
        for word in found:
            if len(word) > 2 and tagged[word] != "light" and self.retriever.known(word):
                pieces = tuple(sub for sub in sub_words(word) if self.retriever.known(sub))
                if pieces:
                    parts[word] = pieces
        terms = list(dict.fromkeys(found + [sub for subs in backoff.values() for sub in subs]))
        weights = {word: self._weight(word, kind=tagged[word], backoff=backoff) for word in found}
        unknown = frozenset(
            w
            for w in found
            if not self.retriever.known(w)
            and w not in backoff
            and tagged[w] != "light"
            and not (len(w) == 1 and tagged[w] == "noun")
        )
        nouns = tuple(w for w in unknown if tagged[w] == "noun" and len(w) > 1)
        named = _organisation_name(normalize(question), nouns)
        nouns = tuple(w for w in nouns if w not in named)
        content = [w for w in found if tagged[w] != "light"]
        return _Query(
            words=tuple(found),
            weights=weights,
            backoff=backoff,
            share=share,
            terms=tuple(terms),
            pairs=tuple(phrase_pairs(question)),
            text=normalize(question),
            grams=tuple(char_grams("".join(content))),
            unknown=unknown,
            unknown_nouns=nouns,
            parts=parts,
            topic=tuple(w for w in content if len(w) > 1 and self.retriever.known(w)),
            focus=_focus(normalize(question), list(tagged.items())),
        )

    def _weight(self, word: str, *, kind: str, backoff: dict[str, tuple[str, ...]]) -> float:
        """A word's share of the question: its idf, discounted for frame words and lone characters."""
        weight = self.retriever.idf(word)
        if kind == "light":
            # 类型, 后果, 两个, 别的: they frame the question and decide nothing about its topic.
            return weight * LIGHT_WEIGHT
        if len(word) == 1:
            # A lone character (号, 收, 来) is too ambiguous to decide a question either way;
            # a lone noun (证, 卡) still names a thing a little.
            return weight * (SINGLE_CHAR_WEIGHT if kind == "noun" else SINGLE_CHAR_FILLER_WEIGHT)
        if self.retriever.known(word) or word in backoff:
            return weight
        # Unknown to the knowledge base: an unknown thing (护照) hints at another subject, an unknown
        # verb is phrasing. Neither counts in coverage; the noun's share feeds the decision instead.
        return weight if kind == "noun" else weight * UNKNOWN_FILLER_WEIGHT

    def _rank(self, query: _Query, *, topic: Topic | None = None) -> list[_Ranked]:
        """Units by descending fused score, with how much of the question each one covers."""
        scores = self._lexical(query)
        similarities = self.dense.similarities(query.text) if self.dense is not None and query.text else None
        if similarities is not None and similarities.shape == scores.shape:
            scores = reciprocal_rank_fusion(
                scores, similarities, k=self.settings.rrf_k, dense_weight=self.settings.dense_weight
            )
        scores = scores * self.selector.weights(query.text)
        defined = definition_term(query.text)
        if defined:
            scores = scores * np.array(
                [DEFINITION_BOOST if _defines(text, defined) else 1.0 for text in self._normalized],
                dtype=np.float32,
            )
        keywords: list[str] = []
        if topic is not None:
            keywords = [k for k in topic.keywords if k not in query.terms]
            if keywords:
                scores = scores + 0.5 * self.retriever.scores(keywords)
            position = self._positions.get(topic.unit_id)
            if position is not None:
                # The previous unit stays the favourite unless the new words point elsewhere.
                scores = scores.copy()
                scores[position] = scores[position] * 1.25 + 0.5
        order = np.argsort(-scores, kind="stable")
        weight = dict(query.weights) | {k: self.retriever.idf(k) for k in keywords}
        counted = [w for w in query.words if w not in query.unknown]
        own_mass = sum(weight[w] for w in counted)
        out = []
        for i in order[:20]:
            score = float(scores[i])
            if score <= 0:
                break
            indexed = self.retriever.units[i]
            credits = {w: self._credit(query, w, indexed) for w in counted}
            matched = sum(weight[w] * credit for w, credit in credits.items())
            coverage = matched / own_mass if own_mass else (1.0 if topic else 0.0)
            evidence = matched + sum(weight[k] for k in keywords if k in indexed.tokens)
            domain = max((self._domain(w) for w, credit in credits.items() if credit > 0), default=0.0)
            out.append(
                _Ranked(
                    index=int(i),
                    score=score,
                    coverage=coverage,
                    evidence=evidence,
                    key=score * (COVERAGE_FLOOR + coverage),
                    domain=domain,
                )
            )
        # BM25 can favour a unit that repeats one word; prefer units holding more of the question.
        out.sort(key=lambda r: r.key, reverse=True)
        return self._by_best_sentence(query, out)

    def _by_best_sentence(self, query: _Query, ranked: list[_Ranked]) -> list[_Ranked]:
        """Re-rank the first few candidates by how much of the question their best single sentence holds.

        A unit's score pools words from all its sentences; the article that answers a question usually
        says it in one sentence, an enumerated item together with the clause introducing its list
        (慈善组织有下列情形之一的… + （二）私分…慈善财产的). Characters and character bigrams (robust to
        segmentation and to paraphrases sharing a character: 分给 / 分配, 卖掉 / 变卖), weighted by their
        idf over the knowledge base's units, of every question word including those the base never uses.
        """
        head = ranked[:SENTENCE_CANDIDATES]
        grams = {g for word in query.words for g in _grams(word)}
        weights = {g: self._gram_idf[g] for g in grams if g in self._gram_idf}
        mass = sum(weights.values())
        if len(head) < 2 or mass <= 0:
            return ranked
        rescored = []
        tops: dict[int, int] = {}
        for candidate in head:
            sentences = self._sentence_grams.get(candidate.index)
            if sentences is None:
                sentences = _reading_grams(self.retriever.units[candidate.index].sentences)
                self._sentence_grams[candidate.index] = sentences
            held = [sum(w for g, w in weights.items() if g in sentence) for sentence in sentences]
            best = max(held, default=0.0)
            share = (SENTENCE_FLOOR + best / mass) / (SENTENCE_FLOOR + 1)
            rescored.append(replace(candidate, key=candidate.key * share))
            if held:
                tops[candidate.index] = held.index(best)
        rescored.sort(key=lambda r: r.key, reverse=True)
        return self._same_item_by_intro(rescored, tops, weights) + ranked[SENTENCE_CANDIDATES:]

    def _same_item_by_intro(
        self, ranked: list[_Ranked], tops: dict[int, int], weights: dict[str, float]
    ) -> list[_Ranked]:
        """Candidates whose best sentence is the same enumerated item, ordered by their lists' clauses.

        Two articles may list the same item (（二）私分、挪用…慈善财产的 for 慈善组织 and for the officials
        who supervise them); the clause introducing each list says whom it concerns, so the one whose clause
        holds more of the question goes first, in the places the two held.
        """
        groups: dict[str, list[int]] = {}
        for position, candidate in enumerate(ranked):
            sentences = self.retriever.units[candidate.index].sentences
            sentence = sentences[tops[candidate.index]] if candidate.index in tops else None
            body = item_body(sentence.text) if sentence is not None and sentence.intro else None
            if body:
                groups.setdefault(body, []).append(position)
        out = list(ranked)
        for positions in groups.values():
            if len(positions) < 2:
                continue
            members = sorted(
                (ranked[p] for p in positions), key=lambda r: self._intro_held(r, tops, weights), reverse=True
            )
            for position, member in zip(positions, members, strict=True):
                out[position] = member
        return out

    def _intro_held(self, candidate: _Ranked, tops: dict[int, int], weights: dict[str, float]) -> float:
        """How much of the question (idf-weighted characters and bigrams) a best item's list clause holds."""
        sentences = self.retriever.units[candidate.index].sentences
        intro = sentences[tops[candidate.index]].intro
        grams = _grams(normalize("".join(sentences[j].text for j in intro)))
        return sum(w for g, w in weights.items() if g in grams)

    def _credit(self, query: _Query, word: str, indexed: IndexedUnit) -> float:
        """How far a unit contains a question word: whole word, part of a longer one, or its parts."""
        if word in indexed.words:
            return 1.0
        if word in indexed.tokens:
            # Only inside a longer word (志愿 in 社区志愿者): related, but not the same thing.
            return PART_OF_WORD_CREDIT
        subs = query.backoff.get(word)
        if not subs:
            pieces = query.parts.get(word)
            if not pieces:
                return 0.0
            total = sum(self.retriever.idf(s) for s in pieces)
            found = sum(self.retriever.idf(s) for s in pieces if s in indexed.tokens)
            return COMPOUND_PART_CREDIT * _char_share(word, pieces) ** 2 * found / total if total else 0.0
        total = sum(self.retriever.idf(s) for s in subs)
        found = sum(self.retriever.idf(s) for s in subs if s in indexed.tokens)
        # Scaled by how much of the word its known parts spell: 残疾证 is not 残疾.
        return BACKOFF_CREDIT * query.share.get(word, 1.0) ** 2 * found / total if total else 0.0

    def _lexical(self, query: _Query) -> np.ndarray:
        """Word BM25 (with heading boost) plus character-bigram BM25 scaled to the same range."""
        scoring = list(query.terms) + [p for p in query.pairs if p not in query.terms]
        words = (
            self.retriever.scores(scoring)
            if scoring
            else np.zeros(len(self.retriever.units), dtype=np.float32)
        )
        chars = self.retriever.char_scores(list(query.grams))
        top_words, top_chars = float(words.max(initial=0.0)), float(chars.max(initial=0.0))
        if top_chars <= 0:
            return words
        # Segmentation slips (一个/党员 vs 一/个党员) cost the word channel, never the bigram one.
        return words + CHAR_WEIGHT * chars * ((top_words or 1.0) / top_chars)

    def _domain(self, word: str) -> float:
        """How much more often this knowledge base uses a word than everyday Chinese does (log ratio)."""
        base = word.split("+")[0]
        in_kb = self.retriever.idf(base)
        share = 1.0 / (1.0 + math.exp(in_kb)) if in_kb < 50 else 0.0  # ≈ df / n, from the BM25 idf
        return max(0.0, min(12.0, math.log((share + 1e-9) / general_frequency(base))))

    def _ordered(self, query: _Query, *, topic: Topic | None = None) -> list[_Ranked]:
        """Candidates in answer order: ranking, then the meta and quantity intents."""
        ranked = self._rank(query, topic=topic)
        if self._is_meta(query.text):
            return self._meta_first(ranked, query.text)
        defined = definition_term(query.text)
        if defined:
            return self._definition_first(ranked, defined)
        identity = _IDENTITY_ASK.match(query.text)
        if identity:
            ranked = self._identity_first(ranked, (identity.group("a") or identity.group("b") or "").strip())
        if _CONSEQUENCE_ASK.search(query.text):
            ranked = self._penalty_first(ranked)
        else:
            ranked = self._rule_first(ranked)
        if _ENUMERATION_ASK.search(query.text):
            ranked = self._enumeration_first(ranked, query)
        if _KINDS_ASK.search(query.text):
            ranked = self._kinds_first(ranked, query)
        anchor = _BEFORE_ANCHOR.search(query.text)
        if anchor:
            ranked = self._anchor_first(ranked, query, anchor.start())
        if _QUANTITY_ASK.search(query.text):
            return self._counted_first(self._quantity_first(ranked), query)
        return ranked

    def _close_first(self, ranked: list[_Ranked], says: Callable[[str], bool]) -> list[_Ranked]:
        """The first of the close candidates (within INTENT_WINDOW of the best) whose text `says`, first."""
        if not ranked or says(self._normalized[ranked[0].index]):
            return ranked
        floor = INTENT_WINDOW * ranked[0].key
        for candidate in ranked[1:INTENT_CANDIDATES]:
            unit = self.retriever.units[candidate.index].unit
            if candidate.key >= floor and unit.kind != "meta" and says(self._normalized[candidate.index]):
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _anchor_first(self, ranked: list[_Ranked], query: _Query, at: int) -> list[_Ranked]:
        """For "X之前要做什么", one of the first five candidates saying "X…前，" (在办理注销登记前，应当…) goes first.

        No score window: the words of "what comes before" are usually not the question's (清算 for 先干啥),
        so the article saying it scores well below the one about the event itself.
        """
        for candidate in ranked[:INTENT_CANDIDATES]:
            if self._says_before(query, candidate.index, at):
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _says_before(self, query: _Query, index: int, at: int) -> bool:
        """Whether a unit says "X…前，" for the topic word X right before the question's 之前 at `at`."""
        before = query.text[:at]
        word = next((w for w in sorted(query.topic, key=len, reverse=True) if before.endswith(w)), None)
        if word is None:
            return False
        said = re.compile(re.escape(word) + r"[\u4e00-\u9fff]{0,4}(?:之前|以前|前)[，,]")
        return bool(said.search(self._normalized[index]))

    def decide(self, query: _Query, ranked: list[_Ranked], *, in_topic: bool = False) -> Decision:
        """The one answerability decision, used by `ask` and by `hit_test` alike.

        `in_topic`: the candidates were ranked within the session's previous topic, which names the
        subject a follow-up ("那责任单位有哪些") leaves out.
        """
        if not ranked:
            return Decision(answerable=False, probability=0.0, reason="low_confidence")
        best = ranked[0]
        signals = self.signals(query, ranked)
        probability = self.model.probability(signals)
        if best.evidence < self.settings.min_evidence:
            # Too little matched at all ("谁负责？"): no fitted weight should be able to answer it.
            return Decision(answerable=False, probability=probability, reason="low_confidence")
        if _QUANTITY_ASK.search(query.text) and not self._quantified[best.index]:
            # "补贴标准是多少": the documents give no amount, so citing a clause would mislead.
            return Decision(answerable=False, probability=probability, reason="no_quantity")
        if _PLACE_ASK.search(query.text):
            # "孵化基地在哪条街，几点上班": the documents say what offices do, never where they are or when
            # they open; citing an article about the office would mislead.
            return Decision(answerable=False, probability=probability, reason="no_place")
        if not self._states_unit_asked(query, best):
            # "最高任职年龄是多少岁" and the article gives terms in years and board sizes, never an age:
            # a number of another kind is not the answer.
            return Decision(answerable=False, probability=probability, reason="no_quantity")
        if self._states_asked_fact(query, best):
            # "这文件啥时候出的" and the first candidate is the document's own record holding the date,
            # 文号 or issuer asked for: the metadata answers it, however short the question.
            return Decision(answerable=True, probability=max(probability, self.model.threshold))
        defined = definition_term(query.text)
        if defined and self._defines(best, defined):
            # "什么是X" and the first candidate is the article saying "本法所称X，是指…": the documents
            # answer it word for word, however little else the short question gives to score.
            return Decision(answerable=True, probability=max(probability, self.model.threshold))
        if not in_topic and self._names_nothing(query, best) and not self._divides_asked(query, best):
            return Decision(answerable=False, probability=probability, reason="low_confidence")
        if probability < self.model.threshold:
            return Decision(answerable=False, probability=probability, reason="low_confidence")
        return Decision(answerable=True, probability=probability)

    def _states_unit_asked(self, query: _Query, best: _Ranked) -> bool:
        """Whether a question asking an amount of one kind (岁, 钱, 天, 个月) finds one of that kind stated.

        True when the question names no such unit, or the candidate is a document record (dates, 文号).
        """
        asked = _UNIT_ASK.search(query.text)
        if asked is None or self.retriever.units[best.index].unit.kind == "meta":
            return True
        kind = next(name for name, value in asked.groupdict().items() if value)
        return _UNIT_STATED[kind].search(self._normalized[best.index]) is not None

    def _is_meta(self, normalized: str) -> bool:
        """Whether a question asks about a document itself: by the generic patterns, or naming one by its
        title or alias with a document-fact word right after it (慈善法是哪年通过的; not 基金会管理条例规定
        理事任期多长时间, where the words between say what the question is about)."""
        if _is_meta_question(normalized):
            return True
        for end in self.selector.name_ends(normalized):
            fact = _META_WEAK.search(_TIME_REFERENCE.sub("", normalized[end : end + 8]))
            if fact and _CLAUSE_BREAK.search(normalized[end : end + fact.start()]) is None:
                between = normalized[end : end + fact.start()]
                if not any(w in between for w in words(between) if len(w) > 1 and self.retriever.known(w)):
                    return True
        return False

    def _states_asked_fact(self, query: _Query, best: _Ranked) -> bool:
        """A question about the document itself, the meta unit first, and no unknown thing named."""
        if self.retriever.units[best.index].unit.kind != "meta" or not self._is_meta(query.text):
            return False
        # 营业执照的文号: an unknown thing asked about is another subject's document.
        return sum(_noun_rarity(w) for w in query.unknown_nouns) < UNKNOWN_THING

    def signals(self, query: _Query, ranked: list[_Ranked]) -> Signals:
        """The decision's inputs for the first candidate."""
        best = ranked[0]
        runner_up = ranked[1].key if len(ranked) > 1 else 0.0
        # An everyday noun the documents lack (材料, 老板, 水果) says little; a rare one (所得税, 护照)
        # says the question is about something else.
        # A rare noun in the clause that asks (企业所得税税率是多少) names the subject; one earlier in a
        # resident's story (我邻居家孩子得了白血病，…，有啥要注意的) is its setting and does not count.
        asking = _asking_clause(query.text)
        rare = sum(_noun_rarity(w) for w in query.unknown_nouns if w in asking)
        # BM25 scores and idf grow with the number of units; dividing by log(n) keeps a model fitted on
        # this knowledge base meaningful on a 15-article charter or a 1,000-document folder.
        scale = math.log(2 + len(self.retriever.units))
        evidence = best.evidence / scale
        unknown = rare / (rare + evidence) if rare > 0 else 0.0
        return Signals(
            score=math.log1p(best.score) / scale,
            margin=(best.key - runner_up) / best.key if best.key > 0 else 0.0,
            coverage=best.coverage,
            unknown=unknown,
            domain=best.domain,
            evidence=evidence,
            structure=1.0 if self._answers_form(query, best) else 0.0,
            pinpoint=self._pinpoint(query, best),
            focus=self._holds_focus(query, best),
        )

    def _holds_focus(self, query: _Query, best: _Ranked) -> float:
        """1.0 unless the question's focus — its last noun before the question word — is missing from the unit.

        "公开募捐资格证书有效期是几年": the article on the 资格 says nothing of a 有效期, though it holds every
        other word; "社保在哪个窗口办理": no article names a 窗口. In a resident's story the focus is the
        thing asked about (理事, 会费), which the answering article names.
        """
        if not query.focus:
            return 1.0
        return 1.0 if self._credit(query, query.focus, self.retriever.units[best.index]) > 0 else 0.0

    def _pinpoint(self, query: _Query, best: _Ranked) -> float:
        """The idf mass a unit matches with idf taken over its own document's units, over log of their number."""
        indexed = self.retriever.units[best.index]
        size, _ = self._doc_df[indexed.unit.doc_id]
        total = 0.0
        for word in query.words:
            share = self._document_share(query, word, indexed)
            if word in query.unknown or share is None:
                continue
            count = share * size
            total += self._credit(query, word, indexed) * math.log(1 + (size - count + 0.5) / (count + 0.5))
        return total / math.log(2 + size)

    def _document_share(self, query: _Query, word: str, indexed: IndexedUnit) -> float | None:
        """The share of the unit's document's units holding a question word the unit holds (None if it lacks it)."""
        if word in indexed.tokens:
            pieces: tuple[str, ...] = (word,)
        else:
            pieces = tuple(t for t in (query.backoff.get(word) or query.parts.get(word) or ()) if t in indexed.tokens)
        if not pieces or self._credit(query, word, indexed) <= 0:
            return None
        size, df = self._doc_df[indexed.unit.doc_id]
        return max(df.get(t, 0) for t in pieces) / size

    def _names_nothing(self, query: _Query, best: _Ranked) -> bool:
        """Whether the question says nothing but words most units of the candidate's document hold.

        "那责任单位有哪些" alone: every item of the district guidance names its 责任单位, so the match
        singles out no item, however well the word fits the document.
        """
        if not query.topic or query.unknown:
            return False
        indexed = self.retriever.units[best.index]
        if self._doc_df[indexed.unit.doc_id][0] < GUARD_MIN_UNITS:
            return False  # in a document of a few articles every word is in most of them
        shares = [self._document_share(query, w, indexed) for w in query.topic]
        return all(share is not None and share >= UBIQUITOUS_SHARE for share in shares)

    def _divides_asked(self, query: _Query, best: _Ranked) -> bool:
        """A kinds question (基金会分哪两类) and a candidate dividing the thing it names (基金会分为…).

        The thing is the document's own subject, held by most of its units, yet the question names it:
        the article that divides it answers, so the guard against questions naming nothing stays off.
        """
        return bool(_KINDS_ASK.search(query.text)) and _divides(self._normalized[best.index], query.topic)

    def _answers_form(self, query: _Query, best: _Ranked) -> bool:
        """Whether a candidate answers the question's form in its own wording, as the intents look for it.

        A "which ones" question and the clause introducing the list it asks for (应当符合下列条件), a
        definition question and the article defining the term, "who is X" and "…是X", "what happens
        if" and the penalty chapter, "before X" and "X…前，". Such a match is evidence the scores miss:
        a list's introduction seldom repeats the question's verb (满足 for 符合), and an intent may put
        first a candidate that scored below the runner-up.
        """
        unit = self.retriever.units[best.index].unit
        if unit.kind == "meta":
            return False
        text = self._normalized[best.index]
        defined = definition_term(query.text)
        if defined:
            return _defines(text, defined)
        identity = _IDENTITY_ASK.match(query.text)
        term = (identity.group("a") or identity.group("b") or "").strip() if identity else ""
        if len(term) >= 2 and f"是{term}" in text:
            return True
        if _CONSEQUENCE_ASK.search(query.text) and _PENALTY_CHAPTER.search(unit.section or ""):
            return True
        enumeration = _ENUMERATION_ASK.search(query.text)
        if enumeration and self._lists_asked(query, best.index, enumeration):
            return True
        if self._divides_asked(query, best):
            return True
        anchor = _BEFORE_ANCHOR.search(query.text)
        return anchor is not None and self._says_before(query, best.index, anchor.start())

    def _confident(self, ranked: _Ranked | None) -> bool:
        """Whether an extra candidate is solid enough to be cited beside the first one."""
        return (
            ranked is not None
            and ranked.coverage >= self.settings.min_coverage
            and ranked.evidence >= self.settings.min_evidence
        )

    def _quantity_first(self, ranked: list[_Ranked]) -> list[_Ranked]:
        """For "how many / by when", the best close candidate that states a quantity goes first."""
        if not ranked or self._quantified[ranked[0].index]:
            return ranked
        floor = QUANTITY_WINDOW * ranked[0].key
        for candidate in ranked[1:QUANTITY_CANDIDATES]:
            if candidate.key >= floor and self._quantified[candidate.index]:
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _counted_first(self, ranked: list[_Ranked], query: _Query) -> list[_Ranked]:
        """For "要多少理事到场", a close candidate stating a count of that thing (2/3以上理事) goes first.

        The number the question wants sits right before the thing it counts; a number elsewhere in the
        article (理事为5人至25人 answers how big the board is) answers another question.
        """
        asked = _COUNTED_ASK.search(query.text)
        if not asked or not ranked:
            return ranked
        rest = asked.group("rest")
        thing = next((w for w in sorted(query.topic, key=len, reverse=True) if rest.startswith(w)), None)
        if thing is None:
            return ranked
        counted = re.compile(_COUNT + r"(?![）)条项款])[^，,。；;0-9０-９]{0,4}?" + re.escape(thing))
        return self._close_first(ranked, lambda text: bool(counted.search(text)))

    def _definition_first(self, ranked: list[_Ranked], term: str) -> list[_Ranked]:
        """For "什么是X", a close candidate that defines X (本法所称X，是指…) goes first."""
        for candidate in ranked[:DEFINITION_CANDIDATES]:
            if self._defines(candidate, term):
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _identity_first(self, ranked: list[_Ranked], term: str) -> list[_Ranked]:
        """For "谁是X / X是谁", a close candidate saying "…是X" goes first."""
        if len(term) < 2:
            return ranked
        floor = INTENT_WINDOW * ranked[0].key if ranked else 0.0
        for candidate in ranked[:INTENT_CANDIDATES]:
            if candidate.key >= floor and f"是{term}" in self._normalized[candidate.index]:
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _enumeration_first(self, ranked: list[_Ranked], query: _Query) -> list[_Ranked]:
        """For "哪些条件 / 哪些方式", a close candidate listing them (应当符合下列条件：…) goes first."""
        if not ranked:
            return ranked
        floor = INTENT_WINDOW * ranked[0].key
        for candidate in ranked[:INTENT_CANDIDATES]:
            if candidate.key < floor:
                break
            if self._names_listed(query, candidate.index):
                return [candidate] + [r for r in ranked if r is not candidate]
        # 章程里必须写哪些内容 → "社会团体的章程应当包括下列事项": the list is of other words (事项, not
        # 内容), but the clause introducing it names every topic word of the question.
        if query.topic:
            for candidate in ranked[:INTENT_CANDIDATES]:
                if candidate.key < floor:
                    break
                if self._introduces_topic(query, candidate.index):
                    return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _kinds_first(self, ranked: list[_Ranked], query: _Query) -> list[_Ranked]:
        """For "基金会分哪两类", a close candidate dividing a topic word (基金会分为…, 慈善募捐，包括…) goes first."""
        if not query.topic:
            return ranked
        return self._close_first(ranked, lambda text: _divides(text, query.topic))

    def _names_listed(self, query: _Query, index: int) -> bool:
        """Whether a unit introduces a list of what the question names (下列条件 for 哪些条件)."""
        asked = [w for w in query.words if len(w) > 1]
        return any(w in phrase for phrase in _LISTED.findall(self._normalized[index]) for w in asked)

    def _introduces_topic(self, query: _Query, index: int) -> bool:
        """Whether a clause introducing a list in a unit names every topic word of the question."""
        return bool(query.topic) and any(
            all(w in clause for w in query.topic) for clause in self._list_clauses[index]
        )

    def _lists_asked(self, query: _Query, index: int, asked: re.Match[str]) -> bool:
        """Whether a unit introduces the list of the kind a "which ones" question asks for.

        The kind is the word right after 哪些 / 哪几 (哪些条件 → 条件, listed as 下列条件), or the list's
        introduction names every topic word of the question (see `_enumeration_first`). A list of
        something else the question names (下列基金会 for 基金会分哪两类) is not the one asked for.
        """
        after = query.text[asked.end():]
        kinds = [w for w in query.words if len(w) > 1 and (after.startswith(w) or asked.group(0).endswith(w))]
        listed = _LISTED.findall(self._normalized[index])
        return any(k in phrase for phrase in listed for k in kinds) or self._introduces_topic(query, index)

    def _rule_first(self, ranked: list[_Ranked]) -> list[_Ranked]:
        """Unless a question asks what happens to offenders, a close rule outranks a penalty article.

        A penalty article restates the rules it punishes ("有下列情形之一的…"), so it shares words with
        questions about those rules; the rule itself is the answer.
        """
        if not ranked:
            return ranked
        first = self.retriever.units[ranked[0].index].unit
        if not _PENALTY_CHAPTER.search(first.section or ""):
            return ranked
        floor = RULE_WINDOW * ranked[0].key
        for candidate in ranked[1:INTENT_CANDIDATES]:
            unit = self.retriever.units[candidate.index].unit
            if candidate.key >= floor and unit.kind != "meta" and not _PENALTY_CHAPTER.search(unit.section or ""):
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _penalty_first(self, ranked: list[_Ranked]) -> list[_Ranked]:
        """For "会怎样 / 怎么处罚", a close candidate of the same document's penalty chapter goes first."""
        if not ranked:
            return ranked
        first = self.retriever.units[ranked[0].index].unit
        if _PENALTY_CHAPTER.search(first.section or ""):
            return ranked
        floor = INTENT_WINDOW * ranked[0].key
        for candidate in ranked[1:INTENT_CANDIDATES]:
            unit = self.retriever.units[candidate.index].unit
            if candidate.key >= floor and unit.doc_id == first.doc_id and _PENALTY_CHAPTER.search(unit.section or ""):
                return [candidate] + [r for r in ranked if r is not candidate]
        return ranked

    def _defines(self, ranked: _Ranked, term: str) -> bool:
        """Whether a candidate is an article or item that defines a term."""
        return self.retriever.units[ranked.index].unit.kind != "meta" and _defines(
            self._normalized[ranked.index], term
        )

    def _meta_first(self, ranked: list[_Ranked], text: str = "") -> list[_Ranked]:
        """For questions about a document itself, the meta unit of the document meant goes first."""
        metas = [r for r in ranked if self.retriever.units[r.index].unit.kind == "meta"]
        named = self.selector.named(text)
        if named:
            metas = [r for r in metas if self.retriever.units[r.index].unit.doc_id in named] or metas
        if not metas:
            return ranked
        return [metas[0]] + [r for r in ranked if r is not metas[0]]

    def _answer(
        self, *, question: str, normalized: str, query: _Query, ranked: list[_Ranked], session_id: str
    ) -> Answer:
        """Compose the extractive answer and its citations from the ranked units."""
        tokens = list(query.terms)
        best = ranked[0]
        indexed = self.retriever.units[best.index]
        unit = indexed.unit
        if unit.kind == "meta":
            text, quote = self._meta_answer(unit=unit, normalized=normalized)
        elif unit.responsible and _RESPONSIBLE.search(normalized):
            text, quote = self._responsible_answer(indexed=indexed, tokens=tokens)
        else:
            dated = bool(_QUANTITY_ASK.search(normalized) or _BEFORE_ASK.search(normalized))
            sentences = self._best_sentences(indexed=indexed, tokens=tokens, quantity=dated)
            text = f"根据《{unit.doc_title}》{_where(unit)}：{_passage(indexed.sentences, sentences)}"
            quote = sentences[0].text
        citations = [_citation(unit=unit, quote=quote, score=best.score)]
        for other in ranked[1:]:
            if len(citations) >= self.settings.max_citations:
                break
            other_unit = self.retriever.units[other.index]
            if (
                other.score >= self.settings.extra_citation_ratio * best.score
                and other_unit.unit.kind != "meta"
                and self._confident(other)
            ):
                extra = self._best_sentences(indexed=other_unit, tokens=tokens)[0]
                citations.append(_citation(unit=other_unit.unit, quote=extra.text, score=other.score))
        if self.rephraser is not None:
            text = safe_rephrase(
                self.rephraser, question=question, answer=text, quotes=[c.quote for c in citations]
            )
        keywords = sorted(
            (t for t in set(query.words) if t in indexed.words), key=self.retriever.idf, reverse=True
        )
        topic = Topic(unit_id=unit.id, keywords=tuple(keywords[:6]))
        return Answer(answered=True, answer=text, citations=citations, session_id=session_id, topic=topic)

    def _best_sentences(
        self, *, indexed: IndexedUnit, tokens: list[str], quantity: bool = False
    ) -> list[Sentence]:
        """The one or two sentences sharing the most information with the question, the best first.

        An enumerated item is scored together with the clause introducing its list (the words of
        "慈善组织有下列情形之一的" count for "（二）私分…的"). For "how many / by when" questions a sentence
        stating a quantity counts half as much again.
        """
        idf = {t: self.retriever.idf(t) for t in set(tokens)}
        sentences = indexed.sentences
        candidates = [s for s in sentences if not _RESPONSIBLE_SENTENCE.search(s.text)] or list(sentences)
        # An item's heading sentence only restates the topic, so it wins only when nothing else matches;
        # an article's first sentence is its rule (本条例所称社会团体，是指…), its label already stripped.
        heading = indexed.unit.kind != "article" and len(candidates) > 1
        scored = [
            (
                sum(w for t, w in idf.items() if t in s.tokens or any(t in sentences[j].tokens for j in s.intro))
                * (0.5 if i == 0 and heading else 1.0)
                * (1.5 if quantity and _QUANTITY.search(s.text) else 1.0),
                i,
            )
            for i, s in enumerate(candidates)
        ]
        scored.sort(key=lambda pair: (-pair[0], len(candidates[pair[1]].text)))
        top_score, top = scored[0]
        lead = candidates[top]

        def own(sentence: Sentence) -> float:
            """The information an item holds beyond the clause introducing its list."""
            return sum(
                w
                for t, w in idf.items()
                if t in sentence.tokens and not any(t in sentences[j].tokens for j in sentence.intro)
            )

        if lead.intro and own(lead) <= 0:
            # The item adds nothing to the clause introducing its list: the clause (and the list) answers.
            return [sentences[lead.intro[0]]]
        chosen = {top}
        if len(scored) > 1 and top_score > 0 and scored[1][0] >= 0.7 * top_score:
            second = candidates[scored[1][1]]
            # An item's score counts its list's clause: a second item must match on its own too, beside
            # the first item's own words (same list) or the whole first sentence (else).
            if not second.intro or own(second) >= 0.7 * (own(lead) if second.intro == lead.intro else top_score):
                chosen.add(scored[1][1])
        # A very short sentence is a sub-heading ("三是“1+N”覆盖。"); its content follows it. A short
        # enumerated item ("(一)申请书；") is whole: the next item is another answer.
        for i in list(chosen):
            if len(candidates[i].text) < SHORT_SENTENCE and not candidates[i].intro and i + 1 < len(candidates):
                chosen.add(i + 1)
        rest = [candidates[i] for i in sorted(chosen) if i != top]
        # The best sentence comes first: it is the quote of the first citation.
        return [candidates[top], *rest]

    def _responsible_answer(self, *, indexed: IndexedUnit, tokens: list[str]) -> tuple[str, str]:
        """Answer "who is responsible" from the unit's 责任单位, with the rule for context."""
        unit = indexed.unit
        line = next(s.text for s in indexed.sentences if _RESPONSIBLE_SENTENCE.search(s.text))
        sentence = self._best_sentences(indexed=indexed, tokens=tokens)[0]
        where = f"《{unit.doc_title}》{_where(unit)}"
        if "负责" in sentence.text and "负责" not in unit.heading:
            # The rule itself names who is in charge (e.g. "由业务主管单位党组织负责"): lead with it.
            return f"根据{where}：{sentence.text}该项工作的责任单位：{unit.responsible}。", sentence.text
        rule = "" if sentence is indexed.sentences[0] else f"相关规定：{sentence.text}"
        return f"根据{where}，该项工作的责任单位：{unit.responsible}。{rule}", line

    def _meta_answer(self, *, unit: Unit, normalized: str) -> tuple[str, str]:
        """Answer 文号 / date / issuer / title questions from the document's metadata."""
        meta = next(d.meta for d in self.kb.documents if d.id == unit.doc_id)
        title = f"《{meta.title}》"
        dated = _dated_fact(meta, normalized)
        if dated is not None:
            what, value = dated
            line = next((ln for ln in unit.text.split("\n") if value in ln), value)
            return f"{title}{what}{value}。", line
        if _NUMBER_ASK.search(normalized) and meta.doc_number:
            return f"{title}的文号是{meta.doc_number}。", meta.doc_number
        if _DATE_ASK.search(normalized) and (meta.issue_date or meta.printed_date):
            parts = [f"{title}的成文日期为{meta.issue_date}" if meta.issue_date else title]
            if meta.printed_date:
                parts.append(f"由{meta.printed_by or '发文单位'}于{meta.printed_date}印发")
            quote = f"{meta.printed_date}印发" if meta.printed_date else str(meta.issue_date)
            return "，".join(parts) + "。", quote if quote in unit.text else str(meta.issue_date)
        if _COPY_ASK.search(normalized) and meta.copy_to:
            line = next((ln for ln in unit.text.split("\n") if meta.copy_to in ln), meta.copy_to)
            return f"{title}抄送：{meta.copy_to}。", line
        if _TITLE_ASK.search(normalized) and not re.search(r"单位|部门|机关", normalized):
            number = f"（{meta.doc_number}）" if meta.doc_number else ""
            return f"文件标题为{title}{number}。", meta.title
        return _issuer_answer(title=title, meta_text=unit.text, meta=meta)

    def _personal_answer(self, *, org_facts: OrgFacts, session_id: str) -> Answer | None:
        """Apply the party-coverage rule to the leader's own organization, citing the rule."""
        if self._coverage_rule is None:
            return None
        indexed, quotes = self._coverage_rule
        unit = indexed.unit
        count = max(org_facts.party_member_count, 0)
        name = org_facts.name or "你们组织"
        if org_facts.required_form == "own":
            need, quote = "应当单独成立党组织", quotes["own"]
        elif org_facts.required_form == "joint_branch":
            need, quote = "可按地域相邻、行业相近等原则与其他社会组织成立联合党支部", quotes["joint"]
        else:
            need, quote = (
                "应由管理其党建工作的党组织选派党建工作指导员（或由就近的社会组织带动）",
                quotes["instructor"],
            )
        status = "目前已落实，符合要求。" if org_facts.covered else "目前尚未落实，请尽快联系党建工作管理部门办理。"
        text = (
            f"{name}现有正式党员{count}名，根据《{unit.doc_title}》{_where(unit)}，{need}。{status}"
            f"依据原文：{quote}"
        )
        citation = _citation(unit=unit, quote=quote, score=1.0)
        topic = Topic(unit_id=unit.id, keywords=("党组织", "正式党员"))
        return Answer(answered=True, answer=text, citations=[citation], session_id=session_id, topic=topic)

    def _refuse(self, *, session_id: str, topic: Topic | None, reason: str) -> Answer:
        """The fixed helpful refusal; the session keeps its topic."""
        return Answer(
            answered=False,
            answer=self._refusal,
            citations=[],
            session_id=session_id,
            topic=topic,
            refusal_reason=reason,
        )


def _reading_grams(sentences: tuple[Sentence, ...]) -> tuple[frozenset[str], ...]:
    """Each sentence's characters and bigrams, an enumerated item's with its list's introducing clause."""
    own = [_grams(normalize(s.text)) for s in sentences]
    return tuple(own[i].union(*(own[j] for j in s.intro)) for i, s in enumerate(sentences))


def _passage(sentences: tuple[Sentence, ...], chosen: list[Sentence]) -> str:
    """The chosen sentences as the answer quotes them: an item after the clause introducing its list.

    The best sentence leads. An enumerated item comes after its list's introducing clause, with the other
    chosen items of that list in text order, "……" marking items left out; a clause introducing a list
    comes with the list's first items, as many as fit in LIST_QUOTE_CHARS (at least one).
    """
    top = chosen[0]
    position = {s.start: i for i, s in enumerate(sentences)}
    items = [i for i, s in enumerate(sentences) if s.intro and position[top.start] in s.intro]
    if not top.intro and not items:
        return "".join(s.text for s in chosen)
    intro = top.intro or sentences[items[0]].intro
    if top.intro:
        listed = sorted({position[s.start] for s in chosen if s.intro == intro} | set(intro))
    else:
        listed = list(intro)
        size = sum(len(sentences[i].text) for i in intro)
        for i in (j for j in items if sentences[j].intro == intro):
            size += len(sentences[i].text)
            if size > LIST_QUOTE_CHARS and len(listed) > len(intro):
                break
            listed.append(i)
        # Items the question matched stay quoted even past the window (（七） of a long list).
        listed = sorted(set(listed) | {position[s.start] for s in chosen if s.intro == intro})
    parts = []
    for previous, i in itertools.pairwise([listed[0] - 1, *listed]):
        parts.append(("……" if i > previous + 1 else "") + sentences[i].text)
    last = [i for i, s in enumerate(sentences) if s.intro == intro][-1]
    if listed[-1] < last:
        parts.append("……")
    parts += [s.text for s in chosen if s.intro != intro and position[s.start] not in listed]
    return "".join(parts)


def _asking_clause(normalized: str) -> str:
    """The clause holding the question's first question word (the last clause when it has none)."""
    clauses = [c for c in _CLAUSE_BREAK.split(normalized) if c.strip()]
    if not clauses:
        return normalized
    return next((c for c in clauses if _ASKING.search(c)), clauses[-1])


def _focus(normalized: str, tagged: list[tuple[str, str]]) -> str:
    """The last noun of two characters or more ending before the question's first question word, or ""."""
    asked = _ASKING.search(normalized)
    if asked is None:
        return ""
    focus, at = "", 0
    for word, kind in tagged:
        found = normalized.find(word, at)
        if found < 0:
            continue
        at = found + len(word)
        if at > asked.start():
            break
        if kind == "noun" and len(word) > 1:
            focus = word
    return focus


def _divides(text: str, topic: tuple[str, ...]) -> bool:
    """Whether a text divides one of the topic words into kinds (基金会分为…, 慈善募捐，包括…).

    At most a comma between the word and the verb: "X的经费包括…" lists X's funds, not kinds of X.
    """
    if not topic:
        return False
    words = "|".join(re.escape(w) for w in topic)
    if re.search(f"(?:{words})[，,]?(?:分为|分成|包括)", text):
        return True
    # Or it lists the kinds before the word: "科技类（…）、公益慈善类、城乡社区服务类社会组织" — two or more
    # "…类" joined by 、 (a bracketed gloss may follow each), the last right before the word.
    return re.search(_LISTED_KINDS + f"(?:{words})", text) is not None


def _grams(text: str) -> frozenset[str]:
    """The CJK characters and character bigrams of a text."""
    return frozenset(char_grams(text)) | frozenset(_CJK_CHAR.findall(text))


def _gram_idf(texts: list[str]) -> dict[str, float]:
    """Each character's and character bigram's idf over the units (texts normalised)."""
    df: Counter[str] = Counter()
    for text in texts:
        # Every character and adjacent pair (a question only ever looks up CJK ones): cheaper than _grams.
        df.update(set(text))
        df.update({text[i : i + 2] for i in range(len(text) - 1)})
    n = len(texts)
    return {g: math.log(1 + (n - d + 0.5) / (d + 0.5)) for g, d in df.items()}


def _organisation_name(text: str, nouns: tuple[str, ...]) -> set[str]:
    """The unknown nouns that, run together right before an organisation word, are its name.

    摄影爱好者协会, 书法家协会, 某某基金会: 摄影 and 爱好者 name which 协会, they do not say the question is
    about another subject (as 护照 or 所得税 do).
    """
    if not nouns:
        return set()
    chain = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    kinds = "|".join(re.escape(w) for w in organisation_words())
    return {
        word
        for match in re.finditer(rf"(?:{chain})+(?={kinds})", text)
        for word in nouns
        if word in match.group(0)
    }


def _rarity(word: str) -> float:
    """0 for an everyday word, rising to 1 for one everyday Chinese almost never uses (by jieba's counts)."""
    return min(1.0, max(0.0, (-math.log10(general_frequency(word)) - 4.5) / 2.5))


def _noun_rarity(word: str) -> float:
    """How rare an unknown noun is; a "noun" jieba's dictionary barely holds counts as its pieces.

    jieba's HMM glues everyday characters into pseudo-words (人能 in 的人能当, 先签 in 要先签协议,
    交会 in 按时交会怎样); such a word looks maximally rare although each piece is everyday Chinese.
    A word the dictionary holds (护照, 社保卡 with its own count) keeps its own rarity.
    """
    if general_frequency(word) * general_total() >= COINED_WORD_COUNT:
        return _rarity(word)
    # The most everyday way to read it as two pieces (先签 → 先 + 签, 做买卖 → 做 + 买卖).
    return min(
        (max(_rarity(word[:i]), _rarity(word[i:])) for i in range(1, len(word))), default=_rarity(word)
    )


def _defines(text: str, term: str) -> bool:
    """Whether a unit's (normalised) text defines a term: 本法所称X / X，是指 / X是指."""
    return f"所称{term}" in text or f"{term}，是指" in text or f"{term}是指" in text


def _dated_fact(meta: DocumentMeta, normalized: str) -> tuple[str, str] | None:
    """(施行 / 通过 / 修订 / 公布 wording, date) a question asks for, from the document's metadata."""
    asks = (
        (_IN_FORCE_ASK, "自以下日期起施行：", meta.in_force),
        (_REVISED_ASK, "的修订（修正）日期：", "、".join(meta.revised)),
        (_ADOPTED_ASK, "的通过日期：", meta.adopted),
        (_PROMULGATED_ASK, "的公布日期：", meta.promulgated),
    )
    for pattern, what, value in asks:
        if value and pattern.search(normalized):
            return what, value
    return None


def _is_meta_question(normalized: str) -> bool:
    """Whether a question asks about the document itself (文号, date, issuer, title).

    "条例施行前就成立的社团…" uses the date as a time reference (a transitional rule), not as the ask.
    """
    if _META_STRONG.search(normalized):
        return True
    # The ask and the document it is about sit in one clause ("条例什么时候施行"); "按照条例，社团改名…"
    # names the document in one clause and asks about the organisation in the next.
    for clause in _CLAUSE_BREAK.split(normalized):
        asked = _OWN_ACT.sub("", _TIME_REFERENCE.sub("", clause))
        if _META_WEAK.search(asked) and _DOC_REF.search(clause):
            return True
    return False


def _char_share(word: str, parts: tuple[str, ...]) -> float:
    """The share of a word's characters that its known parts spell out."""
    covered = [False] * len(word)
    for part in parts:
        start = word.find(part)
        while start >= 0:
            for i in range(start, start + len(part)):
                covered[i] = True
            start = word.find(part, start + 1)
    return sum(covered) / len(word) if word else 0.0


def _where(unit: Unit) -> str:
    """How the answer names the cited unit, e.g. 第2项（推进党的组织和工作有效覆盖）."""
    if unit.kind == "item":
        return f"{unit.label}（{unit.heading}）"
    if unit.kind == "article":
        section = f"（{unit.section}）" if unit.section else ""
        return f"{unit.label}{section}"
    return f"“{unit.heading}”部分"


def _citation(*, unit: Unit, quote: str, score: float) -> Citation:
    """A citation of a unit (meta units have no number)."""
    return Citation(
        doc=unit.doc_title,
        number=unit.number if unit.kind != "meta" else None,
        heading=unit.heading,
        quote=quote,
        score=round(float(score), 3),
        unit_id=unit.id,
    )


def _issuer_answer(*, title: str, meta_text: str, meta: Any) -> tuple[str, str]:
    """Who issued and who printed a document, quoting its signature lines."""
    parts = []
    if meta.issuers:
        names = "、".join(meta.issuers)
        parts.append(f"{title}由{names}联合发布（共{len(meta.issuers)}个单位）")
    else:
        parts.append(title)
    if meta.printed_by and meta.printed_date:
        parts.append(f"由{meta.printed_by}于{meta.printed_date}印发")
    elif meta.issue_date:
        parts.append(f"成文日期为{meta.issue_date}")
    block = "\n".join(meta.issuers)
    if meta.printed_by and meta.printed_date and f"{meta.printed_by}\n{meta.printed_date}印发" in meta_text:
        quote = f"{meta.printed_by}\n{meta.printed_date}印发"
    elif block and block in meta_text:
        quote = block
    else:
        quote = meta_text.split("\n", 1)[0]
    return "，".join(parts) + "。", quote


def _find_coverage_rule(units: tuple[IndexedUnit, ...]) -> tuple[IndexedUnit, dict[str, str]] | None:
    """The unit stating the party-coverage rule, with its sentence for each coverage form."""
    for indexed in units:
        if indexed.unit.kind == "meta":
            continue
        quotes = {}
        for form, phrase in _RULE_PHRASES.items():
            sentence = next(
                (s.text for s in indexed.sentences if phrase in s.text and "正式党员" in s.text), None
            )
            if sentence is None:
                sentence = next((s.text for s in indexed.sentences if phrase in s.text), None)
            if sentence is not None:
                quotes[form] = sentence
        if len(quotes) == len(_RULE_PHRASES) and any("正式党员" in q for q in quotes.values()):
            return indexed, quotes
    return None


_BOILERPLATE_CHAPTERS = frozenset({"总则", "附则", "罚则", "法律责任", "监督管理"})


def _refusal_text(*, kb: KnowledgeBase, contact: str) -> str:
    """A fixed refusal that says what the bot can answer and whom to contact."""
    topics: list[str] = []
    for document in kb.documents:
        named = 0
        for section in document.sections:
            name = re.sub(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百\d]+章\s*)", "", section)
            name = re.split(r"[，,]", name)[0].replace(" ", "")
            # 总则/附则/罚则 say nothing about what a document covers; two topics each keep it short.
            if name and name not in topics and name not in _BOILERPLATE_CHAPTERS and named < 2:
                topics.append(name)
                named += 1
    # Every document by title (not file name), so the asker knows what the bot can speak to.
    titles = "、".join(f"《{d.meta.title}》" for d in kb.documents) or "现行政策文件"
    scope = f"，例如{'、'.join(topics[:8])}等" if topics else ""
    return (
        f"抱歉，这个问题在我掌握的政策文件中没有找到明确依据，为避免误导，我不作猜测。"
        f"我可以解答{titles}中的问题{scope}。"
        f"如需进一步咨询，请联系{contact}。"
    )
