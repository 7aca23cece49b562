"""Loaded rules + an event source → a run result: one aggregation pass, then each scheme evaluated."""

from __future__ import annotations

from zkprules.aggregate import Aggregates, aggregate
from zkprules.checker import Model
from zkprules.evaluator import SchemeEvaluator
from zkprules.events import EventSource
from zkprules.loader import Project
from zkprules.results import RunResult


def run_project(project: Project, source: EventSource) -> RunResult:
    """Evaluate the project's schemes on one event log.

    With one scheme it is always evaluated. With several (a folder), a scheme is evaluated
    when the log reports a fact of its own (one no other scheme uses), or, for a scheme
    whose facts are all shared, any of its facts: two schemes may read the same measure,
    and a log for one of them should not make the other look incomplete.
    """
    aggregates, accounting = aggregate(source.rows(), project.models, project.registry)
    results = []
    for model, found in zip(project.models, aggregates):
        if len(project.models) > 1 and not _reported(model, found, project):
            continue
        evaluator = SchemeEvaluator(model, found, project.registry, project.sources[model.scheme.span.file])
        results.append(evaluator.evaluate())
    return RunResult(source.name, tuple(results), accounting)


def _reported(model: Model, found: Aggregates, project: Project) -> bool:
    """Whether the log reports this scheme (see run_project)."""
    present = found.facts()
    others = {key for other in project.models if other is not model for key in other.facts}
    own = set(model.facts) - others
    return bool(present & own) if own else bool(present)
