"""Plain-text tables for the command line."""

from __future__ import annotations

from collections.abc import Sequence


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    max_width: int | Sequence[int] = 60,
) -> str:
    """`max_width` caps every column, or each column in turn when it is a sequence."""
    caps = [max_width] * len(headers) if isinstance(max_width, int) else list(max_width)
    cells = [[_cell(value, cap) for value, cap in zip(row, caps, strict=True)] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join(lines)


def _cell(value: object, max_width: int) -> str:
    text = " ".join(str(value if value is not None else "-").split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
