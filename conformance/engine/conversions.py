"""The conversion matrix's observations: what each path did, per dtype and layout, aggregated over a run."""


def aggregate(records: list[dict]) -> list[dict]:
    """One row per (path, producer, consumer, dtype, layout, size class): the outcomes seen, how often, and the
    byte sizes tried."""
    rows: dict[tuple, dict] = {}
    for record in records:
        key = (record["path"], record["producer"], record["consumer"], record["dtype"], record["layout"],
               record["size"])
        row = rows.setdefault(key, {"path": key[0], "producer": key[1], "consumer": key[2], "dtype": key[3],
                                    "layout": key[4], "size": key[5], "outcomes": {}, "exceptions": [],
                                    "nbytes": [record["nbytes"], record["nbytes"]]})
        row["outcomes"][record["outcome"]] = row["outcomes"].get(record["outcome"], 0) + 1
        if record.get("exception") and record["exception"] not in row["exceptions"]:
            row["exceptions"].append(record["exception"])
        row["nbytes"] = [min(row["nbytes"][0], record["nbytes"]), max(row["nbytes"][1], record["nbytes"])]
    return sorted(rows.values(), key=lambda r: (r["producer"], r["consumer"], r["path"], r["dtype"], r["layout"]))


def outcome_label(row: dict) -> str:
    """'shares', 'copies', 'raises TypeError', or several of them joined by '/' when they varied."""
    labels = []
    for outcome in sorted(row["outcomes"]):
        labels.append(f"{outcome} {'/'.join(row['exceptions'])}" if outcome in ("raises", "crashes") else outcome)
    return " or ".join(labels)
