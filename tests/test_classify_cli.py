"""`python -m bot classify` and `eval`: the JSON Lines contract, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
    "id",
    "categories",
    "scores",
    "relevance",
    "countries",
    "persons",
    "articles",
    "lang",
    "evidence",
}


def _bot(*args: str, stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_classify_answers_each_good_line_in_order_and_names_bad_ones(tmp_path):
    lines = [
        json.dumps({"id": "a", "title": "Активиста пытали в полиции", "text": "Его избили."}),
        "{not json",
        json.dumps({"title": "no id"}),
        json.dumps({"id": 7, "title": "Kazakh court sentences blogger", "text": "", "lang": "en"}),
        json.dumps({"id": "c", "title": "", "text": ""}),
        json.dumps({"id": "d", "title": "x", "lang": "fr"}),
        json.dumps(["a list"]),
    ]

    done = _bot("classify", stdin="\n".join(lines) + "\n", cwd=tmp_path)

    assert done.returncode == 0
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    assert all(set(o) == KEYS for o in out)
    assert out[1]["lang"] == "en"
    errors = done.stderr.splitlines()
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 3", "line 5", "line 6", "line 7"]
    assert "Traceback" not in done.stderr


def test_classify_output_types_follow_the_contract(tmp_path):
    item = {
        "id": "x",
        "title": "Блогера приговорили по статье 174",
        "text": "Суд в Алматы приговорил блогера Мирболата Мырзатайулы к четырём годам.",
        "url": "https://example.org/1",
    }

    [line] = _bot(
        "classify", stdin=json.dumps(item, ensure_ascii=False), cwd=tmp_path
    ).stdout.splitlines()

    out = json.loads(line)
    assert isinstance(out["categories"], list)
    assert all(isinstance(v, float) for v in out["scores"].values())
    assert isinstance(out["relevance"], float)
    assert set(out["evidence"]) == set(out["categories"])
    assert out["lang"] == "ru"


def test_eval_prints_per_category_and_overall_figures(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps(item, ensure_ascii=False)
            for item in [
                {"id": 1, "title": "Задержанного пытали в полиции",
                 "text": "Его избивали трое суток.",
                 "categories": ["torture", "law_enforcement_abuse"]},
                {"id": 2, "title": "Погода в Алматы", "text": "Завтра снег.", "categories": []},
                {"id": 3, "title": "bad", "text": "x", "categories": ["no_such_slug"]},
            ]
        )
    )  # fmt: skip

    done = _bot("eval", str(gold), stdin="", cwd=tmp_path)

    assert done.returncode == 0
    assert "micro" in done.stdout
    assert "macro" in done.stdout
    assert "relevance precision" in done.stdout
    assert "torture" in done.stdout
    assert "items: 2" in done.stdout
    assert "line 3: skipped: unknown categories" in done.stderr


def test_eval_of_a_missing_file_is_one_clear_error(tmp_path):
    done = _bot("eval", "nope.jsonl", stdin="", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot read nope.jsonl")
