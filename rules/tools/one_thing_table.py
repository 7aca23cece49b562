"""Transcribe the 386 rows of 围绕一件事“一网通办、一次办成”绩效考核细则 into 项目表 rows.

The source (../shared/source, lines 616–1174) is a PDF table as tab-separated text: 序号,
事项名称, 牵头单位, 一类责任单位, 二类责任单位, then the empty scoring columns and 分值 (10).
This script documents how the rows of rules/2-government-services.zkp were made:

    python rules/tools/one_thing_table.py ../shared/source/000_36020c93550e2ce5.txt

Cells are read as the document writes them: units separated by spaces; “/” is none;
“市、区县(市)X局” is the city's X局 and the 区县（市） (by their X局); any “区县(市)X局”,
“县(市)X局” or “县（市、区）X局” is the 区县（市） group. Company branches written
“区县（市）移动公司” are aliases in rules/units.zkp. The printed rows were reviewed against
the source and pasted into the rule file.
"""

from __future__ import annotations

import re
import sys

COUNTY = re.compile(r"^(区县|县)[(（]市(、区)?[)）]")
BOTH = re.compile(r"^市、(区县|县)[(（]市[)）](.+)$")
COMPANY_BRANCHES = {"区县（市）移动公司", "区县（市）联通公司", "区县（市）电信公司"}


def units(cell: str) -> list[str]:
    """The registry names one cell stands for, in order, once each."""
    found: list[str] = []
    for token in cell.split():
        if token == "/":
            continue
        both = BOTH.match(token)
        if both:
            names = ["市" + both.group(2), "区县（市）"]
        elif token in COMPANY_BRANCHES:
            names = [token]
        elif COUNTY.match(token):
            names = ["区县（市）"]
        else:
            names = [token]
        found += [n for n in names if n not in found]
    return found


def cell_text(names: list[str]) -> str:
    return "、".join(f"「{n}」" for n in names) if names else "无"


def rows(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not re.match(r"^\d+\t", line):
            continue
        cells = line.split("\t")
        number, name = cells[0], cells[1].strip()
        roles = [units(c) for c in cells[2:5]]
        out.append(f"  {number}「{name}」：" + "｜".join(cell_text(r) for r in roles) + "。")
    return out


if __name__ == "__main__":
    text = open(sys.argv[1], encoding="utf-8").read().splitlines()
    print("\n".join(rows(text[615:1174])))
