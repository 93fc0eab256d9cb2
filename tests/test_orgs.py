"""Organisation mentions: names found from their suffix, on examples written for these tests."""

from __future__ import annotations

import pytest

from kg.model import EntityType
from kg.orgs import find_org_mentions, parse_name

SPECIFIC = [
    # (sentence, expected name, type)
    ("厦大中山医院与红寺堡区人民医院签约。", "厦大中山医院", EntityType.HOSPITAL),  # a well-known short name
    ("鄂伦春自治旗人民医院接入中日友好医院远程医疗平台。", "中日友好医院", EntityType.HOSPITAL),
    ("天津市环湖医院与西青医院结对。", "天津市环湖医院", EntityType.HOSPITAL),  # a noun of its own
    ("十堰市太和医院与房县人民医院结对。", "十堰市太和医院", EntityType.HOSPITAL),  # a proper noun with 和
    ("援疆力量的投入，使皮山县人民医院的就诊率提高。", "皮山县人民医院", EntityType.HOSPITAL),  # 使, a verb
    ("北京老年医院与延庆区中医医院结对。", "北京老年医院", EntityType.HOSPITAL),  # a field of care
    ("首都医科大学附属北京世纪坛医院派出专家。", "首都医科大学附属北京世纪坛医院", EntityType.HOSPITAL),
    # 郊区 after its city is the district
    ("阳泉市郊区人民医院与阳泉市第一人民医院签约。", "阳泉市郊区人民医院", EntityType.HOSPITAL),
    ("受江苏省卫生健康委员会委托开展评估。", "江苏省卫生健康委员会", EntityType.AUTHORITY),
    ("湟中区人民医院与青海省心脑血管病专科医院开通远程会诊。", "青海省心脑血管病专科医院",
     EntityType.HOSPITAL),
    ("屏东县政府卫生局长游秀英表示。", "屏东县政府卫生局", EntityType.AUTHORITY),  # Taiwan's 县政府卫生局
    ("国立台湾大学医学院附设医院金山分院今天与三芝区卫生所签约。", "国立台湾大学医学院附设医院金山分院",
     EntityType.HOSPITAL),  # 附设 (Taiwan's 附属) and 国立 in a name
    ("高雄医学大学附设中和纪念医院与部立澎湖医院签署策略联盟。", "高雄医学大学附设中和纪念医院",
     EntityType.HOSPITAL),
    ("近日，兰州市第二人民医院与临夏县人民医院签约。", "兰州市第二人民医院", EntityType.HOSPITAL),
    ("近日，兰州市第二人民医院与临夏县人民医院签约。", "临夏县人民医院", EntityType.HOSPITAL),
    ("患者被送往成都市双流区疾控中心检测。", "成都市双流区疾控中心", EntityType.PUBLIC_HEALTH),
    ("昆明市卫健委发布通知。", "昆明市卫健委", EntityType.AUTHORITY),
    ("专家来自四川大学华西医院。", "四川大学华西医院", EntityType.HOSPITAL),
    (
        "福州市鼓楼区温泉街道社区卫生服务中心开展义诊。",
        "福州市鼓楼区温泉街道社区卫生服务中心",
        EntityType.PRIMARY_CARE,
    ),
    ("拉萨市妇幼保健院举办讲座。", "拉萨市妇幼保健院", EntityType.PUBLIC_HEALTH),
    ("由原浙江省人民医院专家带队。", "浙江省人民医院", EntityType.HOSPITAL),
    # 任 (serve as) before a name is not part of it, glued by jieba to the person or not
    ("骨科专家王伟任资阳市第一人民医院院长。", "资阳市第一人民医院", EntityType.HOSPITAL),
    ("专家李强任定西市人民医院副院长。", "定西市人民医院", EntityType.HOSPITAL),
    ("济宁市任城区人民医院开展义诊。", "济宁市任城区人民医院", EntityType.HOSPITAL),
    ("电话：0851-86832057贵州省卫生健康委员会", "贵州省卫生健康委员会", EntityType.AUTHORITY),  # no digits
    ("除河北省儿童医院以儿科帮扶为主外，其余医院按地缘确定。", "河北省儿童医院", EntityType.HOSPITAL),
    ("普外科副主任医师郝振军任沁源县人民医院执行院长。", "沁源县人民医院", EntityType.HOSPITAL),
    ("今年6月，依托郑大一附院建设远程会诊中心。", "郑大一附院", EntityType.HOSPITAL),  # not 依托
    ("由哈医大二院牵头组建专科联盟。", "哈医大二院", EntityType.HOSPITAL),  # not 由
    ("要用好南大一附院的技术资源。", "南大一附院", EntityType.HOSPITAL),  # not 用好
    ("开展结对，由赣医一附院派出专家。", "赣医一附院", EntityType.HOSPITAL),  # jieba: 由赣医 / 一 / 附院
    ("11月28日，福医大附一对口帮扶松溪县医院。", "福医大附一", EntityType.HOSPITAL),  # 附 and a number
    ("西部战区总医院神经外科主任出席。", "西部战区总医院", EntityType.HOSPITAL),  # a theatre command heads it
    ("浙江省台州医院心内科主任介绍。", "浙江省台州医院", EntityType.HOSPITAL),  # 台 is a measure word too
    ("报铜仁市卫生健康局审批。", "铜仁市卫生健康局", EntityType.AUTHORITY),  # 报 (report to) is no name
    # a memorial hospital, named after a person
    ("由天津医科大学朱宪彝纪念医院牵头组建联盟。", "天津医科大学朱宪彝纪念医院", EntityType.HOSPITAL),
    ("中山大学孙逸仙纪念医院与海丰县彭湃纪念医院结对。", "海丰县彭湃纪念医院", EntityType.HOSPITAL),
    # a university jieba splits (中国 / 科学技术 / 大学); 和 in a hospital's own name after 附属
    ("中国科学技术大学附属第一医院牵头。", "中国科学技术大学附属第一医院", EntityType.HOSPITAL),
    ("三峡大学附属仁和医院专家坐诊。", "三峡大学附属仁和医院", EntityType.HOSPITAL),
    ("青岛大学附属烟台毓璜顶医院牵头。", "青岛大学附属烟台毓璜顶医院", EntityType.HOSPITAL),  # and its city
    ("毓璜顶医院专家坐诊。", "毓璜顶医院", EntityType.HOSPITAL),  # a known short name
    ("6名医生曾赴香港威尔斯亲王医院进修。", "香港威尔斯亲王医院", EntityType.HOSPITAL),  # place + known name
    ("余海燕，挂任都昌县苏山乡卫生院业务副院长。", "都昌县苏山乡卫生院", EntityType.PRIMARY_CARE),
    # the head of a well-known abbreviation (哈医大 of 哈医大二院) starts one not listed; jieba glues
    # the words before it (经吉大, 这是) to it
    ("这是哈医大四院的专家团队。", "哈医大四院", EntityType.HOSPITAL),
    ("患者经吉大三院会诊后转回。", "吉大三院", EntityType.HOSPITAL),
    ("图为海医一附院专家查房。", "海医一附院", EntityType.HOSPITAL),
    ("市卫健委与中日联谊医院签约。", "中日联谊医院", EntityType.HOSPITAL),  # one name, not 联谊医院
    # a word before a place's full name is not part of the name (jieba tags 扎根 as a place)
    ("儿科医生则扎根化德县医院儿科。", "化德县医院", EntityType.HOSPITAL),
    ("香港医院管理局（医管局）与广东省人民医院签署合作备忘录。", "香港医院管理局", EntityType.ORGANIZATION),
    ("胶州市人民医院与青岛市立医院签约。", "青岛市立医院", EntityType.HOSPITAL),  # 青岛 + 市立医院
    ("他是湖州市中心医院（浙江大学湖州医院）的医生。", "浙江大学湖州医院", EntityType.HOSPITAL),
    # a division of 新疆生产建设兵团 and its hospital, with or without 第 (jieba: 挂 / 任一 / 师)
    ("他来到阿克苏，挂任一师医院副院长。", "一师医院", EntityType.HOSPITAL),
    ("主任医师栾承睿挂任三师医院重症医学科主任。", "三师医院", EntityType.HOSPITAL),  # jieba: 挂任 / 三师
    ("三师医院重症医学科主任。", "三师医院", EntityType.HOSPITAL),
    # military and enterprise hospitals, named after a head that is no place
    ("武警四川省总队医院派出医疗队。", "武警四川省总队医院", EntityType.HOSPITAL),
    ("甘洛县人民医院与中国人民解放军西部战区总医院开通远程会诊。", "中国人民解放军西部战区总医院",
     EntityType.HOSPITAL),
    ("联勤保障部队第九〇〇医院专家到柘荣县医院坐诊。", "联勤保障部队第九〇〇医院", EntityType.HOSPITAL),
    ("国药同煤总医院与阳原县人民医院组建专科联盟。", "国药同煤总医院", EntityType.HOSPITAL),
    # an alliance named by a qualified field and the care it gives (严重 + 创伤 + 救治)
    ("河北医科大学第三医院牵头的石家庄区域严重创伤救治联盟成立。", "石家庄区域严重创伤救治联盟",
     EntityType.ALLIANCE),
    # a township named with a character that is also a function word (七都镇), and a village whose last
    # character jieba reads with 村 (牛角 / 山村)
    ("专家在七都镇卫生院坐诊。", "七都镇卫生院", EntityType.PRIMARY_CARE),
    ("村医在牛角山村卫生室值守。", "牛角山村卫生室", EntityType.PRIMARY_CARE),
    # hospitals of a brand or group, whose names the tokenizer cuts or reads as common words
    ("上海和睦家医院与同仁医院签约。", "上海和睦家医院", EntityType.HOSPITAL),
    ("北京美中宜和妇儿医院加入联盟。", "北京美中宜和妇儿医院", EntityType.HOSPITAL),
    ("通用环球中铁西安医院加入医联体。", "通用环球中铁西安医院", EntityType.HOSPITAL),
    ("树兰（杭州）医院牵头成立联盟。", "树兰（杭州）医院", EntityType.HOSPITAL),  # its city in brackets
    ("禾新医院与中山医院签约。", "禾新医院", EntityType.HOSPITAL),
    ("一家台资医院禾新医院与中山医院签约。", "禾新医院", EntityType.HOSPITAL),  # a description before it
    # Hong Kong and Shenzhen wording: 伙 (夥, with) between two names, Shenzhen's 社康 centres
    ("东区医院伙罗湖区人民医院试行跨境转诊。", "罗湖区人民医院", EntityType.HOSPITAL),
    ("专家每周到罗湖区黄贝岭社区健康服务中心应诊。", "罗湖区黄贝岭社区健康服务中心", EntityType.PRIMARY_CARE),
    # enterprises' hospitals: a forestry bureau's, a mining group's
    ("位于牙克石市的图里河林业局职工医院加入林区医联体。", "图里河林业局职工医院", EntityType.HOSPITAL),
    ("将鸡西矿业集团滴道医院纳入集团化管理。", "鸡西矿业集团滴道医院", EntityType.HOSPITAL),
    # zones a government set up, named like places (前海蛇口自贸区, jieba: 前 / 海蛇 / 口 / 自贸区)
    ("养和医院与深圳市前海蛇口自贸区医院签署合作协议。", "深圳市前海蛇口自贸区医院", EntityType.HOSPITAL),
    ("杨凌示范区卫生健康局组织专家义诊。", "杨凌示范区卫生健康局", EntityType.AUTHORITY),
    ("厦门大学附属心血管病医院与台北振兴医院签署合作协议。", "台北振兴医院", EntityType.HOSPITAL),
    # Taiwan's short names of its medical centres
    ("北荣神经外科主治医师简宏彦每月到金门。", "北荣", EntityType.HOSPITAL),
    ("主治医师蔡承翰派驻厦门长庚。", "厦门长庚", EntityType.HOSPITAL),
]


@pytest.mark.parametrize(("text", "name", "etype"), SPECIFIC)
def test_orgs_finds_specific_names(text: str, name: str, etype: EntityType) -> None:
    found = {m.surface: m for m in find_org_mentions(text) if m.specific}
    assert name in found, sorted(found)
    assert found[name].type is etype
    m = found[name]
    assert text[m.start : m.end] == name


PARTS_ARE_NOT_NAMES = [
    ("专家手把手指导镇卫生院医生开展心肺复苏。", "指导镇卫生院"),  # 指导 (guide) before 镇卫生院
    ("宁波专家还随县医院医共体巡回医疗队来到东坑镇。", "随县医院"),  # 随 (with) and 县医院, not 随县's
    # (sentence, what must not be read as a name of its own)
    ("力争北辰医院三年内建成区域医疗中心。", "力争北辰医院"),  # 力争 (strive) stands before a name
    ("千米的手术灯——记山西白求恩医院援藏医生", "记山西白求恩医院"),  # 记: a portrait's subtitle
    ("刚去时医院只有两个外科。", "时医院"),  # 时 (when)
    ("他自林口长庚纪念医院借调至厦门长庚医院。", "自林口长庚纪念医院"),  # 自 (from)
    ("副主任冯世杰：原任国立台湾大学医学院附设医院急诊医学部主治医师。", "任国立台湾大学医学院附设医院"),
    ("骨科医师邱文彬曾任职高雄荣民总医院。", "职高雄荣民总医院"),  # 任职 (worked at) stays a verb
    ("他也跟著卫生所护理师到部落做居家访视。", "著卫生所"),  # 著: 着 in traditional texts
    ("明年起仁伯爵综合医院每年将安排肾科医生来访。", "起仁伯爵综合医院"),
    ("市卫健委与中日联谊医院签约。", "联谊医院"),
    ("儿科医生则扎根化德县医院儿科。", "扎根化德县医院"),
    ("此次由吉大一院牵头。", "由吉大一院"),
    ("这是哈医大四院的专家团队。", "这是哈医大四院"),
    ("联网总监兼屯门医院医院行政总监关家明表示，", "屯门医院医院"),  # a post after the name
    ("联网总监兼屯门医院医院行政总监关家明表示，", "兼屯门医院"),
    ("据西畴县人民医院介绍，", "据西畴县人民医院"),  # 据, 跑, 靠: words of the sentence
    ("以前看病要跑大医院。", "跑大医院"),
    ("省医保局、省医学会和省医科大学的代表出席。", "省医"),  # 省医 here begins another word
    ("营运方澳门协和医院昨日与仁伯爵综合医院签署协议。", "方澳门协和医院"),  # (营运方: the operator)
]


@pytest.mark.parametrize(("text", "wrong"), PARTS_ARE_NOT_NAMES)
def test_orgs_words_around_a_name_are_not_a_name(text: str, wrong: str) -> None:
    assert wrong not in {m.surface for m in find_org_mentions(text)}


GENERIC = [
    "由广西壮族自治区级医院派出专家，到边境县医院坐诊。",  # a level and a kind of county, not names
    "患者转到上级医院治疗。",
    "全县12家镇卫生院全部达标。",
    "努力建成三级甲等综合医院。",
    "与多家基层医疗卫生机构建立帮扶关系，共建紧密型医联体。",
    "联盟成立后，旗级医院确诊的患者可直接转运。",  # 旗级 as 县级: Inner Mongolia's banners
    "阜平县乡镇卫生院全部达标。",  # a kind of institution of the county, not one of them
    "厦门专家还帮医院建立了一整套制度。",
    "双方的合作聚焦智慧医院建设。",
    "医院去年创成三级乙等综合医院。",  # a kind of hospital after a verb jieba does not know
    "这是西安市属医院首次整体托管县级医院。",  # 市属: owned by the city, a kind
    "今年全区将实现街道社区卫生服务中心签约全覆盖。",  # 实现 (a verb) before 街道 is no place
    "医共体纳入16家镇卫生院统一管理。",  # a count, whatever digits may be dropped before a place
    "帮助医院建成胸痛中心和卒中防治中心。",  # a field's centre inside a hospital
    "推动医院部分院内制剂在萍乡使用。",  # 部分 (some), not a 分院
    "吸纳了高昌区、鄯善县、托克逊县三家县级医院的医生。",  # a kind of each place's hospitals (县级)
    "推动团场首诊、师医院救治、团场康复。",  # a 兵团 division's hospital, which one unsaid
    "公布2025年度市属医院支持郊区医院发展结对名单。",  # a suburb's hospitals (郊区 alone is no district)
    "医院管理局新界西医院联网辖下的医院。",  # a direction cut from a name the finder does not know
    "专家长期帮扶粤东山区县医院。",  # the hospitals of the region's mountain districts and counties
    "专家们走遍了太行山区县医院。",
    "医共体覆盖全县200余个村卫生室。",  # a count, with 余 (more than)
    "全镇村卫生室均已接入远程心电。",  # every one of the township's
    "医共体向各乡镇卫生院开通远程会诊。",  # each township's
    "偏远山村卫生室条件简陋。",  # a kind of village's
    "全市已有11家社会办医院加入。",  # 办 (run): a verb, no name
    "辖区内央企医院和国际化医院参与医联体。",  # kinds of owner
    "不少港人选择香港私家医院。",  # a kind of hospital of the place
    "远程心电覆盖所有村卫生室。",  # how many villages' clinics, not one named 所有村 or 多村
    "让更多村卫生室接入平台。",
]


def test_orgs_an_abbreviation_found_once_is_found_again_inside_a_clause() -> None:
    text = "包医一附院专家进驻。首批团队由包医一附院普外科专家带队。"
    assert [m.start for m in find_org_mentions(text) if m.surface == "包医一附院"] == [0, 15]


@pytest.mark.parametrize("text", GENERIC)
def test_orgs_generic_phrases_are_not_specific(text: str) -> None:
    assert [m.surface for m in find_org_mentions(text) if m.specific] == []


@pytest.mark.parametrize(
    ("text", "level", "rest"),
    [
        ("家属要求转到市第二人民医院。", "市", "第二人民医院"),
        ("病人随后转入县中医院。", "县", "中医医院"),
        ("他联系了区疾控中心。", "区", "疾病预防控制中心"),
        ("送到市三医院抢救。", "市", "第三医院"),
        ("从上传心电图到转运至县医院导管室仅用40分钟。", "县", "医院"),  # jieba: 转运 / 至县 / 医院
        ("疑难病例可通过平台直接请自治区人民医院专家会诊。", "自治区", "人民医院"),
        ("患者被送往自治州人民医院。", "自治州", "人民医院"),
        ("专家每月到市一院坐诊。", "市", "第一人民医院"),  # the city's first hospital, after 到
    ],
)
def test_orgs_context_dependent_names_keep_their_level(text: str, level: str, rest: str) -> None:
    m = next(m for m in find_org_mentions(text) if m.specific)
    assert (m.context_level, m.rest) == (level, rest)


@pytest.mark.parametrize(
    ("name", "codes", "rest"),
    [
        ("甘肃省临夏回族自治州和政县", ["620000", "622900", "622925"], ""),
        ("四川省成都市武侯区人民", ["510000", "510100", "510107"], "人民"),
        ("广州中医药大学第一附属", ["440100"], "中医药大学第一附属"),
        # Taiwan, Hong Kong and Macau are outside the statistics bureau's codes, not outside the gazetteer
        ("澳门镜湖医院", ["820000"], "镜湖医院"),
        ("台北荣民总医院", ["710100"], "荣民总医院"),
        ("香港玛丽医院", ["810000"], "玛丽医院"),
        # an autonomous county named after its people is written with the bare level (东乡县)
        ("临夏州东乡县人民医院", ["622900", "622926"], "人民医院"),
        # the everyday short forms of long place names (博州, 塔县, 阿左旗, 广西区)
        ("博州人民医院", ["652700"], "人民医院"),
        ("塔县人民医院", ["653131"], "人民医院"),
        ("阿左旗医院", ["152921"], "医院"),
        ("察右后旗人民医院", ["150928"], "人民医院"),
        ("广西区人民医院", ["450000"], "人民医院"),
        ("平潭综合实验区医院", ["350128"], "医院"),  # a zone named for what it tries out: its county
    ],
)
def test_orgs_parse_name_reads_nested_regions(name: str, codes: list[str], rest: str) -> None:
    got_codes, got_rest, _, _ = parse_name(name)
    assert (got_codes, got_rest) == (codes, rest)


def test_orgs_township_needs_its_county() -> None:
    # 石佛寺镇 exists in Hubei and in Henan: only the county of the article decides
    assert parse_name("石佛寺镇", ["421182"])[0] == ["421182104"]
    assert parse_name("石佛寺镇")[0] == []


def test_orgs_free_text_reads_the_everyday_form_of_an_autonomous_county() -> None:
    from kg.regions import gazetteer

    [m] = gazetteer().find_mentions("都安县72岁的蓝奶奶突发偏瘫。")
    assert (m.surface, [c.code for c in m.candidates]) == ("都安县", ["451228"])


def test_orgs_shi_li_after_a_place_belongs_to_the_name() -> None:
    [m] = [m for m in find_org_mentions("与青岛市立医院签约") if m.specific]
    assert (m.rest, m.pieces) == ("市立医院", ("青岛",))


@pytest.mark.parametrize(("text", "places"), [
    ("县卫生健康局和县人民医院要主动对接。", []),  # 和 joins two names
    ("马鞍山市和县人民医院开展义诊。", ["马鞍山市", "和县"]),  # after a place, 和县 is the county
    ("安徽和县地处长江北岸。", ["安徽", "和县"]),
    ("专家团队还随县医院医共体巡回医疗队来到东坑镇。", []),  # 随 (with) and the 县 of 县医院
    ("湖北随县人民医院开展义诊。", ["湖北", "随县"]),
    ("和县人民医院开展义诊。", ["和县"]),
])
def test_orgs_he_county_or_he_joining_two_names(text: str, places: list[str]) -> None:
    from kg.regions import gazetteer

    assert [m.surface for m in gazetteer().find_mentions(text)] == places


@pytest.mark.parametrize(("text", "places"), [
    ("温州市人民医院在老城区设立分院。", ["温州市"]),  # the old part of a town
    ("市民在新城区就能看上专家门诊。", []),
    ("洛阳市老城区人民医院开展义诊。", ["洛阳市", "老城区"]),  # the district, after its city
    ("济南市市中区人民医院开展义诊。", ["济南市", "市中区"]),
])
def test_orgs_districts_named_by_a_kind_of_place_only_after_their_city(text: str, places: list[str]) -> None:
    from kg.regions import gazetteer

    assert [m.surface for m in gazetteer().find_mentions(text)] == places


def test_orgs_the_head_hospitals_branches_are_not_one_branch() -> None:
    found = [m.surface for m in find_org_mentions("南丰县医共体总医院分院建设让乡镇群众受益。") if m.specific]
    assert "南丰县医共体总医院分院" not in found and "南丰县医共体总医院" in found


def test_orgs_a_time_word_before_a_town_is_no_place() -> None:
    # 现在 (now): the town's centre the article is about, not one in a place called 现在
    assert [m.surface for m in find_org_mentions("患者现在镇卫生院就能做心电图。")] == ["镇卫生院"]


@pytest.mark.parametrize("text", ["以前看病要进县医院。", "以前要去海口找省中医院。"])
def test_orgs_a_verb_before_a_context_dependent_name_is_not_part_of_it(text: str) -> None:
    assert [m.surface[:1] for m in find_org_mentions(text) if m.specific] in (["县"], ["省"])


@pytest.mark.parametrize(("text", "name"), [
    ("专访锦州医科大学附属第一医院院长。", "锦州医科大学附属第一医院"),  # 访 (visit)
    ("他叫长泰县医院的医生来会诊。", "长泰县医院"),  # 叫 (call)
    ("青岛市立医院牵头成立联盟。", "青岛市立医院"),  # 立 after its city is the name's (市立: run by the city)
])
def test_orgs_a_verb_of_one_character_does_not_open_a_name(text: str, name: str) -> None:
    assert name in [m.surface for m in find_org_mentions(text) if m.specific]
