"""The unit registry: aliases, any-width spelling, groups of groups, suggestions, mistakes."""

from __future__ import annotations

from zkprules import nodes as n
from zkprules.registry import Registry
from tests.helpers import load_rules, parse


def build(text: str) -> tuple[Registry, list[str]]:
    registry_file = parse(text, "units.zkp")
    assert isinstance(registry_file, n.RegistryFile)
    registry, problems = Registry.build([registry_file])
    return registry, [p.key for p in problems]


def test_bundled_registry_has_the_16_districts_and_development_zones() -> None:
    registry = load_rules().registry
    assert len(registry.expand("区县（市）") or ()) == 12
    assert len(registry.expand("开发区") or ()) == 4
    assert len(registry.expand("各开发区 区县（市）") or ()) == 16


def test_aliases_and_width_variants_resolve_to_one_unit() -> None:
    registry = load_rules().registry
    names = ["航空港区", "航空港实验区", "郑州航空港经济综合实验区", "航空港 区"]
    assert {registry.unit(name) for name in names} == {"郑州航空港经济综合实验区"}
    assert registry.expand("区县(市)") == registry.expand("区县（市）")


def test_unknown_name_suggests_the_nearest_known_names() -> None:
    registry = load_rules().registry
    assert registry.unit("金水") is None
    assert "金水区" in registry.suggest("金水")
    assert "管城回族区" in registry.suggest("管城回族")


def test_duplicate_unit_and_alias_clash_are_reported() -> None:
    _, problems = build(
        "单位名录「x」。\n单位「甲」属于「组」。\n单位「甲」属于「组」。\n单位「乙」属于「组」，别名「甲」。\n"
    )
    assert problems == ["duplicate-name", "duplicate-name"]


def test_group_cycle_is_reported() -> None:
    _, problems = build("单位名录「x」。\n分组「甲组」包括「乙组」。\n分组「乙组」包括「甲组」。\n")
    assert "group-cycle" in problems


def test_group_member_must_exist() -> None:
    _, problems = build("单位名录「x」。\n分组「甲组」包括「不存在」。\n")
    assert problems == ["unknown-unit"]
