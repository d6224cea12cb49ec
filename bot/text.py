"""Text normalisation and tokenisation shared by indexing and querying."""

from __future__ import annotations

import itertools
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jieba

from bot.lexicon import Lexicon, Tokenizer, jieba_dictionary, tagger
from bot.numerals import chinese_to_int

DATA_DIR = Path(__file__).resolve().parent / "data"

# jieba part-of-speech flags besides n* that name things: verbal nouns, idioms, abbreviations, Latin, time.
_NOUNISH_FLAGS = frozenset({"vn", "l", "i", "j", "eng", "t"})

_jieba_lock = threading.Lock()
_jieba_ready = False
# jieba's segmenter and tagger over the compact lexicon (bot/lexicon.py), set by init_jieba().
_segmenter: Tokenizer
_tagger: Any

# jieba flags of words that only frame a question: numerals, measure words, pronouns, prepositions,
# conjunctions, particles and interjections.
_LIGHT_FLAGS = frozenset(
    {"m", "mq", "q", "r", "rr", "rz", "ry", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e", "o"}
)

# A token worth indexing has at least one CJK character, letter or digit.
_WORDLIKE = re.compile(r"[\u4e00-\u9fff0-9a-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Counts of party members, said in everyday words, restated as the coverage rule's categories
# (薛民字〔2020〕31号 item 2: 3 or more → own organization; fewer → joint branch; none → instructor).
PARTY_MEMBER_THRESHOLD = 3
_NUMERAL = "0-9零〇一二两三四五六七八九十几"
_NO_MEMBERS = re.compile(
    r"(?:一个|一名|1个|1名)?(?:正式)?党员(?:都|也)(?:没有|没)|(?:没有|没|无|零个?)(?:一个|一名)?(?:正式)?党员"
)
# "我们协会" / "俺们社团": the asker's own organization, whatever its legal form, is a 社会组织.
_OWN_ORGANIZATION = re.compile(
    r"(?:我们|咱们|俺们|我|俺|咱|本)的?(协会|社团|商会|学会|研究会|促进会|联合会|联谊会|基金会|组织|机构)"
)
_GENERIC_KINDS = frozenset({"组织", "机构"})


def _own_organization(match: re.Match[str]) -> str:
    """我们协会 → 我们协会社会组织: the kind stays (it picks the regulation), the generic term is added."""
    kind = match.group(1)
    if kind in _GENERIC_KINDS:
        return "我们社会组织"
    # 基金会 has a regulation of its own; adding the generic term would pull toward district guidance.
    return f"我们{kind}" if kind == "基金会" else f"我们{kind}社会组织"


_MEMBER_COUNT = re.compile(rf"(?<![第{_NUMERAL}])([{_NUMERAL}]+)\s*(?:个|名|位)(?:正式)?党员")


def init_jieba() -> None:
    """Load jieba's dictionary with the domain dictionary into the compact lexicon, once per process."""
    global _jieba_ready, _segmenter, _tagger
    if _jieba_ready:
        return
    with _jieba_lock:
        if _jieba_ready:
            return
        jieba.setLogLevel(logging.WARNING)
        # The domain dictionary; entries with frequency 0 remove general words that swallow a
        # question's verb (交会 "intersection" would turn 没交会怎样 into 没/交会/怎样).
        lexicon = Lexicon.cached(jieba_dictionary(), [DATA_DIR / "userdict.txt"])
        _segmenter = Tokenizer(lexicon)
        _tagger = tagger(_segmenter)
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


@lru_cache(maxsize=1)
def light_words() -> frozenset[str]:
    """Question-frame words (类型, 后果, 办法, …) that say little about a question's topic."""
    return frozenset(_read_lines("generic.txt"))


def _member_count(match: re.Match[str]) -> str:
    """Map a party-member count to the rule: 两个党员 → 正式党员不足3名, 五名党员 → 3名以上正式党员."""
    digits = match.group(1)
    if "几" in digits:
        return match.group(0)
    try:
        count = chinese_to_int(digits)
    except ValueError:
        return match.group(0)
    if count <= 0:
        return "无正式党员"
    if count < PARTY_MEMBER_THRESHOLD:
        return f"正式党员不足{PARTY_MEMBER_THRESHOLD}名"
    return f"{PARTY_MEMBER_THRESHOLD}名以上正式党员"


def normalize(text: str) -> str:
    """Fold width/case and rewrite colloquial terms into policy wording (both index sides)."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _OWN_ORGANIZATION.sub(_own_organization, text)
    text = _NO_MEMBERS.sub("无正式党员", text)
    text = _MEMBER_COUNT.sub(_member_count, text)
    pattern, table = _synonym_table()
    return pattern.sub(lambda m: table[m.group(0)], text)


def tokenize(text: str) -> list[str]:
    """Normalise then cut into search-mode tokens without stopwords or punctuation."""
    init_jieba()
    stop = stopwords()
    return [
        tok
        for tok in _segmenter.cut_for_search(normalize(text), HMM=True)
        if tok.strip() and tok not in stop and _WORDLIKE.search(tok)
    ]


def words(text: str) -> list[str]:
    """Normalise then cut into whole words (precise mode) without stopwords or punctuation."""
    init_jieba()
    stop = stopwords()
    return [
        tok
        for tok in _segmenter.cut(normalize(text), HMM=True)
        if tok.strip() and tok not in stop and _WORDLIKE.search(tok)
    ]


def tagged_words(text: str) -> list[tuple[str, str]]:
    """Whole words of a question, each tagged "light" (frames the question), "noun" or "other"."""
    init_jieba()
    stop = stopwords()
    light = light_words()
    out = []
    for pair in _tagger.cut(normalize(text), HMM=True):
        word = pair.word
        if not word.strip() or word in stop or not _WORDLIKE.search(word):
            continue
        if word in light or pair.flag in _LIGHT_FLAGS or not _CJK.search(word):
            kind = "light"
        elif pair.flag.startswith("n") or pair.flag in _NOUNISH_FLAGS:
            kind = "noun"
        else:
            kind = "other"
        out.append((word, kind))
    return out


def general_frequency(word: str) -> float:
    """How often everyday Chinese uses a word: its share in jieba's own dictionary (add-one smoothed).

    jieba's own count, not the frequency the domain dictionary gives a term to keep it whole: 三同步 or
    联合党支部 are this knowledge base's words, not everyday ones.
    """
    init_jieba()
    return (_segmenter.lexicon.general_count(word) + 1) / (_segmenter.total or 1)


def general_total() -> float:
    """The total count of jieba's general dictionary (the denominator of `general_frequency`)."""
    init_jieba()
    return float(_segmenter.total or 1)


def char_grams(text: str) -> list[str]:
    """Overlapping CJK character bigrams within runs of CJK text (what a segmentation-free index sees)."""
    return [run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)]


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def char_bigrams(word: str) -> list[str]:
    """Overlapping two-character pieces of a word (养老院 → 养老, 老院)."""
    return [word[i : i + 2] for i in range(len(word) - 1)]


def sub_words(word: str) -> list[str]:
    """The shorter dictionary words inside a compound (党建工作指导员 → 党建, 工作, 指导员, …)."""
    init_jieba()
    return [tok for tok in _segmenter.cut_for_search(word, HMM=False) if tok != word and len(tok) > 1]


def phrase_pairs(text: str, *, found: list[str] | None = None) -> list[str]:
    """Adjacent content-word pairs ("社会组织+党群服务中心"), so exact phrases outrank scattered words."""
    found = words(text) if found is None else found
    return [f"{a}+{b}" for a, b in itertools.pairwise(found)]
