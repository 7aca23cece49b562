"""Hand-worked examples (examples/<scheme>/README.md) agree with the tool.

Each README ends with a “核对” block of `name = value` lines worked out by hand; the test
runs the scheme on the example log and compares every value, to the decimals written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliResult

WORKED = [
    ("rules/3-3-armed-forces.zkp", "examples/armed-forces"),
    ("rules/3-5-illegal-construction-monthly.zkp", "examples/illegal-construction-monthly"),
    ("rules/2-government-services.zkp", "examples/government-services"),
    ("rules/1-business-environment.zkp", "examples/business-environment"),
]


def hand_values(readme: Path) -> dict[str, str]:
    """The `name = value` lines of the README's last ```text block."""
    blocks = re.findall(r"```text\n(.*?)```", readme.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, f"{readme} has no ```text check block"
    pairs = (line.split("=", 1) for line in blocks[-1].strip().splitlines())
    return {name.strip(): value.strip() for name, value in pairs}


def same_to_written_places(tool: str, hand: str) -> bool:
    places = len(hand.split(".")[1]) if "." in hand else 0
    rounded = Decimal(tool).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded == Decimal(hand)


@pytest.mark.parametrize(("rules", "example"), WORKED)
def test_hand_worked_example_agrees_with_the_tool(cli: Callable[..., CliResult], rules: str, example: str) -> None:
    hand = hand_values(ROOT / example / "README.md")
    code, out, _ = cli("run", rules, f"{example}/events.csv", "--format", "json")
    assert code == 0
    name = hand.pop("单位")
    unit = next(u for u in json.loads(out)["schemes"][0]["units"] if u["unit"] == name)
    tool = dict(unit["quantities"], 总分=unit["total"], 排名=str(unit["rank"]))
    tool.update({f"{p['period']}得分": p["total"] for p in unit["periods"]})
    for name, value in hand.items():
        assert same_to_written_places(tool[name], value), (name, tool[name], value)
