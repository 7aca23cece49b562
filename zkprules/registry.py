"""The unit registry (单位名录): every unit once, its groups and aliases, and name resolution."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import attrs

from zkprules import nodes as n
from zkprules.diagnostics import Diagnostic
from zkprules.spans import Span
from zkprules.text import name_key


@attrs.frozen
class Unit:
    """A unit under evaluation, with the groups it belongs to and the other names it goes by."""

    name: str
    groups: tuple[str, ...]
    aliases: tuple[str, ...]
    span: Span | None = None


@attrs.frozen
class Registry:
    """Resolves unit and group names (or aliases, in any width) to units, in declaration order."""

    units: tuple[Unit, ...]
    groups: dict[str, tuple[str, ...]]
    unit_keys: dict[str, str]
    group_keys: dict[str, str]
    positions: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Derived once: order() is a sort key called for every unit of every ranking.
        object.__setattr__(self, "positions", {u.name: i for i, u in enumerate(self.units)})

    @classmethod
    def build(cls, files: Iterable[n.RegistryFile]) -> tuple[Registry, list[Diagnostic]]:
        """Build one registry from registry files; report duplicates and unknown members."""
        return _Builder().build(list(files))

    @classmethod
    def empty(cls) -> Registry:
        """A registry with no units (used when none was found, after reporting it)."""
        return cls((), {}, {}, {})

    def unit(self, name: str) -> str | None:
        """The canonical name of the unit called `name`, or None."""
        return self.unit_keys.get(name_key(name))

    def group(self, name: str) -> str | None:
        """The canonical name of the group called `name`, or None."""
        return self.group_keys.get(name_key(name))

    def expand(self, name: str) -> tuple[str, ...] | None:
        """The units a unit or group name stands for, in registry order; None if unknown."""
        unit = self.unit(name)
        if unit is not None:
            return (unit,)
        group = self.group(name)
        if group is not None:
            return self.groups[group]
        return None

    def order(self, unit: str) -> int:
        """The position of a unit in the registry, for stable ordering."""
        return self.positions.get(unit, len(self.units))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The known names nearest to an unknown one (for 'did you mean')."""
        candidates: dict[str, str] = {}
        for unit in self.units:
            for known in (unit.name, *unit.aliases):
                candidates[name_key(known)] = known
        for key, group in self.group_keys.items():
            candidates.setdefault(key, group)
        key = name_key(name)
        contained = [v for k, v in candidates.items() if key and (key in k or k in key)]
        close = difflib.get_close_matches(key, list(candidates), n=limit, cutoff=0.4)
        found = contained + [candidates[k] for k in close]
        return list(dict.fromkeys(found))[:limit]


class _Builder:
    """Collects declarations, then expands groups to units."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.unit_keys: dict[str, str] = {}
        self.group_keys: dict[str, str] = {}
        self.units: list[n.UnitDecl] = []
        self.group_decls: dict[str, n.GroupDecl] = {}
        self.cycles: set[frozenset[str]] = set()

    def build(self, files: list[n.RegistryFile]) -> tuple[Registry, list[Diagnostic]]:
        for file in files:
            for unit in file.units:
                self._add_unit(unit)
            for group in file.groups:
                self._add_group(group)
        for unit in self.units:
            for group_name in unit.groups:
                self._claim(self.group_keys, group_name.text, group_name.text, None)
        members = self._expand_groups()
        units = tuple(
            Unit(u.name.text, tuple(g.text for g in u.groups), tuple(a.text for a in u.aliases), u.span)
            for u in self.units
        )
        return Registry(units, members, self.unit_keys, self.group_keys), self.diagnostics

    def _claim(self, table: dict[str, str], name: str, canonical: str, span: Span | None) -> None:
        key = name_key(name)
        other = self.unit_keys.get(key) or self.group_keys.get(key)
        if other is not None and other != canonical:
            if span is not None:
                self.diagnostics.append(
                    Diagnostic("duplicate-name", f"名称「{name}」已用于「{other}」", span, "每个名称只能指一个单位或分组")
                )
            return
        table[key] = canonical

    def _add_unit(self, unit: n.UnitDecl) -> None:
        if name_key(unit.name.text) in self.unit_keys:
            self.diagnostics.append(
                Diagnostic("duplicate-name", f"单位「{unit.name.text}」重复定义", unit.name.span)
            )
            return
        self.units.append(unit)
        self._claim(self.unit_keys, unit.name.text, unit.name.text, unit.name.span)
        for alias in unit.aliases:
            self._claim(self.unit_keys, alias.text, unit.name.text, alias.span)

    def _add_group(self, group: n.GroupDecl) -> None:
        self.group_decls[group.name.text] = group
        self._claim(self.group_keys, group.name.text, group.name.text, group.name.span)
        for alias in group.aliases:
            self._claim(self.group_keys, alias.text, group.name.text, alias.span)

    def _expand_groups(self) -> dict[str, tuple[str, ...]]:
        direct: dict[str, list[str]] = {g: [] for g in dict.fromkeys(self.group_keys.values())}  # in file order
        for unit in self.units:
            for group_name in unit.groups:
                direct[self.group_keys[name_key(group_name.text)]].append(unit.name.text)
        expanded: dict[str, tuple[str, ...]] = {}
        for group in direct:
            expanded[group] = self._members(group, direct, ())
        order = {u.name.text: i for i, u in enumerate(self.units)}
        return {g: tuple(sorted(set(m), key=order.__getitem__)) for g, m in expanded.items()}

    def _members(self, group: str, direct: dict[str, list[str]], path: tuple[str, ...]) -> tuple[str, ...]:
        decl = self.group_decls.get(group)
        found = list(direct.get(group, []))
        if decl is None:
            return tuple(found)
        for member in decl.members:
            unit = self.unit_keys.get(name_key(member.text))
            sub = self.group_keys.get(name_key(member.text))
            if unit is not None:
                found.append(unit)
            elif sub is not None and sub in path + (group,):
                self._cycle(group, sub, path, member)
            elif sub is not None:
                found.extend(self._members(sub, direct, path + (group,)))
            else:
                self.diagnostics.append(_unknown(member, None))
        return tuple(found)


    def _cycle(self, group: str, sub: str, path: tuple[str, ...], member: n.Name) -> None:
        """Report a cycle of groups once, where it closes when its first group is expanded."""
        chain = path + (group,)
        cycle = frozenset(chain[chain.index(sub) :])
        if cycle not in self.cycles:
            self.cycles.add(cycle)
            self.diagnostics.append(Diagnostic("group-cycle", f"分组「{group}」通过「{sub}」包含了自己", member.span))


def _unknown(name: n.Name, registry: Registry | None) -> Diagnostic:
    suggestions = registry.suggest(name.text) if registry is not None else []
    hint = "是否想写：" + "、".join(f"「{s}」" for s in suggestions) + "？" if suggestions else "请在单位名录中登记该单位或分组"
    return Diagnostic("unknown-unit", f"单位名录中没有「{name.text}」", name.span, hint)


def unknown_name(name: n.Name, registry: Registry) -> Diagnostic:
    """The diagnostic for a unit or group name that the registry does not know."""
    return _unknown(name, registry)
