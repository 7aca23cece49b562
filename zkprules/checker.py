"""AST + registry → a checked model: resolved targets, the fact table with kinds, diagnostics.

The model is what the aggregator and the evaluator work from. Every diagnostic carries
the span of the node it is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import TypeVar

import attrs

from zkprules import nodes as n
from zkprules.arith import leaves
from zkprules.diagnostics import Diagnostic
from zkprules.registry import Registry, unknown_name
from zkprules.text import format_decimal, name_key

_C = TypeVar("_C", n.ChoiceClause, n.StageClause, n.DiscretionClause)

# How a clause uses a fact. "numeric" fits any number-valued kind.
NUMERIC = "numeric"
_NUMERIC_KINDS = (n.FactKind.COUNT, n.FactKind.NUMBER, n.FactKind.RATIO)


@attrs.frozen
class FactInfo:
    """A fact the scheme reads from the event log: its kind, default and known options."""

    name: str
    kind: n.FactKind
    default: n.Quantity | n.Name | None
    options: tuple[str, ...]
    has_other: bool = False
    bounds: tuple[Decimal, Decimal] | None = None
    staged: bool = False  # read by a stage clause: every row is a stage reached, none superseded
    carry_into: str | None = None  # the key of the fact each of these counts again as, next period
    monthly: bool = False  # read by a 按月评价 item: aggregated month by month
    quarterly: bool = False  # read by a 按季评价 item: aggregated quarter by quarter
    tasked: bool = False  # read by an item-table row: every row names its 任务

    @property
    def key(self) -> str:
        """The lookup key of the fact's name."""
        return name_key(self.name)

    def option(self, written: str) -> str | None:
        """The canonical option a written value stands for, or None."""
        key = name_key(written)
        return next((o for o in self.options if name_key(o) == key), None)


# Per-unit quantities every scheme has: 应得分 (the points a unit can earn, coefficients
# applied), 实得分 (what it earned on its items), 加减分 (the sum of its bonus items),
# 全部项目分值 (the points of all the scheme's items, the same for every unit).
BUILTIN_QUANTITIES = ("应得分", "实得分", "加减分", "全部项目分值")


@attrs.frozen
class Role:
    """The role a unit holds for one item and the coefficient that scales the item for it."""

    name: str | None
    coefficient: Decimal


@attrs.frozen
class Model:
    """A checked scheme: the AST plus what resolution and kind inference found.

    `roles` has one entry per item (in order): the units the item applies to and their role.
    """

    scheme: n.Scheme
    units: tuple[str, ...]
    facts: dict[str, FactInfo]
    roles: tuple[dict[str, Role], ...] = ()
    rank_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    task_keys: dict[str, str] = attrs.Factory(dict)  # an item-table row's 序号 or name → its task

    def task_of(self, written: str) -> str | None:
        """The task a 任务 cell names: an item-table row by 序号 or name, else (按任务逐项考核) itself."""
        if self.task_keys:
            return self.task_keys.get(name_key(written))
        return written or None

    def quantity_names(self) -> set[str]:
        """The keys of the built-in and defined per-unit quantities."""
        defined = {name_key(d.name.text) for d in self.scheme.definitions}
        return {name_key(q) for q in BUILTIN_QUANTITIES} | defined

    def fact(self, name: str) -> FactInfo | None:
        """The fact called `name` (any width), or None."""
        return self.facts.get(name_key(name))


@attrs.frozen
class _Use:
    kind: n.FactKind | str
    name: n.Name


def check_scheme(scheme: n.Scheme, registry: Registry) -> tuple[Model, list[Diagnostic]]:
    """Resolve names, infer fact kinds and validate clauses of one scheme."""
    diagnostics: list[Diagnostic] = []
    units = _targets(scheme, registry, diagnostics)
    facts = _fact_table(scheme, diagnostics)
    for item in scheme.items:
        for clause in item.clauses:
            diagnostics.extend(_clause_problems(clause, scheme))
    diagnostics.extend(_structure_problems(scheme))
    roles = tuple(_item_roles(item, scheme, units, registry, diagnostics) for item in scheme.items)
    diagnostics.extend(_definition_problems(scheme))
    diagnostics.extend(_composite_problems(scheme, units, registry))
    groups = _rank_groups(scheme, units, registry, diagnostics)
    diagnostics.extend(_period_problems(scheme))
    diagnostics.extend(_class_problems(scheme))
    facts = _mark_item_kinds(scheme, facts, diagnostics)
    return Model(scheme, units, facts, roles, groups, _task_keys(scheme)), diagnostics


def _task_keys(scheme: n.Scheme) -> dict[str, str]:
    """Each item-table row's task, under its 序号 and its name."""
    keys: dict[str, str] = {}
    for item in scheme.items:
        if item.task is not None:
            keys[name_key(item.task)] = item.task
            keys[name_key(item.name.text)] = item.task
    return keys


def _mark_item_kinds(scheme: n.Scheme, facts: dict[str, FactInfo], diagnostics: list[Diagnostic]) -> dict[str, FactInfo]:
    """Mark the facts of monthly items (aggregated per month) and of item-table rows (reported per 任务)."""
    cycle: dict[str, tuple[bool, bool]] = {}  # per fact: (按月评价, 按季评价) of the items reading it
    tasked: set[str] = set()
    for item in scheme.items:
        for clause in item.clauses:
            if isinstance(clause, n.ChangeClause) and not item.monthly:
                diagnostics.append(
                    Diagnostic("change-needs-month", "“较上月”只能用于按月评价的项目", clause.span, "在项目分值后写“，按月评价”")
                )
            for use in clause_uses(clause):
                key = name_key(use.name.text)
                kind = (item.monthly, item.quarterly)
                if cycle.setdefault(key, kind) != kind:
                    diagnostics.append(
                        Diagnostic(
                            "monthly-and-yearly",
                            f"「{use.name.text}」用于评价周期（按月、按季、按年）不同的项目",
                            use.name.span,
                            "按月评价的项目请使用单独的事项名称",
                        )
                    )
                if item.task is not None:
                    tasked.add(key)
    return {
        key: attrs.evolve(
            info,
            monthly=cycle.get(key, (False, False))[0],
            quarterly=cycle.get(key, (False, False))[1],
            tasked=key in tasked,
        )
        for key, info in facts.items()
    }


def _class_problems(scheme: n.Scheme) -> list[Diagnostic]:
    """「X」的实得分 must name a 类别 or an item table."""
    classes = {name_key(c.name.text) for c in scheme.categories} | {name_key(t.name.text) for t in scheme.tables}
    exprs = n.scheme_exprs(scheme)
    exprs += [scheme.total] if scheme.total is not None else []
    return [
        Diagnostic(
            "unknown-class",
            f"没有名为「{leaf.name.text}」的类别或项目表",
            leaf.name.span,
            "“的实得分/应得分/项目分值”前应写一个类别或项目表的名称",
        )
        for expr in exprs
        for leaf in leaves(expr)
        if isinstance(leaf, n.ClassSum) and name_key(leaf.name.text) not in classes
    ]


def _rank_groups(
    scheme: n.Scheme, targets: tuple[str, ...], registry: Registry, diagnostics: list[Diagnostic]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The groups units are ranked within (分别排名), each with its target units."""
    groups = []
    for name in scheme.rank_groups:
        units = registry.expand(name.text)
        if units is None:
            diagnostics.append(unknown_name(name, registry))
            continue
        groups.append((name.text, tuple(u for u in units if u in targets)))
    return tuple(groups)


def _period_problems(scheme: n.Scheme) -> list[Diagnostic]:
    """Period weights: each period once, within the year, adding up to 100%."""
    period = scheme.period
    if period is None:
        return []
    problems = []
    if scheme.year is None:
        problems.append(Diagnostic("period-needs-year", "按期考核的方案需要写明考核年度", period.span, "加一句“考核年度 2020 年。”"))
    seen: set[int] = set()
    for weight in period.weights:
        if weight.index > period.count or (period.unit is n.PeriodUnit.MONTH) != weight.label.endswith("月"):
            problems.append(Diagnostic("bad-period", f"“{weight.label}”不是{period.unit.value}份", weight.span))
        elif weight.index in seen:
            problems.append(Diagnostic("bad-period", f"“{weight.label}”写了两次", weight.span))
        seen.add(weight.index)
    total = sum((w.weight for w in period.weights), Decimal(0))
    if period.weights and total != 1:
        problems.append(
            Diagnostic("weights-sum", f"各期权重之和为 {format_decimal(total * 100)}%，不是 100%", period.span)
        )
    return problems


# ------------------------------------------------------------------ roles


def _item_roles(
    item: n.Item, scheme: n.Scheme, targets: tuple[str, ...], registry: Registry, diagnostics: list[Diagnostic]
) -> dict[str, Role]:
    """Which units an item applies to, with their role and coefficient (all targets at 1 by default)."""
    if not item.roles and not item.applies_to:
        return {unit: Role(None, Decimal(1)) for unit in targets}
    coefficients = {name_key(c.role.text): c for c in scheme.roles}
    found: dict[str, Role] = {}
    assignments = [(a.role, a.units) for a in item.roles] + ([(None, item.applies_to)] if item.applies_to else [])
    for role_name, names in assignments:
        role = _role(role_name, coefficients, diagnostics)
        if role is None:
            continue
        for name in names:
            for unit in _role_units(name, targets, registry, diagnostics):
                if unit in found and found[unit] != role:
                    diagnostics.append(
                        Diagnostic("two-roles", f"「{unit}」在项目 {item.id} 中既是「{found[unit].name}」又是「{role.name}」，按前者计", name.span)
                    )
                    continue
                found[unit] = role
    return found


def _role(role_name: n.Name | None, coefficients: dict[str, n.RoleCoefficient], diagnostics: list[Diagnostic]) -> Role | None:
    if role_name is None:
        return Role(None, Decimal(1))
    declared = coefficients.get(name_key(role_name.text))
    if declared is None:
        known = "、".join(f"「{c.role.text}」" for c in coefficients.values()) or "（方案没有写角色系数）"
        diagnostics.append(
            Diagnostic("unknown-role", f"角色「{role_name.text}」没有在“角色系数”中定义", role_name.span, f"已定义：{known}")
        )
        return None
    return Role(declared.role.text, declared.value)


def _role_units(name: n.Name, targets: tuple[str, ...], registry: Registry, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    units = registry.expand(name.text)
    if units is None:
        diagnostics.append(unknown_name(name, registry))
        return ()
    outside = [u for u in units if u not in targets]
    if outside and len(units) == 1:
        diagnostics.append(Diagnostic("role-not-target", f"「{outside[0]}」不是本方案的考核对象", name.span))
    return tuple(u for u in units if u in targets)


def _composite_problems(scheme: n.Scheme, targets: tuple[str, ...], registry: Registry) -> list[Diagnostic]:
    """Every unit a composite names must be one unit that the scheme evaluates."""
    problems: list[Diagnostic] = []
    for composite in scheme.composites:
        for name in [composite.unit, *(ref.fact for ref in formula_refs(composite.expr))]:
            unit = registry.unit(name.text)
            if unit is None:
                problems.append(unknown_name(name, registry))
            elif unit not in targets:
                problems.append(Diagnostic("role-not-target", f"「{unit}」不是本方案的考核对象", name.span))
    return problems


def _definition_problems(scheme: n.Scheme) -> list[Diagnostic]:
    """A sum over all units must name a quantity defined before it (or a built-in one)."""
    problems: list[Diagnostic] = []
    known = {name_key(q) for q in BUILTIN_QUANTITIES}
    exprs: list[tuple[n.Expr, set[str]]] = []
    for definition in scheme.definitions:
        if isinstance(definition, n.QuantityDef):
            exprs.append((definition.expr, set(known)))
        known.add(name_key(definition.name.text))
    if scheme.total is not None:
        exprs.append((scheme.total, set(known)))
    for expr, available in exprs:
        for summed in _sums(expr):
            if name_key(summed.name.text) not in available:
                problems.append(
                    Diagnostic("unknown-quantity", f"「{summed.name.text}」不是此前定义的计算量", summed.name.span, "可用：" + "、".join(f"「{q}」" for q in BUILTIN_QUANTITIES))
                )
    return problems


def _sums(expr: n.Expr) -> Iterator[n.SumAll]:
    return (leaf for leaf in leaves(expr) if isinstance(leaf, n.SumAll))


# ------------------------------------------------------------------ targets


def _targets(scheme: n.Scheme, registry: Registry, diagnostics: list[Diagnostic]) -> tuple[str, ...]:
    if not scheme.targets:
        diagnostics.append(
            Diagnostic("missing-targets", "方案没有写明考核对象", scheme.name.span, "请加一句：考核对象：「区县（市）」、「开发区」。")
        )
    found: list[str] = []
    for target in scheme.targets:
        units = registry.expand(target.text)
        if units is None:
            diagnostics.append(unknown_name(target, registry))
            continue
        found.extend(units)
    if scheme.targets and not found and len(registry.units) and not any(d.key == "unknown-unit" for d in diagnostics):
        names = "、".join(f"「{t.text}」" for t in scheme.targets)
        diagnostics.append(
            Diagnostic("missing-targets", f"考核对象{names}中没有任何单位", scheme.targets[0].span, "请在单位名录中把单位登记到这些分组")
        )
    return tuple(sorted(set(found), key=registry.order))


# ------------------------------------------------------------------ facts


def clause_uses(clause: n.Clause) -> Iterator[_Use]:
    """Every fact a clause reads, with the kind that use implies."""
    if isinstance(clause, (n.YesNoClause, n.OverrideClause, n.ExemptClause)):
        for condition in clause.conditions:
            yield _Use(n.FactKind.COUNT, condition.fact)
        if isinstance(clause, n.YesNoClause) and clause.per is not None:
            fact = deducted_fact(clause)
            if fact is not None:
                yield _Use(n.FactKind.COUNT, fact)
    elif isinstance(clause, n.PerClause):
        if clause.rate.fact is not None:
            yield _Use(n.FactKind.COUNT, clause.rate.fact)
    elif isinstance(clause, (n.ChoiceClause, n.StageClause)):
        yield _Use(n.FactKind.CHOICE, clause.fact)
    elif isinstance(clause, n.TierClause):
        percent = any(b is not None and b.value.percent for t in clause.tiers for b in (t.low, t.high))
        yield _Use(n.FactKind.RATIO if percent or clause.linear else NUMERIC, clause.fact)
    elif isinstance(clause, n.RankClause):
        yield _Use(NUMERIC, clause.fact)
    elif isinstance(clause, n.RatioClause):
        if clause.denominator is None:
            yield _Use(n.FactKind.RATIO, clause.numerator)
        else:
            yield _Use(NUMERIC, clause.numerator)
            yield _Use(NUMERIC, clause.denominator)
    elif isinstance(clause, n.AverageClause):
        for fact in clause.facts:
            yield _Use(n.FactKind.RATIO, fact)
    elif isinstance(clause, n.FormulaClause):
        for ref in formula_refs(clause.expr):
            yield _Use(NUMERIC, ref.fact)
    elif isinstance(clause, n.DiscretionClause):
        yield _Use(n.FactKind.DISCRETION, clause.fact)
    elif isinstance(clause, (n.ChangeClause, n.RiseClause)):
        yield _Use(n.FactKind.RATIO, clause.fact)


def deducted_fact(clause: n.YesNoClause) -> n.Name | None:
    """The fact a combined clause's 每出现… counts: named there, or else the last fact of the condition."""
    if clause.per is None:
        return None
    if clause.per.fact is not None:
        return clause.per.fact
    return clause.conditions[-1].fact if clause.conditions else None


def formula_refs(expr: n.Expr) -> Iterator[n.FactRef]:
    """The fact (or quantity, or unit) references in a formula, left to right."""
    return (leaf for leaf in leaves(expr) if isinstance(leaf, n.FactRef))


def _fact_table(scheme: n.Scheme, diagnostics: list[Diagnostic]) -> dict[str, FactInfo]:
    uses: dict[str, list[_Use]] = defaultdict(list)
    display: dict[str, str] = {}
    options: dict[str, list[str]] = defaultdict(list)
    for item in scheme.items:
        for clause in item.clauses:
            for use in clause_uses(clause):
                uses[name_key(use.name.text)].append(use)
                display.setdefault(name_key(use.name.text), use.name.text)
            for option in _options(clause):
                key = name_key(clause.fact.text)  # type: ignore[union-attr]
                if option not in options[key]:
                    options[key].append(option)
    quantities = {name_key(q) for q in BUILTIN_QUANTITIES} | {name_key(d.name.text) for d in scheme.definitions}
    for expr in n.scheme_exprs(scheme) + (
        [scheme.total] if scheme.total is not None else []
    ):
        for ref in formula_refs(expr):
            if name_key(ref.fact.text) not in quantities:
                uses[name_key(ref.fact.text)].append(_Use(NUMERIC, ref.fact))
                display.setdefault(name_key(ref.fact.text), ref.fact.text)
    for scale in (d for d in scheme.definitions if isinstance(d, n.RankScaleDef)):
        if name_key(scale.measure.text) not in quantities:
            uses[name_key(scale.measure.text)].append(_Use(NUMERIC, scale.measure))
            display.setdefault(name_key(scale.measure.text), scale.measure.text)
    declared = {name_key(d.fact.text): d for d in scheme.facts}
    table: dict[str, FactInfo] = {}
    for key, fact_uses in uses.items():
        decl = declared.get(key)
        kind = _infer_kind(fact_uses, decl, diagnostics)
        default = decl.default if decl else None
        info = FactInfo(
            display[key],
            kind,
            default,
            tuple(options.get(key, ())),
            has_other=_has_other_arm(scheme, key),
            bounds=_discretion_bounds(scheme, key),
            staged=_staged(scheme, key),
            carry_into=name_key(decl.carry_into.text) if decl and decl.carry_into else None,
        )
        if decl is not None and default is not None:
            diagnostics.extend(_default_problems(info, decl, scheme))
        table[key] = info
    for key, decl in declared.items():
        if key not in table:
            carry = name_key(decl.carry_into.text) if decl.carry_into else None
            table[key] = FactInfo(decl.fact.text, decl.kind or n.FactKind.COUNT, decl.default, (), carry_into=carry)
    diagnostics.extend(_carry_problems(scheme, table))
    return table


def _carry_problems(scheme: n.Scheme, table: dict[str, FactInfo]) -> list[Diagnostic]:
    """累积计入下月「G」 needs a monthly scheme, and G a count the scheme reads."""
    problems = []
    for decl in scheme.facts:
        if decl.carry_into is None:
            continue
        target = table.get(name_key(decl.carry_into.text))
        if scheme.period is None or scheme.period.unit is not n.PeriodUnit.MONTH:
            problems.append(
                Diagnostic("carry-needs-months", "“计入下月”只能用于按月考核的方案", decl.span, "在方案开头写“按月考核，…。”")
            )
        elif target is None or target.kind is not n.FactKind.COUNT:
            problems.append(
                Diagnostic(
                    "carry-target",
                    f"「{decl.carry_into.text}」不是本方案计数的事项，无法计入",
                    decl.carry_into.span,
                    "“计入下月”后应写一个按“每出现 1 例”计分的事项",
                )
            )
        elif table[name_key(decl.fact.text)].kind is not n.FactKind.COUNT:
            problems.append(
                Diagnostic("carry-target", f"「{decl.fact.text}」应为计数才能计入下月", decl.fact.span)
            )
    return problems


def _options(clause: n.Clause) -> list[str]:
    if isinstance(clause, n.ChoiceClause):
        return [arm.option.text for arm in clause.arms if arm.option is not None]
    if isinstance(clause, n.StageClause):
        return [arm.stage.text for arm in clause.stages]
    return []


def _infer_kind(uses: list[_Use], decl: n.FactDecl | None, diagnostics: list[Diagnostic]) -> n.FactKind:
    specific = [u for u in uses if isinstance(u.kind, n.FactKind)]
    if decl is not None and decl.kind is not None:
        kind = decl.kind
    elif specific:
        kind = specific[0].kind  # type: ignore[assignment]
    else:
        kind = n.FactKind.NUMBER
    for use in uses:
        fits = use.kind == kind or (use.kind == NUMERIC and kind in _NUMERIC_KINDS)
        if not fits:
            first = f"“{kind.value}”"
            diagnostics.append(
                Diagnostic(
                    "fact-kind-conflict",
                    f"「{use.name.text}」在此处被当作“{_use_label(use.kind)}”，但在别处是{first}",
                    use.name.span,
                    "一个事项只能有一种数值类型；如确是两件事，请用不同的名称",
                )
            )
    return kind


def _use_label(kind: n.FactKind | str) -> str:
    return kind.value if isinstance(kind, n.FactKind) else "数值"


def _default_problems(info: FactInfo, decl: n.FactDecl, scheme: n.Scheme) -> list[Diagnostic]:
    default = decl.default
    if info.kind is n.FactKind.CHOICE:
        if not isinstance(default, n.Name):
            return [Diagnostic("bad-default", f"「{info.name}」是选项，缺省值应写成「」括起的选项名", decl.span)]
        # A stage default that is none of the stages means "no stage reached": 0 points.
        if info.option(default.text) is None and not info.has_other and not info.staged:
            return [
                Diagnostic(
                    "bad-default",
                    f"缺省值「{default.text}」不是「{info.name}」的选项，且计分条款没有“其他情况”",
                    default.span,
                    "可选：" + "、".join(f"「{o}」" for o in info.options),
                )
            ]
        return []
    if isinstance(default, n.Name):
        return [Diagnostic("bad-default", f"「{info.name}」是{info.kind.value}，缺省值应是数字", default.span)]
    return []


def _clauses_about(scheme: n.Scheme, fact_key: str, kind: type[_C]) -> list[_C]:
    """The clauses of one kind (choice, stage, discretion) that read the fact `fact_key`."""
    found = [c for item in scheme.items for c in item.clauses if isinstance(c, kind)]
    return [c for c in found if name_key(c.fact.text) == fact_key]


def _discretion_bounds(scheme: n.Scheme, fact_key: str) -> tuple[Decimal, Decimal] | None:
    found = _clauses_about(scheme, fact_key, n.DiscretionClause)
    return (found[0].low, found[0].high) if found else None


def _staged(scheme: n.Scheme, fact_key: str) -> bool:
    return bool(_clauses_about(scheme, fact_key, n.StageClause))


def _has_other_arm(scheme: n.Scheme, fact_key: str) -> bool:
    return any(a.option is None for c in _clauses_about(scheme, fact_key, n.ChoiceClause) for a in c.arms)


# ------------------------------------------------------------------ clauses


def _clause_problems(clause: n.Clause, scheme: n.Scheme) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if isinstance(clause, n.YesNoClause):
        if clause.per is not None and clause.per.every == 0:
            problems.append(Diagnostic("zero-step", "“每…”的数量不能为 0", clause.per.span))
    if isinstance(clause, n.PerClause):
        problems.extend(_per_problems(clause))
    if isinstance(clause, n.TierClause) and clause.linear is not None:
        problems.extend(_linear_problems(clause))
    if isinstance(clause, n.DiscretionClause) and clause.low > clause.high:
        problems.append(Diagnostic("bad-range", f"酌情范围 {clause.low}-{clause.high} 的下限大于上限", clause.span))
    if isinstance(clause, n.ChoiceClause):
        problems.extend(_duplicate_options([a.option for a in clause.arms if a.option is not None]))
    if isinstance(clause, n.StageClause):
        problems.extend(_duplicate_options([a.stage for a in clause.stages]))
    for condition in getattr(clause, "conditions", ()):
        if isinstance(condition, n.DoneBy):
            problems.extend(_deadline_problems(condition, scheme))
    return problems


def _per_problems(clause: n.PerClause) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if clause.rate.every == 0:
        problems.append(Diagnostic("zero-step", "“每…”的数量不能为 0", clause.rate.span))
    deducts = clause.rate.points < 0
    for limit in clause.limits:
        wrong = (deducts and limit.kind in (n.LimitKind.CAP, n.LimitKind.NO_CAP)) or (
            not deducts and limit.kind in (n.LimitKind.FLOOR_ZERO, n.LimitKind.MAX_DEDUCT, n.LimitKind.NO_FLOOR)
        )
        if wrong:
            what = "扣分" if deducts else "加分"
            problems.append(
                Diagnostic("bad-limit", f"“{limit.kind.value}”不适用于{what}条款", limit.span, "请检查是否写反了加分与扣分")
            )
    return problems


def _linear_problems(clause: n.TierClause) -> list[Diagnostic]:
    assert clause.linear is not None
    if len(clause.tiers) != 1 or clause.tiers[0].low is None or clause.tiers[0].high is not None:
        return [
            Diagnostic(
                "bad-linear",
                "“每低…扣…分”只能跟在唯一一个“达到…”档次之后",
                clause.linear.span,
                "例如：「满意率」达到 100% 的得 3 分，每低 1 个百分点扣 0.5 分。",
            )
        ]
    if clause.linear.step == 0:
        return [Diagnostic("zero-step", "“每低…”的步长不能为 0", clause.linear.span)]
    return []


def _duplicate_options(names: list[n.Name]) -> list[Diagnostic]:
    seen: set[str] = set()
    problems = []
    for name in names:
        key = name_key(name.text)
        if key in seen:
            problems.append(Diagnostic("duplicate-option", f"选项「{name.text}」写了两次", name.span))
        seen.add(key)
    return problems


def _deadline_problems(condition: n.DoneBy, scheme: n.Scheme) -> list[Diagnostic]:
    deadline = condition.deadline(scheme.year)
    if deadline is None:
        hint = "请写明考核年度：考核年度 2020 年。" if scheme.year is None and condition.year is None else None
        return [Diagnostic("bad-date", "截止日期不是有效日期", condition.span, hint)]
    if scheme.year is not None and deadline.year != scheme.year:
        return [Diagnostic("date-outside-year", f"截止日期 {deadline.isoformat()} 不在考核年度 {scheme.year} 年内", condition.span)]
    return []


def _structure_problems(scheme: n.Scheme) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[tuple[bool, str], n.Item] = {}  # bonus items are numbered on their own
    for item in scheme.items:
        key = (item.bonus, item.id)
        if key in seen:
            first = seen[key].span.line
            problems.append(Diagnostic("duplicate-item", f"项目编号 {item.id} 已在第 {first} 行使用", item.span))
        seen.setdefault(key, item)
    if scheme.full_marks is not None and scheme.items and not scheme.by_task:  # task items are per task
        total = sum((item.points for item in scheme.items), Decimal(0))
        if total != scheme.full_marks:
            problems.append(
                Diagnostic(
                    "points-sum",
                    f"各项目分值之和为 {format_decimal(total)} 分，与满分 {format_decimal(scheme.full_marks)} 分不符",
                    scheme.name.span,
                )
            )
    return problems
