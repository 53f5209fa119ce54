"""The conversion matrix's observations: what each path did, per dtype, layout and device, aggregated over a run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KEY = ("path", "producer", "consumer", "dtype", "layout", "size", "device")


def aggregate(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (path, producer, consumer, dtype, layout, size class, producer's device): the outcomes seen,
    how often, the devices the results landed on, the byte sizes tried and the path's code."""
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for record in records:
        key = tuple(record.get(k, "cpu" if k == "device" else None) for k in KEY)
        row = rows.setdefault(key, {**dict(zip(KEY, key)), "code": record.get("code"), "shape": record.get("shape"),
                                    "outcomes": {},
                                    "exceptions": [], "result_devices": [],
                                    "nbytes": [record["nbytes"], record["nbytes"]]})
        row["outcomes"][record["outcome"]] = row["outcomes"].get(record["outcome"], 0) + 1
        if record.get("exception") and record["exception"] not in row["exceptions"]:
            row["exceptions"].append(record["exception"])
        if record.get("result_device") and record["result_device"] not in row["result_devices"]:
            row["result_devices"].append(record["result_device"])
        row["nbytes"] = [min(row["nbytes"][0], record["nbytes"]), max(row["nbytes"][1], record["nbytes"])]
    return sorted(rows.values(), key=lambda r: tuple(str(r[k]) for k in ("producer", "device", "consumer", "path",
                                                                         "dtype", "layout")))


def outcome_label(row: Mapping[str, Any]) -> str:
    """'shares', 'copies', 'raises TypeError', or several of them joined by ' or ' when they varied."""
    labels = []
    for outcome in sorted(row["outcomes"]):
        labels.append(f"{outcome} {'/'.join(row['exceptions'])}" if outcome in ("raises", "crashes") else outcome)
    return " or ".join(labels)
