"""Classifier speed and footprint: items per second on one core, start-up time, peak memory.

Run: .venv/bin/python bench/classify.py [--items 2000]
Items are the labelled corpus's texts padded to a title and 2 KB of text. Start-up and
memory are measured in a fresh process (`python -m bot classify` on one line), as a
deployment meets them. Goals: >= 500 items/s, start-up <= 2 s, peak memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.classifier.classify import Classifier  # noqa: E402
from bot.classifier.corpus import DEV_FILE, TRAIN_FILE, load_labeled  # noqa: E402

TEXT_CHARS = 2000


def sample_items(count: int) -> list[tuple[str, str, str]]:
    corpus = load_labeled(TRAIN_FILE) + load_labeled(DEV_FILE)
    items = []
    for n in range(count):
        item = corpus[n % len(corpus)]
        text = item.text
        while len(text) < TEXT_CHARS:  # pad with the corpus's own prose, not filler
            text += "\n" + corpus[(n + len(text)) % len(corpus)].text
        items.append((item.title, text[:TEXT_CHARS], item.lang))
    return items


def throughput(classifier: Classifier, items: list[tuple[str, str, str]]) -> float:
    for title, text, lang in items[:50]:  # warm the lexicon's word cache as a server would
        classifier.classify(title, text, lang)
    start = time.perf_counter()
    for title, text, lang in items:
        classifier.classify(title, text, lang)
    return len(items) / (time.perf_counter() - start)


def fresh_process() -> tuple[float, float]:
    """Seconds from process start to the first answer, and peak resident MB."""
    line = json.dumps({"id": 1, "title": "Суд приговорил блогера", "text": "Блогера задержали."})
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "p = subprocess.run([sys.executable, '-m', 'bot', 'classify'], input=sys.argv[1],\n"
        "                   capture_output=True, text=True, check=True)\n"
        "took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(took, peak)\n"
    )
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, line], capture_output=True, text=True, check=True,
        cwd=ROOT, env=env,
    ).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the goal says
    classifier = Classifier.load()
    items = sample_items(args.items)
    rate = throughput(classifier, items)
    starts = [fresh_process() for _ in range(3)]
    start_s = min(s for s, _ in starts)
    peak_mb = max(m for _, m in starts)
    print(f"items: {len(items)} of a title and {TEXT_CHARS} characters, one core")
    print(f"throughput : {rate:7.0f} items/s   (goal >= 500)")
    print(f"start-up   : {start_s:7.2f} s         (goal <= 2; best of 3, process start to answer)")
    print(f"peak memory: {peak_mb:7.0f} MB        (goal <= 300)")


if __name__ == "__main__":
    main()
