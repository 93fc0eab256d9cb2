"""Generate a synthetic corpus of health-news articles for the build benchmark.

Articles are composed from the sentence patterns the extractor handles: partnership signings
(``A与B签约共建紧密型医联体``), 托管, 对口帮扶, 县域医共体, dispatches
(``派驻专家X挂职Y副院长``), titles and names, bylines, patient anecdotes, and filler. Places are
real (``kg/data/regions.tsv``); institutions and people are generated, from a pool that articles
draw on with a skewed (Zipf-like) popularity, so that resolution across articles has work to do.

Deterministic: the same seed and size give the same bytes (one ``random.Random`` per run, no
hash ordering, files written in name order).

Usage::

    python benchmarks/make_corpus.py 1MB 10MB 100MB            # into benchmarks/corpora/<size>/
    python benchmarks/make_corpus.py 2MB --seed 7 --out /tmp/c  # one size into /tmp/c/2MB/
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["generate", "make_corpus", "parse_size"]

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "kg" / "data" / "regions.tsv"

SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN = tuple(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力鹏飞斌宇浩凯健俊帆帅旭宁龙林"
    "欢阳波宏峰亮成志新海晨琳雪梅兰婷颖慧佳春东庆松博振国忠永荣晓怡蕾倩瑞岩翔鑫昊睿彬毅坤锋杨诚"
    "瑶璐"
)
DEPTS = [
    "心血管内科",
    "神经内科",
    "消化内科",
    "呼吸与危重症医学科",
    "肾内科",
    "内分泌科",
    "骨科",
    "普外科",
    "胸外科",
    "泌尿外科",
    "神经外科",
    "妇产科",
    "儿科",
    "眼科",
    "耳鼻喉科",
    "皮肤科",
    "肿瘤科",
    "急诊科",
    "重症医学科",
    "康复医学科",
    "麻醉科",
    "超声科",
    "检验科",
    "放射科",
    "中医科",
    "针灸科",
    "老年医学科",
    "全科医学科",
    "感染科",
    "口腔科",
]
SKILLS = [
    "冠脉介入",
    "腹腔镜微创手术",
    "无痛胃肠镜",
    "血液透析",
    "脑卒中溶栓",
    "关节置换",
    "宫腔镜",
    "支气管镜",
    "针灸推拿",
    "胸痛中心建设",
    "卒中中心建设",
    "危重孕产妇救治",
    "新生儿复苏",
    "远程心电诊断",
    "人工智能辅助阅片",
]
SENIOR = ["主任医师", "副主任医师", "教授", "副教授", "主任", "副主任", "科主任", "护士长", "博士生导师"]
# (kind written in the article, trigger phrase)
PACTS = (
    ("签约共建紧密型医联体", "紧密型医联体"),
    ("签署紧密型医联体合作协议", "紧密型医联体"),
    ("签约组建专科联盟", "专科联盟"),
    ("签订对口帮扶协议", "对口帮扶"),
    ("签署党建共建协议", "党建共建"),
    ("签约共建远程会诊中心", "远程会诊"),
    ("签订双向转诊合作协议", "双向转诊"),
)
HOSPITAL_FORMS = (
    "{p}人民医院",
    "{p}第一人民医院",
    "{p}第二人民医院",
    "{p}中心医院",
    "{p}中医医院",
    "{p}中医院",
    "{p}妇幼保健院",
    "{p}人民医院",
    "{p}第三人民医院",
    "{p}儿童医院",
)
PROVINCE_FORMS = ("{p}人民医院", "{p}肿瘤医院", "{p}中医院", "{p}妇幼保健院", "{p}第二人民医院")
UNIVERSITY_FORMS = (
    "{u}大学附属第一医院",
    "{u}大学附属第二医院",
    "{u}医科大学附属医院",
    "{u}医学院附属医院",
    "{u}大学中南医院",
)
TOWN_FORMS = ("{t}镇卫生院", "{t}中心卫生院", "{t}社区卫生服务中心")
FILLER = (
    "近年来，{city}持续深化医药卫生体制改革，推动优质医疗资源扩容下沉和区域均衡布局。",
    "据介绍，双方将在学科建设、人才培养、技术帮扶、远程医疗等方面开展全方位合作。",
    "“让群众在家门口就能享受到省级专家的诊疗服务，是我们最大的心愿。”",
    "活动现场，专家团队为{n}余名群众提供了免费测血压、测血糖、健康咨询等服务。",
    "下一步，医院将以此次合作为契机，持续提升县域医疗服务能力，努力实现大病不出县。",
    "今年以来，该院门诊量同比增长{p}%，住院手术量同比增长{q}%，群众满意度持续提升。",
    "据统计，{year}年全市医联体内上转患者{n}人次，下转患者{m}人次。",
    "与会人员围绕分级诊疗、医保支付方式改革、家庭医生签约服务等议题进行了深入交流。",
    "仪式结束后，专家们深入病区开展教学查房和疑难病例讨论。",
    "这标志着两地医疗卫生合作迈上了新台阶。",
    "截至目前，已累计开展新技术新项目{n}项，填补区域技术空白{m}项。",
    "基层医生普遍反映，通过跟班学习，自身业务水平得到明显提高。",
    "{city}卫生健康委相关负责人表示，将进一步完善医联体绩效考核机制。",
    "义诊当天，前来咨询的群众络绎不绝，专家们耐心解答每一位患者的问题。",
)
QUOTES = ("过去这类手术只能转到省城做", "现在基层也能开展三四级手术了", "专家手把手带教，我们进步很快")
TITLES = (
    "{a}与{b}签约共建紧密型医联体",
    "优质医疗资源下沉 {cshort}群众家门口看名医",
    "{a}托管{b}一周年：基层医疗换新颜",
    "医联体建设跑出“加速度”",
    "专家下沉解民忧 对口帮扶暖人心",
    "{cshort}：县域医共体建设提质增效",
)


@dataclass(frozen=True)
class _Place:
    code: str
    name: str
    short: str
    level: str
    parent: str


class _World:
    """Real places and a pool of generated institutions and people."""

    def __init__(self, rng: random.Random, n_orgs: int) -> None:
        self.rng = rng
        places: dict[str, _Place] = {}
        with REGIONS.open(encoding="utf-8") as f:
            next(f)
            for line in f:
                code, name, short, level, parent, *_ = line.rstrip("\n").split("\t")
                places[code] = _Place(code, name, short.split("|")[0] if short else name, level, parent)
        self.places = places
        self.counties = [p for p in places.values() if p.level == "county" and p.name.endswith(("县", "市"))]
        self.towns: dict[str, list[_Place]] = {}
        for p in places.values():
            if p.level == "township" and p.name.endswith("镇"):
                self.towns.setdefault(p.parent, []).append(p)
        self.provinces = [p for p in places.values() if p.level == "province"]
        # the pool: (name, county code or province code)
        orgs: list[tuple[str, str]] = []
        seen: set[str] = set()
        while len(orgs) < n_orgs:
            county = rng.choice(self.counties)
            city = places.get(county.parent)
            province = places.get(city.parent) if city else None
            roll = rng.random()
            if roll < 0.45:
                name = rng.choice(HOSPITAL_FORMS).format(p=county.name)
            elif roll < 0.65 and city and city.level == "city":
                name = rng.choice(HOSPITAL_FORMS).format(p=city.name)
            elif roll < 0.75 and province:
                name = rng.choice(PROVINCE_FORMS).format(p=province.name)
            elif roll < 0.82 and province:
                name = rng.choice(UNIVERSITY_FORMS).format(u=province.short)
            else:
                towns = self.towns.get(county.code)
                if not towns:
                    continue
                town = rng.choice(towns)
                name = county.name + rng.choice(TOWN_FORMS).format(t=town.name.removesuffix("镇"))
            if name not in seen:
                seen.add(name)
                orgs.append((name, county.code))
        self.orgs = orgs
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(orgs))]
        self.people: list[str] = []
        people: set[str] = set()
        while len(self.people) < n_orgs * 2:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            if name not in people:
                people.add(name)
                self.people.append(name)

    def org(self) -> tuple[str, str]:
        return self.rng.choices(self.orgs, self.weights)[0]

    def person(self) -> str:
        return self.rng.choice(self.people)


def _filler(rng: random.Random, city: str, year: int) -> str:
    n, m, p, q = rng.randint(50, 900), rng.randint(5, 60), rng.randint(5, 40), rng.randint(5, 40)
    return rng.choice(FILLER).format(city=city, n=n, m=m, p=p, q=q, year=year)


def _date(rng: random.Random, year: int) -> str:
    return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _article(w: _World, rng: random.Random, year: int) -> str:
    (a, _), (b, b_code) = w.org(), w.org()
    while b == a:
        b, b_code = w.org()
    county = w.places[b_code]
    city = w.places.get(county.parent, county)
    cshort = city.short
    title = rng.choice(TITLES).format(a=a, b=b, cshort=cshort)
    lines = [title, ""]
    reporter = w.person()
    lines.append(
        rng.choice(("记者 {r} 通讯员 {s}", "全媒体记者 {r} 通讯员 {s} {t}", "本报记者 {r}")).format(
            r=reporter, s=w.person(), t=w.person()
        )
    )
    lines.append("")
    date = _date(rng, year)
    verb, _ = rng.choice(PACTS)
    lead = w.person()
    paras: list[list[str]] = []
    opening = [f"{date}，{a}与{b}{verb}。"]
    if rng.random() < 0.5:
        opening.append(f"{a}党委书记{w.person()}、院长{lead}，{b}院长{w.person()}等出席签约仪式。")
    opening.append(_filler(rng, city.name, year))
    paras.append(opening)
    for _ in range(rng.randint(5, 14)):
        kind = rng.random()
        para: list[str] = []
        if kind < 0.2:
            expert, dept = w.person(), rng.choice(DEPTS)
            how = rng.choice(("每周坐诊三天", "常驻帮扶一年", "全面参与医院管理"))
            para.append(f"{a}派驻专家{expert}挂职{b}副院长，{how}。")
            para.append(f"{expert}是{a}{dept}{rng.choice(SENIOR)}，擅长{rng.choice(SKILLS)}。")
        elif kind < 0.35:
            (c, c_code) = w.org()
            towns = w.towns.get(c_code) or w.towns.get(b_code) or []
            if towns:
                t = rng.choice(towns)
                county_name = w.places[t.parent].name
                town_org = f"{county_name}{t.name.removesuffix('镇')}镇卫生院"
                para.append(f"{_date(rng, year)}，{c}正式托管{town_org}，派出管理团队和骨干医生常驻。")
            else:
                para.append(f"{c}与{b}签订托管协议，由{c}全面托管{b}的医疗业务和行政管理。")
        elif kind < 0.45:
            (c, _) = w.org()
            para.append(f"按照省卫生健康委的统一部署，{c}对口帮扶{b}，重点支持{rng.choice(DEPTS)}建设。")
        elif kind < 0.6:
            name, dept = w.person(), rng.choice(DEPTS)
            quote = rng.choice(QUOTES)
            para.append(
                f"“{quote}。”{b}{dept}{rng.choice(SENIOR)}{name}介绍，{_filler(rng, city.name, year)}"
            )
        elif kind < 0.72:
            age = rng.randint(35, 88)
            sur = rng.choice(SURNAMES)
            form = rng.choice(("大爷", "阿姨", "女士", "先生", "奶奶"))
            why = rng.choice(("胸痛", "突发头晕", "腹痛", "呼吸困难"))
            para.append(
                f"家住{county.name}的{age}岁患者{sur}{form}（化名）因{why}来到{b}就诊，"
                f"经{a}专家远程会诊，及时得到了救治。"
            )
            para.append(f"“没想到在家门口就能看上大医院的专家。”{sur}{form}说。")
        elif kind < 0.8:
            (c, _), (d, _) = w.org(), w.org()
            if c != d:
                para.append(f"此前，{c}已与{d}组建县域医共体，实现检查结果互认、医疗资源共享。")
        else:
            for _ in range(rng.randint(2, 4)):
                para.append(_filler(rng, city.name, year))
        if para:
            paras.append(para)
    for para in paras:
        lines.append("".join(para))
        lines.append("")
    lines.append(f"（编辑：{w.person()}）")
    return "\n".join(lines) + "\n"


def parse_size(text: str) -> int:
    """``"1MB"`` -> 1_000_000 bytes; also ``KB``, ``GB`` and plain numbers."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMG]?B?)", text.strip().upper())
    if not m:
        raise ValueError(f"{text!r}: give a size such as 500KB, 1MB or 100MB")
    units = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}
    unit = units[m.group(2)]
    return int(float(m.group(1)) * unit)


def generate(size: int, seed: int = 0):
    """Yield ``(file name, text)`` until the UTF-8 size reaches ``size`` bytes."""
    rng = random.Random(seed)
    # a year of news names a few thousand institutions; small corpora fewer
    n_articles = max(1, size // 2500)
    w = _World(rng, n_orgs=min(20_000, max(50, n_articles * 2)))
    total = 0
    i = 0
    while total < size:
        text = _article(w, rng, 2024 + (i % 2))
        total += len(text.encode("utf-8"))
        yield f"{i // 1000:03d}/{i:06d}.txt", text
        i += 1


def make_corpus(size: int, out: Path, seed: int = 0) -> tuple[int, int]:
    """Write the corpus into ``out``; return (articles, bytes). Files already there are replaced."""
    n = total = 0
    for name, text in generate(size, seed):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        n += 1
        total += len(data)
    return n, total


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="+", help="corpus sizes, e.g. 1MB 10MB 100MB")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "corpora")
    args = ap.parse_args(argv)
    for s in args.sizes:
        target = args.out / s
        n, total = make_corpus(parse_size(s), target, args.seed)
        print(f"{target}: {n} articles, {total:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
