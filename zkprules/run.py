"""Loaded rules + an event source → a run result: one aggregation pass, then each scheme evaluated."""

from __future__ import annotations

from zkprules.aggregate import aggregate
from zkprules.evaluator import SchemeEvaluator
from zkprules.events import EventSource
from zkprules.loader import Project
from zkprules.results import RunResult


def run_project(project: Project, source: EventSource) -> RunResult:
    """Evaluate the project's schemes on one event log.

    With one scheme it is always evaluated; with several (a folder), those whose facts
    appear in the log.
    """
    aggregates, accounting = aggregate(source.rows(), project.models, project.registry)
    results = []
    for model, found in zip(project.models, aggregates):
        if len(project.models) > 1 and not found.values:
            continue
        evaluator = SchemeEvaluator(model, found, project.registry, project.sources[model.scheme.span.file])
        results.append(evaluator.evaluate())
    return RunResult(source.name, tuple(results), accounting)
