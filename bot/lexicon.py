"""jieba's dictionary held in a marisa trie: the same words, frequencies and tags in a few MB.

jieba keeps its dictionary as a Python dict of every word and every prefix of a word (498,000 string
keys, some 64 MB in each process) and jieba.posseg reads the file again into a word → tag dict of
its own (another 35–45 MB). A web worker holds both once the bot has answered. Here the words live in
one marisa trie (about 1.3 MB), their frequencies and tag codes in arrays indexed by the trie's key
ids, and jieba's own segmenter and tagger run over them unchanged: `Tokenizer` and `Tagger` subclass
jieba's, replacing only the dictionary lookups. Segmentation and tags are identical to jieba loaded
with the same files (tests/bot/test_lexicon.py compares them on the shipped knowledge and questions).

The lexicon is immutable: it is built once from jieba's dict.txt and the user dictionaries, merged
the way jieba's `load_userdict` merges them (a later entry replaces a word's frequency and tag; the
total adds every entry; a user word of frequency 0 is also force-split by the HMM). It also keeps, for
each word a user dictionary adds, the count jieba's own dictionary gives it (0 when it has none):
the domain dictionary's frequencies only steer segmentation, they say nothing of how often everyday
Chinese uses 三同步 or 基金会 (see `Lexicon.general_count`).
"""

from __future__ import annotations

import array
import hashlib
import importlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jieba
import marisa_trie

log = logging.getLogger(__name__)

# jieba's own pattern for a user dictionary line: word, optional frequency, optional tag.
_USER_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
_NO_TAG = 255
# The cache folder's layout; a new FORMAT makes a new folder.
FORMAT = "marisa-3"
_TRIE, _FREQS, _CODES, _META = "words.marisa", "freqs.i64", "tags.u8", "meta.json"


class Lexicon:
    """Words with their frequency and part-of-speech tag, looked up through one trie."""

    def __init__(self, trie: Any, *, freqs: array.array[int], codes: bytes, tag_names: tuple[str, ...],
                 total: int, force_split: frozenset[str], longest: int,
                 general: dict[str, int] | None = None) -> None:
        self.trie = trie
        self.freqs = freqs
        self.codes = codes
        self.tag_names = tag_names
        self.total = total
        self.force_split = force_split
        self.longest = longest
        # Words a user dictionary sets → their count in jieba's own dictionary (0 when absent there).
        self.general = general or {}

    def general_count(self, word: str) -> int:
        """How often everyday Chinese uses a word: jieba's own count, whatever a user dictionary set.

        A user dictionary gives a domain term a frequency so that the segmenter cuts it whole (三同步
        10000); read as a count of everyday use, that would make the knowledge base's own jargon look
        as common as 要求 or 工作.
        """
        if word in self.general:
            return self.general[word]
        key = self.trie.get(word, -1)
        return int(self.freqs[key]) if key >= 0 else 0

    @classmethod
    def cached(cls, dictionary: Path, user_dicts: list[Path], *, cache_root: Path | None = None) -> Lexicon:
        """The lexicon of these files, built once per machine into a cache folder and loaded from it.

        The build runs in a child interpreter: parsing 349,000 lines makes as many short-lived
        strings, and the holes they leave in this process's heap would stay resident (some 30 MB).
        Without a usable cache folder the build happens here and nothing is written.
        """
        root = cache_root or default_cache_root()
        digest = hashlib.sha256(FORMAT.encode())
        for path in [dictionary, *user_dicts]:
            digest.update(path.read_bytes())
        folder = root / digest.hexdigest()[:24]
        if not (folder / _META).is_file():
            try:
                root.mkdir(mode=0o700, parents=True, exist_ok=True)
                work = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
                subprocess.run([sys.executable, "-I", str(Path(__file__).resolve()), str(work), str(dictionary),
                                *map(str, user_dicts)], check=True, capture_output=True, timeout=120)
                try:
                    os.replace(work, folder)
                except OSError:  # another process finished first: its copy is the same
                    shutil.rmtree(work, ignore_errors=True)
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("jieba lexicon cache %s unusable (%s); building in process", root, exc)
                with tempfile.TemporaryDirectory() as scratch:
                    write(Path(scratch), dictionary, user_dicts)
                    return cls.load(Path(scratch))
        return cls.load(folder)

    @classmethod
    def load(cls, folder: Path) -> Lexicon:
        """Read a lexicon written by `write`."""
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
        trie = marisa_trie.Trie()
        trie.load(str(folder / _TRIE))
        freqs = array.array("q")
        freqs.frombytes((folder / _FREQS).read_bytes())
        codes = (folder / _CODES).read_bytes()
        if len(freqs) != len(trie) or len(codes) != len(trie):
            raise ValueError(f"jieba lexicon in {folder} is inconsistent")
        return cls(trie, freqs=freqs, codes=codes, tag_names=tuple(meta["tags"]), total=int(meta["total"]),
                   force_split=frozenset(meta["force_split"]), longest=int(meta["longest"]),
                   general={str(k): int(v) for k, v in meta["general"].items()})

    def key(self, word: str) -> int:
        """The word's key id, or -1 when it is not a word of the dictionary."""
        return int(self.trie.get(word, -1))

    def is_prefix(self, fragment: str) -> bool:
        """Whether some word begins with `fragment` (jieba's `fragment in FREQ`)."""
        return next(iter(self.trie.iterkeys(fragment)), None) is not None


def read_entries(
    dictionary: Path, user_dicts: list[Path]
) -> tuple[dict[str, tuple[int, str | None]], int, list[str], dict[str, int]]:
    """jieba's main dictionary (word freq tag per line), then user dictionaries merged in order.

    Also returns, for every word a user dictionary adds (frequency above 0), its count in the main
    dictionary (0 if absent); a word it removes keeps frequency 0.
    """
    entries: dict[str, tuple[int, str | None]] = {}
    total = 0
    with dictionary.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            parts = line.split()
            if not parts:
                continue
            try:
                word, freq = parts[0], int(parts[1])
            except (IndexError, ValueError):
                raise ValueError(f"invalid dictionary entry in {dictionary} at line {lineno}") from None
            entries[word] = (freq, parts[2] if len(parts) > 2 else None)
            total += freq
    force_split: list[str] = []
    general: dict[str, int] = {}
    for path in user_dicts:
        for raw in path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines():
            line = raw.strip()
            if not line:
                continue
            match = _USER_LINE.match(line)
            assert match is not None  # `.+?` matches any non-empty line
            word, freq_text, tag_text = match.groups()
            if freq_text is None:
                raise ValueError(f"user dictionary entry without a frequency in {path}: {line}")
            freq = int(freq_text)
            tag = tag_text.strip() if tag_text else None
            if freq:  # a removed word (frequency 0) is no word at all here, in everyday use or not
                general.setdefault(word, entries.get(word, (0, None))[0])
            entries[word] = (freq, tag or entries.get(word, (0, None))[1])
            total += freq
            if freq == 0:
                force_split.append(word)
    return entries, total, force_split, general


def write(folder: Path, dictionary: Path, user_dicts: list[Path]) -> None:
    """Build the trie, frequency and tag arrays of these files into `folder`."""
    entries, total, force_split, general = read_entries(dictionary, user_dicts)
    trie = marisa_trie.Trie(entries.keys())
    freqs = array.array("q", bytes(8 * len(trie)))
    codes = bytearray([_NO_TAG]) * len(trie)
    names: dict[str, int] = {}
    for word, key in trie.iteritems():
        freq, tag = entries[word]
        freqs[key] = freq
        if tag:
            codes[key] = names.setdefault(tag, len(names))
    if len(names) >= _NO_TAG:
        raise ValueError("too many distinct part-of-speech tags for one-byte codes")
    trie.save(str(folder / _TRIE))
    (folder / _FREQS).write_bytes(freqs.tobytes())
    (folder / _CODES).write_bytes(bytes(codes))
    meta = {"format": FORMAT, "tags": list(names), "total": total, "force_split": force_split,
            "longest": max((len(word) for word in entries), default=1), "general": general}
    # Written last: its presence marks a complete folder.
    (folder / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def default_cache_root() -> Path:
    """Per-user folder beside jieba's own cache (the system's temporary directory)."""
    return Path(tempfile.gettempdir()) / f"shezutong-lexicon-{os.getuid()}"


class Frequencies(Mapping[str, int]):
    """The read side of jieba's `FREQ` dict: words → frequency, prefixes of words → 0."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._trie = lexicon.trie
        self._freqs = lexicon.freqs

    def get(self, word: str, default: Any = None) -> Any:
        key = self._trie.get(word, -1)
        if key >= 0:
            return self._freqs[key]
        return 0 if self._lexicon.is_prefix(word) else default

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return int(value)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._lexicon.is_prefix(word)

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


class Tags(Mapping[str, str]):
    """The read side of jieba.posseg's `word_tag_tab`: dictionary words → part-of-speech tag."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._trie = lexicon.trie
        self._codes = lexicon.codes
        self._names = lexicon.tag_names

    def get(self, word: str, default: Any = None) -> Any:
        key = self._trie.get(word, -1)
        if key < 0:
            return default
        code = self._codes[key]
        return default if code == _NO_TAG else self._names[code]

    def __getitem__(self, word: str) -> str:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return str(value)

    def __iter__(self) -> Iterator[str]:
        return (word for word, key in self._trie.iteritems() if self._codes[key] != _NO_TAG)

    def __len__(self) -> int:
        return sum(1 for code in self._codes if code != _NO_TAG)


class Tokenizer(jieba.Tokenizer):
    """jieba's segmenter (precise, search and HMM modes) over a `Lexicon`."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self.lexicon = lexicon
        self.FREQ = Frequencies(lexicon)
        self.total = lexicon.total
        self.initialized = True
        # jieba's HMM must not glue back together a user word deleted with frequency 0.
        finalseg = importlib.import_module("jieba.finalseg")
        for word in lexicon.force_split:
            finalseg.add_force_split(word)

    def initialize(self, dictionary: Any = None) -> None:
        """Already initialised from the lexicon; jieba's own loading never runs."""

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        """For each position, the ends of the dictionary words (frequency > 0) starting there."""
        trie = self.lexicon.trie
        freqs = self.lexicon.freqs
        longest = self.lexicon.longest
        dag: dict[int, list[int]] = {}
        for start in range(len(sentence)):
            ends = [start + len(word) - 1
                    for word, key in trie.iter_prefixes_with_ids(sentence[start:start + longest])
                    if freqs[key]]
            dag[start] = ends or [start]
        return dag

    def add_word(self, word: str, freq: Any = None, tag: Any = None) -> None:
        raise TypeError("the lexicon is immutable: add the word to a user dictionary file instead")


def tagger(tokenizer: Tokenizer) -> Any:
    """A jieba.posseg tagger over the tokenizer's lexicon (jieba's HMM tagging for unknown runs)."""
    posseg = sys.modules.get("jieba.posseg")
    if posseg is None:
        # Importing jieba.posseg builds its module-level tagger, which reads dict.txt into a word →
        # tag table of its own (45 MB, unused here): point jieba's default tokenizer at an empty
        # file for the import, so that table is empty.
        default, jieba.dt.dictionary = jieba.dt.dictionary, os.devnull
        try:
            posseg = importlib.import_module("jieba.posseg")
        finally:
            jieba.dt.dictionary = default

    base: Any = posseg.POSTokenizer

    class Tagger(base):
        def __init__(self, tokenizer: Tokenizer) -> None:
            self.tokenizer = tokenizer
            self.word_tag_tab = Tags(tokenizer.lexicon)

        def initialize(self, dictionary: Any = None) -> None:
            """Already initialised from the lexicon."""

    return Tagger(tokenizer)


def jieba_dictionary() -> Path:
    """jieba's bundled main dictionary."""
    return Path(os.path.dirname(jieba.__file__)) / "dict.txt"


if __name__ == "__main__":  # the child of Lexicon.cached: python -I bot/lexicon.py FOLDER DICT [USERDICT…]
    write(Path(sys.argv[1]), Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]])
