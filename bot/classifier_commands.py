"""The classifier's subcommands: classify, eval, train."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.classifier.classify import Classifier, Thresholds
from bot.classifier.corpus import TRAIN_FILE, load_labeled
from bot.classifier.model import MODEL_FILE
from bot.classifier.taxonomy import load_taxonomy
from bot.classify_cli import run_classify, run_eval
from bot.config import Settings


def thresholds(settings: Settings) -> Thresholds:
    return Thresholds(
        default=settings.category_threshold,
        relevance=settings.relevance_threshold,
        per_category=dict(settings.category_thresholds),
    )


def run(command: str, settings: Settings, file: Path | None) -> int:
    if command == "train":
        return train()
    classifier = Classifier.load(thresholds(settings))
    if command == "classify":
        return run_classify(classifier, sys.stdin, sys.stdout, sys.stderr)
    assert file is not None
    try:
        with file.open(encoding="utf-8") as lines:
            return run_eval(classifier, lines, sys.stdout, sys.stderr)
    except OSError as exc:
        print(f"error: cannot read {file}: {exc.strerror}", file=sys.stderr)
        return 2


def train(train_file: Path = TRAIN_FILE, model_file: Path = MODEL_FILE) -> int:
    from bot.classifier.train import train_classifier  # noqa: PLC0415 - needs scikit-learn

    items = load_labeled(train_file)
    taxonomy = load_taxonomy()
    model = train_classifier(items, taxonomy)
    model.save(model_file)
    print(f"trained on {len(items)} items: {len(model.index)} features -> {model_file}")
    return 0
