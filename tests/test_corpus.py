"""Reading articles: encodings, formats, line joins, metadata and the offset map."""

from __future__ import annotations

import itertools

import pytest

from kg import corpus
from kg.errors import InputError, SkippedFile
from kg.htmltext import extract_page, iso_date

SENTENCE = "2025年11月21日，武汉市第一医院与随州市中医医院签署党建共建紧密型医联体协议。"
TRADITIONAL = "2025年11月21日，武漢市第一醫院與隨州市中醫醫院簽署黨建共建緊密型醫聯體協議。"

# (what, bytes, expected text, expected encoding)
ENCODINGS = [
    ("utf-8", SENTENCE.encode("utf-8"), SENTENCE, "utf-8"),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE, "utf-8-sig"),
    ("utf-16 with BOM", SENTENCE.encode("utf-16"), SENTENCE, "utf-16"),
    ("gbk", SENTENCE.encode("gbk"), SENTENCE, "gb18030"),
    ("gb18030", SENTENCE.encode("gb18030"), SENTENCE, "gb18030"),
    ("gb18030, 4-byte character", "医院㐀".encode("gb18030"), "医院㐀", "gb18030"),
    ("big5", TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
    ("traditional in gbk", TRADITIONAL.encode("gbk"), TRADITIONAL, "gb18030"),
    # short texts, where byte statistics (charset-normalizer) guess wrong
    ("short gbk", "医联体".encode("gbk"), "医联体", "gb18030"),
    ("short gbk 2", "湖北省卫健委".encode("gbk"), "湖北省卫健委", "gb18030"),
    ("short gbk 3", "今天".encode("gbk"), "今天", "gb18030"),
    ("short big5", "臺灣醫院".encode("big5"), "臺灣醫院", "big5"),
    ("short big5 2", "醫聯體".encode("big5"), "醫聯體", "big5"),
    ("short utf-8", "院".encode(), "院", "utf-8"),
]


@pytest.mark.parametrize(("what", "data", "text", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_corpus_decode_encodings(what: str, data: bytes, text: str, encoding: str) -> None:
    notes: list[str] = []
    got, enc = corpus.decode(data, "a.txt", notes=notes)
    assert (got, enc) == (text, encoding)
    if encoding not in ("utf-8",):
        assert any(encoding in n for n in notes) or encoding.startswith("utf")


@pytest.mark.parametrize("cut", [1, 2])
def test_corpus_decode_truncated_utf8_reads_what_is_there(cut: int) -> None:
    data = SENTENCE.encode("utf-8")[:-1]  # "。" is 3 bytes: cut in its middle
    data = data[: len(data) - (cut - 1)]
    notes: list[str] = []
    text, enc = corpus.decode(data, "cut.txt", notes=notes)
    assert enc == "utf-8"
    assert text == SENTENCE[:-1]
    assert any("cut.txt" in n and "truncated" in n for n in notes)


def test_corpus_decode_truncated_gb18030() -> None:
    data = SENTENCE.encode("gb18030")[:-1]
    notes: list[str] = []
    text, enc = corpus.decode(data, "cut.txt", notes=notes)
    assert (text, enc) == (SENTENCE[:-1], "gb18030")
    assert any("truncated" in n for n in notes)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \r\n\t ", "white space"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ],
)
def test_corpus_decode_rejects_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(SkippedFile, match=reason) as info:
        corpus.decode(data, "bad.txt")
    assert info.value.path == "bad.txt"


def test_corpus_decode_damaged_gb_replaces_few_bytes() -> None:
    data = SENTENCE.encode("gb18030") * 5
    data = data[:40] + b"\xff" + data[40:]
    notes: list[str] = []
    text, enc = corpus.decode(data, "damaged.txt", notes=notes)
    assert enc == "gb18030"
    assert text.count("\ufffd") == 1 and "武汉市第一医院" in text
    assert any("U+FFFD" in n for n in notes)


# ---------------------------------------------------------------------------------------------
# normalising


def check_offsets(text: str, norm: str, offsets: tuple[int, ...]) -> None:
    """The invariant: norm is text with characters deleted and some replaced one for one."""
    assert len(offsets) == len(norm) + 1
    assert offsets[-1] == len(text)
    assert all(a < b for a, b in itertools.pairwise(offsets))
    fold = corpus._FOLD
    for i, ch in enumerate(norm):
        raw = text[offsets[i]]
        assert ch == raw or ch == raw.translate(fold) or ch == corpus._simplify(raw).translate(fold) \
            or (raw == "\r" and ch == "\n") or (raw in corpus._NEWLINES and ch == "\n") \
            or (raw in "\n\r" and ch == " ") or (raw in corpus._SPACES and ch in " ｜") \
            or (corpus._CJK.match(raw) and corpus._CJK.match(ch)), (i, raw, ch)


NORMALISE = [
    # (what, text, normalised)
    ("break inside a sentence", "武汉市第一医院与随州\n市中医医院签约。",
     "武汉市第一医院与随州市中医医院签约。"),
    ("crlf", "第一段。\r\n第二段。", "第一段。\n第二段。"),
    ("lone cr", "第一段。\r第二段。", "第一段。\n第二段。"),
    ("spaced-out characters", "湖 南 省 人 民 医 院", "湖南省人民医院"),
    # a full-width space between Chinese words separates them (a headline's two parts, a name)
    ("full-width space", "公立医院　平阳县人民医院联盟", "公立医院 平阳县人民医院联盟"),
    ("table columns", "4　　重庆大学附属三峡医院　巫溪县人民医院", "4 重庆大学附属三峡医院 巫溪县人民医院"),
    ("indent", "　　首行缩进的段落。", "首行缩进的段落。"),
    ("full-width forms", "ＡＢＣ１２３，医院", "ABC123,医院"),
    ("traditional", "武漢市第一醫院", "武汉市第一医院"),
    ("Hong Kong forms", "香港衞生署與瑪麗醫院", "香港卫生署与玛丽医院"),  # 衞: t2s leaves it
    ("乾 in simplified place names", "吉林大学第二医院托管乾安县医院", "吉林大学第二医院托管乾安县医院"),
    ("the surname 於 in simplified text", "检验科副主任技师於国庆进驻", "检验科副主任技师於国庆进驻"),
    ("於 for 于 in traditional text", "醫院位於香港，於2019年成立", "医院位于香港,于2019年成立"),
    ("numbered items stay lines", "如下\n1. 甲—乙\n2. 丙—丁", "如下\n1.甲—乙\n2.丙—丁"),
    ("comma then blank line", "双方签署了协议，\n\n共建医联体。", "双方签署了协议,共建医联体。"),
    ("paragraphs stay", "第一段。\n\n第二段。", "第一段。\n\n第二段。"),
    ("hard-wrapped latin words", "Wuhan No.1\nHospital and\nSuizhou", "Wuhan No.1 Hospital and Suizhou"),
    # a table whose columns tabs or spaces cut: its cells, as bars cut them; its rows stay lines, and
    # a cell wrapped onto the next line joins its row
    ("tab columns", "1\t中南大学湘雅医院\t新化县人民医院\n2\t湖南省人民医院\t新晃侗族自治县人民医院",
     "1｜中南大学湘雅医院｜新化县人民医院\n2｜湖南省人民医院｜新晃侗族自治县人民医院"),
    ("spaced columns",
     "序号 派出单位 姓名 派驻岗位\n1 承德市中心医院 钮劲松 业务副\n院长\n2 承德市中医院 甘霖溪 针灸科 —",
     "序号｜派出单位｜姓名｜派驻岗位\n1｜承德市中心医院｜钮劲松｜业务副院长\n2｜承德市中医院｜甘霖溪｜针灸科｜—"),
    ("a padded name stays whole", "副主任柏  岚，院长嵇  峻 等出席", "副主任柏岚,院长嵇峻等出席"),
    ("spaced columns with a cell of one character",
     "序号 派出单位 姓名 性别 职称\n1 河南省人民医院 仉振宇 男 副主任医师",
     "序号｜派出单位｜姓名｜性别｜职称\n1｜河南省人民医院｜仉振宇｜男｜副主任医师"),
    # …and full-width spaces, when three lines or more in a row are so cut and the first is a heading
    ("full-width columns",
     "序号　姓名　　派出单位　　　受援单位\n1　　郦振宇　江西省人民医院　　克州人民医院\n"
     "2　　笪丽君　南昌大学第一附属医院　克州人民医院",
     "序号｜姓名｜派出单位｜受援单位\n1｜郦振宇｜江西省人民医院｜克州人民医院\n"
     "2｜笪丽君｜南昌大学第一附属医院｜克州人民医院"),
    ("a byline so spaced stays words",
     "记者　张晓明　李红梅　王立新\n\n本报讯", "记者 张晓明 李红梅 王立新\n\n本报讯"),
]


@pytest.mark.parametrize(("what", "text", "expected"), NORMALISE, ids=[n[0] for n in NORMALISE])
def test_corpus_normalise_cases(what: str, text: str, expected: str) -> None:
    norm, offsets = corpus.normalise(text)
    assert norm == expected
    check_offsets(text, norm, offsets)


def test_corpus_normalise_keeps_its_offset_map_on_mixed_input() -> None:
    """Line breaks of every kind, runs of narrow and wide spaces, full-width and traditional
    characters and dropped markup, mixed at random: the offset map stays true."""
    import random

    rng = random.Random(2026)
    pieces = ["医", "院", "市", "A", "b", "1", "，", "。", " ", "\u3000", "\xa0", "\t", "\n", "\n\n", "\r\n",
              "\r", "\u2028", "Ａ", "１", "（", "\u2003", "衞", "醫", "：", "1.", "\n\u3000"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        drop = set(rng.sample(range(len(text)), k=min(len(text), 3))) if rng.random() < 0.3 else None
        norm, offsets = corpus.normalise(text, drop)
        check_offsets(text, norm, offsets)
        assert not set(offsets[:-1]) & (drop or set())


PDF_TEXT = (
    "武汉市第一医院与随州市中医医院\n\n"
    "本报讯 11月21日，武汉市第一医院与随州市中医\n"
    "医院签署党建共建紧密型医联体协议书，两家医院\n"
    "正式联姻。武汉市第一医院将派出专家团队常驻随\n"
    "州市中医医院，开展远程会诊和双向转诊，帮助随\n"
    "州市中医医院提升诊疗水平。根据协议，双方将在\n"
    "\n"
    "学科建设、人才培养等方面深度合作。\n"
    "\n"
    "　　另据了解，随州市中医医院已与多家基层医疗\n"
    "机构建立县域医共体。\n"
)


def test_corpus_normalise_joins_pdf_lines_keeps_title_and_paragraphs() -> None:
    norm, offsets = corpus.normalise(PDF_TEXT)
    check_offsets(PDF_TEXT, norm, offsets)
    lines = [line for line in norm.split("\n") if line]
    assert lines[0] == "武汉市第一医院与随州市中医医院"  # the title stays its own line
    assert "与随州市中医医院签署党建共建紧密型医联体协议书" in norm
    assert "常驻随州市中医医院" in norm
    # a page break in the middle of a sentence (a full line, then a blank line)
    assert "双方将在学科建设、人才培养等方面深度合作。" in norm
    # an indented line starts a new paragraph
    assert "\n另据了解，随州市中医医院已与多家基层医疗机构建立县域医共体。" in norm.replace(",", "，")


def test_corpus_normalise_soft_wrapped_text_keeps_headings() -> None:
    text = ("医联体建设综述\n"
            "2025年11月21日，武汉市第一医院与随州市中医医院签约。两家医院将开展远程会诊。\n"
            "专家团队\n"
            "武汉市第一医院派出专家团队常驻随州。专家张力挂职副院长。\n"
            "随州市中医医院表示将深化合作，推动优质医疗资源下沉。\n")
    norm, offsets = corpus.normalise(text)
    check_offsets(text, norm, offsets)
    assert norm.split("\n")[0] == "医联体建设综述"
    assert "\n专家团队\n" in norm


def test_corpus_normalise_keeps_a_list_of_short_lines_between_long_paragraphs() -> None:
    # most lines end without punctuation, as in a wrapped text, but the paragraphs are one line each
    para = ("为贯彻落实推动城市优质医疗资源下沉的工作要求，持续提升县级医院综合服务能力，"
            "经研究，现将名单印发给你们，并就有关事项通知如下。")
    pairs = ["西安交通大学第一附属医院—镇巴县人民医院", "西安交通大学第二附属医院—紫阳县人民医院",
             "陕西省人民医院—洛南县医院", "陕西省肿瘤医院—商南县医院", "西安市中心医院—佛坪县医院",
             "西安市第一医院—岚皋县医院", "宝鸡市中心医院—太白县医院"]
    text = "\n\n".join(["陕西省卫生健康委员会关于印发对口支援名单的通知", para, "一、对口支援关系",
                      "\n".join(pairs), para, "陕西省卫生健康委员会", "2025年2月25日"])
    norm, offsets = corpus.normalise(text)
    check_offsets(text, norm, offsets)
    assert all(f"\n{p}\n" in norm for p in pairs[1:])


def test_corpus_evidence_maps_back_to_original_text() -> None:
    from kg.model import Document

    text = "武漢市第一醫院與隨州\n市中醫醫院\u3000簽約。"
    norm, offsets = corpus.normalise(text)
    doc = Document("d", "d.txt", text, norm, offsets)
    start = norm.index("随州市中医医院")
    ev = doc.evidence(start, start + len("随州市中医医院"))
    assert ev.text == "隨州\n市中醫醫院"
    assert text[ev.start : ev.end] == ev.text


def test_corpus_markdown_markup_is_dropped_from_norm_only() -> None:
    text = "# 医联体签约\n\n**武汉市第一医院**与[随州市中医医院](http://example.cn/a)签约。\n\n- 远程会诊\n"
    norm, offsets = corpus.normalise(text, corpus.markdown_markup(text))
    assert norm == "医联体签约\n\n武汉市第一医院与随州市中医医院签约。\n\n远程会诊\n"
    assert len(offsets) == len(norm) + 1
    i = norm.index("随州市中医医院")
    assert text[offsets[i] : offsets[i + 6] + 1] == "随州市中医医院"


def test_corpus_bold_marks_in_plain_text_are_dropped(tmp_path) -> None:
    # a WeChat post copied into a .txt keeps its ** marks; the quote still shows them
    path = tmp_path / "post.txt"
    path.write_text("院党委书记、院长**冯志远**向小分队授旗。单个*星号留下。\n", encoding="utf-8")
    doc = corpus.load(path)
    assert doc.norm.startswith("院党委书记、院长冯志远向小分队授旗。单个*星号留下。")
    i = doc.norm.index("冯志远")
    assert doc.evidence(i, i + 3).text == "冯志远"


def test_corpus_a_web_page_saved_as_text_is_read_as_a_page(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "<!DOCTYPE html><html><head><title>远程会诊中心在我院揭牌_院内新闻_桓仁满族自治县人民医院</title>"
        '<meta name="publishdate" content="2024-11-08"></head><body><div class="nav">首页</div>'
        "<div class='article'><p>11月6日，中国医科大学附属盛京医院远程会诊中心在我院揭牌。</p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    doc = corpus.load(path)
    assert doc.title == "远程会诊中心在我院揭牌" and doc.date == "2024-11-08"
    assert doc.site == "桓仁满族自治县人民医院"
    # the body names the hospital only as 我院: its title as written keeps the name
    assert doc.norm.startswith("远程会诊中心在我院揭牌_院内新闻_桓仁满族自治县人民医院")
    assert "<p>" not in doc.norm


def test_corpus_a_site_named_like_an_institution_after_a_hyphen() -> None:
    page = extract_page("<html><head><title>本院加入妇产专科联盟-通渭县妇幼保健院</title></head>"
                        "<body><p>8月13日，本院正式加入甘肃省妇幼保健院妇产专科联盟。</p></body></html>")
    assert (page.title, page.site) == ("本院加入妇产专科联盟", "通渭县妇幼保健院")


# ---------------------------------------------------------------------------------------------
# HTML

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk">
<title>武汉市第一医院与随州市中医医院签约共建医联体_湖北日报网</title>
<meta name="PubDate" content="2025-11-21 10:32">
<meta name="ContentSource" content="湖北日报">
<style>.x{color:red}</style>
<script>var ad = "广告位招商联系电话";</script>
</head><body>
<div class="top-nav"><ul><li><a href="/">首页</a></li><li><a href="/n">新闻中心</a></li>
<li><a href="/z">政务公开</a></li><li><a href="/h">健康湖北</a></li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 新闻中心 &gt; 正文</div>
<div class="main"><h1>武汉市第一医院与随州市中医医院签约共建医联体</h1>
<div id="zoom">
<p>　　2025年11月21日，武汉市第一医院与随州市中医医院签署<strong>党建共建紧密型医联体</strong>协议。</p>
<p>双方将开展远程会诊&amp;双向转诊。<br>专家张力挂职随州市中医医院副院长。</p>
</div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">某县人民医院开展义诊活动取得良好成效</a></li>
<li><a href="/2">某市召开卫生健康工作会议部署全年重点工作</a></li></ul></div>
</div>
<div class="footer">版权所有 湖北日报网 鄂ICP备12345678号 联系我们</div>
<script>document.write("<p>推荐阅读：某医院新闻</p>")</script>
</body></html>"""


def test_corpus_html_main_text_and_metadata() -> None:
    page = extract_page(PAGE)
    assert page.title == "武汉市第一医院与随州市中医医院签约共建医联体"
    assert page.date == "2025-11-21"
    assert page.publisher == "湖北日报"
    assert page.text.startswith(page.title + "\n\n")
    assert "签署党建共建紧密型医联体协议。" in page.text
    assert "双方将开展远程会诊&双向转诊。\n专家张力" in page.text
    for clutter in ("首页", "当前位置", "相关新闻", "义诊", "版权所有", "广告", "推荐阅读", "color"):
        assert clutter not in page.text, clutter


def test_corpus_html_table_rows_are_lines_with_cells_cut_by_bars() -> None:
    page = extract_page(
        "<html><body><div class='article'><p>先进个人名单如下：</p><table>"
        "<tr><th>序号</th> <th>姓名</th><th>派出单位</th></tr>\n"
        "<tr><td>1</td>\n<td>綦晓岚</td><td>山东大学齐鲁医院</td></tr></table></div></body></html>"
    )
    assert "序号｜姓名｜派出单位\n\n1｜綦晓岚｜山东大学齐鲁医院" in page.text


def test_corpus_html_date_and_source_labelled_outside_the_article() -> None:
    page = extract_page(
        "<html><head><title>郑大一附院与兰考县人民医院共建医联体_河南健康网</title></head><body>"
        "<h1>郑大一附院与兰考县人民医院共建医联体</h1>"
        "<div class='info'>发布时间：2024-06-18 10:21　来源：河南日报　作者：刘洋</div>"
        "<div class='article'><p>6月17日，郑州大学第一附属医院与兰考县人民医院签约共建紧密型医联体，"
        "双方将在学科建设、人才培养等方面深化合作。</p><p>郑大一附院将派驻专家团队常驻兰考。</p></div>"
        "<div class='footer'>更新时间：2025-01-01 版权所有</div></body></html>"
    )
    assert (page.date, page.publisher) == ("2024-06-18", "河南日报")
    assert "发布时间" not in page.text  # the line is read for its date, not taken into the text


def test_corpus_load_html_gbk(tmp_path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.encode("gbk"))
    notes: list[str] = []
    doc = corpus.load(path, notes=notes)
    assert doc.encoding == "gb18030"
    assert (doc.title, doc.date, doc.publisher) == (
        "武汉市第一医院与随州市中医医院签约共建医联体", "2025-11-21", "湖北日报")
    assert "<" not in doc.text
    check_offsets(doc.text, doc.norm, doc.offsets)
    assert any("gb18030" in n for n in notes)


def test_corpus_html_without_body_text_is_skipped(tmp_path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>x</title></head><body><script>1</script></body></html>")
    with pytest.raises(SkippedFile, match=r"Chinese|no article text"):
        corpus.load(path)


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2025-07-02T08:00:00+08:00", "2025-07-02"), ("2025年7月2日 10:00", "2025-07-02"),
     ("2025/7/2", "2025-07-02"),
     ("2025-13-40", None), ("", None), (None, None)],
)
def test_corpus_iso_date(value: str | None, iso: str | None) -> None:
    assert iso_date(value) == iso


# ---------------------------------------------------------------------------------------------
# files


def test_corpus_collect_paths_suffixes_and_hidden(tmp_path) -> None:
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.pdf", ".hidden.txt", "sub/f.TXT"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("医院")
    names = [p.name for p in corpus.collect_paths([tmp_path])]
    assert names == ["a.txt", "b.md", "c.html", "d.htm", "f.TXT"]
    with pytest.raises(InputError, match="no such file"):
        corpus.collect_paths([tmp_path / "missing"])


def test_corpus_load_too_large(tmp_path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("医院" * 100, encoding="utf-8")
    with pytest.raises(SkippedFile, match="over the limit of 100"):
        corpus.load(path, max_bytes=100)


def test_corpus_load_unreadable(tmp_path, monkeypatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    real_open = type(path).open

    def refuse(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(SkippedFile, match=r"locked\.txt: cannot read the file .*Permission denied"):
        corpus.load(path)


def test_corpus_load_no_chinese(tmp_path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("An English article about hospitals.", encoding="utf-8")
    with pytest.raises(SkippedFile, match="no Chinese text"):
        corpus.load(path)
