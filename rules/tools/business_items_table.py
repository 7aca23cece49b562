"""Transcribe the 100 items of 2020年度郑州市营商环境建设专项绩效考核细则 into 项目表 rows.

The source (../shared/source, lines 140–291) is a PDF table as tab-separated text: 考核事项,
考核主体, 考核目标及任务内容, 权重赋分, 评分标准, 评分办法, 牵头单位, 一类责任单位, 二类责任单位.
This script documents how the rows of rules/1-business-environment.zkp were made:

    python rules/tools/business_items_table.py ../shared/source/000_36020c93550e2ce5.txt

Reading of the merged cells: the PDF merges the 牵头单位 cell over the rows of one 考核事项
where it is the same, so a blank 牵头单位 is the previous row's (within the same 考核事项);
a blank 一类 / 二类 cell is none (those cells are written on every row that has them).
Units are split on “、” and spaces the PDF inserted inside names are removed; the spellings
are resolved through rules/units.zkp (aliases there). Items whose 评分标准 is “见附件N” or
“…负责打分” are printed as comments: the rule file scores them from the attachment's result.
"""

from __future__ import annotations

import re
import sys

ATTACHMENT_ITEMS = {"75", "78", "79", "100"}
SPLIT = re.compile(r"[、，,]")
# PDF wraps inside names: "市 社保中心", "商务 局(自贸区郑州片 区)"
REJOIN = re.compile(r"(?<=[\u4e00-\u9fff（(])\s+(?=[\u4e00-\u9fff）)])")


# Cells the document writes vaguely: what is kept (the comment in the rule file says so).
VAGUE = {
    "市气象局等各审批职能部门": "市气象局",
    "市市场监管局等有关市直单位": "市市场监管局",
    "市财政局等有关市直单位": "市财政局",
    "市委": None,  # item 90: “市委” alone names no unit
}


def units(cell: str) -> list[str]:
    """The unit names of one cell, as written (spaces inside names removed)."""
    names = []
    for name in _split(cell):
        kept = VAGUE.get(name, name)
        if kept is not None:
            names.append(kept)
    return names


def _split(cell: str) -> list[str]:
    text = cell.strip()
    text = re.sub(r"([)）])(?=市)", r"\1、", text)  # "…管委会)市科技局": two units
    text = text.replace("各开发区 区县", "各开发区、区县").replace(" 河南自贸区", "、河南自贸区")
    text = re.sub(r"\s+(?=市)", "、", text)  # "市司法局 市大数据局": separate units
    text = REJOIN.sub("", text)
    names = [n.strip() for n in _outside_brackets(text) if n.strip()]
    joined: list[str] = []
    for name in names:  # "各开发区、区县(市)" is one group: rejoin what the split cut
        if joined and joined[-1] == "各开发区" and name.startswith("区县"):
            joined[-1] = "各开发区、" + name
        else:
            joined.append(name)
    return joined


def _outside_brackets(text: str) -> list[str]:
    """Split on 、 and commas, except inside brackets: 市城管局（A、B、C） is one unit."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "(（"
        depth -= char in ")）"
        if depth == 0 and SPLIT.match(char):
            parts.append(current)
            current = ""
        else:
            current += char
    return parts + [current]


def short_name(content: str) -> str:
    """The item's name: its task text up to the first full stop."""
    text = re.sub(r"^\s*\d+\.", "", content).strip()
    head = re.split(r"[。；;]", text)[0]
    return head.replace("「", "“").replace("」", "”")


def rows(lines: list[str]) -> list[str]:
    out: list[str] = []
    category, lead = None, ""
    for raw in lines:
        cells = raw.split("\t")
        if cells[0].startswith("考核事项") or "牵头单位 (系数" in raw or not raw.strip():
            continue
        index = next((i for i, c in enumerate(cells) if re.match(r"^\s*\d{1,3}\.", c)), None)
        if index is None:
            continue
        if cells[0].strip() and cells[0].strip() != category:
            category, lead = cells[0].strip(), ""
            out.append(f"  # {category}")
        rest = [c.strip() for c in cells[index:]] + [""] * 9
        number = re.match(r"\s*(\d+)\.", rest[0]).group(1)
        weight, lead_cell, first, second = rest[1], rest[4], rest[5], rest[6]
        lead = lead_cell or lead
        cols = [units(lead), units(first), units(second)]
        text = "｜".join("、".join(f"「{u}」" for u in c) if c else "无" for c in cols)
        line = f"  {number}「{short_name(rest[0])}」：{weight} 分｜{text}。"
        out.append(("  # " + line.strip() + "（见附件，另列为项目）") if number in ATTACHMENT_ITEMS else line)
    return out


if __name__ == "__main__":
    text = open(sys.argv[1], encoding="utf-8").read().splitlines()
    print("\n".join(rows(text[139:291])))
