"""Fit the classifier on the training split. Needs scikit-learn (in the `test` extra).

Deterministic: the same files give the same weights (liblinear, sorted vocabulary, fixed
fold assignment). Run `python -m bot train` after editing the corpus or the cues; the
model goes to seeds/model/classifier.npz and is committed with them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.classifier.corpus import LabeledItem
from bot.classifier.features import features
from bot.classifier.lexicon import CueHits, Lexicon
from bot.classifier.model import CUE_CAP, LinearModel
from bot.classifier.taxonomy import Taxonomy

RELEVANT = "_relevant"  # an extra output: "reports any incident at all"
MIN_DOCS = 2  # a feature seen in one item only is noise, and bloats the model
C = 10.0  # inverse regularisation, chosen by cross-validation (bench/classifier_variants.py)
DEFAULT_THRESHOLD = 0.4
# Below 0.3 a category fires on noise; the grid stops there.
THRESHOLD_GRID = np.round(np.arange(0.3, 0.75, 0.05), 2)
FOLDS = 5


def train_classifier(
    items: Sequence[LabeledItem], taxonomy: Taxonomy, c: float = C
) -> LinearModel:
    """The linear model, then the cue/model combination fitted on out-of-fold logits so
    that it learns how much to trust the model on items it has not seen."""
    lexicon = Lexicon(taxonomy)
    labels = (*taxonomy.slugs, RELEVANT)
    hits = [lexicon.hits(f"{i.title}\n{i.text}") for i in items]
    docs = [sorted(features(i.title, i.text, i.lang, h)) for i, h in zip(items, hits, strict=True)]
    out_of_fold = np.zeros((len(items), len(labels)))
    folds = np.arange(len(items)) % FOLDS
    for fold in range(FOLDS):
        held = folds == fold
        kept = np.flatnonzero(~held)
        part = _fit_linear([docs[n] for n in kept], [items[n] for n in kept], labels, c)
        for row in np.flatnonzero(held):
            out_of_fold[row] = list(part.logits(set(docs[row])).values())
    model = _fit_linear(docs, items, labels, c)
    stack, rows, targets = _fit_stack(items, taxonomy, hits, out_of_fold)
    cut = _tune_thresholds(stack, rows, targets, len(taxonomy.slugs))
    return LinearModel(model.labels, model.index, model.idf, model.weights, model.bias, stack, cut)


def _fit_linear(
    docs: Sequence[list[str]], items: Sequence[LabeledItem], labels: Sequence[str], c: float
) -> LinearModel:
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415 - train only
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    vectorizer = TfidfVectorizer(
        analyzer=_as_is, binary=True, min_df=MIN_DOCS, norm="l2", smooth_idf=True
    )
    x = vectorizer.fit_transform(docs)
    weights = np.zeros((x.shape[1], len(labels)))
    bias = np.full(len(labels), -6.0)  # a label never seen in training is never predicted
    for column, label in enumerate(labels):
        y = np.array([_has(item, label) for item in items])
        if y.min() == y.max():
            continue
        fitted = LogisticRegression(C=c, class_weight="balanced", solver="liblinear")
        fitted.fit(x, y)
        weights[:, column] = fitted.coef_[0]
        bias[column] = fitted.intercept_[0]
    index = {feature: int(i) for feature, i in vectorizer.vocabulary_.items()}
    idf = np.asarray(vectorizer.idf_, dtype=np.float64)
    unused = np.array([1.0, 0, 0, 0])  # the combination is fitted afterwards
    return LinearModel(tuple(labels), index, idf, weights, bias, unused, np.zeros(0))


def _fit_stack(
    items: Sequence[LabeledItem],
    taxonomy: Taxonomy,
    item_hits: Sequence[dict[str, CueHits]],
    logits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    rows, targets = [], []
    for n, item in enumerate(items):
        hits = item_hits[n]
        for column, slug in enumerate(taxonomy.slugs):
            cue = hits.get(slug)
            strong, weak = (len(cue.strong), len(cue.weak)) if cue else (0, 0)
            rows.append([logits[n, column], min(strong, CUE_CAP), min(weak, CUE_CAP)])
            targets.append(int(slug in item.categories))
    x, y = np.array(rows), np.array(targets)
    fitted = LogisticRegression(C=1.0, solver="liblinear").fit(x, y)
    return np.array([*fitted.coef_[0], fitted.intercept_[0]]), x, y


def _tune_thresholds(
    stack: np.ndarray, rows: np.ndarray, targets: np.ndarray, n: int
) -> np.ndarray:
    """Per category, the threshold with the best out-of-fold F1: categories differ in how
    sure the combined score gets (religion has telling words, fair_trial hardly any)."""
    z = rows @ stack[:3] + stack[3]
    scores = (1 / (1 + np.exp(-z))).reshape(-1, n)
    gold = targets.reshape(-1, n).astype(bool)
    best = np.full(n, DEFAULT_THRESHOLD)
    for column in range(n):
        f1 = [_f1(gold[:, column], scores[:, column] >= t) for t in THRESHOLD_GRID]
        best[column] = THRESHOLD_GRID[int(np.argmax(f1))]
    return best


def _f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = float(np.sum(gold & predicted))
    return 2 * tp / (np.sum(gold) + np.sum(predicted)) if tp else 0.0


def _as_is(doc: list[str]) -> list[str]:
    return doc


def _has(item: LabeledItem, label: str) -> int:
    return int(bool(item.categories)) if label == RELEVANT else int(label in item.categories)
