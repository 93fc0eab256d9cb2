"""Dates in Chinese news: absolute (2025年11月21日, 2025-07-27), partial (7月2日, 今年4月) and
relative (昨日, 去年), resolved against the article's own date.

The article's date comes from its dateline when it has one; otherwise the latest year the
article names stands in for it (a report on 2025 written in 2025), which is how a reader would
read 今年4月 in an undated clipping.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "article_date", "dateline_span", "find_dates", "signature_date"]

_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?")
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?!代)(度)?")
_MONTH_DAY = re.compile(r"(?<![\d年\-/.])(今年|去年|明年)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# 11日与…签署协议, 上月26日: a day of the article's own month (or of the month before); not 号,
# which numbers documents and buildings (〔2025〕27号, 3号楼) as often as it names days
_DAY = re.compile(r"(?<![\d年月\-/.每近第前后数逐隔〕\]])(上月|本月|当月)?(\d{1,2})\s*日(?![内以间])")
_MONTH = re.compile(r"(?<![\d年\-/.])(今年|去年|明年)?(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])(?![份]?\d)")
_RELATIVE = re.compile(r"(昨日|昨天|前天|今日|今天|日前|近日|去年|今年|明年)")
# 上月底, 本月初: a month relative to the article's (上月26日 is a day, read by _DAY)
_RELATIVE_MONTH = re.compile(
    r"(上月|上个月|本月|当月)(?:底|初|中旬|上旬|下旬|末)?(?![\d一二三四五六七八九十])"
)
# 去年年底, 今年初, 去年下半年: a part of a year relative to the article's, the year alone
_RELATIVE_YEAR_PART = re.compile(r"(去年|今年)(?:年底|年末|年初|年中|底|末|初|上半年|下半年)")
# 上周三, 本周一: a day of the article's week or the week before
_WEEKDAY = re.compile(r"(上周|上星期|本周|这周)([一二三四五六日天])")
# 十月十一日 without its year: of the article's year
_CN_MONTH_DAY = re.compile(
    r"(?<![〇零一二三四五六七八九年])([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[日号]"
)
# 当天/当日 is the day last named (11月12日…当天，两院签约), the article's day when none was
_THAT_DAY = re.compile(r"同日|同一天|当天|当日")
# dates written in Chinese numerals: 二〇二四年十月十二日, 二〇二三年五月
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CN_FULL = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})[日号])?"
)
_SIGNATURE = re.compile(r"\n[ \t\u3000]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATELINE = re.compile(r"(?<!\d)((?:19|20)\d{2})[\-/.年](\d{1,2})[\-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2})?")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    explicit_year: bool
    plan_year: bool = False  # 2024年度: the year a plan or list is for, not the day something happened


def cn_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十一 -> 21, 三十 -> 30; 二〇二四 (digit by digit) -> 2024."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (cn_number(tens) if tens else 1) * 10 + (cn_number(ones) if ones else 0)


def _cn_date(m: re.Match) -> tuple[int, int, int | None]:
    return cn_number(m.group(1)), cn_number(m.group(2)), cn_number(m.group(3)) if m.group(3) else None


def _valid(y: int, m: int, d: int | None = None) -> bool:
    if not (1 <= m <= 12):
        return False
    if d is None:
        return True
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline is, so that the article's own date is not read as an event's date."""
    for m in _DATELINE.finditer(text[:400]):
        if text[m.end() : m.end() + 1] in ("，", ",", "、", "起", "至", "前", "后", "以"):
            continue  # 2025年11月21日，随着…: an event in the first sentence, not the dateline
        if _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return m.span()
    for m in _CN_FULL.finditer(text[:400]):  # 二〇二四年十月十二日　浙江日报
        y, mo, d = _cn_date(m)
        if d is not None and _valid(y, mo, d) and text[m.end() : m.end() + 1] not in ("，", ","):
            return m.span()
    return None


def signature_date(text: str) -> str | None:
    """The date a notice is signed with, on the last line: 2025年3月14日 or 二〇二五年三月十四日."""
    tail = text.rstrip()[-40:]
    m = _SIGNATURE.search(tail)
    if m is not None and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    for m in _CN_FULL.finditer(tail):
        y, mo, d = _cn_date(m)
        if d is not None and m.end() == len(tail) and "\n" in tail[: m.start()] and _valid(y, mo, d):
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def article_date(text: str) -> str | None:
    """The date of the article: a dateline near the top, else the date a notice is signed with at
    its end (贵州省卫生健康委员会\n2025年3月14日), else the latest year it names."""
    span = dateline_span(text)
    if span is not None:
        m = _DATELINE.match(text, span[0])
        if m is not None:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        y, mo, d = _cn_date(_CN_FULL.match(text, span[0]))
        return f"{y:04d}-{mo:02d}-{d:02d}"
    signed = signature_date(text)
    if signed is not None:
        return signed
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", text)]
    if years:
        return f"{max(years):04d}"
    return None


def _shift(base_year: int, word: str | None) -> int:
    return base_year + {"去年": -1, "明年": 1}.get(word or "", 0)


def find_dates(text: str, reference: str | None) -> list[DateMention]:
    """Date expressions in ``text`` with their values; partial ones completed from ``reference``."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    ref_year = int(reference[:4]) if reference else None
    ref_date = None
    if reference and len(reference) == 10:
        ref_date = dt.date.fromisoformat(reference)
    for m in _FULL.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", True))
            taken.append(m.span())
    for m in _CN_FULL.finditer(text):
        y, mo, d = _cn_date(m)
        if free(*m.span()) and _valid(y, mo, d):
            value = f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d is not None else "")
            found.append(DateMention(m.start(), m.end(), value, True))
            taken.append(m.span())
    for m in _YEAR_MONTH.finditer(text):
        y, mo = int(m.group(1)), int(m.group(2))
        if free(*m.span()) and _valid(y, mo):
            found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}", True))
            taken.append(m.span())
    for m in _YEAR.finditer(text):
        if free(*m.span()):
            found.append(DateMention(m.start(), m.end(), f"{int(m.group(1)):04d}", True, bool(m.group(2))))
            taken.append(m.span())
    if ref_year is not None:
        for m in _MONTH_DAY.finditer(text):
            y, mo, d = _shift(ref_year, m.group(1)), int(m.group(2)), int(m.group(3))
            if free(*m.span()) and _valid(y, mo, d):
                found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", False))
                taken.append(m.span())
        for m in _MONTH.finditer(text):
            y, mo = _shift(ref_year, m.group(1)), int(m.group(2))
            if free(*m.span()) and _valid(y, mo):
                found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}", False))
                taken.append(m.span())
    if ref_year is not None:
        for m in _RELATIVE_YEAR_PART.finditer(text):
            if free(*m.span()):
                found.append(DateMention(m.start(), m.end(), f"{_shift(ref_year, m.group(1)):04d}", False))
                taken.append(m.span())
        for m in _CN_MONTH_DAY.finditer(text):
            y, mo, d = ref_year, cn_number(m.group(1)), cn_number(m.group(2))
            if free(*m.span()) and _valid(y, mo, d):
                found.append(DateMention(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", False))
                taken.append(m.span())
    if ref_date is not None:
        for m in _RELATIVE_MONTH.finditer(text):
            year, month = ref_date.year, ref_date.month
            if m.group(1) in ("上月", "上个月"):
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
            if free(*m.span()):
                found.append(DateMention(m.start(), m.end(), f"{year:04d}-{month:02d}", False))
                taken.append(m.span())
        for m in _DAY.finditer(text):
            day = _day_of_month(ref_date, m.group(1), int(m.group(2)))
            if day is not None and free(*m.span()):
                found.append(DateMention(m.start(), m.end(), day.isoformat(), False))
                taken.append(m.span())
        for m in _WEEKDAY.finditer(text):
            back = ref_date.weekday() + (7 if m.group(1) in ("上周", "上星期") else 0)
            weekday = min("一二三四五六日天".index(m.group(2)), 6)
            day = ref_date + dt.timedelta(days=weekday - back)
            if day <= ref_date and free(*m.span()):
                found.append(DateMention(m.start(), m.end(), day.isoformat(), False))
                taken.append(m.span())
        offsets = {"昨日": -1, "昨天": -1, "前天": -2, "今日": 0, "今天": 0}
        for m in _RELATIVE.finditer(text):
            word = m.group(1)
            if word in offsets and free(*m.span()):
                day = ref_date + dt.timedelta(days=offsets[word])
                found.append(DateMention(m.start(), m.end(), day.isoformat(), False))
                taken.append(m.span())
    found.sort(key=lambda d: d.start)
    for m in _THAT_DAY.finditer(text):  # 同日，B医院也…: the day last named before
        before = [d for d in found if d.end <= m.start() and len(d.value) == 10]
        if not free(*m.span()):
            continue
        if before:
            found.append(DateMention(m.start(), m.end(), before[-1].value, before[-1].explicit_year))
        elif ref_date is not None and m.group() in ("当天", "当日"):
            found.append(DateMention(m.start(), m.end(), ref_date.isoformat(), False))
        else:
            continue
        taken.append(m.span())
        found.sort(key=lambda d: d.start)
    return found


def _day_of_month(ref: dt.date, month_word: str | None, day: int) -> dt.date | None:
    """26日 in an article of 2024-07-08 is 2024-06-26 (days ahead of the article are last month's);
    上月26日 is last month's whatever the day."""
    year, month = ref.year, ref.month
    if month_word == "上月" or (month_word is None and day > ref.day):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    if not _valid(year, month, day):
        return None
    return dt.date(year, month, day)
