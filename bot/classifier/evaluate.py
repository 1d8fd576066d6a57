"""Precision, recall and F1 of predicted categories against gold labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scored:
    """One item: its language, gold and predicted categories."""

    lang: str
    gold: frozenset[str]
    predicted: frozenset[str]


@dataclass(frozen=True)
class Report:
    per_category: dict[str, Counts]
    relevance: Counts
    per_language: dict[str, Counts]
    items: int

    @property
    def micro(self) -> Counts:
        return sum(self.per_category.values(), Counts())

    @property
    def macro_f1(self) -> float:
        scored = [c.f1 for c in self.per_category.values() if c.tp + c.fn]
        return sum(scored) / len(scored) if scored else 0.0


def evaluate(results: Sequence[Scored], slugs: Sequence[str]) -> Report:
    per_category = {slug: Counts() for slug in slugs}
    per_language: dict[str, Counts] = {}
    relevance = Counts()
    for result in results:
        item_counts = Counts()
        for slug in slugs:
            counts = _counts(slug in result.gold, slug in result.predicted)
            per_category[slug] += counts
            item_counts += counts
        per_language[result.lang] = per_language.get(result.lang, Counts()) + item_counts
        relevance += _counts(bool(result.gold), bool(result.predicted))
    return Report(per_category, relevance, per_language, len(results))


def _counts(gold: bool, predicted: bool) -> Counts:
    return Counts(
        tp=int(gold and predicted), fp=int(predicted and not gold), fn=int(gold and not predicted)
    )


def format_report(report: Report) -> str:
    lines = [f"{'category':26} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>5}"]
    for slug, c in report.per_category.items():
        lines.append(f"{slug:26} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp + c.fn:5d}")
    micro = report.micro
    lines += [
        "",
        f"micro   precision {micro.precision:.3f}  recall {micro.recall:.3f}  F1 {micro.f1:.3f}",
        f"macro   F1 {report.macro_f1:.3f}",
        f"relevance precision {report.relevance.precision:.3f}  "
        f"recall {report.relevance.recall:.3f}  F1 {report.relevance.f1:.3f}",
        "",
        "per language (micro F1): "
        + ", ".join(f"{lang} {c.f1:.3f}" for lang, c in sorted(report.per_language.items())),
        f"items: {report.items}",
    ]
    return "\n".join(lines)
