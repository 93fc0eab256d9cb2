"""Dates: absolute, partial and relative, resolved against the article's date."""

from __future__ import annotations

import pytest

from kg.dates import article_date, find_dates, signature_date

CASES = [
    ("2024年3月5日，双方签约。", "2024-06-01", "2024-03-05"),
    ("今年4月，分院揭牌。", "2023-09-10", "2023-04"),
    ("去年10月27日启动。", "2023-09-10", "2022-10-27"),
    ("昨日，两院签署协议。", "2025-01-02", "2025-01-01"),
    ("2019年起合作。", None, "2019"),
    ("二〇二三年五月二十一日，两院签约。", None, "2023-05-21"),
    ("二〇二四年十月，分院揭牌。", None, "2024-10"),
    ("11日，两院签署协议。", "2024-04-12", "2024-04-11"),  # a day of the article's month
    ("28日，两院签约。", "2024-07-02", "2024-06-28"),  # a day ahead of the article: last month's
    ("上月26日，中心与医院签约。", "2024-07-08", "2024-06-26"),
    ("上月底，两院签订协议。", "2025-08-12", "2025-07"),
    ("十月十一日，两院签署协议。", "2024-10-12", "2024-10-11"),  # Chinese numerals, no year
    ("去年年底，两院签订协议。", "2025-03-05", "2024"),  # a part of a year: the year alone
    ("今年初，首批专家进驻。", "2025-03-05", "2025"),
    ("上周三，两院签约。", "2025-10-20", "2025-10-15"),  # the article's Monday, last week's Wednesday
    ("本周一，两院签约。", "2025-10-22", "2025-10-20"),
]


@pytest.mark.parametrize(("text", "reference", "value"), CASES)
def test_dates_resolve_against_reference(text: str, reference: str | None, value: str) -> None:
    found = find_dates(text, reference)
    assert found and found[0].value == value


def test_dates_article_date_prefers_the_dateline() -> None:
    assert article_date("标题\n2023-08-09 10:05\n正文提到2025年计划。") == "2023-08-09"
    assert article_date("正文提到2019年和2021年。") == "2021"


def test_dates_article_date_in_chinese_numerals() -> None:
    assert article_date("标题\n二〇二四年十月十二日　浙江日报\n10月11日，签约。") == "2024-10-12"


def test_dates_same_day_is_the_day_named_before() -> None:
    found = find_dates("12月27日，集团揭牌。\n同日，省人民医院与县人民医院签约。", "2023-12-28")
    assert [d.value for d in found] == ["2023-12-27", "2023-12-27"]


def test_dates_that_day_is_the_day_named_before_else_the_articles() -> None:
    found = find_dates("11月12日上午，专家连线会诊。当天，两院签约。", "2024-11-14")
    assert [d.value for d in found] == ["2024-11-12", "2024-11-12"]
    assert [d.value for d in find_dates("当天，两院签约。", "2024-11-14")] == ["2024-11-14"]


def test_dates_numbers_of_documents_and_plans_are_not_days() -> None:
    assert find_dates("黔卫健函〔2025〕27号；3号楼", "2025-03-14") == []
    [plan] = find_dates("2024年度省级医联体建设名单如下：", "2024-07-02")
    assert plan.value == "2024" and plan.plan_year


def test_dates_a_notice_is_dated_by_its_signature() -> None:
    notice = (
        "关于调整对口帮扶关系的通知\n\n各医疗机构：\n现将有关事项通知如下。\n\n"
        "贵州省卫生健康委员会\n2025年3月14日\n"
    )
    assert signature_date(notice) == article_date(notice) == "2025-03-14"
    assert signature_date("某某委员会\n二〇二五年三月十四日") == "2025-03-14"
    assert signature_date("正文提到2025年3月14日") is None
