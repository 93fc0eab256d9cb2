"""The readable main text and the metadata of a news page saved as HTML.

Library: `selectolax <https://github.com/rushter/selectolax>`_ (Lexbor backend). It is
maintained (releases through 2025), a single wheel of a few MB with no Python dependencies,
parses broken real-world HTML the way browsers do (HTML5 tree building) and decodes entities.
The alternatives were weighed: trafilatura extracts well but pulls in 16 packages (lxml,
dateparser, babel, regex, htmldate, justext, courlan, ...); readability-lxml needs lxml and is
tuned for English pages. Chinese news pages are simple (one article body, navigation lists, share
buttons, related-news lists), so a small readability-style scorer over a proper parse is enough:

1. drop what is never article text: ``script``, ``style``, ``nav``, ``header``, ``footer``,
   ``aside``, forms, and elements whose ``id``/``class`` name clutter (menu, share, comment,
   breadcrumb, related, copyright, ...);
2. score each block by the Chinese characters it holds outside links (navigation is all links);
   the container with most such text, counting half for the grandparent, is the article body;
3. write that container as plain text: one paragraph per block, separated by a blank line;
   ``<br>`` gives a single line break; white space collapsed as a browser would.

Metadata come from the page's ``<meta>`` tags (Open Graph, ``article:published_time``, and the
``ArticleTitle`` / ``PubDate`` / ``ContentSource`` / ``SiteName`` tags of Chinese government and
newspaper CMSs), then ``<time datetime>``, ``<h1>`` and ``<title>``, then a date near the top of
the text.

The text a person reads, not the HTML source, is what evidence offsets index for a page: see
:mod:`kg.corpus`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SOURCE_LABELS", "Page", "extract_page"]

_DROP_TAGS = ("script, style, noscript, template, iframe, svg, canvas, form, button, select, input, "
              "textarea, nav, header, footer, aside, link, meta, object, embed, video, audio, map")
_CLUTTER = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|topbar|top-bar|footer|foot|sidebar|side|breadcrumbs?|crumbs?|share|sharing|"
    r"social|comments?|related|recommend|hot|rank|ranking|advert|ads?|banner|copyright|login|toolbar|"
    r"pagination|pager|position|location|weizhi|dqwz|bottom|friend-?links?|links)([\s_-]|$)",
    re.IGNORECASE,
)
_BLOCK = frozenset(
    {"address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "div", "dl", "dt",
     "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "caption"}
)
# a table's row is one line, its cells cut by bars (序号｜姓名｜派出单位｜…), as the extractor reads tables
_CELLS = frozenset({"td", "th"})
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WS = re.compile(r"[ \t\r\n\f\v]+")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_INSTITUTION = re.compile(r"(?:医院|卫生院|中心|保健院|委员会|卫健委|卫生健康局)$")
_SITE_AFTER_HYPHEN = re.compile(r"-([\u4e00-\u9fff]{4,30}(?:医院|卫生院|中心|保健院|委员会|卫健委|局))$")
_TITLE_SEP = re.compile(r"\s*(?:[_|｜—–]|\s-\s|--)\s*")

_META_TITLE = ("og:title", "articletitle", "twitter:title", "title", "dc.title")
_META_DATE = ("article:published_time", "pubdate", "publishdate", "publish_date", "publishtime",
              "og:release_date", "dc.date", "dc.date.issued", "date", "firstpublishedtime", "datepublished")
_META_PUBLISHER = ("og:site_name", "contentsource", "sitename", "source", "publisher", "dc.publisher",
                   "application-name")


@dataclass(frozen=True)
class Page:
    """What a page says: its main text and, when the page gives them, title, date and publisher."""

    text: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    site: str | None = None  # the site's name after the headline in <title> (…_院内新闻_桓仁县人民医院)


def _meta(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), _WS.sub(" ", value).strip())
    return found


def iso_date(value: str | None) -> str | None:
    """The first ``YYYY-MM-DD`` date in ``value`` (``2025-07-02``, ``2025年7月2日``, ``2025/7/2 10:00``)."""
    if not value:
        return None
    m = _DATE.search(value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _walk_text(root) -> str:
    """Plain text of ``root``: blocks as paragraphs (blank line between), ``<br>`` as a line break."""
    parts: list[str] = []
    # an explicit stack instead of recursion: real pages nest thousands deep
    stack: list[tuple[object, bool]] = [(root, False)]
    pre_depth = 0
    while stack:
        node, closing = stack.pop()
        tag = node.tag
        if closing:
            if tag == "pre":
                pre_depth -= 1
            if tag in _BLOCK:
                parts.append("\n\n")
            continue
        if tag == "-text":
            text = node.text_content or ""
            parts.append(text if pre_depth else _WS.sub(" ", text))
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in ("-comment", "!doctype"):
            continue
        if tag in _BLOCK:
            parts.append("\n\n")
        elif tag in _CELLS and _follows_a_cell(node):
            if parts:
                parts[-1] = parts[-1].rstrip(" ")  # (the spaces between two cells' tags)
            parts.append("｜")
        if tag == "pre":
            pre_depth += 1
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    raw = "".join(parts)
    paragraphs = []
    for para in re.split(r"\n[ \t]*\n", raw):
        lines = [line.strip(" \t\xa0\u3000") for line in para.split("\n")]
        para = "\n".join(line for line in lines if line)
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def _follows_a_cell(node) -> bool:
    prev = node.prev
    while prev is not None and prev.tag == "-text" and not (prev.text_content or "").strip():
        prev = prev.prev
    return prev is not None and prev.tag in _CELLS


def _main_container(body):
    """The element holding the most Chinese text outside links (readability-style scoring)."""
    scores: dict[int, float] = {}
    nodes: dict[int, object] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        n = len(_CJK.findall(node.text_content or ""))
        if n < 2:
            continue
        block, in_link = node.parent, False
        while block is not None and block.tag not in _BLOCK:
            in_link = in_link or block.tag == "a"
            block = block.parent
        if in_link or block is None:
            continue
        weight = float(n)
        for hop, factor in ((block.parent, 1.0), (block.parent.parent if block.parent else None, 0.5)):
            if hop is None:
                break
            key = hop.mem_id
            nodes[key] = hop
            scores[key] = scores.get(key, 0.0) + weight * factor
        # a block that is itself the whole article (text straight in <div id=content>)
        nodes[block.mem_id] = block
        scores[block.mem_id] = scores.get(block.mem_id, 0.0) + weight * 0.75
    if not scores:
        return body
    return nodes[max(scores, key=lambda k: scores[k])]


def _clean_title(title: str | None, publisher: str | None) -> tuple[str | None, str | None]:
    """(headline, site name) of a page's title: "标题_湖北日报网", "标题 - 新闻 - 站名" or
    "标题-通渭县妇幼保健院" (a site named like an institution may follow a bare hyphen)."""
    if not title:
        return None, None
    title = _WS.sub(" ", title).strip()
    pieces = [p for p in _TITLE_SEP.split(title) if p]
    if len(pieces) == 1 and (m := _SITE_AFTER_HYPHEN.search(title)):
        pieces = [title[: m.start()], m.group(1)]
    site = None
    if len(pieces) > 1:  # the longest piece is the headline, the last one the site
        headline = max(pieces, key=len)
        site = pieces[-1] if pieces[-1] != headline else None
        title = headline
    if publisher and title == publisher:
        return None, site
    return title[:200] or None, site


def extract_page(html: str) -> Page:
    """Main text and metadata of a page.

    >>> page = extract_page("<html><head><title>医联体签约_某某日报</title></head><body>"
    ...                     "<nav><a href='/'>首页</a></nav><div id='content'><p>甲医院与乙医院签约。</p>"
    ...                     "</div><script>var x = 1;</script></body></html>")
    >>> page.text, page.title
    ('医联体签约\\n\\n甲医院与乙医院签约。', '医联体签约')
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta = _meta(tree)
    publisher = next((meta[k] for k in _META_PUBLISHER if meta.get(k)), None)
    title = next((meta[k] for k in _META_TITLE if meta.get(k)), None)
    if title is None:
        h1 = tree.css_first("h1")
        title = h1.text(strip=True) if h1 is not None else None
    if not title:
        node = tree.css_first("title")
        title = node.text(strip=True) if node is not None else None
    title, site = _clean_title(title, publisher)
    if site is None and (node := tree.css_first("title")) is not None:
        _, site = _clean_title(node.text(strip=True), publisher)  # the headline came from a meta tag
    date = next((d for k in _META_DATE if (d := iso_date(meta.get(k)))), None)
    if date is None:
        for node in tree.css("time"):
            if date := iso_date(node.attributes.get("datetime") or node.text()):
                break

    body = tree.body
    if body is None:
        return Page("", title, date, publisher, site)
    for node in body.css(_DROP_TAGS):
        node.decompose()
    for node in body.css("[id], [class]"):
        if node.tag in ("body", "html", "article", "main"):
            continue
        names = f"{node.attributes.get('id') or ''} {node.attributes.get('class') or ''}"
        if _CLUTTER.search(names) and not _looks_like_body(node):
            node.decompose()
    text = _walk_text(_main_container(body))
    if title and not text.startswith(title):
        heading = title
        if site and _INSTITUTION.search(site) and site not in text and (node := tree.css_first("title")):
            # …_院内新闻_桓仁满族自治县人民医院: a hospital's own page, whose body says only 我院; its
            # title as written keeps the name
            heading = _WS.sub(" ", node.text(strip=True)).strip() or title
        text = f"{heading}\n\n{text}" if text else heading
    if date is None:
        date = iso_date(text[:400])
    if date is None or publisher is None:
        # 发布时间：2024-06-18 10:21　来源：河南日报: the line under the headline, often outside the
        # article's own container
        labelled = _labelled(body.text(separator=" "))
        date = date or labelled.get("date")
        publisher = publisher or labelled.get("publisher")
    return Page(text, title, date, publisher, site)


_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|发表时间|发表日期|更新时间|日期|时间)\s*[:：]\s*")
# how a page or an article labels where it comes from (来源：河南日报, 供稿：医务部)
SOURCE_LABELS = ("来源于", "来源", "出处", "稿源", "供稿单位", "供稿", "发布单位", "发布者")
_SOURCE_LABEL = re.compile("(?:" + "|".join(SOURCE_LABELS) + r")\s*[:：]\s*([^\s:：|｜/]{2,20})")


def _labelled(page_text: str) -> dict[str, str]:
    """The date and source a page labels as such (发布时间：…, 来源：…), the first of each."""
    found: dict[str, str] = {}
    for m in _DATE_LABEL.finditer(page_text):
        written = _DATE.match(page_text, m.end())  # the date right after its label
        date = iso_date(written.group()) if written else None
        if date is not None:
            found["date"] = date
            break
    m = _SOURCE_LABEL.search(page_text)
    if m:
        found["publisher"] = re.split(r"作者|编辑|记者|责任", m.group(1))[0] or m.group(1)
    return found


def _looks_like_body(node) -> bool:
    """A container named like clutter ("content-side") that still holds the article: keep it."""
    names = f"{node.attributes.get('id') or ''} {node.attributes.get('class') or ''}".lower()
    return any(w in names for w in ("content", "article", "zoom", "trs_editor", "detail", "text", "body"))
