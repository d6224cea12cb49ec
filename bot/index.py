"""BM25 retrieval over units, with a heading boost; built once per knowledge version."""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from typing import Protocol

import bm25s
import numpy as np

from bot.kb import KnowledgeBase
from bot.model import Unit
from bot.text import char_grams, normalize, phrase_pairs, tokenize, words

# Words people use when asking about a document itself; the meta unit carries them so
# that "这份文件是哪天印发的" can find it without these words being in the document text.
META_CUES = "文件 文号 发文字号 标题 名称 印发 发布 发文 出台 下发 单位 部门 机关 日期 时间 落款 联合"

# BM25 saturation and length normalisation. Units are articles and items of very different lengths, and a
# long one is often long because it lists what a question asks for (下列条件：（一）…（五）…); bm25s's defaults
# (1.5, 0.75) let a short article repeating one question word outrank it.
BM25_K1 = 1.0
BM25_B = 0.5

_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
# An article's own number ("第二十三条 ") is a label, not part of its first sentence: quoting it would
# read "第23条：第二十三条…", and matching it would favour articles whose number a question mentions.
_LABEL = re.compile(r"^\s*第[零〇一二两三四五六七八九十百千\d]+条\s*")
# An enumerated item of an article: "（二）私分、挪用…的；" or "(2)…".
_ITEM_MARK = r"\s*[（(](?:[一二三四五六七八九十]+|\d+)[）)]"
_ITEM = re.compile(_ITEM_MARK)
# The colon ending a list's introducing clause right before its first item ("…下列文件：(一)申请书；"):
# the clause and the item are two sentences, so each can be read (and quoted) on its own.
_LIST_COLON = re.compile(r"[：:](?=" + _ITEM_MARK + ")")
# The words by which a clause announces a list (有下列情形之一的, 应当载明以下事项).
_LIST_CUE = re.compile(r"下列|以下|如下")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a unit, with its offset so quotes stay verbatim."""

    text: str
    start: int
    tokens: frozenset[str]
    # An enumerated item: the indices of the unit's sentences forming the clause that introduces its
    # list ("慈善组织有下列情形之一的，由…责令…；情节严重的，…：" before "（二）私分…的；"); empty otherwise.
    intro: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class IndexedUnit:
    """A unit with the token sets answers are built from."""

    unit: Unit
    tokens: frozenset[str]
    words: frozenset[str]
    sentences: tuple[Sentence, ...]


class Retriever(Protocol):
    """Scores every unit of a knowledge base for a tokenised question."""

    units: tuple[IndexedUnit, ...]

    def scores(self, tokens: list[str]) -> np.ndarray:
        """One relevance score per unit, in knowledge-base order."""
        ...

    def char_scores(self, grams: list[str]) -> np.ndarray:
        """One score per unit for character n-grams (robust to word segmentation)."""
        ...

    def idf(self, token: str) -> float:
        """How informative a token is in this knowledge base (unknown tokens score highest)."""
        ...

    def known(self, token: str) -> bool:
        """Whether any unit uses this token."""
        ...


@dataclass(frozen=True, slots=True)
class RetrieverState:
    """Everything a built retriever consists of, so an index cache can store and restore it."""

    units: tuple[IndexedUnit, ...]
    body: bm25s.BM25
    heading: bm25s.BM25
    chars: bm25s.BM25
    df: dict[str, int]
    n: int


class BM25Retriever:
    """bm25s over unit text plus a weighted bm25s over headings."""

    def __init__(self, kb: KnowledgeBase, *, heading_weight: float = 0.6) -> None:
        self.heading_weight = heading_weight
        analysed = [_analyse_unit(unit) for unit in kb.units]
        self.units = tuple(indexed for indexed, _ in analysed)
        body_corpus = [body for _, body in analysed]
        heading_corpus = [tokenize(f"{u.unit.heading} {u.unit.section}") for u in self.units]
        self._body = _bm25(body_corpus)
        self._heading = _bm25(heading_corpus)
        self._chars = _bm25([char_grams(normalize(u.unit.text)) for u in self.units])
        self._df: dict[str, int] = Counter(tok for tokens in body_corpus for tok in set(tokens))
        self._n = max(len(body_corpus), 1)

    @classmethod
    def from_state(cls, state: RetrieverState, *, heading_weight: float = 0.6) -> BM25Retriever:
        """A retriever from a stored state, without segmenting or indexing anything."""
        retriever = cls.__new__(cls)
        retriever.heading_weight = heading_weight
        retriever.units = state.units
        retriever._body = state.body
        retriever._heading = state.heading
        retriever._chars = state.chars
        retriever._df = state.df
        retriever._n = state.n
        return retriever

    @property
    def state(self) -> RetrieverState:
        """What an index cache stores (the heading weight is a query-time setting, not stored)."""
        return RetrieverState(
            units=self.units, body=self._body, heading=self._heading, chars=self._chars, df=self._df, n=self._n
        )

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 on text plus the heading boost."""
        if not tokens or not self.units:
            return np.zeros(len(self.units), dtype=np.float32)
        body = self._body.get_scores(tokens)
        heading = self._heading.get_scores(tokens)
        return np.asarray(body + self.heading_weight * heading, dtype=np.float32)

    def char_scores(self, grams: list[str]) -> np.ndarray:
        """BM25 over character bigrams of the unit text."""
        if not grams or not self.units:
            return np.zeros(len(self.units), dtype=np.float32)
        return np.asarray(self._chars.get_scores(grams), dtype=np.float32)

    def known(self, token: str) -> bool:
        """Whether any unit uses this token."""
        return token in self._df

    def idf(self, token: str) -> float:
        """BM25-style idf; a token the knowledge base never uses gets the maximum."""
        df = self._df.get(token, 0)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))


def _bm25(corpus: list[list[str]]) -> bm25s.BM25:
    """A bm25s index; empty token lists get a placeholder so shapes line up."""
    model = bm25s.BM25(k1=BM25_K1, b=BM25_B)
    model.index([tokens or ["\u2400"] for tokens in corpus] or [["\u2400"]], show_progress=False)
    return model


def _analyse_unit(unit: Unit) -> tuple[IndexedUnit, list[str]]:
    """Segment a unit once, sentence by sentence; return it indexed plus its BM25 tokens.

    Sentences end at 。；！？, where jieba never joins words anyway, so the unit's tokens are
    the concatenation of its sentences' tokens.
    """
    sentences = []
    body: list[str] = []
    unit_words: list[str] = []
    label = _LABEL.match(unit.text) if unit.kind == "article" else None
    offset = label.end() if label else 0
    for match in _SENTENCE.finditer(unit.text, offset):
        text = match.group(0)
        if not text.strip():
            continue
        # Interned: the same few thousand words recur across units, and one shared string each keeps
        # the index (and its cached pickle, which then stores each word once) several times smaller.
        tokens = [sys.intern(t) for t in tokenize(text)]
        found = [sys.intern(w) for w in words(text)]
        sentences += _pieces(text, start=match.start(), tokens=tokens)
        body += tokens + [sys.intern(p) for p in phrase_pairs(text, found=found)]
        unit_words += found
    if unit.kind == "meta":
        body += tokenize(META_CUES)
        unit_words += words(META_CUES)
    indexed = IndexedUnit(
        unit=unit, tokens=frozenset(body), words=frozenset(unit_words), sentences=_with_intros(sentences)
    )
    return indexed, body


def item_body(text: str) -> str | None:
    """An enumerated item's words without its number and closing punctuation; None for other sentences."""
    mark = _ITEM.match(text)
    return text[mark.end() :].strip().rstrip("；;。.") if mark else None


def _pieces(text: str, *, start: int, tokens: list[str]) -> list[Sentence]:
    """A sentence, split after a colon that introduces an enumerated item ("…下列文件：" | "(一)申请书；")."""
    cuts = [m.end() for m in _LIST_COLON.finditer(text)]
    if not cuts:
        return [Sentence(text=text, start=start, tokens=frozenset(tokens))]
    bounds = [0, *cuts, len(text)]
    out = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        if piece.strip():
            piece_tokens = frozenset(sys.intern(t) for t in tokenize(piece))
            out.append(Sentence(text=piece, start=start + a, tokens=piece_tokens))
    return out


def _with_intros(sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """Each enumerated item with the sentences of the clause that introduces its list.

    The clause ends with the colon before the first item; when that sentence does not itself announce
    the list (…；情节严重的，吊销登记证书：), it starts at the earlier sentence of the same period that does
    (慈善组织有下列情形之一的，…；). Items follow one another; a sentence that is no item ends the list,
    unless the item before it ends with a semicolon (the item runs on).
    """
    out: list[Sentence] = []
    intro: tuple[int, ...] = ()
    for i, sentence in enumerate(sentences):
        # An item may run on past a semicolon ("(一)有50个以上的个人会员…；" "个人会员…不得少于50个；").
        continued = bool(out) and bool(out[-1].intro) and out[-1].text.rstrip().endswith(("；", ";"))
        if _ITEM.match(sentence.text) or continued:
            out.append(replace(sentence, intro=intro) if intro else sentence)
            continue
        intro = _introducing(sentences, i) if sentence.text.rstrip().endswith(("：", ":")) else ()
        out.append(sentence)
    return tuple(out)


def _introducing(sentences: list[Sentence], colon: int) -> tuple[int, ...]:
    """The sentences of the clause ending at sentence `colon`: back to the one announcing the list."""
    if _LIST_CUE.search(sentences[colon].text):
        return (colon,)
    first = colon
    while first > 0:
        previous = sentences[first - 1].text.rstrip()
        if not previous.endswith(("；", ";")) or _ITEM.match(previous):
            break
        first -= 1
        if _LIST_CUE.search(previous):
            return tuple(range(first, colon + 1))
    return (colon,)
