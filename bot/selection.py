"""Document selection signals: which shipped documents a question is about.

Two signals, both read off the documents rather than written per document:
- the question names a document (its title, the title without 中华人民共和国, a sidecar alias, or
  the kind word of a unique title: 这份意见 when only one title ends in 意见);
- the question names a kind of organisation (基金会, 社会团体, 慈善组织, …) and a document's articles
  use that term much more than the others' do.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from bot.index import IndexedUnit
from bot.kb import KnowledgeBase
from bot.text import DATA_DIR, normalize

# A question naming an organisation type multiplies the scores of the document most about it by up
# to 1 + ORG_TYPE_BOOST; naming a document by title, by 1 + TITLE_BOOST.
ORG_TYPE_BOOST = 0.6
# The umbrella term and the legal forms under it (社会团体登记管理条例, 基金会管理条例, 民办非企业单位 / 社会服务机构).
UMBRELLA_TYPE = "社会组织"
LEGAL_FORMS = frozenset({"社会团体", "基金会", "民办非企业单位", "社会服务机构"})
TITLE_BOOST = 1.0
_KINDS = ("意见", "条例", "办法", "通知", "规定", "决定", "章程", "细则", "法")
_LAW_KINDS = frozenset({"条例", "法"})
_POLICY_REF = re.compile(r"这(?:个|份|项)?(?:文件|政策)")
_DEFINITION = re.compile(
    r"^(?:请问)?(?:什么是|什么叫|何为|啥是|啥叫)(?P<a>.+?)[？?。！]*$"
    r"|^(?P<b>.+?)(?:是什么|是啥|指的是什么|指的是啥|是指什么|是指啥|指什么|的定义|的含义|是什么意思|是啥意思|什么意思"
    r"|是什么性质的组织|是什么样的组织|是什么组织|属于什么性质|属于什么(?:样的)?组织)[？?。！]*$"
)
# "本法所称X是指什么": the term is X, not the words that point at the definition.
_DEFINED_IN = re.compile(r"^(?:本法|本条例|条例|法律|这部法|法里|条例里|法中|条例中)?(?:所称|所说的|说的)")


@lru_cache(maxsize=1)
def _type_lines() -> tuple[tuple[str, str], ...]:
    """(word a question may use, the organisation type it names) per line of org_types.txt."""
    lines = (DATA_DIR / "org_types.txt").read_text(encoding="utf-8").splitlines()
    pairs = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.strip().partition(" ")
        pairs.append((word, kind.strip() or word))
    return tuple(pairs)


@lru_cache(maxsize=1)
def org_types() -> tuple[str, ...]:
    """The organisation-type terms, longest first."""
    return tuple(sorted(dict.fromkeys(kind for _, kind in _type_lines()), key=len, reverse=True))


# Type words that name an organisation (协会, 基金会, 慈善组织), not an activity (募捐, 志愿服务, 慈善).
_ORGANISATION_ENDINGS = ("会", "团体", "组织", "机构", "单位")


@lru_cache(maxsize=1)
def organisation_words() -> tuple[str, ...]:
    """The words of org_types.txt that name an organisation, longest first."""
    words = {w for pair in _type_lines() for w in pair if w.endswith(_ORGANISATION_ENDINGS)}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _type_words() -> tuple[tuple[str, str], ...]:
    """Every word naming a type, longest first, with the type it names (协会 → 社会团体)."""
    return tuple(sorted(_type_lines(), key=lambda pair: len(pair[0]), reverse=True))


def definition_term(normalized: str) -> str | None:
    """X of "什么是X / X是什么 / X指的是什么", if the question asks for a definition."""
    match = _DEFINITION.match(normalized.strip())
    if not match:
        return None
    term = _DEFINED_IN.sub("", (match.group("a") or match.group("b") or "").strip("的 ")).strip("的 ")
    return term if 2 <= len(term) <= 12 else None


class DocumentSelector:
    """Per-document weights for a question, from the names and organisation types it mentions."""

    def __init__(self, kb: KnowledgeBase, units: tuple[IndexedUnit, ...]) -> None:
        self._doc_of_unit = [iu.unit.doc_id for iu in units]
        self._names = {d.id: _names(d.meta.title, d.meta.aliases) for d in kb.documents}
        self._kinds = {d.id: next((k for k in _KINDS if d.meta.title.endswith(k)), "") for d in kb.documents}
        self._profile = _profiles(kb)

    def name_ends(self, normalized: str) -> list[int]:
        """Where each title or alias the question spells out ends (for "慈善法是哪年通过的")."""
        ends = []
        for names in self._names.values():
            for name in names:
                start = normalized.find(name)
                if start >= 0:
                    ends.append(start + len(name))
        return ends

    def named(self, normalized: str) -> set[str]:
        """Documents the question names by title, alias or (unique) kind word."""
        found = {doc for doc, names in self._names.items() if any(n in normalized for n in names)}
        if found:
            return found
        plain = re.sub(r"[份部个项]", "", normalized)  # 这份意见, 这部法 → 这意见, 这法
        by_kind = {doc for doc, kind in self._kinds.items() if kind and f"这{kind}" in plain}
        if not by_kind and _POLICY_REF.search(plain):
            # "这个文件 / 这个政策" is how one speaks of an administrative document, not of a law (法, 条例).
            by_kind = {doc for doc, kind in self._kinds.items() if kind not in _LAW_KINDS}
        return by_kind if len(by_kind) == 1 else set()

    def weights(self, normalized: str) -> np.ndarray:
        """A multiplier per unit (1.0 when the question names neither a document nor a type)."""
        per_doc = dict.fromkeys(self._names, 1.0)
        for doc in self.named(normalized):
            per_doc[doc] += TITLE_BOOST
        for term in _mentioned_types(normalized):
            shares = {doc: profile.get(term, 0.0) for doc, profile in self._profile.items()}
            top = max(shares.values(), default=0.0)
            if top <= 0:
                continue
            for doc, share in shares.items():
                per_doc[doc] += ORG_TYPE_BOOST * share / top
        return np.array([per_doc.get(doc, 1.0) for doc in self._doc_of_unit], dtype=np.float32)


def _mentioned_types(normalized: str) -> list[str]:
    """Organisation types in a question; a longer term hides the shorter ones inside it (慈善组织 ⊃ 慈善).

    A legal form's everyday names count as the form (协会, 学会, 研究会 are 社会团体).
    """
    words: list[str] = []
    kinds: list[str] = []
    for word, kind in _type_words():
        if word in normalized and not any(word in longer for longer in words):
            words.append(word)
            if kind not in kinds:
                kinds.append(kind)
    # 社会组织 is the umbrella of the legal forms: beside one of them (我们协会社会组织 → 社会团体) it names
    # nothing more specific, and would pull towards whatever document speaks of 社会组织 in general.
    if UMBRELLA_TYPE in kinds and any(kind in LEGAL_FORMS for kind in kinds):
        kinds.remove(UMBRELLA_TYPE)
    return kinds


def _names(title: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """Ways a question names a document."""
    names = {normalize(title), normalize(title.removeprefix("中华人民共和国"))}
    names.update(normalize(a) for a in aliases)
    return tuple(n for n in names if len(n) >= 3)


def _profiles(kb: KnowledgeBase) -> dict[str, dict[str, float]]:
    """For each document, the share of its articles/items using each organisation-type term."""
    out: dict[str, dict[str, float]] = {}
    for document in kb.documents:
        texts = [normalize(u.text) for u in document.units if u.kind != "meta"]
        out[document.id] = {
            term: sum(term in t for t in texts) / len(texts) for term in org_types()
        } if texts else {}
    return out
