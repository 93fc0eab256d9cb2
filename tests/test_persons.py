"""People next to their titles; reporters and patients left out. Examples written for these tests."""

from __future__ import annotations

import pytest

from kg.persons import find_persons

CASES = [
    ("兰州大学第一医院心内科主任医师王海涛介绍，该院已开展多项新技术。", ["王海涛"]),
    ("副院长刘建国带队前往临夏。", ["刘建国"]),
    ("陈立新教授每月到院坐诊。", ["陈立新"]),
    ("中国科学院院士李明、赵志刚出席会议。", ["李明", "赵志刚"]),
    ("该院党委书记、院长孙红表示，将继续深化合作。", ["孙红"]),
    ("喀什地区第一人民医院副院长阿不都·热合曼介绍，医院已开展新技术。", ["阿不都·热合曼"]),
    ("西藏自治区人民医院主任医师次仁表示，手术很顺利。", ["次仁"]),
    ("医院将派出5名专家常驻乡镇卫生院。", []),
    ("江西省人民医院心内科主任医师洪涛当选理事长。", ["洪涛"]),  # 洪: a surname
    ("甲医院院长周建军与乙医院院长马宏伟共同签署协议。", ["周建军", "马宏伟"]),  # jieba: 马 / 宏伟 / 共同
    ("消化内科主任医师吴云林再次来到县里。", ["吴云林"]),  # jieba: 吴 / 云林 / 再次 (an adverb)
    ("心内科主任医师才让多杰担任执行院长。", ["才让多杰"]),  # Tibetan name elements: 才让 + 多杰
    ("院长格桑卓玛在会上说，", ["格桑卓玛"]),
    ("护士长张开展了培训。", []),  # 开展 is a verb, not a given name
    ("派驻的常务副院长、心内科主任医师蒋晨阳说，", ["蒋晨阳"]),  # 常务 is not a name before 副院长
    ("骨科顾问医生陈伟明介绍，", ["陈伟明"]),  # nor 顾问 before 医生
    ("复旦儿科安徽医院院长陈文说，一年来", ["陈文"]),  # jieba: 陈 / 文说
    ("八里岔乡卫生院院长付强共同为分院揭牌。", ["付强"]),  # 付强: a rare dictionary verb, a name here
    ("副院长买买提·艾力表示，合作将让各族群众受益。", ["买买提·艾力"]),  # 买买提 is also a dictionary noun
    ("医院选派骨科专家王伟任资阳市第一人民医院院长。", ["王伟"]),  # jieba: 王伟任; 任 (serve as) + post
    ("主任医师李建任表示，将继续帮扶。", ["李建任"]),  # nothing follows 任 as a post: part of the name
    ("儿科主任、副主任医师陈家明说，过去只能往省城转。", ["陈家明"]),  # jieba: 陈家 / 明说
    ("院长覃业强为成员单位授牌。", ["覃业强"]),  # jieba: 覃业 / 强为
    ("骨科副主任医师沈浩、康复医学科主治医师蒋丽萍每周坐诊。", ["沈浩", "蒋丽萍"]),  # 康复: a department
    ("中国工程院院士付小兵、蒋建新出席会议。", ["付小兵", "蒋建新"]),
    ("骨科副主任医师沈浩将每周到亭林医院坐诊。", ["沈浩"]),  # jieba: 沈 / 浩将
    ("齐鲁医院党委副书记公冶明远，聊城市卫健委主任出席。", ["公冶明远"]),  # compound surnames
    ("肝胆外科副主任医师司马骏任副院长兼外科主任。", ["司马骏"]),  # jieba: 司马 / 骏任
    ("妇产科副主任医师司马婧挂任江孜县人民医院副院长。", ["司马婧"]),  # jieba: 司马 / 婧 / 挂 / 任
    ("儿科主治医师欧阳岚驻点县医院半年。", ["欧阳岚"]),
    ("风湿免疫科主任医师夏侯振宁则为当地医生讲授。", ["夏侯振宁"]),  # jieba: 夏侯 / 振宁则
    ("贵德县人民医院院长索南扎西介绍，", ["索南扎西"]),  # Tibetan elements, though 索 is a surname
    ("州卫生健康委员会副主任拉毛吉说，", ["拉毛吉"]),  # an Amdo woman's name: element + 吉
    ("稻城县人民医院外科医生扎西翁加。他在附院跟岗。", ["扎西翁加"]),  # a known element and an unlisted one
    ("主任扎西表示，医院将继续帮扶。", ["扎西"]),  # …but not a speech verb after one element
    ("副主任白音仓说，合作很顺利。", ["白音仓"]),
    ("邱德懋原是宁化县总医院普外科主任医师，前年退休。", ["邱德懋"]),  # jieba: 邱德懋原 / 是
    ("检验科副主任技师眭景和，驻点共和县人民医院。", ["眭景和"]),  # rare surnames: 眭, 仵
    ("全科医学科副主任医师仵永康驻点噶尔县人民医院。", ["仵永康"]),
    ("心血管内科副主任医师戴书恒到英山县人民医院驻点。", ["戴书恒"]),  # jieba: 戴书恒到 / 英山县
    ("河北医大三院院长郄志远介绍，联盟将扩大。", ["郄志远"]),  # a rare surname; 计 (计划) is left out
    ("州卫生健康委员会副主任侬德华，医院副院长糜一帆出席。", ["侬德华", "糜一帆"]),  # 侬 (Zhuang), 糜
    ("景东彝族自治县卫生健康局副局长杞文华表示，", ["杞文华"]),  # 杞, a surname of Yunnan
    ("包医一附院副院长云鹤鸣、神经外科主任医师冒嘉禾出席。", ["云鹤鸣", "冒嘉禾"]),  # 云, 冒
    ("主刀的是神经外科主任医师、挂职拜泉县人民医院执行院长的庞立新。", ["庞立新"]),  # post, 的, name
    ("值班的胸外科副主任医师伍静姝出现在屏幕另一端。", ["伍静姝"]),  # jieba: 伍静 / 姝 (no word) / 出现
    ("州卫生健康委员会副主任索南扎西东珠，共和县卫生健康局局长出席。", ["索南扎西东珠"]),  # three elements
    ("巍山县中医医院副院长茶梦溪在会上分享了经验。", ["茶梦溪"]),  # 茶, a surname of Yunnan
    ("院长的职责是管理。", []),  # …but only a name that closes the clause
    ("他被当地人称为「苗寨院长」。", []),  # a nickname in quotes
    ("派驻人员：栾绍棠（神经外科主任医师，挂职副院长）、苑青禾（麻醉科副主任医师）。", ["栾绍棠", "苑青禾"]),
    ("固阳县卫生健康委员会主任敖日格勒说，", ["敖日格勒"]),  # 敖日格乐, also written 敖日格勒
    ("神经内科副主任医师鲜于晨阳就在县医院查房。", ["鲜于晨阳"]),  # a compound surname
    ("心血管内科副主任医师鞠明远留了下来。", ["鞠明远"]),  # jieba: 鞠 / 明远 (an adjective) / 留
    ("神经内科主任医师鞠卫东每季度到阜平讲课。", ["鞠卫东"]),  # jieba: 鞠 / 卫东 / 每季度
    ("重症医学科副主任医师骆剑锋正带着年轻医生查房。", ["骆剑锋"]),  # jieba: 骆 / 剑锋 / 正带
    ("果洛藏族自治州人民医院院长旦正才让介绍，", ["旦正才让"]),  # Tibetan name elements
    ("昌都市人民医院院长江措多吉介绍，", ["江措多吉"]),
    ("昌都市卫生健康委员会副主任向巴平措表示，", ["向巴平措"]),
    ("鄂温克族自治旗卫生健康委员会主任孟根其其格表示，", ["孟根其其格"]),  # Mongolian ones
    ("同院的台籍护理师邱筱涵原在臺北榮總服務。", ["邱筱涵"]),  # 护理师: a nurse, as Taiwan says
    ("禾新医院执行长黄钰翔表示，", ["黄钰翔"]),  # 执行长: a hospital's chief executive, as Taiwan says
    ("禾新医院心脏内科主任萧惠文说，", ["萧惠文"]),
    ("吉安市卫生健康委员会副主任萧景和出席会议并讲话。", ["萧景和"]),  # 和 ends the name before 出席
    ("青铜峡市人民医院副院长撒志军介绍，", ["撒志军"]),  # Hui surnames of the north-west: 撒, 喇, 锁
    ("街子镇卫生院院长喇永平说，", ["喇永平"]),
    ("来自北京中医医院的援疆干部蔺振东目前担任副院长。", ["蔺振东"]),  # 援疆干部: one sent to aid Xinjiang
    ("药学部主任中药师郜文澜说，", ["郜文澜"]),  # 中药师: a pharmacist of Chinese medicine
    ("妇产科副顾问医生司徒敏即在产科门诊坐诊。", ["司徒敏"]),  # 副顾问医生: Hong Kong's associate consultant
    ("来自高雄的神经内科医师凃建宏应聘到漳州市医院工作。", ["凃建宏"]),  # 凃, a variant of 涂 kept in Taiwan
    # a roster line whose institution has its other name in brackets
    ("逄立新，原山东第一医科大学附属省立医院（山东省立医院）消化内科主任、主任医师。", ["逄立新"]),
    ("骨科主任医师鞠卫东今年58岁。", ["鞠卫东"]),  # …/ 今年 (a time word)
    ("心血管内科副主任医师宝音图被派驻且末县。", ["宝音图"]),  # a Mongolian name ending in 图
    ("蒙医正骨科主任医师额尔德木图每周到乌审旗坐诊。", ["额尔德木图"]),  # 额尔德木 (erdem) + 图
    ("眼科副主任医师桑文哲。\n\n桑文哲到高唐县人民医院后发现，筛查覆盖面低。", ["桑文哲", "桑文哲"]),  # …到
    ("专家于下月到岗。", []),  # 于 and a time, not a name
    ("作为副理事长单位，该院将牵头培训。", []),  # 单 is a surname, 单位 a common noun
    ("专家组计划每月来院两次，主任医师计划明年再来。", []),
    ("医院内分泌科主任其木格告诉记者，", ["其木格"]),  # one Mongolian name element, whole
    ("额敏县人民医院院长巴合提江·吾拉孜汗说，", ["巴合提江·吾拉孜汗"]),  # not 巴 as a surname
    ("卫健委党组书记、副主任古丽娜尔·沙吾提等到机场迎接。", ["古丽娜尔·沙吾提"]),
    ("大理大学第一附属医院副主任医师字国祥、主治医师岩温获奖。", ["字国祥", "岩温"]),  # Bai, Dai surnames
    ("与会主任医师普遍认为，规范诊疗是关键。", []),  # 普 is a surname, 普遍认为 a word
    ("潍坊市中医院周光明主任说，要形成合力。", ["周光明"]),  # institution, name, post-nominal title
    ("重症医学科的卢雪晴护士长担任护理部副主任。", ["卢雪晴"]),
    ("凉山州第一人民医院副院长吉克伍呷表示，", ["吉克伍呷"]),  # a Yi clan name and a given name
    ("竹核镇中心卫生院全科医生阿说拉者扎根乡镇十二年。", ["阿说拉者"]),
    ("派驻专家马海挂职寻甸县妇幼保健院副院长。", ["马海"]),  # a Han name, not the Yi clan name 马海
    ("两家医院的30余名专家开展义诊，云南省第一人民医院普外科主任出席。", []),  # a count; a department
    ("最需要的就是有经验的专家带教，以免年轻医生考走。", []),  # after 专家/医生 a name needs a surname
    ("省级专家常来，卫生院医生晋升也容易了。", []),  # 常 / 来 (an adverb, a verb); 晋升 (a word)
    ("援藏专家扎西表示，将继续坐诊。", ["扎西"]),  # or is a Tibetan name the speech verb confirms
    ("普外科副主任医师晏子衡目前挂职副院长。", ["晏子衡"]),  # jieba: 晏子 (a name of its own) / 衡
    ("神经内科主任巴图孟和说，", ["巴图孟和"]),  # Mongolian elements; 和 here is not "and"
    ("天津市第一中心医院院长卜庆和表示，", ["卜庆和"]),  # a name's last 和 before a speech verb
    ("院长王伟和副院长李明出席。", ["王伟", "李明"]),  # and the 和 that joins two
    ("心内科医生麦麦提明·艾买提江再次来到卓尼。", ["麦麦提明·艾买提江"]),  # 再次 follows the name
    ("援藏医疗队队员阚思远是队里最年轻的成员。", ["阚思远"]),  # 队员 with a surname
    # no title next to the name: a caption, a list of homes, a clause that describes a post
    ("图为皇甫立恒（右一）和陶一帆（右二）在病房查房。", ["皇甫立恒", "陶一帆"]),
    ("分别是：神经外科（复旦大学附属华山医院　陶一帆）、儿科（复旦大学附属儿科医院　卞雨辰）。",
     ["陶一帆", "卞雨辰"]),
    # described by the post after 是, and then the same person wherever the name is written again
    ("65岁的蔺伯谦每天准时查房。蔺伯谦是广州医科大学附属第二医院心内科原主任，", ["蔺伯谦", "蔺伯谦"]),
    ("图为义诊现场（右）。", []),
    ("沐春燕是我院呼吸科主任医师、博士生导师，长期从事临床工作。", ["沐春燕"]),  # honours after 、
    ("宁医大总医院副院长籍宏伟表示，", ["籍宏伟"]),  # rare surnames: 籍, 纳 (Hui), 沐
    ("石嘴山市卫生健康委员会副主任纳建军表示，", ["纳建军"]),
    ("医务处处长、主任医师贠建平介绍，", ["贠建平"]),  # 贠 and 保 (Hui) are surnames too
    ("县人民医院副院长保宏图表示，", ["保宏图"]),
    ("普外科副主任医师巴图吉日嘎拉挂职副院长。", ["巴图吉日嘎拉"]),  # a four-character element
    ("神经外科主任蒋天福主刀，历时2个多小时。", ["蒋天福"]),  # the work done follows the name
    ("主任医师、教授鄂静宜驻点期间推动认证。", ["鄂静宜"]),
    ("名单：\n韦振霖（心血管内科　主任医师）队长\n贲子航（新生儿科　主治医师）\n", ["韦振霖", "贲子航"]),
    ("义诊地点：\n人民广场（城东社区）\n", []),  # brackets that give no title
    ("副主任医师谌立峰到岗。根据安排，谌立峰挂任神经外科主任。", ["谌立峰", "谌立峰"]),  # 挂任 ends it
    ("内分泌科副主任医师迪丽拜尔·阿不力孜当天就接诊了。", ["迪丽拜尔·阿不力孜"]),  # not 医师迪丽拜尔…
    ("急诊医学科主任蔡明哲上月已率三名医生到屯门。", ["蔡明哲"]),  # when, after the name
    ("首批6名专家于去年12月初到岗。", []),  # 于 is a surname, 去年 no given name
    ("麻醉科副主任医师庹晓光牵头建立了疼痛门诊。", ["庹晓光"]),
    ("县里的麻醉医生很年轻，安徽专家带来新技术，4名专家常驻三都，每天带着全科医生查房。", []),
    ("骨关节外科副主任医师柯子谦常驻龙川县人民医院。", ["柯子谦"]),  # jieba: 柯子 / 谦 / 常驻
    ("县医院院长沙永昆说，卫生院距省会长沙约600公里。", ["沙永昆"]),  # 长沙约 is no 沙约
    ("心血管内科副主任医师葛晓航挂任永登县人民医院业务副院长。", ["葛晓航"]),  # jieba: 葛晓 / 航挂 / 任
    ("神经内科主任许文和教授说，联盟将统一救治流程。", ["许文和"]),  # 和 before a title ends the name
    ("普格县人民医院院长吉克木呷表示，医院将借助帮扶。", ["吉克木呷"]),  # a Yi clan name and given name
    ("湘雅医院副院长禤志明、鄄城县中医医院院长逄建平出席。", ["禤志明", "逄建平"]),
    ("医务处：助理员龚振宇", ["龚振宇"]),
    ("年轻医生麦尔丹·阿不都外力是科里的骨干。", ["麦尔丹·阿不都外力"]),  # 阿不都: Abdu-, not 都
    ("迪庆州人民医院院长七林农布表示，协作带来了新技术。", ["七林农布"]),
    ("内分泌科医生额尔敦陶克陶说，病人少跑了路。", ["额尔敦陶克陶"]),
    ("天津市卫生健康委员会医政医管处二级调研员邰振华到黄南挂职。", ["邰振华"]),
    ("兴城市人民医院院长展鹏飞说，河北医大三院副院长战立新出席。", ["展鹏飞", "战立新"]),  # surnames 展 战
    ("东直门医院脾胃病科主任医师骆清和将每周到怀柔出诊一次。", ["骆清和"]),  # 和将: 和 ends the name
    ("原江门市第二人民医院院长司徒文辉现任江门市人民医院副院长。", ["司徒文辉"]),
    ("陕西省卫生健康委员会二级巡视员封立强出席。", ["封立强"]),
    ("表彰名单如下：\n芦文慧 廊坊市人民医院消化内科主任医师\n第五永平 富平县中医医院院长\n",
     ["芦文慧", "第五永平"]),  # a list's lines: name, a space, home and title; compound surname 第五
    ("神经内科主任医师付春林当即决定静脉溶栓。", ["付春林"]),
    ("湘雅二院麻醉科主治医师颜书瑶同批入藏。", ["颜书瑶"]),
    ("运城市中心医院呼吸与危重症医学科主任医师畅永明说。", ["畅永明"]),  # surname 畅
    ("包头市中心医院心血管内科主任医师奥登格日勒说，气温波动大。", ["奥登格日勒"]),
    ("姓名｜科室｜职称｜派驻单位\n栾秋明｜心血管内科｜主任医师｜封丘县人民医院\n", ["栾秋明"]),  # a table
    ("专家名单如下：\n1. 姜沐春　神经内科　主任医师（挂任业务副院长）\n2. 仉宏伟　普外科　副主任医师\n",
     ["姜沐春", "仉宏伟"]),  # a numbered roster: name, department, title
    ("锡盟中心医院心血管内科主任医师宝音挂职阿巴嘎旗人民医院副院长。", ["宝音"]),  # one Mongolian element
    ("神经内科主任医师萨仁、心内科副主任医师柯明远作为首批下沉专家。", ["萨仁", "柯明远"]),
    ("骨科主治医师呼延凯则负责带教。", ["呼延凯"]),  # 则 (then), glued by jieba (呼延 / 凯则)
    ("老年医学科副主任医师项丽则下沉至卫生院。", ["项丽"]),
    ("呼吸内科副主任医师温雅楠除在县医院查房外，每周一到中医医院坐诊。", ["温雅楠"]),  # 除 (besides)
    ("心血管内科副主任医师熊立新正式到岗。", ["熊立新"]),  # an adverb after it (jieba: 熊 / 立新 / 正式)
    ("心内科副主任医师姚慕青带着3台仪器来到村卫生室。", ["姚慕青"]),  # (jieba: 姚慕 / 青带 / 着)
]


@pytest.mark.parametrize(("text", "names"), CASES)
def test_persons_found_with_titles(text: str, names: list[str]) -> None:
    found = find_persons(text)
    assert [p.name for p in found] == names
    for p in found:
        assert text[p.start : p.end] == p.name


NOT_EXPERTS = [
    "陈塘村党支部书记巫建华告诉记者，现在村里老人看病先找家庭医生。",  # a village's officer
    "华溪村村委会主任冉启贵说，医生就在乡里，心里踏实多了。",
    "卫生院医生通过5G系统与省二医专家连线。",  # 连线 (a common noun) after the loosest title
    "本报记者 张三丰 通讯员 李四海",
    "（通讯员王小明）近日，医院开展义诊。",
    "65岁的王先生说，手术很成功。",
    "患者小李（化名）康复出院。",
    "文/图 赵大勇",
    "医院开展义诊。\n\n（医务处 钱思彤　宣传中心 于淼）\n责任编辑：褚卫红",  # a credit line, by offices
]


@pytest.mark.parametrize("text", NOT_EXPERTS)
def test_persons_reporters_and_patients_are_left_out(text: str) -> None:
    assert find_persons(text) == []


def test_persons_a_name_read_again_is_found_wherever_the_article_writes_it() -> None:
    text = "心内科主任医师陶一帆说。陶一帆和陶一帆然都来了，陶一帆表示。"
    starts = [m.start for m in find_persons(text) if m.name == "陶一帆"]
    assert starts == [7, 12, text.rindex("陶一帆")]  # (not inside the longer 陶一帆然)


def test_persons_a_known_name_before_a_verb_that_could_close_a_new_one() -> None:
    # 庄玉成为专家们送行 reads 庄玉成 / 为 when the name is new; a name known already stays whole
    text = "党委副书记庄玉成为专家们送行。审核：庄玉成"
    assert [m.name for m in find_persons(text)][:1] == ["庄玉成"]
    text = "骨科副主任医师谭永康在手术。谭永康成为首批派驻专家。"
    assert [m.start for m in find_persons(text) if m.name == "谭永康"] == [7, 14]
