"""Markdown helpers shared by the report's sections."""


def cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def code_block(text) -> list[str]:
    return ["```", str(text).rstrip(), "```"]


def table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return lines + [""]


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
