"""Sentences, paragraphs and words.

Sentences and paragraphs are spans of ``Document.norm``. Words come from a jieba tokenizer of the
project's own (the global jieba stays untouched), loaded on first use with the domain dictionary:
region names, institution suffixes and name parts, titles and well-known institution names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = [
    "CLAUSE_BREAK", "LIST_ITEM", "Span", "paragraphs", "pos_tag", "release", "sentences", "table_cells",
    "tokenizer", "words",
]

# the number of an item of a list: 1. 2、 3) （4） 一、 （二）
CLAUSE_BREAK = re.compile(r"[，,；;：:]")  # where a clause ends inside a sentence
# 1. (1) 一、 （一）, and the bullets of a list (——, -, •): how a line opens an item of a list
LIST_ITEM = re.compile(
    r"(?:\d{1,2}[.、)）．]|[（(]\d{1,2}[)）]|[（(]?[一二三四五六七八九十]{1,2}[、)）]"
    r"|[-—–•●▪■◆]{1,2}(?=[ \t]*[\u4e00-\u9fff]))"
)

_CELL_BAR = re.compile(r"[｜|]")


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the cells of the line ``text[start:end]`` of a table cut by bars (序号｜名称｜牵头医院),
    empty cells included; none for a line without a bar."""
    cells, at = [], start
    for bar in _CELL_BAR.finditer(text, start, end):
        cells.append((at, bar.start()))
        at = bar.end()
    return [*cells, (at, end)] if cells else []


_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Span]:
    """Sentences of ``text`` (split at 。！？; and line ends), without leading/trailing space."""
    found = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Span(start, end, text[start:end]))
    return found


def paragraphs(text: str) -> list[Span]:
    """Lines of ``text`` that hold something (the normaliser already joined broken lines)."""
    found = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            found.append(Span(start, start + len(stripped), stripped))
        pos += len(line) + 1
    return found


@cache
def _dictionary_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's own dictionary (no HMM tagging is run)."""
    import jieba

    path = resources.files(jieba).joinpath("dict.txt")
    tags = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def pos_tag(word: str) -> str | None:
    """jieba's dictionary tag for ``word`` (``ns`` place, ``nr`` person, ``v`` verb …) or None if unknown."""
    return _dictionary_tags().get(word)


def word_frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0 if never): a rare entry is weak evidence."""
    return tokenizer().FREQ.get(word) or 0


@cache
def tokenizer():
    """A jieba tokenizer with the domain dictionary added."""
    import logging

    import jieba

    from .lexicon import lexicon
    from .regions import gazetteer

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    lex = lexicon()
    words: set[str] = set()
    for region in gazetteer().by_code.values():
        if region.level == "township":
            if len(region.name) >= 3:
                words.add(region.name)  # 尚市镇, 李集街道: kept whole, not split into 尚 / 市镇
        else:
            words.update(gazetteer().lookup_full_names(region))
            if region.level in ("province", "city"):
                words.update(s for s in region.shorts if len(s) >= 2)
    words.update(lex.org_suffixes)
    words.update(w for w in lex.name_parts if len(w) >= 2)
    words.update(w for w in lex.titles if len(w) >= 2)
    words.update(lex.known_orgs)
    words.update(lex.name_heads)
    words.update(w for w in lex.specialties if len(w) >= 2)
    for w in sorted(words):
        tok.add_word(w, freq=max(tok.FREQ.get(w, 0), 2000))
    return tok


def release() -> None:
    """Let go of the tokenizer, the dictionary tags and the cache of words (about 170 MB), once
    no more articles will be extracted in this process; they are made again if asked for."""
    tokenizer.cache_clear()
    _dictionary_tags.cache_clear()
    _words.cache_clear()


def words(text: str, hmm: bool = True) -> list[str]:
    """jieba words of ``text`` (precise mode) with the domain dictionary."""
    return list(_words(text, hmm))


@lru_cache(maxsize=1 << 16)
def _words(text: str, hmm: bool) -> tuple[str, ...]:
    # the extractors segment short windows around names; news repeats them (the same hospital, the same
    # title), so a cache saves most of jieba's work
    return tuple(tokenizer().cut(text, HMM=hmm))
