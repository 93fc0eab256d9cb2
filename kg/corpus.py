"""Read articles from disk and normalise them, keeping a map back to the original offsets.

Normalisation only substitutes one character for one character (full-width forms, traditional
to simplified) or deletes characters (line breaks inside sentences, spaces between Chinese
characters as in justified newspaper text). So every normalised index maps to exactly one
index of the text as read from disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .errors import InputError, SkippedFile
from .model import Document

__all__ = ["ARTICLE_SUFFIXES", "collect_paths", "decode", "load", "normalise"]

ARTICLE_SUFFIXES = (".txt", ".md", ".text")
MAX_BYTES_DEFAULT = 5_000_000

_SENTENCE_END = set("。！？!?；;：:…」』”）)】")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def collect_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """All article files under ``inputs`` (files or folders), sorted, each once.

    Raises :class:`InputError` for a path that does not exist or a folder with no articles.
    """
    found: dict[str, Path] = {}
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder; give a file or a folder of articles "
                             f"({', '.join(ARTICLE_SUFFIXES)})")
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)]
            if not files:
                raise InputError(f"{path}: this folder holds no articles ({', '.join(ARTICLE_SUFFIXES)} files)")
            for f in files:
                found.setdefault(str(f.resolve()), f)
        else:
            found.setdefault(str(path.resolve()), path)
    return [found[k] for k in sorted(found, key=lambda k: (found[k].name, k))]


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM) first, then a detected Chinese encoding.

    Returns ``(text, encoding)``. Raises :class:`SkippedFile` when the bytes are not text.
    """
    if not data.strip():
        raise SkippedFile(path, "the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SkippedFile(path, "this is a binary file, not an article")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SkippedFile(path, "cannot tell which text encoding this file uses; save it as UTF-8")
    encoding = best.encoding
    if encoding in ("gb2312", "gbk"):  # GB18030 is a superset: decode with it to lose nothing
        encoding = "gb18030"
    return data.decode(encoding, errors="replace"), encoding


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("t2s")


def _simplify(text: str) -> str:
    """Traditional to simplified, character for character (length preserved or left unchanged)."""
    converter = _t2s()
    if converter is None:
        return text
    out = converter.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in text)


def _fold(ch: str) -> str:
    """Full-width and compatibility forms to their plain form, one character for one."""
    if ch == "\u3000":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``text``; return the normalised text and the offset map (see :class:`Document`)."""
    simplified = _simplify(text)
    chars: list[str] = []
    offsets: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = simplified[i]
        if ch in " \t\u3000\xa0\r":
            # drop spaces between Chinese characters or next to Chinese punctuation ("湖 南 省", "2023 年")
            j = i
            while j < n and simplified[j] in " \t\u3000\xa0\r":
                j += 1
            prev = chars[-1] if chars else "\n"
            nxt = simplified[j] if j < n else "\n"
            if prev == "\n" or nxt == "\n" or _CJK.match(prev) or _CJK.match(nxt) or not prev.isascii() \
                    or not nxt.isascii():
                i = j
                continue
            chars.append(" ")
            offsets.append(i)
            i = j
            continue
        if ch == "\n":
            prev = chars[-1] if chars else "\n"
            nxt = simplified[i + 1] if i + 1 < n else "\n"
            soft_wrap = (prev != "\n" and nxt not in "\n \t\u3000\r" and prev not in _SENTENCE_END
                         and (_CJK.match(prev) or _CJK.match(nxt) or prev in "，、,“《（(" ))
            if soft_wrap:
                i += 1
                continue
        chars.append(_fold(ch))
        offsets.append(i)
        i += 1
    offsets.append(n)
    return "".join(chars), tuple(offsets)


def _title(norm: str) -> str | None:
    for line in norm.splitlines():
        line = line.strip()
        if line:
            return line[:120]
    return None


def load(path: str | Path, doc_id: str | None = None, max_bytes: int = MAX_BYTES_DEFAULT) -> Document:
    """Read one article. Raises :class:`SkippedFile` with the reason when it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkippedFile(str(path), f"the file is {size:,} bytes, over the limit of {max_bytes:,}; "
                                         "raise it with --max-bytes if this really is one article")
        data = path.read_bytes()
    except OSError as exc:
        raise SkippedFile(str(path), f"cannot read the file ({exc.strerror or exc}); check its permissions") from exc
    text, encoding = decode(data, str(path))
    norm, offsets = normalise(text)
    if not _CJK.search(norm):
        raise SkippedFile(str(path), "no Chinese text in this file")
    return Document(doc_id=doc_id or path.name, path=str(path), text=text, norm=norm, offsets=offsets,
                    encoding=encoding, title=_title(norm))


def iter_documents(paths: Iterable[Path]) -> Iterator[Document | SkippedFile]:
    """Load each path; yield the document, or the :class:`SkippedFile` saying why it was not."""
    for path in paths:
        try:
            yield load(path)
        except SkippedFile as skipped:
            yield skipped
