"""Markdown helpers shared by the report's sections."""

import re

MAX_CELL = 120  # no table cell of the report is longer: what does not fit goes to the claim's detail


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def code_block(text) -> list[str]:
    return ["```", str(text).rstrip(), "```"]


def table(header: list[str], rows: list[list]) -> list[str]:
    """A Markdown table; a cell over ``MAX_CELL`` characters is shortened (``fit``), never left to run off-screen."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fit(cell(value), MAX_CELL) for value in row) + " |" for row in rows]
    return lines + [""]


def fit(text: str, limit: int, sep: str = ", ", more: str = "more") -> str:
    """``text`` in at most ``limit`` characters: whole ``sep``-separated parts and ``… N more``, else cut with ``…``
    (closing an open code span)."""
    text = str(text)
    if len(text) <= limit:
        return text
    parts = text.split(sep)
    for keep in range(len(parts) - 1, 0, -1):
        shortened = sep.join(parts[:keep]) + f"{sep}… {len(parts) - keep} {more}"
        if len(shortened) <= limit:
            return shortened
    cut = text[:limit - 2].rstrip()
    return cut + ("`" if cut.count("`") % 2 else "") + "…"


def anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped (``-`` and ``_`` kept), spaces as ``-``."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def size(n: int) -> str:
    for unit, scale in (("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n // scale} {unit}"
    return f"{n} B"


def links(urls) -> str:
    return ", ".join(f"[{_label(url)}]({url})" for url in urls)


def _label(url: str) -> str:
    parts = url.rstrip("/").split("/")
    if "github.com" in url and len(parts) >= 2 and parts[-2] in ("issues", "pull"):
        return f"{parts[-4]}/{parts[-3]}#{parts[-1]}"
    return parts[-1] or url
