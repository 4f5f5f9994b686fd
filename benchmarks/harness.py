"""Tools the benchmark modules share: time a page, count its queries, report a row."""

import json
import statistics
import time
from pathlib import Path

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

RESULTS = Path(__file__).resolve().parent / "results"
_rows: list[dict] = []


def measure_get(url: str, *, client: Client | None = None, repeat: int = 30) -> dict:
    """Median and 90th-percentile time of GET `url` (after one warm-up) and its query count."""
    client = client or Client()
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    reset_queries()  # a full query log (9,000 entries) would make the capture below empty
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings = []
    for _ in range(repeat):
        reset_queries()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 2),
        "p90_ms": round(timings[int(len(timings) * 0.9) - 1], 2),
        "queries": len(queries.captured_queries),
    }


def report(benchmark: str, **values) -> None:
    """Print one result row and keep it for results/latest.json."""
    _rows.append({"benchmark": benchmark, **values})
    shown = "  ".join(f"{key}={value}" for key, value in values.items())
    print(f"{benchmark:<48} {shown}", flush=True)


def write_results() -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "latest.json"
    path.write_text(json.dumps(_rows, indent=2))
    return path
