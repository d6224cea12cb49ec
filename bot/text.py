"""Text normalisation and tokenisation shared by indexing and querying."""

from __future__ import annotations

import itertools
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import jieba.posseg

DATA_DIR = Path(__file__).resolve().parent / "data"

# jieba part-of-speech flags besides n* that name things: verbal nouns, idioms, abbreviations, Latin, time.
_NOUNISH_FLAGS = frozenset({"vn", "l", "i", "j", "eng", "t"})

_jieba_lock = threading.Lock()
_jieba_ready = False

# A token worth indexing has at least one CJK character, letter or digit.
_WORDLIKE = re.compile(r"[\u4e00-\u9fff0-9a-z]")


def init_jieba() -> None:
    """Initialise jieba quietly with the domain dictionary, once per process."""
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        jieba.load_userdict(str(DATA_DIR / "userdict.txt"))
        _jieba_ready = True


def _read_lines(name: str) -> list[str]:
    """Read a data file, skipping blank lines and # comments."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function and question words that carry no topic."""
    return frozenset(_read_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def _synonym_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Compile the colloquial/synonym rules into one longest-first pattern."""
    table: dict[str, str] = {}
    for line in _read_lines("synonyms.txt"):
        source, target = line.split(maxsplit=1)
        table[source] = target.strip()
    # Targets map to themselves so that a longer canonical term (行业协会商会) is never
    # re-rewritten through a shorter rule it contains (协会 → 行业协会商会).
    for target in list(table.values()):
        table.setdefault(target, target)
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


def normalize(text: str) -> str:
    """Fold width/case and rewrite colloquial terms into policy wording (index side only)."""
    text = unicodedata.normalize("NFKC", text).lower()
    pattern, table = _synonym_table()
    return pattern.sub(lambda m: table[m.group(0)], text)


def tokenize(text: str) -> list[str]:
    """Normalise then cut into search-mode tokens without stopwords or punctuation."""
    init_jieba()
    stop = stopwords()
    return [
        tok
        for tok in jieba.cut_for_search(normalize(text), HMM=True)
        if tok.strip() and tok not in stop and _WORDLIKE.search(tok)
    ]


def words(text: str) -> list[str]:
    """Normalise then cut into whole words (precise mode) without stopwords or punctuation."""
    init_jieba()
    stop = stopwords()
    return [
        tok
        for tok in jieba.cut(normalize(text), HMM=True)
        if tok.strip() and tok not in stop and _WORDLIKE.search(tok)
    ]


def tagged_words(text: str) -> list[tuple[str, bool]]:
    """Whole words with whether each names a thing (noun-like); used for questions, not documents."""
    init_jieba()
    stop = stopwords()
    return [
        (pair.word, pair.flag.startswith("n") or pair.flag in _NOUNISH_FLAGS)
        for pair in jieba.posseg.cut(normalize(text), HMM=True)
        if pair.word.strip() and pair.word not in stop and _WORDLIKE.search(pair.word)
    ]


def sub_words(word: str) -> list[str]:
    """The shorter dictionary words inside a compound (党建工作指导员 → 党建, 工作, 指导员, …)."""
    init_jieba()
    return [tok for tok in jieba.cut_for_search(word, HMM=False) if tok != word and len(tok) > 1]


def phrase_pairs(text: str, *, found: list[str] | None = None) -> list[str]:
    """Adjacent content-word pairs ("社会组织+党群服务中心"), so exact phrases outrank scattered words."""
    found = words(text) if found is None else found
    return [f"{a}+{b}" for a, b in itertools.pairwise(found)]
