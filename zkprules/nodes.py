"""The abstract syntax tree: frozen attrs classes, each with the source span it came from.

No Lark object ever reaches this module's classes. Comments are kept on the file node
so that a formatter can put them back.
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal
from typing import TypeGuard, Union, get_args

import attrs

from zkprules.spans import Span

# Spans say where a node was written; they take no part in comparing nodes, so the same
# rule written twice (or reformatted) compares equal.
_span = attrs.field(validator=attrs.validators.instance_of(Span), repr=False, eq=False)


@attrs.frozen
class Comment:
    """A `#` comment, kept for formatters."""

    text: str
    span: Span = _span


@attrs.frozen
class Name:
    """A name written in 「」: a fact, unit, group, option or title."""

    text: str = attrs.field(validator=attrs.validators.min_len(1))
    span: Span = _span


@attrs.frozen
class Quantity:
    """A number as written, with whether it carried a percent sign (90% is stored as 0.9)."""

    value: Decimal
    percent: bool
    span: Span = _span

    @property
    def written(self) -> str:
        """The number as the analyst wrote it (90%, 0.5)."""
        from zkprules.text import format_decimal

        if self.percent:
            return format_decimal(self.value * 100) + "%"
        return format_decimal(self.value)


# ------------------------------------------------------------------ conditions


@attrs.frozen
class FactHolds:
    """「F」 / 出现「F」: the fact happened at least once (or is 是)."""

    fact: Name
    span: Span = _span


@attrs.frozen
class FactAbsent:
    """未发生「F」 / 无「F」: the fact never happened."""

    fact: Name
    span: Span = _span


@attrs.frozen
class DoneBy:
    """DATE 前完成「F」 (or 未完成 when `negated`): the fact's first date is on or before DATE.

    `year` None takes the scheme's 考核年度; `day` None means the month's last day (8月底前).
    """

    fact: Name
    year: int | None
    month: int
    day: int | None
    negated: bool
    span: Span = _span

    def deadline(self, default_year: int | None) -> datetime.date | None:
        """The deadline as a date, or None when it is not a real date."""
        year = self.year if self.year is not None else default_year
        if year is None:
            return None
        try:
            if self.day is None:
                following = datetime.date(year + self.month // 12, self.month % 12 + 1, 1)
                return following - datetime.timedelta(days=1)
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None


Condition = Union[FactHolds, FactAbsent, DoneBy]


# ------------------------------------------------------------------ limits


class LimitKind(enum.Enum):
    """What a limit phrase bounds."""

    FLOOR_ZERO = "扣完为止"
    NO_FLOOR = "不设下限"
    MAX_DEDUCT = "最多扣"
    CAP = "最高"
    NO_CAP = "不设上限"


@attrs.frozen
class Limit:
    """A bound written after a clause or as an item-level sentence."""

    kind: LimitKind
    value: Decimal | None
    span: Span = _span


# ------------------------------------------------------------------ clauses


@attrs.frozen
class PerOccurrence:
    """每出现 N 例「F」扣/得 P 分: points per every N occurrences."""

    fact: Name | None
    every: Decimal
    points: Decimal  # signed: negative deducts
    span: Span = _span


@attrs.frozen
class YesNoClause:
    """Conditions 的得/扣 P 分, optionally followed by a per-occurrence deduction from that base."""

    conditions: tuple[Condition, ...]
    points: Decimal  # signed
    per: PerOccurrence | None
    limits: tuple[Limit, ...]
    span: Span = _span
    full: bool = False  # 得本项分值: `points` is the item's (filled in when the item is built)


@attrs.frozen
class PerClause:
    """A stand-alone per-occurrence clause with its limits."""

    rate: PerOccurrence
    limits: tuple[Limit, ...]
    span: Span = _span


@attrs.frozen
class ChoiceArm:
    """One option of a graded choice and its points; `option` None means 其他情况."""

    option: Name | None
    points: Decimal
    span: Span = _span


@attrs.frozen
class ChoiceClause:
    """按「F」计分：「A」得 5 分，…，其他情况 0 分."""

    fact: Name
    arms: tuple[ChoiceArm, ...]
    span: Span = _span


@attrs.frozen
class Bound:
    """One end of a tier range."""

    value: Quantity
    inclusive: bool


@attrs.frozen
class Tier:
    """A range of a measure and the points it earns; an open end is None."""

    low: Bound | None
    high: Bound | None
    points: Decimal
    span: Span = _span

    def contains(self, value: Decimal) -> bool:
        """Whether `value` falls in this tier, bounds inclusive as written."""
        if self.low is not None:
            lo = self.low.value.value
            if value < lo or (value == lo and not self.low.inclusive):
                return False
        if self.high is not None:
            hi = self.high.value.value
            if value > hi or (value == hi and not self.high.inclusive):
                return False
        return True


@attrs.frozen
class LinearTail:
    """每低 S 个百分点扣 P 分: points fall by P for every step S below the target."""

    step: Decimal
    points: Decimal  # positive: the amount deducted per step
    prorata: bool
    span: Span = _span


@attrs.frozen
class TierClause:
    """「F」达到 90% 以上（含）的计 3 分，…; optionally one tier with a linear tail."""

    fact: Name
    tiers: tuple[Tier, ...]
    linear: LinearTail | None
    span: Span = _span


class RankArmKind(enum.Enum):
    """Which ranks an arm of a rank table covers."""

    NTH = "第"
    LAST = "最后"
    OTHER = "其他名次"


@attrs.frozen
class RankArm:
    """第 a(至 b) 名 / 最后 n 名 / 其他名次 and the points it earns."""

    kind: RankArmKind
    first: int
    last: int
    points: Decimal
    span: Span = _span


class TiePolicy(enum.Enum):
    """How tied units are ranked."""

    BEST = "并列取较好名次"
    WORST = "并列取较差名次"


@attrs.frozen
class RankClause:
    """按「F」在同级单位中排名：第 1 名得 7 分，…"""

    fact: Name
    ascending: bool
    arms: tuple[RankArm, ...]
    ties: TiePolicy
    span: Span = _span


@attrs.frozen
class RatioClause:
    """按「A」占「B」的比例得 P 分 (or 按「R」比例得 P 分): P × ratio, within [0, P]."""

    numerator: Name
    denominator: Name | None
    points: Decimal
    limits: tuple[Limit, ...]
    span: Span = _span
    full: bool = False  # 按「R」比例得本项分值


@attrs.frozen
class StageArm:
    """A stage and the share of the points it earns."""

    stage: Name
    share: Quantity
    span: Span = _span


@attrs.frozen
class StageClause:
    """按「F」所达阶段计 P 分：「初稿」30%，…: P × share of the furthest stage reached."""

    fact: Name
    points: Decimal
    stages: tuple[StageArm, ...]
    span: Span = _span


@attrs.frozen
class AverageClause:
    """按「a」、「b」的平均比例计 P 分: P × mean of the shares given (facts not given are not involved)."""

    facts: tuple[Name, ...]
    points: Decimal
    span: Span = _span


@attrs.frozen
class Num:
    """A constant in a formula (20 分, 50%)."""

    value: Decimal
    span: Span = _span


@attrs.frozen
class FactRef:
    """A fact's value in a formula."""

    fact: Name
    span: Span = _span


@attrs.frozen
class SumAll:
    """全部单位的「X」之和: a per-unit quantity summed over all units of the scheme."""

    name: Name
    span: Span = _span


@attrs.frozen
class ClassSum:
    """「类别」的实得分 / 应得分 / 项目分值: a sum over the items of one category or item table."""

    name: Name
    quantity: str = attrs.field(validator=attrs.validators.in_(("实得分", "应得分", "项目分值")))
    span: Span = _span


@attrs.frozen
class BinOp:
    """An arithmetic operation in a formula: + − × ÷."""

    op: str = attrs.field(validator=attrs.validators.in_("+-*/"))
    left: Expr
    right: Expr
    span: Span = _span


Expr = Union[Num, FactRef, SumAll, ClassSum, BinOp]


@attrs.frozen
class FormulaClause:
    """得分为 EXPR: arithmetic on measures."""

    expr: Expr
    limits: tuple[Limit, ...]
    span: Span = _span


@attrs.frozen
class DiscretionClause:
    """「F」酌情扣 1-5 分: each row gives the assessor's value, which must lie in [low, high]."""

    fact: Name
    sign: int
    low: Decimal
    high: Decimal
    span: Span = _span


@attrs.frozen
class OverrideClause:
    """出现「F」的，本项得 P 分: when the conditions hold, the item scores P whatever else."""

    conditions: tuple[Condition, ...]
    points: Decimal
    span: Span = _span


@attrs.frozen
class ExemptClause:
    """出现「F」的，本项不考核: when the conditions hold, the item does not apply to the unit."""

    conditions: tuple[Condition, ...]
    span: Span = _span


@attrs.frozen
class RiseClause:
    """「差评率」每增加 1 个百分点扣 0.5 分: points for each whole step of a measure above 0."""

    fact: Name
    step: Decimal
    points: Decimal
    limits: tuple[Limit, ...]
    span: Span = _span


@attrs.frozen
class ChangeClause:
    """「满意率」较上月每降低 1 个百分点扣 1 分: in a monthly item, the fall since last month in steps."""

    fact: Name
    step: Decimal
    points: Decimal
    span: Span = _span


@attrs.frozen
class LimitClause:
    """An item-level sentence of limits: 加分上限为 10 分，减分不设下限。"""

    limits: tuple[Limit, ...]
    span: Span = _span


Clause = Union[
    YesNoClause,
    PerClause,
    ChoiceClause,
    TierClause,
    RankClause,
    RatioClause,
    StageClause,
    AverageClause,
    FormulaClause,
    DiscretionClause,
    OverrideClause,
    ExemptClause,
    LimitClause,
    ChangeClause,
    RiseClause,
]


# ------------------------------------------------------------------ scheme


class FactKind(enum.Enum):
    """What kind of value a fact carries in the event log."""

    COUNT = "计数"
    RATIO = "比例"
    NUMBER = "数值"
    CHOICE = "选项"
    DISCRETION = "酌情"


@attrs.frozen
class FactDecl:
    """事项「F」为比例，缺省为 0%: a fact's declared kind, default, and where it carries over to."""

    fact: Name
    kind: FactKind | None
    default: Quantity | Name | None
    span: Span = _span
    carry_into: Name | None = None  # 累积计入下月「G」: each one counts again as a G next month


@attrs.frozen
class Category:
    """类别「…」: a heading (评估指标) that groups the items after it."""

    id: str | None
    name: Name
    span: Span = _span


@attrs.frozen
class RoleCoefficient:
    """One role of 角色系数 and its coefficient: 「一类责任单位」0.8."""

    role: Name
    value: Decimal
    span: Span = _span


@attrs.frozen
class RoleAssignment:
    """「牵头单位」：「市市场监管局」。 — the units (or groups) holding a role for one item."""

    role: Name
    units: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class Item:
    """项目 ID「name」P 分：clauses. The unit of scoring (考核项).

    A bonus item (加减分项目) has no points of its own: it is neither floored nor capped
    unless its clauses say so, and its score goes to 「加减分」, not to 「实得分」.
    """

    id: str
    name: Name
    points: Decimal
    clauses: tuple[Clause, ...]
    category: Category | None
    span: Span = _span
    roles: tuple[RoleAssignment, ...] = ()
    applies_to: tuple[Name, ...] = ()
    bonus: bool = False
    monthly: bool = False  # 按月评价: scored on each month's rows, the mean over the months reported
    quarterly: bool = False  # 按季评价: the same by quarter
    task: str | None = None  # a row of an item table: the 任务 its facts are reported under
    table: str | None = None  # the item table it is a row of


@attrs.frozen
class TableRow:
    """1「事项名称」：「牵头单位」｜无｜「二类责任单位」。 — one row of an item table."""

    id: str
    name: Name
    cells: tuple[tuple[Name, ...] | Decimal, ...]  # units per role column; the 「分值」 column's points
    span: Span = _span


@attrs.frozen
class ItemTable:
    """项目表「一件事」，每项 10 分：clauses, 各列：roles, rows — many items sharing one scoring table.

    The parser expands each row into an Item (kept in Scheme.items); the table is kept as
    written for formatters.
    """

    name: Name
    points: Decimal | None  # 每项 N 分, unless a 「分值」 column gives each row's
    clauses: tuple[Clause, ...]
    columns: tuple[Name, ...]
    rows: tuple[TableRow, ...]
    span: Span = _span
    monthly: bool = False
    quarterly: bool = False


@attrs.frozen
class QuantityDef:
    """设「X」为 EXPR（，保留两位小数）。 — a per-unit quantity computed after the items."""

    name: Name
    expr: Expr
    span: Span = _span
    rounding: int | None = None
    fallback: Expr | None = None  # 除数为 0 时为 …: the value where the formula would divide by zero


@attrs.frozen
class RankScaleDef:
    """设「G」按「g」排名，第 1 名 100 分，等差递减，最低 70 分。"""

    name: Name
    measure: Name
    top: Decimal
    bottom: Decimal
    span: Span = _span


Definition = Union[QuantityDef, RankScaleDef]


@attrs.frozen
class CompositeDef:
    """组合单位「A」为 60% ×「A」+ 40% ×「B」: a unit's total combined from several units' totals."""

    unit: Name
    expr: Expr
    span: Span = _span


class PeriodUnit(enum.Enum):
    """How a periodic scheme divides its year."""

    MONTH = "月"
    QUARTER = "季"


@attrs.frozen
class PeriodWeight:
    """一季度 20%: one period's share of the year's score."""

    label: str
    index: int = attrs.field(validator=attrs.validators.ge(1))
    weight: Decimal
    span: Span = _span


@attrs.frozen
class PeriodSpec:
    """按月考核 / 按季考核: each period is scored on its own rows, then combined.

    With weights, the year is their weighted sum; without, the mean over the periods
    the log reports.
    """

    unit: PeriodUnit
    weights: tuple[PeriodWeight, ...]
    span: Span = _span

    @property
    def count(self) -> int:
        """How many periods a year has."""
        return 12 if self.unit is PeriodUnit.MONTH else 4

    def label(self, index: int) -> str:
        """How period `index` (1-based) is called."""
        for weight in self.weights:
            if weight.index == index:
                return weight.label
        return f"{index}月" if self.unit is PeriodUnit.MONTH else f"{index}季度"

    def of(self, date: datetime.date) -> int:
        """The period (1-based) a date falls in."""
        return date.month if self.unit is PeriodUnit.MONTH else (date.month - 1) // 3 + 1


@attrs.frozen
class Scheme:
    """方案「…」: one evaluation scheme (考核方案 or 细则)."""

    name: Name
    source: Name | None
    year: int | None
    full_marks: Decimal | None
    targets: tuple[Name, ...]
    facts: tuple[FactDecl, ...]
    categories: tuple[Category, ...]
    items: tuple[Item, ...]
    comments: tuple[Comment, ...]
    span: Span = _span
    roles: tuple[RoleCoefficient, ...] = ()
    definitions: tuple[Definition, ...] = ()
    total: Expr | None = None
    rounding: int | None = None
    composites: tuple[CompositeDef, ...] = ()
    rank_groups: tuple[Name, ...] = ()
    period: PeriodSpec | None = None
    deduction_mode: bool = False  # 考核采用扣分模式: every item starts from its points
    by_task: bool = False  # 按任务逐项考核: the items are scored once per task a unit reports
    tables: tuple[ItemTable, ...] = ()  # as written; their rows are also in `items`


@attrs.frozen
class UnitDecl:
    """单位「X」属于「G」，别名「a」、「b」."""

    name: Name
    groups: tuple[Name, ...]
    aliases: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class GroupDecl:
    """分组「G」包括「A」、「B」，别名「…」."""

    name: Name
    members: tuple[Name, ...]
    aliases: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class RegistryFile:
    """单位名录「…」: the units, their groups and aliases."""

    name: Name
    units: tuple[UnitDecl, ...]
    groups: tuple[GroupDecl, ...]
    comments: tuple[Comment, ...]
    span: Span = _span


RuleFile = Union[Scheme, RegistryFile]

CLAUSE_TYPES: tuple[type, ...] = get_args(Clause)


def scheme_exprs(scheme: Scheme) -> list[Expr]:
    """The formulas of a scheme's quantities (with their fallbacks), without the total."""
    exprs: list[Expr] = []
    for definition in scheme.definitions:
        if isinstance(definition, QuantityDef):
            exprs.append(definition.expr)
            if definition.fallback is not None:
                exprs.append(definition.fallback)
    return exprs


def is_clause(value: object) -> TypeGuard[Clause]:
    """Whether a value is one of the clause nodes."""
    return isinstance(value, CLAUSE_TYPES)


def deduction_only(item: Item) -> bool:
    """Whether every scoring clause of an item deducts (扣分制): the item then starts from its points."""
    scoring = [c for c in item.clauses if not isinstance(c, (OverrideClause, ExemptClause, LimitClause))]
    if not scoring:
        return False
    for clause in scoring:
        if isinstance(clause, YesNoClause) and clause.per is None and clause.points < 0:
            continue
        if isinstance(clause, PerClause) and clause.rate.points < 0:
            continue
        if isinstance(clause, DiscretionClause) and clause.sign < 0:
            continue
        if isinstance(clause, (ChangeClause, RiseClause)) and clause.points < 0:
            continue
        if isinstance(clause, TierClause) and all(t.points <= 0 for t in clause.tiers):
            continue  # …达到 100% 的得 0 分，每降低 10% 扣 1 分
        if isinstance(clause, ChoiceClause) and all(arm.points <= 0 for arm in clause.arms):
            continue  # 「第一档」得 0 分，「第二档」扣 2 分 …
        return False
    return True
