"""The linear model at run time: numpy only, loaded from one .npz file in the repo.

Training (bot/classifier/train.py) needs scikit-learn; using the model does not, which
keeps start-up fast and the runtime small.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

CUE_CAP = 3  # beyond three cues of a kind, more repetition says nothing new
MODEL_FILE = Path(__file__).resolve().parents[2] / "seeds" / "model" / "classifier.npz"


@dataclass(frozen=True)
class Vector:
    """An item's features that the model knows, and their rows in the weights."""

    features: list[str]
    rows: np.ndarray


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray  # (n_features,)
    weights: np.ndarray  # (n_features, n_labels)
    bias: np.ndarray  # (n_labels,)
    # How cues and the model's logit combine: [logit, strong cues, weak cues, bias],
    # fitted on out-of-fold logits of the training split.
    stack: np.ndarray
    # Per category (in label order), the threshold tuned on out-of-fold scores.
    thresholds: np.ndarray

    def threshold(self, label: str) -> float | None:
        column = self.labels.index(label)
        return float(self.thresholds[column]) if column < len(self.thresholds) else None

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.index)

    def vector(self, feats: Iterable[str]) -> Vector:
        # Intersecting with the vocabulary in C first: most of an item's stems and pairs
        # are not in the model, and looking each up in Python is the slow part.
        wanted = feats if isinstance(feats, set | frozenset) else set(feats)
        known = list(wanted & self.vocabulary)
        rows = np.fromiter(map(self.index.__getitem__, known), dtype=np.intp, count=len(known))
        return Vector(known, rows)

    def logits(self, feats: Iterable[str] | Vector) -> dict[str, float]:
        rows = (feats if isinstance(feats, Vector) else self.vector(feats)).rows
        if not len(rows):
            values = self.bias
        else:
            x = self.idf[rows]
            x = x / np.sqrt(np.dot(x, x))  # tf-idf with binary tf, L2-normalised
            values = x @ self.weights[rows] + self.bias
        return dict(zip(self.labels, values.tolist(), strict=True))

    def combine(self, logit: float, strong: int, weak: int) -> float:
        a, b, c, d = self.stack.tolist()
        z = a * logit + b * min(strong, CUE_CAP) + c * min(weak, CUE_CAP) + d
        return 1.0 / (1.0 + math.exp(-z))

    def top_features(self, vector: Vector, labels: list[str], n: int) -> dict[str, list[str]]:
        """Per label, the word features that pushed it up the most: the model's evidence.
        The lexicon's own features are left out; its phrases are evidence already."""
        words = [k for k, f in enumerate(vector.features) if not f.startswith("cue:")]
        if not words or not labels:
            return {label: [] for label in labels}
        rows = vector.rows[words]
        columns = [self.labels.index(label) for label in labels]
        pushes = self.idf[rows, None] * self.weights[np.ix_(rows, columns)]
        found = {}
        for k, label in enumerate(labels):
            best = np.argsort(-pushes[:, k])[:n]
            found[label] = [vector.features[words[i]] for i in best if pushes[i, k] > 0]
        return found

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        vocabulary = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            vocabulary=np.array(vocabulary),
            idf=self.idf.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            stack=self.stack.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
        )


def load_model(path: Path = MODEL_FILE) -> LinearModel:
    with np.load(path, allow_pickle=False) as data:
        vocabulary = data["vocabulary"].tolist()
        return LinearModel(
            labels=tuple(data["labels"].tolist()),
            index={feature: i for i, feature in enumerate(vocabulary)},
            idf=data["idf"].astype(np.float64),
            weights=data["weights"].astype(np.float64),
            bias=data["bias"].astype(np.float64),
            stack=data["stack"].astype(np.float64),
            thresholds=data["thresholds"].astype(np.float64),
        )
