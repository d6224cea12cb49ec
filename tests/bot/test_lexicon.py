"""The compact jieba lexicon: the same words, cuts and tags as jieba itself, built once per machine."""

from __future__ import annotations

import json
import logging
import subprocess
from pathlib import Path

import jieba
import pytest

from bot import text
from bot.lexicon import Lexicon, Tokenizer, jieba_dictionary, tagger

REPO = Path(__file__).resolve().parents[2]
USERDICT = text.DATA_DIR / "userdict.txt"


def _texts() -> list[str]:
    """The shipped knowledge and the questions of the development and regression sets."""
    out = []
    for path in sorted((REPO / "knowledge").iterdir()):
        if path.suffix in {".md", ".txt"}:
            out += path.read_text(encoding="utf-8").splitlines()
    for path in [REPO / "evals" / "dev.jsonl", *sorted((REPO / "evals" / "regression").glob("*.jsonl"))]:
        out += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [text.normalize(line) for line in out if line.strip()]


@pytest.fixture(scope="module")
def stock() -> tuple[jieba.Tokenizer, object]:
    """jieba loaded the ordinary way with the same user dictionary."""
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USERDICT))
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


def test_cuts_and_tags_are_jiebas_own_on_the_knowledge_and_the_questions(stock, tmp_path):
    reference, reference_tagger = stock
    compact = Tokenizer(Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=tmp_path))
    compact_tagger = tagger(compact)
    lines = _texts()
    assert len(lines) > 800
    for line in lines:
        for hmm in (True, False):
            assert list(compact.cut(line, HMM=hmm)) == list(reference.cut(line, HMM=hmm)), line
            assert list(compact.cut_for_search(line, HMM=hmm)) == list(reference.cut_for_search(line, HMM=hmm))
            assert [(p.word, p.flag) for p in compact_tagger.cut(line, HMM=hmm)] == [
                (p.word, p.flag) for p in reference_tagger.cut(line, HMM=hmm)
            ], line


def test_frequencies_totals_and_prefixes_are_jiebas(stock, tmp_path):
    reference, _ = stock
    compact = Tokenizer(Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=tmp_path))
    assert compact.total == reference.total
    # A user word of frequency 0 stays a key (so its prefixes still scan) but is never cut out.
    removed = next(line.split()[0] for line in USERDICT.read_text(encoding="utf-8").splitlines()
                   if len(line.split()) > 1 and line.split()[1] == "0")
    for word in ["社会组织", "登记", "社", "社会组", removed, "不是词语的组合", "党建工作指导员"]:
        assert compact.FREQ.get(word) == reference.FREQ.get(word), word
        assert (word in compact.FREQ) == (word in reference.FREQ), word


def test_the_lexicon_is_built_once_then_loaded_from_its_folder(tmp_path, monkeypatch):
    first = Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=tmp_path)
    folders = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert len(folders) == 1 and (folders[0] / "meta.json").is_file()

    def no_build(*args, **kwargs):
        raise AssertionError("the lexicon was built again")

    monkeypatch.setattr(subprocess, "run", no_build)
    again = Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=tmp_path)
    assert len(again.trie) == len(first.trie) and again.total == first.total


def test_a_changed_user_dictionary_gets_a_lexicon_of_its_own(tmp_path):
    own = tmp_path / "userdict.txt"
    own.write_text(USERDICT.read_text(encoding="utf-8") + "孵化券 300 n\n", encoding="utf-8")
    cache = tmp_path / "cache"
    shipped = Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=cache)
    changed = Lexicon.cached(jieba_dictionary(), [own], cache_root=cache)
    assert shipped.key("孵化券") == -1 and changed.key("孵化券") >= 0
    assert list(Tokenizer(changed).cut("申请孵化券")) == ["申请", "孵化券"]
    assert len(list(cache.iterdir())) == 2


def test_an_unusable_cache_folder_still_gives_the_same_lexicon(tmp_path, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="bot.lexicon"):
        lexicon = Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=blocked / "cache")
    assert "building in process" in caplog.text
    assert list(Tokenizer(lexicon).cut("社会组织登记")) == ["社会组织", "登记"]


def test_the_lexicon_refuses_words_added_at_run_time(tmp_path):
    compact = Tokenizer(Lexicon.cached(jieba_dictionary(), [USERDICT], cache_root=tmp_path))
    with pytest.raises(TypeError, match="immutable"):
        compact.add_word("临时词")
