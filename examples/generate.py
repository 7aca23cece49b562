"""Write the example event logs: a realistic 2020 for the 16 区县（市）/开发区 under each scheme.

The logs are checked in; this script documents how they were made and can make them again:

    python examples/generate.py

Each unit has a profile written out below (perfect units, heavily penalised units, a
tie in the ranked measure, ratios exactly on tier bounds). Dates and notes are drawn
from a seeded random generator, so the output is the same on every machine.
"""

from __future__ import annotations

import csv
import datetime
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Units as an office's export would write them: some by alias.
UNITS = [
    "中原区", "二七区", "管城区", "金水区", "上街区", "惠济区", "中牟县", "巩义市",
    "荥阳市", "新密市", "新郑市", "登封市", "航空港区", "郑东新区", "经开区", "高新区",
]


def _date(rng: random.Random, start_month: int = 1, end_month: int = 12) -> str:
    month = rng.randint(start_month, end_month)
    day = rng.randint(1, 28)
    return datetime.date(2020, month, day).isoformat()


def _write(path: Path, rows: list["Row"]) -> None:
    every = UNITS + CITY_UNITS + DOUBLE_RANDOM_CITY + ["自贸区郑州片区管委会"] + ARMED_CITY + IC_CITY + sorted({r[1] for r in rows})
    order = {unit: i for i, unit in enumerate(dict.fromkeys(every))}
    rows.sort(key=lambda r: (r[0], order[r[1]], r[2]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["日期", "单位", "事项", "数值", "备注"])
        writer.writerows(rows)


# ---------------------------------------------------------------- 附件1-1
INTEGRITY_YES_NO = [
    "出台重大决策必经程序及议事决策规则的制度性文件",
    "推行互联网+政务服务",
    "出台政务信息公开共享制度性文件",
    "建设信用平台或开设信用网站（专栏）",
    "出台议事决策规则并建立投诉举报机制",
    "畅通民意诉求渠道并建立健全投诉举报制度",
    "建立信用记录查询使用制度",
    "开展公职人员诚信教育或信用培训",
    "建立全体公职人员政务诚信档案和信用记录",
    "对政务失信主要负责人追究责任并对失信公职人员采取惩戒措施",
    "将乡（镇）办守信践诺情况纳入绩效考核",
    "开展诚信创建活动",
    "建立地方政府债务风险评估和预警机制",
    "建立健全统计工作记录制度",
]
INTEGRITY_EVENTS = [
    "政务失信记录",
    "拖欠市场主体账款",
    "政府采购和招标投标领域违法违规行为",
    "债务风险",
    "统计数据造假案件",
]
# unit: (missing yes/no facts, events {fact: count}, hall, report ratio, satisfaction, sharing volume)
INTEGRITY = {
    "金水区": ((), {}, "进驻并实现一站式服务", "96%", "100%", 2410),
    "郑东新区": ((), {}, "进驻并实现一站式服务", "92.5%", "100%", 2236),
    "二七区": ((), {"拖欠市场主体账款": 1}, "进驻并实现一站式服务", "90%", "99%", 1820),
    "中原区": (("开展诚信创建活动",), {"政府采购和招标投标领域违法违规行为": 2}, "进驻并实现一站式服务", "88%", "98.5%", 1820),
    "管城区": (("建立健全统计工作记录制度",), {"统计数据造假案件": 1}, "进驻未实现一站式服务", "81%", "97%", 1544),
    "上街区": ((), {"政务失信记录": 1}, "进驻并实现一站式服务", "0.9", "100%", 866),
    "惠济区": (("建设信用平台或开设信用网站（专栏）",), {"拖欠市场主体账款": 2}, "进驻未实现一站式服务", "70%", "96%", 1102),
    "中牟县": (("出台政务信息公开共享制度性文件",), {"债务风险": 1}, "进驻并实现一站式服务", "50%", "95%", 1290),
    "巩义市": ((), {"政务失信记录": 2, "拖欠市场主体账款": 1}, "进驻并实现一站式服务", "76%", "100%", 1750),
    "荥阳市": (("推行互联网+政务服务",), {"统计数据造假案件": 2}, "未进驻", "69.9%", "93%", 1003),
    "新密市": (("建立地方政府债务风险评估和预警机制",), {"债务风险": 2}, "进驻未实现一站式服务", "64%", "99.5%", 958),
    "新郑市": ((), {"政务失信记录": 1, "政府采购和招标投标领域违法违规行为": 1}, "进驻并实现一站式服务", "85%", "98%", 1488),
    "登封市": (
        ("出台议事决策规则并建立投诉举报机制", "开展公职人员诚信教育或信用培训", "将乡（镇）办守信践诺情况纳入绩效考核"),
        {"政务失信记录": 5, "拖欠市场主体账款": 7, "政府采购和招标投标领域违法违规行为": 3, "债务风险": 6, "统计数据造假案件": 2},
        "未进驻", "45%", "88%", 612,
    ),
    "航空港区": ((), {"拖欠市场主体账款": 1}, "进驻并实现一站式服务", "91%", "100%", 2236),
    "经开区": (("畅通民意诉求渠道并建立健全投诉举报制度",), {}, "进驻并实现一站式服务", "83%", "97.5%", 905),
    "高新区": ((), {"政务失信记录": 1}, "进驻并实现一站式服务", "94%", "99%", 1366),
}


Row = tuple[str, str, str, str, str]
TaskRow = tuple[str, str, str, str, str, str]  # 日期, 单位, 任务, 事项, 数值, 备注


def _profile_rows(
    rng: random.Random,
    unit: str,
    yes_no: list[str],
    missing: tuple[str, ...],
    events: dict[str, int],
    source: str,
    first_month: int,
) -> list[Row]:
    """The yes/no facts a unit reports done (or, for some, explicitly not done) and its incidents."""
    rows = []
    for fact in yes_no:
        if fact in missing:
            if rng.random() < 0.5:  # some offices report "否" explicitly, others leave it out
                rows.append((_date(rng, 11, 12), unit, fact, "否", "年终核查未完成"))
            continue
        rows.append((_date(rng, first_month, 11), unit, fact, "是", "已报送佐证材料"))
    for fact, count in events.items():
        for _ in range(count):
            rows.append((_date(rng), unit, fact, "", source))
    return rows


def integrity_rows(rng: random.Random) -> list[Row]:
    rows = []
    for unit, (missing, events, hall, ratio, satisfaction, sharing) in INTEGRITY.items():
        rows += _profile_rows(rng, unit, INTEGRITY_YES_NO, missing, events, "监测通报", 2)
        rows.append(("2020-12-20", unit, "职能部门进驻政务服务大厅情况", hall, "年终核查"))
        rows.append(("2020-12-31", unit, "信用信息报送部门占本级政府部门总数的比例", ratio, "市信用办统计"))
        rows.append(("2020-12-31", unit, "人大代表、政协委员满意率", satisfaction, "人大、政协反馈"))
        rows.append(("2020-12-31", unit, "信用信息共享量", str(sharing), "市信用平台统计（条）"))
    return rows


# ---------------------------------------------------------------- 附件4
ARREARS_YES_NO = [
    "2020年清偿账款数与2019年剩余欠款一致",
    "报送清欠工作信息及时完整",
    "全部制定清偿计划并落实资金来源",
    "公布清欠投诉举报渠道",
    "对问题线索全部进行回访和实地核查",
    "建立民营上市企业台账",
    "民营上市企业欠款已清偿完毕",
]
ARREARS_EVENTS = [
    "有分歧账款未清偿",
    "无分歧账款未清零",
    "新增拖欠",
    "一般债券未优先用于清偿",
    "置换债券节省利息未优先用于清偿",
    "未核实或未清偿的问题线索",
    "企业满意度调查不满意",
]
# unit: (missing yes/no, events, leader, measures-maker, progress, rectification, ledger, inclusion, budget cut)
ARREARS = {
    "金水区": ((), {}, "政府正职", "市县政府", "100%", "不存在这些问题", "无举报线索不涉及", "全部纳入", "全部完成任务无需压减"),
    "郑东新区": ((), {}, "政府正职", "市县政府", "100%", "存在并整改到位", "建立举报线索台账", "全部纳入", "全部完成任务无需压减"),
    "二七区": ((), {"有分歧账款未清偿": 1}, "常务副职", "市县政府", "100%", "存在并整改到位", "建立举报线索台账", "全部纳入", "全部完成任务无需压减"),
    "中原区": (("民营上市企业欠款已清偿完毕",), {"企业满意度调查不满意": 1}, "政府正职", "清欠机构", "100%", "不存在这些问题", "建立举报线索台账", "仅纳入绩效考核", "全部完成任务无需压减"),
    "管城区": ((), {"有分歧账款未清偿": 2, "未核实或未清偿的问题线索": 1}, "副职", "清欠机构", "98%", "存在部分整改到位", "建立举报线索台账", "全部纳入", "部分拖欠主体未完成任务且已压减财政支出"),
    "上街区": ((), {}, "常务副职", "政府部门", "100%", "不存在这些问题", "无举报线索不涉及", "仅纳入营商环境", "全部完成任务无需压减"),
    "惠济区": (("公布清欠投诉举报渠道",), {"企业满意度调查不满意": 2}, "副职", None, "100%", "存在并整改到位", "建立举报线索台账", "全部纳入", "全部完成任务无需压减"),
    "中牟县": ((), {"新增拖欠": 1, "一般债券未优先用于清偿": 1}, "政府正职", "市县政府", "100%", "存在并整改到位", "建立举报线索台账", "都未纳入", "部分拖欠主体未完成任务且已压减财政支出"),
    "巩义市": ((), {"有分歧账款未清偿": 1}, "政府正职", "市县政府", "100%", "不存在这些问题", "无举报线索不涉及", "全部纳入", "全部完成任务无需压减"),
    "荥阳市": (("对问题线索全部进行回访和实地核查",), {"未核实或未清偿的问题线索": 2}, "常务副职", "清欠机构", "100%", "存在部分整改到位", "没有建立举报台账", "仅纳入绩效考核", "全部完成任务无需压减"),
    "新密市": (("2020年清偿账款数与2019年剩余欠款一致",), {"无分歧账款未清零": 1, "有分歧账款未清偿": 3}, "副职", "政府部门", "86%", "尚未开始整改", "建立举报线索台账", "仅纳入绩效考核", "未压减"),
    "新郑市": ((), {"置换债券节省利息未优先用于清偿": 1}, "常务副职", "市县政府", "100%", "存在并整改到位", "建立举报线索台账", "全部纳入", "全部完成任务无需压减"),
    "登封市": (
        ("全部制定清偿计划并落实资金来源", "建立民营上市企业台账", "民营上市企业欠款已清偿完毕", "报送清欠工作信息及时完整"),
        {"无分歧账款未清零": 2, "有分歧账款未清偿": 4, "新增拖欠": 2, "一般债券未优先用于清偿": 1,
         "置换债券节省利息未优先用于清偿": 1, "未核实或未清偿的问题线索": 6, "企业满意度调查不满意": 4},
        None, None, "72%", "尚未开始整改", "没有建立举报台账", "都未纳入", "未压减",
    ),
    "航空港区": ((), {}, "政府正职", "市县政府", "100%", "不存在这些问题", "无举报线索不涉及", "全部纳入", "全部完成任务无需压减"),
    "经开区": ((), {"企业满意度调查不满意": 1}, "常务副职", "清欠机构", "100%", "存在并整改到位", "建立举报线索台账", "全部纳入", "全部完成任务无需压减"),
    "高新区": (("建立民营上市企业台账",), {"新增拖欠": 1}, "政府正职", "市县政府", "100%", "存在并整改到位", "无举报线索不涉及", "仅纳入营商环境", "全部完成任务无需压减"),
}


def arrears_rows(rng: random.Random) -> list[Row]:
    rows = []
    for unit, (missing, events, leader, maker, progress, fix, ledger, inclusion, cut) in ARREARS.items():
        rows += _profile_rows(rng, unit, ARREARS_YES_NO, missing, events, "督查发现", 3)
        if leader is not None:
            rows.append((_date(rng, 1, 3), unit, "清欠工作牵头领导职务", leader, "清欠工作小组成立文件"))
        if maker is not None:
            rows.append((_date(rng, 3, 6), unit, "中办国办通知细化措施制定主体", maker, "细化措施文件"))
        rows.append(("2020-12-31", unit, "清偿进度", progress, "年底清偿台账"))
        rows.append(("2020-12-25", unit, "督查发现问题整改情况", fix, "督查整改台账"))
        rows.append(("2020-12-25", unit, "举报线索台账情况", ledger, "举报线索台账"))
        rows.append(("2020-12-25", unit, "清欠纳入考核评价情况", inclusion, "考核文件"))
        rows.append(("2020-12-25", unit, "压减财政支出情况", cut, "财政部门报送"))
    return rows


# ---------------------------------------------------------------- 附件3
SOCIAL_YES_NO = [
    "制定信用信息归集方案和指标目录",
    "开通信用网站（专栏）",
    "建设信用平台",
    "实现系统自动化联通并进行数据共享交换",
    "制定印发联合奖惩备忘录相关贯彻落实文件",
]
# Domains are counted one row each (备注 names the domain); cases and trainings too.
SOCIAL_COUNTS = [
    "建立并实施信用管理制度的商务诚信领域",
    "建立信用记录并在门户网站公示的商务诚信领域",
    "建立并实施信用管理制度的社会诚信领域",
    "建立信用记录并在门户网站公示的社会诚信领域",
    "建立并实施信用管理制度的司法行业职业人群或单位",
    "建立信用记录的司法行业从业人员及单位",
    "公开的审判、执行、检务、司法行政信息",
    "实质性开展工作并形成案例的信用创新服务领域",
    "开展信用核查的本级政府部门",
    "开展信用承诺的本级政府部门",
    "公益性信用修复培训班",
    "政府失信事件",
]
# unit: (missing yes/no, counts in SOCIAL_COUNTS order, cases (one row), monitoring rank, ratio, sharing)
SOCIAL = {
    "金水区": ((), (10, 10, 10, 10, 4, 4, 4, 12, 14, 12, 3, 0), 152, 1, "95%", 3120),
    "登封市": ((), (8, 9, 10, 9, 4, 4, 3, 9, 10, 10, 2, 0), 131, 3, "90%", 2954),
    "二七区": ((), (9, 8, 7, 8, 3, 4, 4, 10, 11, 9, 3, 1), 98, 2, "88%", 2954),
    "中原区": (("实现系统自动化联通并进行数据共享交换",), (7, 7, 8, 6, 4, 3, 2, 6, 8, 8, 1, 0), 76, 4, "82%", 2410),
    "管城区": ((), (6, 5, 6, 6, 2, 2, 2, 5, 6, 7, 1, 2), 40, 7, "70%", 1888),
    "惠济区": (("开通信用网站（专栏）",), (5, 4, 5, 5, 2, 3, 1, 4, 5, 5, 0, 0), 33, 9, "66%", 1502),
    "上街区": ((), (4, 4, 3, 3, 1, 1, 1, 2, 4, 3, 1, 0), 21, 12, "50%", 902),
    "中牟县": ((), (6, 6, 6, 5, 3, 3, 2, 6, 7, 6, 2, 1), 64, 6, "76%", 1760),
    "巩义市": ((), (7, 6, 7, 7, 3, 3, 3, 7, 9, 8, 2, 0), 88, 5, "84%", 2106),
    "荥阳市": (("制定信用信息归集方案和指标目录",), (3, 3, 4, 4, 2, 2, 1, 3, 4, 4, 0, 3), 19, 10, "49%", 1120),
    "新密市": ((), (5, 5, 5, 4, 2, 2, 2, 4, 6, 6, 1, 0), 45, 8, "71%", 1450),
    "新郑市": (
        ("建设信用平台", "制定印发联合奖惩备忘录相关贯彻落实文件"),
        (2, 1, 2, 2, 1, 0, 1, 1, 2, 2, 0, 5),
        9, 11, "38%", 640,
    ),
}


def social_rows(rng: random.Random) -> list[Row]:
    rows = []
    for unit, (missing, counts, cases, monitor_rank, ratio, sharing) in SOCIAL.items():
        events = {fact: count for fact, count in zip(SOCIAL_COUNTS, counts) if count}
        rows += _profile_rows(rng, unit, SOCIAL_YES_NO, missing, events, "佐证材料", 2)
        rows.append(("2020-12-31", unit, "归集发布的联合奖惩案例", str(cases), "市信用平台统计（件）"))
        rows.append(("2020-12-31", unit, "全年城市信用监测结果排名", str(monitor_rank), "城市信用监测结果"))
        rows.append(("2020-12-31", unit, "信用信息报送部门占本级政府部门总数的比例", ratio, "市信用办统计"))
        rows.append(("2020-12-31", unit, "信用信息共享量", str(sharing), "市信用平台统计（条）"))
    return rows


# ---------------------------------------------------------------- 附件1-2 and 附件2: the 68 市级单位
CITY_UNITS = [
    "市纪委监委", "市委办公厅", "市委组织部", "市委宣传部", "市委政法委", "市委编办", "市委外事办", "市档案馆",
    "市政府办公厅", "市发展改革委", "市教育局", "市科技局", "市工信局", "市民族宗教局", "市公安局", "市民政局",
    "市司法局", "市财政局", "市人社局", "市资源规划局", "市生态环境局", "市城建局", "市住房保障局", "市交通运输局",
    "市城管局", "市农委", "市水利局", "市林业局", "市商务局", "市文化广电和旅游局", "市卫健委", "市退役军人局",
    "市应急管理局", "市审计局", "市国资委", "市市场监管局", "市体育局", "市统计局", "市粮食和储备局", "市医保局",
    "市信访局", "市人防办", "市文物局", "市园林局", "市金融局", "市物流口岸局", "市大数据局", "市政务办",
    "郑州公积金中心", "市仲裁办", "郑州黄河文化公园管委会", "市法院", "市检察院", "市残联", "市消防救援支队",
    "市邮政局", "市烟草局", "市税务局", "航空港区税务局", "省税务局第三税务分局", "郑州海关驻郑机构", "市气象局",
    "市国安局", "市公共资源交易中心", "市无线电管理局", "郑州水文资源勘测局", "人民银行郑州中心支行", "国网郑州供电公司",
]
CITY_INTEGRITY_YES_NO = [
    "出台重大决策必经程序及议事决策规则的制度性文件",
    "推行互联网+政务服务",
    "出台政务信息公开制度性文件",
    "有信息公开网站或网站设置信息公开专栏",
    "行政许可、行政处罚等行政行为信息共享至市信用平台",
    "出台议事决策规则并建立投诉举报机制",
    "畅通民意诉求渠道并建立健全投诉举报制度",
    "开展公职人员诚信教育或信用培训",
    "建立全体公职人员政务诚信档案和信用记录",
    "建立信用记录查询使用制度",
    "实际开展信用记录查询",
    "依规取消评选资格、通报批评、追究主要负责人责任并惩戒失信公职人员",
]
CITY_CREDIT_YES_NO = [
    "建立本单位公职人员诚信档案并作为评先评优、考核、任用和奖惩的重要依据",
    "依据单位职责在行业领域中建立信用管理制度",
    "依据单位职责在行业领域归集并在本单位门户网站公示相关信用信息",
    "依据行业管理建立行业从业人员信用档案或信用记录",
    "依据单位职责建立实施信用分级分类监管制度并有分级分类结果",
    "制定实施本单位信用信息归集共享与异议处理方案",
    "开通信用专栏",
    "建设信用平台",
    "100%归集共享行政许可、行政处罚、行政奖励、分级分类结果等信用信息",
    "实现系统自动化联通并进行数据共享交换",
    "开展信用信息查询应用并建立信用信息应用清单制度",
    "制定印发联合奖惩备忘录相关贯彻落实文件",
]
HALL = ["进驻并实现一站式服务", "进驻未实现一站式服务", "未进驻"]


def _quality(rng: random.Random, index: int) -> float:
    """How well a unit did: the first is perfect, the last very poor, the rest drawn."""
    if index == 0:
        return 1.0
    if index == len(CITY_UNITS) - 1:
        return 0.2
    return rng.uniform(0.55, 1.0)


def _missing(rng: random.Random, facts: list[str], quality: float) -> tuple[str, ...]:
    return tuple(f for f in facts if rng.random() > quality)


def city_integrity_rows(rng: random.Random) -> list[Row]:
    rows = []
    for index, unit in enumerate(CITY_UNITS):
        quality = _quality(rng, index)
        missing = _missing(rng, CITY_INTEGRITY_YES_NO, quality)
        records = 0 if quality == 1.0 else int(rng.random() * 4 * (1 - quality) ** 1.5 * 3)
        events = {"政务失信记录": records} if records else {}
        rows += _profile_rows(rng, unit, CITY_INTEGRITY_YES_NO, missing, events, "信用平台记录", 2)
        hall = HALL[0] if quality > 0.8 else rng.choice(HALL)
        rows.append(("2020-12-20", unit, "职能部门进驻政务服务大厅情况", hall, "年终核查"))
        satisfaction = "100%" if quality == 1.0 else f"{max(80, round(100 - rng.random() * 20 * (1 - quality), 1))}%"
        rows.append(("2020-12-31", unit, "人大代表、政协委员满意率", satisfaction, "人大、政协反馈"))
    return rows


def city_credit_rows(rng: random.Random) -> list[Row]:
    rows = []
    for index, unit in enumerate(CITY_UNITS):
        quality = _quality(rng, index)
        missing = _missing(rng, CITY_CREDIT_YES_NO, quality)
        events = {
            "政府失信事件": 0 if quality == 1.0 else int(rng.random() * 3 * (1 - quality) * 2),
            "实际开展的信用信息应用": 4 if quality == 1.0 else rng.randint(0, 4),
            "公益性信用修复培训班": 3 if quality == 1.0 else rng.randint(0, 4),
        }
        rows += _profile_rows(rng, unit, CITY_CREDIT_YES_NO, missing, {k: v for k, v in events.items() if v}, "佐证材料", 2)
        cases = 75 if quality == 1.0 else int(quality * rng.randint(0, 90))
        rows.append(("2020-12-31", unit, "归集发布的联合奖惩案例", str(cases), "市信用平台统计（件）"))
    return rows


# ---------------------------------------------------------------- 附件5 “双随机、一公开”
DOUBLE_RANDOM_CITY = [
    "市发展改革委", "市教育局", "市科技局", "市工信局", "市民族宗教局", "市公安局", "市民政局", "市司法局", "市财政局",
    "市人社局", "市资源规划局", "市生态环境局", "市城建局", "市住房保障局", "市交通局", "市城管局", "市农委", "市水利局",
    "市林业局", "市商务局", "市文化广电和旅游局", "市卫健委", "市应急局", "市市场监管局", "市体育局", "市统计局",
    "市粮食和储备局", "市医疗保障局", "市人防办", "市文物局", "市园林局", "市金融局", "市大数据局", "市政务办",
    "市消防救援支队", "市烟草专卖局", "市税务局", "航空港区税务局", "省税务局第三税务分局", "市气象局",
]
DOUBLE_RANDOM_YES_NO = [
    "建立抽查对象库",
    "建立检查人员库",
    "按比例、时间、频次完成抽查计划各项任务",
    "制定实施意见或本地区工作方案、实施办法",
    "建立组织领导机制并强化工作督导",
    "组织召开工作推进会或培训会",
    "及时上报材料",
    "强化经费保障、充实执法力量并开展监管执法业务培训",
    "利用各种媒体加强宣传并强化社会监督",
]
DOUBLE_RANDOM_FAULTS = [
    "随机抽查事项清单未制定或有缺项",
    "随机抽查事项清单未公示",
    "随机抽查事项清单未按时上报",
    "联合抽查事项清单未公示",
    "抽查对象库未动态更新",
    "检查人员库未动态更新",
    "未完成的抽查任务",
    "抽查工作不符合流程规范",
    "抽查结果未按要求向社会公开的检查对象",
    "未参与跨部门联合抽查",
    "参与的跨部门联合抽查未公示",
]


def double_random_rows(rng: random.Random) -> list[Row]:
    rows = []
    units = UNITS + DOUBLE_RANDOM_CITY + ["自贸区郑州片区管委会"]
    for index, unit in enumerate(units):
        quality = 1.0 if unit in ("金水区", "市市场监管局") else 0.25 if unit == "市气象局" else rng.uniform(0.6, 1.0)
        missing = _missing(rng, DOUBLE_RANDOM_YES_NO, quality)
        events = {f: 1 for f in DOUBLE_RANDOM_FAULTS if rng.random() > quality + 0.15}
        if "未完成的抽查任务" in events:
            events["未完成的抽查任务"] = rng.randint(1, 9)
        rows += _profile_rows(rng, unit, DOUBLE_RANDOM_YES_NO, missing, events, "平台核查", 3)
        ratio = "4%" if "按比例、时间、频次完成抽查计划各项任务" in missing else f"{rng.choice([5, 6, 8, 10])}%"
        rows.append(("2020-12-31", unit, "抽查比例", ratio, "协同监管平台统计"))
        if rng.random() < 0.2 or quality == 1.0:
            rows.append(("2020-12-20", unit, "探索创新和突出贡献", str(rng.choice([2, 3, 5, 8, 10])), "联席会议办公室评定"))
    return rows


# ---------------------------------------------------------------- 武装工作
ARMED_CITY = ["市纪委监委", "市委组织部", "市委编办", "市教育局", "市公安局", "市财政局", "市人社局", "市卫健委",
              "市退役军人局", "市国资委", "郑州警备区"]
DEV_ZONES = ["航空港区", "郑东新区", "经开区", "高新区"]
# fact → the units that report it (lead, class-1 and class-2 units of the item)
ARMED_RATIOS = {
    "党校干部和新招录公务员培训国防内容完成比例": ["市委组织部"],
    "民兵整组工作完成比例": ["郑州警备区"],
    "训练经费和误工补贴拨付完成比例": ["郑州警备区", "市财政局"],
    "基干民兵分队装备器材配备完成比例": ["郑州警备区", "市财政局"],
    "国防教育进校园课时完成比例": ["市教育局"],
    "退役大学生士兵招录和加分政策落实比例": ["市人社局", "市委组织部"],
    "随军家属年度安置完成比例": ["市退役军人局", "市委编办", "市财政局", "市人社局", "市国资委"],
    "军人子女入学入托政策落实比例": ["市教育局"],
    "基层武装部部长配备制度落实比例": ["市委组织部"],
    "专武干部配备率": ["市委组织部"],
    "基层武装部建设达标比例": ["郑州警备区", "市财政局"],
}


def armed_rows(rng: random.Random) -> list[Row]:
    rows = []
    for unit in UNITS + ARMED_CITY:
        district = unit in UNITS
        quality = 1.0 if unit in ("金水区", "市教育局") else 0.5 if unit in ("上街区", "市财政局") else rng.uniform(0.75, 1.0)
        for fact, city_units in ARMED_RATIOS.items():
            if fact == "民兵整组工作完成比例" and unit in DEV_ZONES:
                continue  # item 2 names 区县（市） only
            if not (district or unit in city_units):
                continue
            done = 100 if quality == 1.0 or rng.random() < quality else rng.choice([60, 75, 80, 90, 95])
            rows.append(("2020-12-15", unit, fact, f"{done}%", "警备区年终查验"))
        if district or unit in ("郑州警备区", "市纪委监委", "市教育局", "市公安局", "市卫健委"):
            if rng.random() < quality:
                rows.append(("2020-12-10", unit, "实现零责任退兵、零违纪", "是", "征兵工作总结"))
        if rng.random() < 0.3:
            rows.append(("2020-11-30", unit, "日常管理加扣分", rng.choice(["-2", "-1", "-0.5", "1", "2", "3"]), "日常管理绩效考核"))
    return rows


# ---------------------------------------------------------------- any scheme, from its rule file
def scheme_rows(rule_file: str, rng: random.Random, best: str, worst: str) -> list[Row]:
    """A year for every unit of a scheme, read from the rule file: every fact each unit's items use.

    Stages are reached further, yes/no facts done more often and ratios higher the better a
    unit is; `best` does everything, `worst` little.
    """
    import sys

    sys.path.insert(0, str(HERE.parent))
    from zkprules import nodes as n
    from zkprules.checker import clause_uses
    from zkprules.loader import load_project

    project = load_project([HERE.parent / "rules" / rule_file])
    model = project.models[0]
    rows: list[Row] = []
    for unit in model.units:
        quality = 1.0 if unit == best else 0.3 if unit == worst else rng.uniform(0.6, 1.0)
        seen: set[str] = set()
        for item, roles in zip(model.scheme.items, model.roles):
            if unit not in roles:
                continue
            for clause in item.clauses:
                rows += _clause_rows(n, clause_uses, model, clause, unit, quality, rng, seen)
    return rows


def _clause_rows(n, clause_uses, model, clause, unit, quality, rng, seen) -> list[Row]:  # type: ignore[no-untyped-def]
    rows: list[Row] = []
    if isinstance(clause, n.StageClause):
        if clause.fact.text not in seen:
            seen.add(clause.fact.text)
            reached = len(clause.stages) if quality == 1.0 else max(0, min(len(clause.stages), round(quality * len(clause.stages) + rng.uniform(-1, 0.5))))
            for k, arm in enumerate(clause.stages[:reached]):
                rows.append((f"2020-{3 + 2 * k:02d}-20", unit, clause.fact.text, arm.stage.text, "阶段验收"))
        return rows
    if isinstance(clause, n.ExemptClause):
        return rows  # the province set the task this year: no exemption reported
    deducts = (
        (isinstance(clause, n.YesNoClause) and clause.points < 0)
        or (isinstance(clause, n.DiscretionClause) and clause.sign < 0)
        or (isinstance(clause, n.PerClause) and clause.rate.points < 0)
        or isinstance(clause, n.OverrideClause)  # 出现「F」的，本项得 0 分: F is a fault
    )
    for use in clause_uses(clause):
        fact = model.fact(use.name.text)
        if fact is None or fact.name in seen:
            continue
        seen.add(fact.name)
        if deducts:  # a fault: the worse the unit, the likelier
            if quality < 1.0 and rng.random() > quality + 0.2:
                value = "是" if fact.kind is n.FactKind.COUNT else str((fact.bounds or (1, 1))[0])
                if fact.bounds is not None and fact.bounds[0] == 0:  # 酌情扣 0-N: half or all of N
                    value = str(rng.choice([fact.bounds[1] / 2, fact.bounds[1]]).normalize())
                if isinstance(clause, n.PerClause):  # faults counted one by one: a few of them
                    value = str(rng.randint(1, 4))
                rows.append((_date(rng, 3, 11), unit, fact.name, value, "考核主体核查"))
            continue
        if fact.kind is n.FactKind.CHOICE:  # the best option for the best unit, else drawn, or none
            if quality == 1.0 or rng.random() < quality / 2:
                option = fact.options[0] if quality == 1.0 else rng.choice(fact.options)
                rows.append(("2020-12-10", unit, fact.name, option, "考核主体认定"))
        elif fact.kind is n.FactKind.COUNT:
            if quality == 1.0 or rng.random() < quality:
                rows.append((_date(rng, 3, 11), unit, fact.name, "是", "佐证材料"))
        elif fact.kind is n.FactKind.RATIO:
            done = 100 if quality == 1.0 or rng.random() < quality else rng.choice([55, 70, 80, 90, 95])
            rows.append(("2020-12-15", unit, fact.name, f"{done}%", "年终核查"))
        elif fact.kind is n.FactKind.DISCRETION:
            low, high = fact.bounds or (0, 10)
            value = high if quality == 1.0 else max(low, min(high, round(float(high) * quality)))
            rows.append(("2020-12-20", unit, fact.name, str(value), "考核主体评定"))
        elif fact.default is None:
            rows.append(("2020-12-15", unit, fact.name, str(round(40 * quality) if quality < 1 else 40), "年终统计"))
    return rows


def chinese_medicine_rows(rng: random.Random) -> list[Row]:
    rows = scheme_rows("3-7-chinese-medicine.zkp", rng, best="市卫健委", worst="上街区")
    for unit in ("金水区", "二七区", "市农委", "市卫健委"):
        rows.append(("2020-11-30", unit, "日常目标绩效管理加扣分", rng.choice(["2", "3", "6", "-1"]), "日常目标绩效管理"))
    for unit in ("巩义市", "新郑市"):  # counties that already have a 县办中医院
        rows = [r for r in rows if not (r[1] == unit and r[2] == "县办中医院建设进展")]
    return rows


def government_openness_rows(rng: random.Random) -> list[Row]:
    return scheme_rows("3-2-government-openness.zkp", rng, best="市政府办公厅", worst="市供销社")


# ---------------------------------------------------------------- 违法建设 月度考核
IC_CITY = ["市资源规划局", "市城建局", "市住房保障局", "市城管局", "市市场监管局", "市人防办", "市园林局"]
# Hand-written months for the units the README works out by hand (二七区) and for a clean
# unit (金水区): month → {fact: count}. Every other unit is drawn from its profile.
IC_FIXED: dict[str, dict[int, dict[str, str]]] = {
    "二七区": {
        3: {"新增违法建设": "1", "未按时拆除违法建设": "1", "拆除存量违法建设": "2"},
        4: {"未按时拆除违法建设": "1"},
        6: {"拆除存量违法建设": "3"},
        7: {"日常工作扣分": "1.5"},
    },
    "金水区": {month: {"拆除存量违法建设": "1"} for month in (2, 5, 8, 11)},
}
# unit: (chance of a new case in a month, chance a pending case stays unremoved, most removals a month)
IC_PROFILES = {"惠济区": (0.5, 0.5, 1), "中牟县": (0.4, 0.6, 2), "上街区": (0.05, 0.0, 0), "高新区": (0.05, 0.0, 0)}


def _month_day(rng: random.Random, month: int, last: bool = False) -> str:
    day = 28 if last else rng.randint(1, 27)
    return datetime.date(2020, month, day).isoformat()


def illegal_construction_rows(rng: random.Random) -> list[Row]:
    """Twelve months of cases, late removals (carried into the next month), stock removals, daily work."""
    rows: list[Row] = []
    for unit in UNITS:
        if unit in IC_FIXED:
            for month, facts in IC_FIXED[unit].items():
                for fact, value in facts.items():
                    rows.append((_month_day(rng, month, fact == "未按时拆除违法建设"), unit, fact, value, ""))
            continue
        new_chance, stay_chance, most = IC_PROFILES.get(unit, (0.2, 0.3, 3))
        pending = 0
        for month in range(1, 13):
            new = sum(1 for _ in range(2) if rng.random() < new_chance)
            for _ in range(new):
                rows.append((_month_day(rng, month), unit, "新增违法建设", "", "巡查发现"))
            still = sum(1 for _ in range(pending + new) if rng.random() < stay_chance)
            if still:
                rows.append((_month_day(rng, month, True), unit, "未按时拆除违法建设", str(still), "月底未拆除"))
            pending = still
            removed = rng.randint(0, most)
            if removed:
                rows.append((_month_day(rng, month), unit, "拆除存量违法建设", str(removed), ""))
            if rng.random() < 0.15:
                rows.append((_month_day(rng, month, True), unit, "日常工作扣分", rng.choice(["0.5", "1", "2"]), "信息报送不及时"))
    for unit in IC_CITY:
        pending = 0
        for month in range(1, 13):
            new = 1 if rng.random() < 0.15 else 0
            if new:
                rows.append((_month_day(rng, month), unit, "对新发生违法建设未依法履职", "", ""))
            still = sum(1 for _ in range(pending + new) if rng.random() < 0.4)
            if still:
                rows.append((_month_day(rng, month, True), unit, "未有效履行行业职责", str(still), ""))
            pending = still
            removed = rng.randint(0, 12) if unit != "市人防办" else 0
            if removed:
                rows.append((_month_day(rng, month), unit, "拆除存量违法建设", str(removed), ""))
    return rows


def quality_rows(rng: random.Random) -> list[Row]:
    """质量: the generic year, and one unit with a 否决项 event."""
    out = scheme_rows("3-1-quality.zkp", rng, best="金水区", worst="中牟县")
    out.append(("2020-08-18", "荥阳市", "区域性、系统性产品质量安全事件", "1", "经国务院授权部门调查认定"))
    return out


def rule_of_law_rows(rng: random.Random) -> list[Row]:
    """法治: the generic year, with realistic rates, survey scores and assessors' deductions."""
    rows = scheme_rows("3-4-rule-of-law.zkp", rng, best="市司法局", worst="市社科联")
    out = []
    for date, unit, fact, value, note in rows:
        if fact in ("行政诉讼案件败诉率", "一审行政诉讼案件败诉率"):
            value = "0%" if unit == "市司法局" else rng.choice(["0%", "5%", "8%", "10%", "12.5%", "15%", "18%", "20%", "25%"])
        out.append((date, unit, fact, value, note))
    for unit in sorted({r[1] for r in rows}):  # the third party's survey, already converted to 20 points
        score = "19.5" if unit == "市司法局" else rng.choice(["15", "16.5", "17", "17.8", "18", "18.25", "19"])
        out.append(("2020-12-25", unit, "社会评议得分", score, "第三方机构测评"))
    # the unit whose 败诉率 is the highest of its peers: 市城管局 (33.3%), 10 points off its total
    out = [r for r in out if not (r[1] == "市城管局" and r[2] == "行政诉讼案件败诉率")]
    out.append(("2020-12-15", "市城管局", "行政诉讼案件败诉率", "33.3%", "市法院提供"))
    return out


# ---------------------------------------------------------------- 区县职能目标（重点工作）
KEY_TASKS = [
    "老旧小区改造", "产业园区提质", "城市道路畅通", "生态廊道建设", "智慧城市建设",
    "乡村振兴示范", "科创平台建设", "营商环境提升", "黄河流域生态保护", "县域经济突破",
]
PLANNING = ["研究方案", "办理手续", "出台政策"]
PROGRESS = ["进展情况", "统筹管理"]
QUARTER_END = {1: "2020-03-31", 2: "2020-06-30", 3: "2020-09-30", 4: "2020-12-20"}


def _stage_share(rng: random.Random, step: str, quality: float) -> str:
    """A ticked option: full, the middle band (30%–70%), or none (统筹管理's last option is 0–20%)."""
    draw = rng.random()
    if draw < quality:
        return "100%"
    if step == "出台政策":
        return "0%"
    if draw < quality + (1 - quality) * 0.8:
        return rng.choice(["30%", "50%", "60%", "70%"])
    return rng.choice(["10%", "20%"]) if step == "统筹管理" else "0%"


def key_tasks_rows(rng: random.Random) -> list[TaskRow]:
    """2–4 tasks per unit, each assessed every quarter (年终 = 四季度), with occasional bonuses."""
    rows: list[TaskRow] = []
    for index, unit in enumerate(UNITS):
        quality = 1.0 if unit == "金水区" else 0.35 if unit == "中牟县" else rng.uniform(0.55, 0.95)
        tasks = rng.sample(KEY_TASKS, 4 if unit == "金水区" else rng.randint(2, 4))
        for task in tasks:
            steps = [s for s in PLANNING if s == "研究方案" or rng.random() < 0.6] + PROGRESS
            for quarter, day in QUARTER_END.items():
                for step in steps:
                    rows.append((day, unit, task, step, _stage_share(rng, step, min(1.0, quality + 0.1 * quarter)), "季度考核"))
            if unit == "金水区" or rng.random() < quality / 3:
                rows.append(("2020-11-15", unit, task, "受到市委主要领导批示肯定或全市推广", "1", "市委主要领导批示"))
            if unit == "金水区" or rng.random() < 0.15:
                rows.append(("2020-12-20", unit, task, "超额完成比例", rng.choice(["10%", "25%", "50%"]), "年终核查"))
    return rows


def _write_tasks(path: Path, rows: list[TaskRow]) -> None:
    order = {unit: i for i, unit in enumerate(dict.fromkeys(UNITS + sorted({r[1] for r in rows})))}
    rows.sort(key=lambda r: (r[0], order[r[1]], r[2], r[3]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["日期", "单位", "任务", "事项", "数值", "备注"])
        writer.writerows(rows)


# ---------------------------------------------------------------- 政务服务改革
GS_WORKED = "中原区"  # worked out by hand in examples/government-services/README.md: fixed rows below


def _gs_worked_rows() -> list[TaskRow]:
    """中原区: a year simple enough to follow by hand."""
    unit = GS_WORKED
    rows: list[TaskRow] = []
    for month in range(1, 13):
        day = f"2020-{month:02d}-25"
        satisfaction = {1: "99%", 2: "99%", 3: "97.5%", 4: "98%"}.get(month, "98%")
        rows.append((day, unit, "", "满意率", satisfaction, "月度满意度测评"))
        rows.append((day, unit, "", "差评率（月办件量多于20件）", "1.6%" if month == 6 else "0%", "好差评系统"))
        rows.append((day, unit, "", "实名差评回访整改率", "100%", "好差评系统"))
    rows.append(("2020-05-25", unit, "", "第三方评估档次", "第二档", "上月第三方评估"))
    rows.append(("2020-07-10", unit, "", "超期办件（月办件量多于20件）", "2", "电子监察"))
    rows.append(("2020-09-18", unit, "", "被市级主流媒体宣传表扬", "1", "郑州日报"))
    rows.append(("2020-12-15", unit, "", "一网通办评定分", "9", "年终评定"))
    rows.append(("2020-06-20", unit, "", "单设政务服务大厅进驻综合政务服务大厅", "", "进驻完成"))
    rows.append(("2020-12-15", unit, "", "进驻事项分类一窗受理率", "90%", "年终核查"))
    rows.append(("2020-12-15", unit, "", "掌上办率", "100%", "年终核查"))
    rows.append(("2020-12-15", unit, "", "一证办率", "92%", "年终核查"))
    rows.append(("2020-12-15", unit, "", "三集中三到位评定分", "8", "年终评定"))
    rows.append(("2020-04-28", unit, "182", "材料共享需求不明确或有遗漏", "2", "事项梳理核查"))
    return rows


def government_services_rows(rng: random.Random) -> list[TaskRow]:
    """A year of 政务服务: twelve months of the monthly items, the year items, and 一件事 faults by matter."""
    import sys

    sys.path.insert(0, str(HERE.parent))
    from zkprules.loader import load_project

    model = load_project([HERE.parent / "rules" / "2-government-services.zkp"]).models[0]
    rows = _gs_worked_rows()
    holds = {unit: [item for item, roles in zip(model.scheme.items, model.roles) if unit in roles] for unit in model.units}
    for unit in model.units:
        if unit == GS_WORKED:
            continue
        quality = 1.0 if unit in ("金水区", "市政务办") else 0.4 if unit == "新密市" else rng.uniform(0.55, 0.95)
        district = unit in {"郑州航空港经济综合实验区", "郑东新区", "郑州经济技术开发区", "郑州高新技术产业开发区"} or unit.endswith(("区", "市", "县"))
        satisfaction = 99.0
        for month in range(1, 13):
            day = f"2020-{month:02d}-{rng.randint(20, 28)}"
            satisfaction = min(100.0, max(90.0, satisfaction + rng.choice([-1.5, -0.5, 0, 0.5, 1]) * (1.2 - quality)))
            rows.append((day, unit, "", "满意率", f"{satisfaction:.1f}%", "月度满意度测评"))
            if district:
                rate = 0 if rng.random() < quality else rng.choice([0.5, 1.2, 2.6])
                rows.append((day, unit, "", "差评率（月办件量多于20件）", f"{rate}%", "好差评系统"))
            elif rng.random() > quality:
                rows.append((day, unit, "", "差评（月办件量少于20件）", str(rng.randint(1, 2)), "好差评系统"))
            rows.append((day, unit, "", "实名差评回访整改率", "100%" if rng.random() < quality + 0.1 else "96%", "好差评系统"))
            if rng.random() > quality + 0.3:
                rows.append((day, unit, "", "经核查属实确有过错的投诉", "1", "投诉核查"))
            if rng.random() > quality + 0.2:
                rows.append((day, unit, "", "第三方评估档次", rng.choice(["第二档", "第三档"]), "上月第三方评估"))
            if rng.random() > quality:
                fact = "超期办件（月办件量多于20件）" if district else "超期办件（月办件量少于20件）"
                rows.append((day, unit, "", fact, str(rng.randint(1, 3)), "电子监察"))
            if rng.random() < 0.08 + quality / 10:
                rows.append((day, unit, "", rng.choice(["被市级主流媒体宣传表扬", "被省级主流媒体宣传表扬", "被两办督查室通报表扬"]), "1", ""))
            if rng.random() > quality + 0.35:
                rows.append((day, unit, "", rng.choice(["被市级主流媒体负面报道", "受到省委省政府、市委市政府通报批评"]), "1", ""))
        for item in holds[unit]:
            if item.task is not None:
                if rng.random() > quality + 0.25:
                    fact = rng.choice(["材料共享需求不明确或有遗漏", "流程不够优化，影响系统配置", "运行期间因部门原因导致不能正常办理"])
                    rows.append((_date(rng, 4, 11), unit, item.task, fact, "1", "一件事核查"))
                continue
            rows += _gs_year_rows(rng, unit, item.id, quality)
    return rows


def _gs_year_rows(rng: random.Random, unit: str, item: str, quality: float) -> list[TaskRow]:
    """The rows of one yearly 政务服务 item (1–6) for one unit."""
    good = quality == 1.0 or rng.random() < quality
    if item == "1":
        late = [] if good else [rng.choice(["证照目录认领", "签章印模提交", "历史证照电子化"])]
        dates = {"证照目录认领": "2020-04-03", "证件、执照版式文件提交": "2020-04-09", "签章印模提交": "2020-04-14", "历史证照电子化": "2020-06-28"}
        return [("2020-07-10" if f in late else d, unit, "", f, "", "电子证照进度") for f, d in dates.items()]
    if item == "2":
        return [("2020-12-15", unit, "", "一网通办评定分", "10" if good else str(rng.randint(6, 9)), "年终评定")]
    if item == "3":
        rows = [("2020-06-20" if good else "2020-07-15", unit, "", "单设政务服务大厅进驻综合政务服务大厅", "", "进驻")]
        rows.append(("2020-12-15", unit, "", "进驻事项分类一窗受理率", "100%" if good else rng.choice(["90%", "85%"]), "年终核查"))
        return rows
    if item in ("4", "5"):
        fact = "掌上办率" if item == "4" else "一证办率"
        return [("2020-12-15", unit, "", fact, "100%" if good else rng.choice(["96%", "90%", "88%"]), "年终核查")]
    if item == "6":
        return [("2020-12-15", unit, "", "三集中三到位评定分", "10" if good else str(rng.randint(6, 9)), "年终评定")]
    return []


# ---------------------------------------------------------------- 营商环境
BE_WORKED = "二七区"  # worked out by hand in examples/business-environment/README.md
BE_WORKED_MISSED = {"9", "29", "52"}  # the table items 二七区 did not complete
BE_ATTACHMENTS = {
    "“双随机、一公开”监管工作考核得分率": "75",
    "政务诚信建设考核得分率": "78",
    "社会信用体系建设考核得分率": "79",
    "清理拖欠民营企业中小企业账款考核得分率": "100",
}


def business_environment_rows(rng: random.Random) -> list[TaskRow]:
    """A year of 营商环境: monthly and quarterly results for the districts, completed items, attachments' rates, 加扣分."""
    import sys

    sys.path.insert(0, str(HERE.parent))
    from zkprules.loader import load_project

    model = load_project([HERE.parent / "rules" / "1-business-environment.zkp"]).models[0]
    rows: list[TaskRow] = []
    for unit in model.units:
        worked = unit == BE_WORKED
        quality = 0.95 if worked else 1.0 if unit in ("金水区", "市市场监管局") else 0.5 if unit == "新密市" else rng.uniform(0.7, 0.97)
        held = [item for item, roles in zip(model.scheme.items, model.roles) if unit in roles]
        for item in held:
            if item.id == "月":
                for month in range(1, 13):
                    score = 92 if worked else round(rng.uniform(70, 98) * (0.8 + quality / 5), 1)
                    rows.append((f"2020-{month:02d}-28", unit, "", "营商环境月度评估得分", str(score), "月度评估结果"))
            elif item.id == "季":
                for quarter, day in ((1, "03-31"), (2, "06-30"), (3, "09-30"), (4, "12-31")):
                    score = (88, 90, 91, 95)[quarter - 1] if worked else round(rng.uniform(75, 98) * (0.8 + quality / 5), 1)
                    rows.append((f"2020-{day}", unit, "", "营商环境综合评价季度得分", str(score), "季度综合评价"))
            elif item.task is not None:
                done = item.task not in BE_WORKED_MISSED if worked else rng.random() < quality
                if done:
                    rows.append((_date(rng, 3, 12), unit, item.task, "完成目标", "", "完成目标任务"))
        for fact, item_id in BE_ATTACHMENTS.items():
            if any(i.id == item_id for i in held):
                rate = {"75": "96%", "78": "90%", "79": "100%", "100": "85%"}[item_id] if worked else f"{rng.randint(70, 100)}%"
                rows.append(("2020-12-28", unit, "", fact, rate, "附件考核结果"))
        if worked:
            rows.append(("2020-10-15", unit, "", "国家评价单项指标前10名（二类责任单位）", "1", "国家营商环境评价"))
            rows.append(("2020-11-20", unit, "", "不按时参会、未按要求报送或敷衍报送材料数据", "2", "领导小组办公室通报"))
        elif rng.random() < 0.2:
            fact = rng.choice(["省评价单项指标第一名（牵头单位）", "牵头的大项指标", "不积极配合，迟报或不报营商环境评价材料"])
            rows.append((_date(rng, 6, 12), unit, "", fact, "1", ""))
    return rows


IC_TOTALS = {"原有违法建设总起数": "违法建设处置起数", "违法建设总面积": "违法建设处置面积"}


def illegal_annex_districts_rows(rng: random.Random) -> list[Row]:
    """附表1: the generic year, with cases and areas found (总起数/总面积) at least what was handled."""
    rows = scheme_rows("3-5-illegal-construction-annex-1-districts.zkp", rng, best="金水区", worst="惠济区")
    handled = {(r[1], r[2]): int(r[3]) for r in rows if r[2] in IC_TOTALS.values()}
    out = []
    for row in rows:
        if row[2] in IC_TOTALS:
            done = handled[(row[1], IC_TOTALS[row[2]])]
            total = done if row[1] == "金水区" else done + rng.choice([0, 2, 5, 12])
            row = (row[0], row[1], row[2], str(total), row[4])
        out.append(row)
    return out


def illegal_annex_city_rows(rng: random.Random) -> list[Row]:
    return scheme_rows("3-5-illegal-construction-annex-2-city.zkp", rng, best="市城管局", worst="市人防办")


def main() -> None:
    """Write both example logs."""
    for folder, make, seed in (
        ("government-integrity-districts", integrity_rows, 2020_11),
        ("arrears-clearance-districts", arrears_rows, 2020_4),
        ("social-credit-districts", social_rows, 2020_3),
        ("government-integrity-city", city_integrity_rows, 2020_12),
        ("social-credit-city", city_credit_rows, 2020_2),
        ("double-random-supervision", double_random_rows, 2020_5),
        ("armed-forces", armed_rows, 2020_33),
        ("chinese-medicine", chinese_medicine_rows, 2020_37),
        ("government-openness", government_openness_rows, 2020_32),
        ("illegal-construction-monthly", illegal_construction_rows, 2020_35),
        ("quality", quality_rows, 2020_31),
        ("rule-of-law", rule_of_law_rows, 2020_34),
        ("illegal-construction-annex-districts", illegal_annex_districts_rows, 2020_351),
        ("illegal-construction-annex-city", illegal_annex_city_rows, 2020_352),
    ):
        target = HERE / folder
        target.mkdir(parents=True, exist_ok=True)
        _write(target / "events.csv", make(random.Random(seed)))
    target = HERE / "business-environment"
    target.mkdir(parents=True, exist_ok=True)
    _write_tasks(target / "events.csv", business_environment_rows(random.Random(2020_1)))
    target = HERE / "government-services"
    target.mkdir(parents=True, exist_ok=True)
    _write_tasks(target / "events.csv", government_services_rows(random.Random(2020_2)))
    target = HERE / "key-tasks-districts"
    target.mkdir(parents=True, exist_ok=True)
    _write_tasks(target / "events.csv", key_tasks_rows(random.Random(2020_36)))


if __name__ == "__main__":
    main()
