"""Diagnostics: what is wrong, where, in Chinese, with a stable code and an English key."""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from zkprules.spans import Span


class Severity(enum.Enum):
    """How bad a diagnostic is: errors fail `check` and `run`; warnings do not."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Chinese word shown to the user."""
        return "错误" if self is Severity.ERROR else "警告"


@attrs.frozen
class Code:
    """A stable diagnostic code with its English search key and default severity."""

    code: str
    key: str
    severity: Severity
    title: str


def _codes(*rows: tuple[str, str, Severity, str]) -> dict[str, Code]:
    return {row[1]: Code(*row) for row in rows}


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = _codes(
    # rule files: syntax
    ("ZK101", "unexpected-token", E, "此处不应出现该词"),
    ("ZK102", "unexpected-character", E, "无法识别的字符"),
    ("ZK103", "unexpected-end", E, "文件在句子中间结束"),
    ("ZK104", "not-utf8", E, "规则文件不是 UTF-8 编码"),
    ("ZK105", "bad-number", E, "无法识别的数字"),
    ("ZK106", "bad-date", E, "无效的日期"),
    ("ZK107", "table-points", E, "项目表的行没有分值"),
    # rule files: names and structure
    ("ZK201", "unknown-unit", E, "单位或分组名称无法识别"),
    ("ZK202", "duplicate-name", E, "名称重复定义"),
    ("ZK203", "no-registry", E, "找不到单位名录"),
    ("ZK204", "duplicate-item", E, "项目编号重复"),
    ("ZK205", "no-scheme", E, "没有找到考核方案"),
    ("ZK206", "missing-targets", E, "方案没有写明考核对象"),
    ("ZK207", "group-cycle", E, "分组互相包含"),
    # rule files: meaning
    ("ZK301", "fact-kind-conflict", E, "同一事项被当作不同类型使用"),
    # ZK302 missing-fact is retired: the grammar gives every 每出现… a fact (docs/diagnostics.md)
    ("ZK303", "bad-linear", E, "“每低…扣…”只能跟在一个“达到…”档次之后"),
    ("ZK304", "bad-default", E, "缺省值与事项类型不符"),
    ("ZK305", "bad-range", E, "酌情范围的下限大于上限"),
    ("ZK306", "duplicate-option", E, "选项重复"),
    ("ZK307", "bad-limit", E, "该限制不适用于这一条款"),
    ("ZK308", "zero-step", E, "步长不能为 0"),
    ("ZK309", "points-sum", W, "各项目分值之和与满分不符"),
    ("ZK310", "date-outside-year", W, "日期不在考核年度内"),
    ("ZK311", "unknown-role", E, "角色没有在“角色系数”中定义"),
    ("ZK312", "role-not-target", W, "承担角色的单位不是考核对象，本项对其不计分"),
    ("ZK313", "two-roles", W, "同一单位在一个项目中有两个角色"),
    ("ZK314", "unknown-quantity", E, "“之和”只能用于方案计算的量"),
    ("ZK315", "carry-needs-months", E, "“计入下月”只能用于按月考核的方案"),
    ("ZK316", "carry-target", E, "计入下月的事项和被计入的事项都应是计数"),
    ("ZK317", "period-needs-year", E, "按期考核的方案需要考核年度"),
    ("ZK318", "bad-period", E, "时段写错或重复"),
    ("ZK319", "weights-sum", W, "权重之和不是 100%"),
    ("ZK320", "change-needs-month", E, "“较上月”只能用于按月评价的项目"),
    ("ZK321", "monthly-and-yearly", E, "同一事项只能用于一种评价周期（按月、按季或按年）"),
    ("ZK322", "unknown-class", E, "没有这个类别或项目表"),
    ("ZK330", "clause-over-item", W, "一条条款可得的分数超过本项分值"),
    ("ZK331", "subrules-over-item", W, "各条款最多合计超过本项分值"),
    ("ZK332", "subrules-below-item", W, "各条款最多合计达不到本项分值"),
    ("ZK333", "total-over-full", W, "总分可能超过满分"),
    ("ZK334", "tier-gap", W, "档次之间有空档"),
    ("ZK335", "tier-overlap", W, "档次有重叠"),
    ("ZK336", "tier-order", W, "档次没有按顺序书写"),
    ("ZK337", "tier-duplicate", W, "两个档次的下限相同"),
    ("ZK338", "rank-overlap", W, "名次档重叠"),
    ("ZK339", "rank-uncovered", W, "有名次没有对应分值"),
    ("ZK340", "rank-unreachable", W, "名次档超过参加排名的单位数"),
    ("ZK341", "stages-not-rising", W, "阶段比例没有逐级上升"),
    ("ZK342", "stages-not-complete", W, "最后阶段不是 100%"),
    ("ZK343", "division-by-zero-possible", W, "方案公式的除数可能为 0"),
    ("ZK344", "award-in-deduction-mode", W, "扣分模式下的得分条款只能补回已扣的分数"),
    ("ZK345", "clause-without-effect", W, "条款无论记录如何都不影响得分"),
    # event logs
    ("ZK401", "unreadable-log", E, "无法读取事件记录"),
    ("ZK402", "missing-column", E, "事件记录缺少必需的列"),
    ("ZK403", "unknown-unit-in-log", E, "事件记录中的单位无法识别"),
    ("ZK404", "unknown-fact", E, "事件记录中的事项没有任何规则使用"),
    ("ZK405", "bad-value", E, "数值与事项类型不符"),
    ("ZK406", "bad-log-date", E, "日期无法识别"),
    ("ZK407", "outside-year", E, "日期不在考核年度内"),
    ("ZK408", "not-a-target", E, "该单位不是本方案的考核对象"),
    ("ZK409", "superseded", W, "同一单位同一事项有更晚的记录，本行未采用"),
    ("ZK410", "conflicting-values", E, "同一单位同一事项同一天有不同数值"),
    ("ZK411", "missing-measure", E, "缺少计分所需的数据"),
    ("ZK412", "division-by-zero", E, "计算中出现除以 0"),
    ("ZK413", "out-of-range", E, "酌情分值超出规定范围"),
    ("ZK414", "empty-field", E, "必填字段为空"),
    ("ZK415", "missing-task", E, "按任务考核的方案，记录没有写“任务”"),
    ("ZK416", "unknown-task", E, "记录的“任务”不是项目表中的任何一行"),
    # command line
    ("ZK501", "no-such-file", E, "文件或文件夹不存在"),
    ("ZK502", "unknown-unit-argument", E, "命令行中的单位无法识别"),
    ("ZK599", "internal-error", E, "内部错误"),
)


@attrs.frozen
class Diagnostic:
    """One problem: a code, a Chinese message, where it is, and what was probably meant."""

    key: str = attrs.field(validator=attrs.validators.in_(CODES))
    message: str
    span: Span | None = None
    hint: str | None = None
    level: Severity | None = None
    quote: str | None = None  # the line quoted, when it is not a rule file (an event-log row)
    item: str | None = None  # the item it is about, where there is one
    acknowledged: str | None = None  # the reason given in a `# 确认 ZKnnn：…` comment at its place

    @property
    def severity(self) -> Severity:
        """The severity given, or the code's default."""
        return self.level or CODES[self.key].severity

    @property
    def code(self) -> str:
        """The stable code, e.g. ZK101."""
        return CODES[self.key].code

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, line, column, then code."""
        if self.span is None:
            return ("", 0, 0, self.code)
        return (self.span.file, self.span.line, self.span.column, self.code)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics sorted by position, duplicates removed."""
    unique = {(d.key, d.message, d.span): d for d in diagnostics}
    return sorted(unique.values(), key=Diagnostic.sort_key)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """Whether any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


class ZkError(Exception):
    """Raised when work cannot go on; carries the diagnostics that explain why."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("; ".join(d.message for d in self.diagnostics))
