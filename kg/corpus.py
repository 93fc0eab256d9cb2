"""Read articles from disk and normalise them, keeping a map back to the original offsets.

Reading
    ``.txt``/``.text``/``.md`` files are text; ``.html``/``.htm`` pages are reduced to their main
    text and metadata by :mod:`kg.htmltext`. Bytes are decoded by :func:`decode`: a BOM wins,
    then (for pages) a ``<meta charset>`` that decodes cleanly, then UTF-8, then the Chinese
    legacy encodings GB18030 (a superset of GB2312 and GBK) and Big5, each tried strictly and
    scored by how Chinese the result reads. charset-normalizer is only asked when none of those
    decodes: on short Chinese texts it guesses wrong (``医联体`` in GBK comes back as Big5, ``院``
    as UTF-8), because it scores byte statistics that a few characters cannot give.

What evidence offsets index
    ``Document.text``: for a text file the decoded file; for a page the extracted plain text,
    not the HTML source. A person checks evidence by reading, and markup between the characters
    of a sentence (``<strong>``, ``&nbsp;``) would make a quote unreadable and brittle. This is
    also what the W3C Web Annotation model asks of an ``oa:TextPositionSelector`` on HTML (tags
    removed, entities replaced, white space normalised). The extraction is deterministic for a
    given selectolax version. (Indexing the HTML source through a second offset map would keep
    positions checkable against the raw file, but every quote would then carry markup.)

Normalising
    :func:`normalise` only substitutes one character for one character (full-width forms,
    traditional to simplified with OpenCC, a lone ``\\r`` to ``\\n``) or deletes characters
    (line breaks inside sentences, spaces between Chinese characters as in justified newspaper
    text, Markdown markup). So every normalised index maps to exactly one index of
    ``Document.text``, and ``Document.offsets`` is that map.

Bad input
    :func:`load` raises :class:`~kg.errors.SkippedFile` naming the file and the reason (empty,
    binary, too large, unreadable, not Chinese); things worth knowing that do not stop the read
    (a legacy encoding, a truncated last character, undecodable bytes) go to ``notes``.
"""

from __future__ import annotations

import bisect
import codecs
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from .errors import InputError, SkippedFile
from .model import Document
from .segment import LIST_ITEM

__all__ = [
    "ARTICLE_SUFFIXES",
    "HTML_SUFFIXES",
    "MAX_BYTES_DEFAULT",
    "collect_paths",
    "decode",
    "iter_documents",
    "load",
    "markdown_markup",
    "normalise",
]

HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", ".md", ".text", *HTML_SUFFIXES)
MAX_BYTES_DEFAULT = 5_000_000

_SENTENCE_END = set("。！？!?；;：:…」』”）)】》")
# a line ending in one of these goes on; a line starting with one of these continues the last
_GOES_ON = set("，、,“「『《（(〔【—-·")
_CONTINUES = set("，、。；：！？）》」』”,.;:!?)")
_SPACES = " \t\u3000\xa0"
_NEWLINES = "\u2028\u2029\x0b\x0c\x85\x1c\x1d\x1e"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NOT_TEXT = (  # magic numbers of files that are not articles, with what to do about them
    (b"%PDF", "this is a PDF file; save its text as .txt first"),
    (b"PK\x03\x04", "this is a ZIP archive (or a .docx/.xlsx); save the article as text first"),
    (b"\xd0\xcf\x11\xe0", "this is a Word/Office document; save the article as text first"),
    (b"{\\rtf", "this is an RTF document; save the article as text first"),
    (b"\x89PNG", "this is a PNG image, not an article"),
    (b"\xff\xd8\xff", "this is a JPEG image, not an article"),
    (b"GIF8", "this is a GIF image, not an article"),
    (b"\x1f\x8b", "this is a gzip archive; unpack it first"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# legacy Chinese encodings, in the order tried; a later one only wins with a better score
_CHINESE = ("gb18030", "big5", "cp950", "big5hkscs")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "hz", "utf8": "utf-8", "big5-hkscs": "big5hkscs",
            "x-big5": "big5"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


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
            files = [p for p in sorted(path.rglob("*"))
                     if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)]
            if not files:
                raise InputError(f"{path}: this folder holds no articles "
                                 f"({', '.join(ARTICLE_SUFFIXES)} files)")
            for f in files:
                found.setdefault(str(f.resolve()), f)
        else:
            found.setdefault(str(path.resolve()), path)
    return [found[k] for k in sorted(found, key=lambda k: (found[k].name, k))]


# ---------------------------------------------------------------------------------------------
# decoding


@lru_cache(maxsize=1)
def _hanzi_weights() -> dict[str, float]:
    """How common each (simplified) character is: log10 of its frequency in jieba's dictionary.

    Loaded once (0.4 s), and only for a file that is not UTF-8.
    """
    from importlib import resources

    freq: dict[str, int] = {}
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, count, *_ = line.split(" ")
            n = int(count)
            for ch in word:
                freq[ch] = freq.get(ch, 0) + n
    # a character seen ~300 times is neutral; the 3,000 everyday characters score 0.6 to 3.6
    return {ch: math.log10(n + 1) - 2.5 for ch, n in freq.items()}


def chinese_score(text: str) -> float:
    """How much ``text`` reads like Chinese: everyday characters count, mojibake costs.

    Decoding Big5 bytes as GB18030 (or the reverse) gives rare characters, kana, Greek, box
    drawing and private-use characters; the right decoding gives everyday ones. Traditional
    characters are weighed as their simplified forms.
    """
    weights = _hanzi_weights()
    score = 0.0
    for raw, ch in zip(text, _simplify(text), strict=True):
        if ch.isascii():
            if not (ch.isprintable() or ch in "\n\r\t"):
                score -= 5
        elif _CJK.match(ch):
            score += weights.get(ch, -2.5)
        elif raw != ch:
            score += 1
        else:
            cat = unicodedata.category(ch)
            if cat == "Zs":
                continue
            if ch == "\ufffd" or cat in ("Co", "Cc", "Cn", "Cs"):
                score -= 5
            elif "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u2027":
                score += 1  # CJK and full-width punctuation, dashes and quotes
            else:
                score -= 3  # kana, hangul, Greek, Cyrillic, box drawing ...
    return score


def _decode_prefix(data: bytes, encoding: str) -> tuple[str, int] | None:
    """Decode strictly; a last character cut in half is left out. Returns ``(text, bytes left out)``."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    pending = decoder.getstate()[0]
    return text, len(pending)


def _canonical(name: str) -> str:
    name = name.strip().lower().replace("_", "-")
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def decode(data: bytes, path: str = "<bytes>", declared: str | None = None,
           notes: list[str] | None = None) -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    A BOM wins; then ``declared`` (a page's ``<meta charset>``) when it decodes cleanly; then
    UTF-8; then GB18030 or Big5, whichever decodes cleanly and reads most like Chinese. A last
    character cut in half (a truncated file) is left out and said so in ``notes``; so are bytes
    that no candidate decodes (replaced by U+FFFD when there are few of them).

    Raises :class:`SkippedFile` when the bytes are empty, binary or no text encoding fits.

    >>> decode("医联体".encode("gbk"))
    ('医联体', 'gb18030')
    >>> decode("醫聯體".encode("big5"))
    ('醫聯體', 'big5')
    """
    notes = notes if notes is not None else []
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise SkippedFile(path, "the file is empty" if not data else "the file holds only white space")
    for magic, reason in _NOT_TEXT:
        if data.startswith(magic):
            raise SkippedFile(path, reason)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            got = _decode_prefix(data, encoding)
            if got is None:
                text = data.decode(encoding, errors="replace")
                notes.append(f"{path}: some bytes are not valid {encoding} and were replaced by U+FFFD")
                return text.lstrip("\ufeff"), encoding
            text, cut = got
            if cut:
                notes.append(f"{path}: the file ends in the middle of a character ({cut} byte(s) left out); "
                             "it may be truncated")
            return text.lstrip("\ufeff") if encoding != "utf-8-sig" else text, encoding
    if b"\x00" in data[:8192]:
        raise SkippedFile(path, "this is a binary file, not an article (it holds NUL bytes)")

    candidates: list[tuple[str, str, int]] = []  # (encoding, text, bytes left out)
    if declared:
        enc = _canonical(declared)
        try:
            got = _decode_prefix(data, enc)
        except LookupError:
            got = None
        # trusted only for the encodings Chinese pages use (pages often claim latin-1 wrongly)
        if enc in ("utf-8", "gb18030", "big5", "cp950", "big5hkscs", "hz") and got is not None \
                and _CJK.search(got[0]):
            return _finish(path, enc, *got, notes)
        if enc in ("utf-8", "gb18030", "big5", "cp950", "big5hkscs", "hz"):
            notes.append(f"{path}: the page says it is {declared}, but it is not; detected instead")
    got = _decode_prefix(data, "utf-8")
    if got is not None:
        text = got[0]
        # UTF-8 by accident is only plausible for very short legacy text with no Chinese in UTF-8
        if text.isascii() or _CJK.search(text):
            return _finish(path, "utf-8", *got, notes)
        candidates.append(("utf-8", *got))
    tried = {c[0] for c in candidates}
    for enc in _CHINESE:
        if enc in ("cp950", "big5hkscs") and any(c[0].startswith("big5") for c in candidates):
            continue  # supersets of Big5: only needed when plain Big5 fails
        got = _decode_prefix(data, enc)
        tried.add(enc)
        if got is not None:
            candidates.append((enc, *got))
    if candidates:
        # best score wins; ties go to the earlier candidate (UTF-8, then GB18030, then Big5)
        # valid multi-byte UTF-8 is strong evidence on its own; a cut last character is weak evidence
        def rank(c: tuple[str, str, int]) -> tuple[float, int]:
            bonus = 2.0 * sum(not ch.isascii() for ch in c[1]) if c[0] == "utf-8" else 0.0
            return chinese_score(c[1]) + bonus - 5.0 * c[2], -candidates.index(c)

        best = max(candidates, key=rank)
        return _finish(path, *best, notes)

    # nothing decodes cleanly: a damaged file. Take the reading with the fewest bad bytes.
    from charset_normalizer import from_bytes

    guesses = [(enc, data.decode(enc, errors="replace")) for enc in ("utf-8", "gb18030", "big5")]
    match = from_bytes(data).best()
    if match is not None:
        guesses.append((match.encoding, str(match)))
    enc, text = max(guesses, key=lambda g: (chinese_score(g[1]), -guesses.index(g)))
    bad = text.count("\ufffd")
    if bad > max(8, len(text) // 20):
        raise SkippedFile(path, "cannot tell which text encoding this file uses "
                                "(not UTF-8, GB18030 or Big5); save it as UTF-8")
    notes.append(f"{path}: {bad} undecodable byte sequence(s) replaced by U+FFFD (read as {enc})")
    return text, _canonical(enc)


def _finish(path: str, encoding: str, text: str, cut: int, notes: list[str]) -> tuple[str, str]:
    if cut:
        notes.append(f"{path}: the file ends in the middle of a character ({cut} byte(s) left out); "
                     "it may be truncated")
    if encoding not in ("utf-8", "ascii"):
        notes.append(f"{path}: read as {encoding}")
    return text, encoding


# ---------------------------------------------------------------------------------------------
# normalising


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's Hong Kong table: t2s and the Hong Kong forms it leaves alone (衞生 -> 卫生, 敍 -> 叙).

    It differs from ``t2s`` on seven characters of the basic block, all such variants; Hong Kong
    news writes 衞生 in every health authority's name."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a declared dependency
        return None
    return opencc.OpenCC("hk2s")


def _simplify(text: str) -> str:
    """Traditional to simplified, character for character (length preserved or left unchanged)."""
    converter = _t2s()
    if converter is None or text.isascii():
        return text
    out = converter.convert(text)
    if len(out) != len(text):
        out = "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in text)
    # 乾 stays in simplified place names (乾安县, 乾县): OpenCC reads it as 干 (dry); in a text written
    # in simplified characters, so does the surname 於 (於国庆), which traditional texts write for 于
    keep = "乾"
    if "於" in text:
        changed = sum(c != o for c, o in zip(text, out, strict=True) if c not in "乾於")
        if changed <= len(text) // 200:
            keep += "於"
    if any(c in text for c in keep):
        out = "".join(c if c in keep else o for c, o in zip(text, out, strict=True))
    return out


_MD_LINE = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+]|\d{1,3}[.)])[ \t]+)", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[(?=[^\]\n]*\]\([^)\n]*\))|\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|`+|~~")
_MD_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_MD_TRAILING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)


def markdown_markup(text: str) -> frozenset[int]:
    """Indices of Markdown markup in ``text`` (heading and list marks, emphasis, link syntax).

    ``normalise(text, drop=markdown_markup(text))`` reads the article without them; the
    evidence still quotes the file as written.

    >>> text = "# 标题\\n\\n**甲医院**与[乙医院](http://x.cn)签约"
    >>> "".join(c for i, c in enumerate(text) if i not in markdown_markup(text))
    '标题\\n\\n甲医院与乙医院签约'
    """
    drop: set[int] = set()
    for pattern in (_MD_LINE, _MD_LINK, _MD_EMPHASIS, _MD_RULE, _MD_TRAILING_HASHES):
        for m in pattern.finditer(text):
            drop.update(range(m.start(), m.end()))
    return frozenset(drop)


_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body|div|p|meta)\b", re.IGNORECASE
)


_BOLD = re.compile(r"\*\*[^*\n]+\*\*")


def bold_markup(text: str) -> frozenset[int]:
    """Indices of paired ``**`` in plain text (院长**冯志远**表示): emphasis, not part of a name."""
    drop: set[int] = set()
    for m in _BOLD.finditer(text):
        drop.update((m.start(), m.start() + 1, m.end() - 2, m.end() - 1))
    return frozenset(drop)


def _looks_like_html(data: bytes) -> bool:
    """Whether a file saved as .txt is a web page (it opens with <!DOCTYPE html>, <html>, <div> …)."""
    return _HTML_START.match(data[:512]) is not None


def _line_shape(lines: list[str]) -> tuple[bool | None, float]:
    """Whether the text is hard-wrapped (pasted from a PDF or a narrow column), and its line width.

    ``None`` when there are too few lines to tell.
    """
    lengths = []
    open_ended = 0
    for line in lines:
        content = line.strip(_SPACES)
        if len(content) < 6:
            continue
        lengths.append(len(content))
        if content[-1] not in _SENTENCE_END:
            open_ended += 1
    if len(lengths) < 3:
        return None, float(max(lengths, default=0))
    lengths.sort()
    width = float(lengths[(3 * len(lengths)) // 4])
    # a wrapped text has no lines much longer than its width; paragraphs written as one line each
    # (a notice with a list of short lines between them) are not wrapped
    overlong = sum(1 for n in lengths if n > 1.3 * width)
    wrapped = open_ended >= 3 and open_ended >= 0.4 * len(lengths) and overlong <= 0.1 * len(lengths)
    return wrapped, width


class _FoldTable(dict):
    """``str.translate`` table of full-width and compatibility forms to their plain form, one
    character for one (NFKC where it gives one character), filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        value = folded if len(folded) == 1 else ch
        self[code] = value
        return value


_FOLD = _FoldTable()
_SPACE_RUN = re.compile(f"[{_SPACES}]+")
_UNUSUAL_BREAK = re.compile(f"[\\r{_NEWLINES}]")


def normalise(text: str, drop: Sequence[int] | frozenset[int] | set[int] | None = None
              ) -> tuple[str, tuple[int, ...]]:
    """Normalise ``text``; return the normalised text and the offset map (see :class:`Document`).

    - traditional characters become simplified and full-width forms plain, one for one;
    - a line break inside a sentence goes: after a comma or an opening bracket always; between
      Chinese text when the line is a full line of a hard-wrapped text (most lines stop without
      sentence-final punctuation), is long, or the text is
      too short to tell; across one blank line only when the line ends in a comma, or is long
      (60 characters or a full line of a hard-wrapped text) and has a comma inside (a page
      break mid-sentence, not a heading);
      a line break between two Latin words becomes a space;
    - spaces between Chinese characters go; ``\\r\\n`` becomes ``\\n``;
    - indices in ``drop`` (markup, see :func:`markdown_markup`) go.

    It works on whole strings and slices of the offset map, not character by character: it is
    run on every article, and a loop per character was a sixth of the extraction's time.

    >>> norm, offsets = normalise("武汉市第一医院与随州\\n市中医医院签约。")
    >>> norm, offsets[7], offsets[10]
    ('武汉市第一医院与随州市中医医院签约。', 7, 11)
    """
    simplified = _simplify(text)
    n = len(text)
    dropped = drop if isinstance(drop, (set, frozenset)) else frozenset(drop or ())
    # 1. characters kept, with their index in text; line ends unified (one for one, or deleted)
    kept: str
    pos: Sequence[int]
    if not dropped and not _UNUSUAL_BREAK.search(simplified):
        kept, pos = simplified, range(n)
    else:
        chars: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(simplified):
            if i in dropped:
                continue
            if ch == "\r":
                if i + 1 < n and simplified[i + 1] == "\n":
                    continue
                ch = "\n"
            elif ch in _NEWLINES:
                ch = "\n"
            chars.append(ch)
            where.append(i)
        kept, pos = "".join(chars), where
    # 2. lines, and which line breaks go
    lines = kept.split("\n")
    starts = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    hard_wrapped, width = _line_shape(lines)
    pieces: list[str] = []
    joined_pos: list[int] = []
    k = 0
    last = len(lines) - 1
    while k <= last:
        a = starts[k]
        b = a + len(lines[k])  # the index of the line's break in kept
        pieces.append(lines[k])
        joined_pos.extend(pos[a:b])
        if k == last:
            break
        # blank lines after this one
        j = k + 1
        while j < last and not lines[j].strip(_SPACES):
            j += 1
        join = _joins(lines[k], lines[j], j - k - 1, hard_wrapped, width)
        if join is None:
            pieces.append("\n")
            joined_pos.append(pos[b])
            k += 1
            continue
        if join == " ":
            pieces.append(" ")
            joined_pos.append(pos[b])
        k = j  # the breaks and blank lines in between are deleted
    joined = "".join(pieces)
    # 3. spaces and full-width forms
    folded = joined.translate(_FOLD)
    out: list[str] = []
    offsets: list[int] = []
    done = 0
    rows = _spaced_rows(joined)  # lines of a table cut by spaces
    for run in _SPACE_RUN.finditer(joined):
        i, j = run.span()
        out.append(folded[done:i])
        offsets.extend(joined_pos[done:i])
        done = j
        prev = folded[i - 1] if i else "\n"
        nxt = joined[j] if j < len(joined) else "\n"
        # 县级公立医院　平阳县人民医院, 华山医院　陶一帆, 4　重庆大学附属三峡医院 (a table's
        # columns): a full-width space next to a Chinese character separates it from a word or
        # number, where narrow ones (justified text: 医 院) do not
        separates = bool("\u3000" in run.group() and (_CJK.match(prev) or _CJK.match(nxt))
                         and prev.isalnum() and nxt.isalnum())
        if prev != "\n" and nxt != "\n" and ("\t" in run.group() or _in_rows(rows, i)):
            # 1	中南大学湘雅医院	新化县人民医院, 1 承德市中心医院 钮劲松 …: columns cut by tabs, or by
            # spaces on a line of words of two characters or more, are a table's cells, as a bar
            # cuts them (贺  铮, a name padded to the width of three, and 医 院 stay whole)
            out.append("｜")
            offsets.append(joined_pos[i])
            continue
        if not separates and (prev == "\n" or nxt == "\n" or _CJK.match(prev) or _CJK.match(nxt)
                              or not prev.isascii() or not nxt.isascii()):
            continue
        if separates and (prev == "\n" or nxt == "\n"):
            continue
        out.append(" ")
        offsets.append(joined_pos[i])
    out.append(folded[done:])
    offsets.extend(joined_pos[done:])
    offsets.append(n)
    return "".join(out), tuple(offsets)


_COLUMNS = re.compile(r"\S(?:\t|[ \u3000]{2,})\S")
# a line of three or more words of two characters or more (a number may open it, a dash stand for an
# empty cell) cut by spaces (not full-width ones, read as a word's end already), in Chinese, with no
# punctuation of a sentence: a row of a table whose columns the spaces cut
_INNER_GAP = re.compile(r"[^\s][ \t]+[^\s]")
_CELL_WORD = re.compile(r"[^\s，。；！？,;]{2,}")
_CELL = re.compile(r"[^\s，。；！？,;]+")
_ROW_GAP = re.compile(r"[ \t]+")
_EMPTY_CELL = ("—", "-", "－", "/", "／", "——")


def _spaced_row(line: str, gap: re.Pattern[str] = _ROW_GAP) -> bool:
    if " " not in line and "\t" not in line and gap is _ROW_GAP:
        return False
    words = gap.split(line.strip(" \t\u3000"))
    if words and words[0].isdigit() and len(words[0]) <= 3:
        words = words[1:]
    cells = [w for w in words if w not in _EMPTY_CELL]
    # (a cell of one character among them: 男, 女)
    return (sum(1 for w in cells if _CELL_WORD.fullmatch(w)) >= 3 and all(_CELL.fullmatch(w) for w in cells)
            and _CJK.search(line) is not None)


def _spaced_rows(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that are rows of a table cut by spaces (in order)."""
    rows: list[tuple[int, int]] = []
    end = -1
    for gap in _INNER_GAP.finditer(text):  # (only lines with a gap inside are read)
        if gap.start() < end:
            continue
        start = text.rfind("\n", 0, gap.start()) + 1
        end = text.find("\n", gap.end())
        end = len(text) if end < 0 else end
        if _spaced_row(text[start:end]):
            rows.append((start, end))
    return sorted(rows + _wide_rows(text)) if "\u3000" in text else rows


_WIDE_GAP = re.compile(r"[ \t\u3000]+")
_HEADER_WORDS = re.compile(r"序号|姓名|单位|名称|医院")


def _wide_rows(text: str) -> list[tuple[int, int]]:
    """Lines of a table whose columns full-width spaces cut (序号　姓名　派出单位　受援单位): three
    or more such lines in a row, the first a heading. (One such line alone, 记者　张三　李四, is a
    byline: full-width spaces there only end words.)"""
    rows: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    start = 0
    for line in [*text.split("\n"), ""]:
        end = start + len(line)
        if "\u3000" in line.strip(" \t\u3000") and _spaced_row(line, _WIDE_GAP):
            run.append((start, end))
        else:
            if len(run) >= 3 and _HEADER_WORDS.search(text, run[0][0], run[0][1]):
                rows.extend(run)
            run = []
        start = end + 1
    return rows


def _is_row(line: str) -> bool:
    if " " not in line and "\t" not in line and "\u3000" not in line:
        return False
    return bool(_COLUMNS.search(line) or _spaced_row(line))


def _in_rows(rows: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` is inside one of ``rows`` (spans in order)."""
    k = bisect.bisect_right(rows, (at, math.inf)) - 1
    return k >= 0 and rows[k][0] <= at < rows[k][1]


def _joins(line: str, nxt: str, blank: int, hard_wrapped: bool | None, width: float) -> str | None:
    """How the break after ``line`` goes: ``""`` deleted, ``" "`` as a space, ``None`` kept."""
    content = line.strip(_SPACES)
    if not content or not nxt or blank > 1:
        return None
    if nxt[0] in _SPACES:  # an indented line starts a paragraph
        return None
    if LIST_ITEM.match(nxt[:6]):  # so does an item of a numbered list
        return None
    if ("|" in content or "｜" in content) and ("|" in nxt or "｜" in nxt):  # rows of a table (序号｜名称｜…)
        return None
    if _is_row(content) and (blank or _is_row(nxt)):  # …or of one cut by tabs or spaces
        return None
    last, first = content[-1], nxt[0]
    if last in _SENTENCE_END and last not in _GOES_ON:
        return None
    full_line = hard_wrapped and len(content) >= 0.8 * width
    if blank == 1:
        # a paragraph cut by a page break: a long or full line that stops mid-sentence; headings
        # (short, no comma inside) stay apart from the paragraph after them
        long_line = full_line or len(content) >= 60
        inner = any(p in content for p in "，、；,;")
        ok = last in _GOES_ON or (long_line and inner and bool(_CJK.match(last) or _CJK.match(first)))
    else:
        ok = (last in _GOES_ON or first in _CONTINUES
              or ((_CJK.match(last) or _CJK.match(first))
                  and (hard_wrapped is None or len(content) >= 40
                       or (hard_wrapped and len(content) >= 0.5 * width))))
        if not ok and last.isascii() and first.isascii() and last.isalnum() and first.isalnum():
            return " " if hard_wrapped and len(content) >= 0.8 * width else None
    if not ok:
        return None
    return " " if last.isascii() and first.isascii() and last.isalnum() and first.isalnum() else ""


# ---------------------------------------------------------------------------------------------
# loading


def _title(norm: str) -> str | None:
    for line in norm.splitlines():
        line = line.strip()
        if line:
            return line[:120]
    return None


def load(path: str | Path, doc_id: str | None = None, max_bytes: int = MAX_BYTES_DEFAULT,
         notes: list[str] | None = None) -> Document:
    """Read one article (text, Markdown or HTML).

    Raises :class:`SkippedFile` with the reason when it cannot be used; appends to ``notes``
    what is worth saying about a file that was read (its encoding when not UTF-8, truncation).
    """
    path = Path(path)
    notes = notes if notes is not None else []
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SkippedFile(str(path), f"the file is {size:,} bytes, over the limit of {max_bytes:,}; "
                                         "raise it with --max-bytes if this really is one article")
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        reason = f"cannot read the file ({exc.strerror or exc}); check its permissions"
        raise SkippedFile(str(path), reason) from exc
    if len(data) > max_bytes:  # grew while we looked
        raise SkippedFile(str(path), f"the file is over the limit of {max_bytes:,} bytes; "
                                     "raise it with --max-bytes if this really is one article")
    suffix = path.suffix.lower()
    title = date = publisher = site = None
    drop: frozenset[int] = frozenset()
    if suffix in HTML_SUFFIXES or _looks_like_html(data):  # a page saved under another name
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else None
        html, encoding = decode(data, str(path), declared=declared, notes=notes)
        from .htmltext import extract_page

        page = extract_page(html)
        text, title, date, publisher, site = page.text, page.title, page.date, page.publisher, page.site
        if not text.strip():
            raise SkippedFile(str(path), "no article text found in this page")
    else:
        text, encoding = decode(data, str(path), notes=notes)
        # a Markdown file's markup; in plain text, the bold marks a post copied from WeChat keeps
        drop = markdown_markup(text) if suffix == ".md" else bold_markup(text)
    norm, offsets = normalise(text, drop)
    if not _CJK.search(norm):
        raise SkippedFile(str(path), "no Chinese text in this file")
    return Document(doc_id=doc_id or path.name, path=str(path), text=text, norm=norm, offsets=offsets,
                    encoding=encoding, title=title or _title(norm), date=date, publisher=publisher, site=site)


def iter_documents(paths: Iterable[Path], max_bytes: int = MAX_BYTES_DEFAULT,
                   notes: list[str] | None = None) -> Iterator[Document | SkippedFile]:
    """Load each path; yield the document, or the :class:`SkippedFile` saying why it was not."""
    for path in paths:
        try:
            yield load(path, max_bytes=max_bytes, notes=notes)
        except SkippedFile as skipped:
            yield skipped
