"""Dates: absolute, partial and relative, resolved against the article's date."""

from __future__ import annotations

import pytest

from kg.dates import article_date, find_dates

CASES = [
    ("2024年3月5日，双方签约。", "2024-06-01", "2024-03-05"),
    ("今年4月，分院揭牌。", "2023-09-10", "2023-04"),
    ("去年10月27日启动。", "2023-09-10", "2022-10-27"),
    ("昨日，两院签署协议。", "2025-01-02", "2025-01-01"),
    ("2019年起合作。", None, "2019"),
]


@pytest.mark.parametrize(("text", "reference", "value"), CASES)
def test_dates_resolve_against_reference(text: str, reference: str | None, value: str) -> None:
    found = find_dates(text, reference)
    assert found and found[0].value == value


def test_dates_article_date_prefers_the_dateline() -> None:
    assert article_date("标题\n2023-08-09 10:05\n正文提到2025年计划。") == "2023-08-09"
    assert article_date("正文提到2019年和2021年。") == "2021"
