"""`python -m bot classify` and `python -m bot eval FILE`: JSON Lines in, results out.

The classify output format is a contract other tools rely on:
{"id", "categories", "scores", "relevance", "countries", "persons", "articles", "lang",
"evidence"}, one line per good input line, in input order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.classifier.classify import Classifier
from bot.classifier.evaluate import Scored, evaluate, format_report
from bot.langid import SUPPORTED


class ClassifyInput(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str | int
    title: str = ""
    text: str = ""
    lang: str | None = None
    url: str | None = None


class EvalInput(ClassifyInput):
    categories: list[str]


@dataclass(frozen=True)
class BadLine:
    number: int
    problem: str


def read_lines(
    lines: Iterable[str], model: type[ClassifyInput]
) -> Iterator[tuple[int, ClassifyInput | BadLine]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = _parse(line, model)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            yield number, BadLine(number, f"{where}: {first['msg']}")
        except ValueError as exc:  # JSONDecodeError is one
            yield number, BadLine(number, str(exc))
        else:
            yield number, item


def _parse(line: str, model: type[ClassifyInput]) -> ClassifyInput:
    raw = json.loads(line)
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")  # noqa: TRY004 - reported as a bad line
    item = model.model_validate(raw)
    if not (item.title.strip() or item.text.strip()):
        raise ValueError("both title and text are empty")
    if item.lang is not None and item.lang not in SUPPORTED:
        raise ValueError(f"lang must be one of {', '.join(SUPPORTED)}")
    return item


def run_classify(classifier: Classifier, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    for number, item in read_lines(stdin, ClassifyInput):
        if isinstance(item, BadLine):
            print(f"line {number}: skipped: {item.problem}", file=stderr)
            continue
        result = classifier.classify(item.title, item.text, item.lang)
        stdout.write(json.dumps({"id": item.id, **result.as_json()}, ensure_ascii=False) + "\n")
    return 0


def run_eval(classifier: Classifier, lines: Iterable[str], stdout: TextIO, stderr: TextIO) -> int:
    results = []
    for number, item in read_lines(lines, EvalInput):
        if isinstance(item, BadLine):
            print(f"line {number}: skipped: {item.problem}", file=stderr)
            continue
        assert isinstance(item, EvalInput)
        unknown = set(item.categories) - set(classifier.taxonomy.slugs)
        if unknown:
            print(f"line {number}: skipped: unknown categories {sorted(unknown)}", file=stderr)
            continue
        predicted = classifier.classify(item.title, item.text, item.lang)
        lang = item.lang or predicted.lang
        results.append(Scored(lang, frozenset(item.categories), frozenset(predicted.categories)))
    if not results:
        print("error: no usable items to evaluate", file=stderr)
        return 2
    print(format_report(evaluate(results, classifier.taxonomy.slugs)), file=stdout)
    return 0


def main_classify(classifier: Classifier) -> int:
    return run_classify(classifier, sys.stdin, sys.stdout, sys.stderr)
