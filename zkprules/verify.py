"""The checks that need more than names and kinds: score bounds against points and 满分, tiers
with gaps or overlaps, ranking tables against the real group size, stages, weights, and
formulas that may divide by zero. Each finding is a warning with a stable code (ZK33x);
a rule file acknowledges one at its place with a comment `# 确认 ZK330：原文如此`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from zkprules import nodes as n
from zkprules.arith import fold
from zkprules.bounds import Interval, clause_bounds, division_risks, scheme_bounds
from zkprules.checker import Model
from zkprules.diagnostics import Diagnostic
from zkprules.text import format_decimal as fmt

ZERO = Decimal(0)


def verify(model: Model) -> list[Diagnostic]:
    """Every finding of the deeper checks for one checked scheme."""
    found: list[Diagnostic] = []
    for index, item in enumerate(model.scheme.items):
        found.extend(_item_points(item, model))
        for clause in item.clauses:
            found.extend(_clause_shape(clause, item, model, index))
    found.extend(_total_over_full(model))
    found.extend(_composite_weights(model))
    found.extend(_divisions(model))
    return _once_per_table(found)


def _once_per_table(found: list[Diagnostic]) -> list[Diagnostic]:
    """An item table's template clause is reported once, not once per row."""
    seen: set[tuple[str, str, object]] = set()
    unique = []
    for d in found:
        key = (d.key, d.message, d.span)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


# ------------------------------------------------------------------ points
def _awarding(item: n.Item, model: Model) -> list[tuple[n.Clause, Interval]]:
    scoring = [c for c in item.clauses if not isinstance(c, (n.OverrideClause, n.ExemptClause, n.LimitClause))]
    return [(c, clause_bounds(c, model)) for c in scoring]


def _item_points(item: n.Item, model: Model) -> Iterator[Diagnostic]:
    if item.bonus:
        return
    clauses = _awarding(item, model)
    where = _item_name(item)
    for clause, bounds in clauses:
        if bounds.low == bounds.high == 0:
            yield Diagnostic(
                "clause-without-effect",
                f"{where}的这一条无论记录如何都是 0 分，不影响得分",
                clause.span,
                "检查分值是否漏写或写成了 0",
                item=item.id,
            )
            continue
        if bounds.high.is_finite() and bounds.high > item.points:
            yield Diagnostic(
                "clause-over-item",
                f"{where}的这一条最多可得 {fmt(bounds.high)} 分，超过本项分值 {fmt(item.points)} 分",
                clause.span,
                "超出部分按本项分值截去；如原文如此，请用注释确认",
                item=item.id,
            )
    if model.scheme.deduction_mode or n.deduction_only(item):
        if model.scheme.deduction_mode:
            yield from _awards_in_deduction_mode(item, clauses)
        return
    highs = [b.high for _, b in clauses if b.high > 0]
    if not highs or any(h.is_infinite() for h in highs):
        return
    total = sum(highs, ZERO)
    if len(highs) > 1 and total > item.points:
        yield Diagnostic(
            "subrules-over-item",
            f"{where}的各条最多合计 {fmt(total)} 分，超过本项分值 {fmt(item.points)} 分",
            item.span,
            "合计按本项分值截去",
            item=item.id,
        )
    elif total < item.points:
        yield Diagnostic(
            "subrules-below-item",
            f"{where}的各条最多合计 {fmt(total)} 分，达不到本项分值 {fmt(item.points)} 分",
            item.span,
            "满分的单位也只能得到这么多",
            item=item.id,
        )


def _awards_in_deduction_mode(item: n.Item, clauses: list[tuple[n.Clause, Interval]]) -> Iterator[Diagnostic]:
    for clause, bounds in clauses:
        if bounds.low >= 0 and bounds.high > 0:
            yield Diagnostic(
                "award-in-deduction-mode",
                f"{_item_name(item)}从分值扣起（扣分模式），这一条得分条款只能补回已扣的分数",
                clause.span,
                item=item.id,
            )


def _item_name(item: n.Item) -> str:
    return f"项目 {item.id}「{item.name.text}」"


def _total_over_full(model: Model) -> Iterator[Diagnostic]:
    scheme = model.scheme
    if scheme.full_marks is None:
        return
    total = scheme_bounds(model).total
    if total.high > scheme.full_marks:
        most = "没有上限" if total.high.is_infinite() else f"最高可达 {fmt(total.high)} 分"
        yield Diagnostic(
            "total-over-full",
            f"总分{most}，超过满分 {fmt(scheme.full_marks)} 分",
            scheme.name.span,
            "加分项、加减分或方案公式使总分可超过满分；如原文如此，请用注释确认",
        )


# ------------------------------------------------------------------ clause shapes
def _clause_shape(clause: n.Clause, item: n.Item, model: Model, index: int) -> Iterator[Diagnostic]:
    if isinstance(clause, n.TierClause) and clause.linear is None:
        yield from _tier_problems(clause, item)
    elif isinstance(clause, n.RankClause):
        peers = len(model.roles[index]) if model.roles else len(model.units)
        yield from _rank_problems(clause, item, peers)
    elif isinstance(clause, n.StageClause):
        yield from _stage_problems(clause, item)


_LOW = Decimal("-Infinity")
_HIGH = Decimal("Infinity")


def _ends(tier: n.Tier) -> tuple[Decimal, bool, Decimal, bool]:
    low = (tier.low.value.value, tier.low.inclusive) if tier.low else (_LOW, False)
    high = (tier.high.value.value, tier.high.inclusive) if tier.high else (_HIGH, False)
    return low[0], low[1], high[0], high[1]


def _tier_problems(clause: n.TierClause, item: n.Item) -> Iterator[Diagnostic]:
    tiers = list(clause.tiers)
    if len(tiers) < 2:
        return
    ends = [_ends(t) for t in tiers]
    lows = [e[0] for e in ends]
    if lows != sorted(lows) and lows != sorted(lows, reverse=True):
        yield Diagnostic("tier-order", "各档次没有按高低顺序书写", clause.span, item=item.id)
    if len(set(lows)) < len(lows):
        yield Diagnostic("tier-duplicate", "两个档次写了相同的下限", clause.span, item=item.id)
    ordered = sorted(zip(ends, tiers), key=lambda pair: (pair[0][0], not pair[0][1]))
    for (a, first), (b, second) in zip(ordered, ordered[1:]):
        a_high, a_incl, b_low, b_incl = a[2], a[3], b[0], b[1]
        if a_high > b_low or (a_high == b_low and a_incl and b_incl):
            yield Diagnostic(
                "tier-overlap",
                f"档次“{_tier_text(first)}”与“{_tier_text(second)}”有重叠：同一数值落在两档，取先写的一档",
                second.span,
                "用（含）/（不含）写明分界点属于哪一档",
                item=item.id,
            )
        elif a_high < b_low or (a_high == b_low and not a_incl and not b_incl):
            yield Diagnostic(
                "tier-gap",
                f"档次“{_tier_text(first)}”与“{_tier_text(second)}”之间有空档：落在其间的数值得 0 分",
                second.span,
                "用（含）写明分界点属于哪一档",
                item=item.id,
            )


def _tier_text(tier: n.Tier) -> str:
    low = f"{tier.low.value.written}{'（含）' if tier.low.inclusive else '（不含）'}" if tier.low else ""
    high = f"{tier.high.value.written}{'（含）' if tier.high.inclusive else '（不含）'}" if tier.high else ""
    return f"{low}至{high}" if low and high else (f"{low}以上" if low else f"{high}以下")


def _rank_problems(clause: n.RankClause, item: n.Item, peers: int) -> Iterator[Diagnostic]:
    covered: dict[int, int] = {}
    for arm in clause.arms:
        if arm.kind is n.RankArmKind.NTH:
            positions = range(arm.first, min(arm.last, peers) + 1)
        elif arm.kind is n.RankArmKind.LAST:
            positions = range(max(peers - arm.first + 1, 1), peers + 1)
        else:
            continue
        for position in positions:
            covered[position] = covered.get(position, 0) + 1
    twice = sorted(p for p, count in covered.items() if count > 1)
    if twice:
        yield Diagnostic(
            "rank-overlap",
            f"在 {peers} 个单位中，第 {'、'.join(map(str, twice))} 名同时落在两个名次档：按先写的“第…名”计",
            clause.span,
            item=item.id,
        )
    has_other = any(a.kind is n.RankArmKind.OTHER for a in clause.arms)
    missing = [p for p in range(1, peers + 1) if p not in covered]
    if missing and not has_other:
        yield Diagnostic(
            "rank-uncovered",
            f"在 {peers} 个单位中，第 {'、'.join(map(str, missing[:10]))}{'…' if len(missing) > 10 else ''} 名没有对应分值：得 0 分",
            clause.span,
            "加一档“其他名次得 … 分”",
            item=item.id,
        )
    beyond = [a for a in clause.arms if a.kind is n.RankArmKind.NTH and a.first > peers]
    for arm in beyond:
        yield Diagnostic(
            "rank-unreachable", f"只有 {peers} 个单位参加排名，“第 {arm.first} 名”达不到", arm.span, item=item.id
        )


def _stage_problems(clause: n.StageClause, item: n.Item) -> Iterator[Diagnostic]:
    shares = [arm.share.value for arm in clause.stages]
    if any(b <= a for a, b in zip(shares, shares[1:])):
        yield Diagnostic("stages-not-rising", "各阶段的比例没有逐级上升", clause.span, item=item.id)
    if shares and shares[-1] != 1:
        yield Diagnostic(
            "stages-not-complete", f"最后一个阶段是 {fmt(shares[-1] * 100)}%，不是 100%：完成全部阶段也得不到满分",
            clause.span, item=item.id,
        )


# ------------------------------------------------------------------ weights and divisions
def _composite_weights(model: Model) -> Iterator[Diagnostic]:
    for composite in model.scheme.composites:
        total = fold(composite.expr, lambda ref: Decimal(1), lambda op: ZERO)
        if total != 1:
            yield Diagnostic(
                "weights-sum", f"组合单位「{composite.unit.text}」的权重之和为 {fmt(total)}，不是 1", composite.span
            )


def _divisions(model: Model) -> Iterator[Diagnostic]:
    """A scheme formula whose divisor can be 0 for some class of units, with no 除数为 0 时为 … fallback."""
    for node, division, units in division_risks(model):
        if isinstance(node, n.QuantityDef) and node.fallback is not None:
            continue
        shown = "、".join(units[:3]) + (f" 等 {len(units)} 个单位" if len(units) > 3 else "")
        what = f"「{node.name.text}」" if isinstance(node, n.QuantityDef) else "总分"
        always = "恒为 0" if division.always and not division.maybe else "可能为 0"
        yield Diagnostic(
            "division-by-zero-possible",
            f"计算{what}时，{shown}的除数{always}：这些单位将被列为缺少数据",
            node.span,
            "写“，除数为 0 时为 …”给出这些单位的值",
        )
