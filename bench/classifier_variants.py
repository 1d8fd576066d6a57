"""Classifier variants compared: 5-fold cross-validation on the training split (what
tuning may look at), then the dev split (reported, never tuned on).

Run: .venv/bin/python bench/classifier_variants.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.classifier import features as feature_module
from bot.classifier.classify import Classifier, Thresholds
from bot.classifier.corpus import DEV_FILE, TRAIN_FILE, LabeledItem, load_labeled
from bot.classifier.evaluate import Report, Scored, evaluate
from bot.classifier.taxonomy import Taxonomy, load_taxonomy
from bot.classifier.train import train_classifier

FOLDS = 5


@dataclass(frozen=True)
class Variant:
    name: str
    c: float = 4.0
    threshold: float | None = 0.5
    relevance: float = 0.35
    stem: int = 5  # the model's (bot/classifier/features.py DEFAULT_STEM)
    lexicon: bool = True


def _score(
    classifier: Classifier, items: Sequence[LabeledItem], use_lexicon: bool
) -> list[Scored]:
    results = []
    for item in items:
        if not use_lexicon:
            classifier.lexicon.hits = lambda text: {}  # type: ignore[method-assign]
        found = classifier.classify(item.title, item.text, item.lang)
        results.append(Scored(item.lang, frozenset(item.categories), frozenset(found.categories)))
    return results


def run(
    variant: Variant, train: list[LabeledItem], test: list[LabeledItem], taxonomy: Taxonomy
) -> list[Scored]:
    feature_module.DEFAULT_STEM = variant.stem
    model = train_classifier(train, taxonomy, c=variant.c)
    if not variant.lexicon:
        model = replace(model, stack=model.stack * [1, 0, 0, 1])
    thresholds = Thresholds(default=variant.threshold, relevance=variant.relevance)
    return _score(Classifier(taxonomy, model, thresholds), test, variant.lexicon)


def cross_validate(variant: Variant, items: list[LabeledItem], taxonomy: Taxonomy) -> Report:
    results: list[Scored] = []
    for fold in range(FOLDS):
        train = [i for n, i in enumerate(items) if n % FOLDS != fold]
        test = [i for n, i in enumerate(items) if n % FOLDS == fold]
        results += run(variant, train, test, taxonomy)
    return evaluate(results, taxonomy.slugs)


def line(name: str, report: Report) -> str:
    micro = report.micro
    return (
        f"{name:34} micro {micro.f1:.3f}  macro {report.macro_f1:.3f}  "
        f"rel P {report.relevance.precision:.3f} R {report.relevance.recall:.3f}"
    )


VARIANTS: list[Variant] = [
    Variant("cues in model, C=4, t=0.5", threshold=0.5, c=4),
    Variant("cues in model, C=10, tuned thresholds", c=10, threshold=None),
    Variant("cues in model, C=4, t=0.4", threshold=0.4),
    Variant("cues in model, C=10, t=0.4", c=10, threshold=0.4),
    Variant("cues in model, C=1, t=0.4", c=1, threshold=0.4),
    Variant("C=10, tuned, 4-letter stems", c=10, threshold=None, stem=4),
    Variant("C=10, tuned, 6-letter stems", c=10, threshold=None, stem=6),
]


def main(variants: Sequence[Variant] = VARIANTS, out: Callable[[str], None] = print) -> None:
    taxonomy = load_taxonomy()
    train, dev = load_labeled(TRAIN_FILE), load_labeled(DEV_FILE)
    out(f"train {len(train)} items (5-fold CV), dev {len(dev)} items")
    for variant in variants:
        out("CV  " + line(variant.name, cross_validate(variant, train, taxonomy)))
        out(
            "dev "
            + line(variant.name, evaluate(run(variant, train, dev, taxonomy), taxonomy.slugs))
        )


if __name__ == "__main__":
    main()
