"""Benchmark: decoding the real TopoJSON boundaries of Belgium (581 communes, 43 arrondissements).

    .venv/bin/python bench/boundaries.py      (needs PLI_DATA_DIR or ../shared/data)

Times `territory.imports.topojson.geometries_by_code` on the file `pli setup_data` loads: reading the
JSON, then decoding every arc into rings of coordinates rounded to 5 decimals. No database: the median
and the slowest of RUNS runs, after one warm-up. (It was a timed assertion in the tests, < 5 s.)
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PLI_DATA_DIR") or ROOT.parent / "shared" / "data")
FILE = DATA / "belgium_communes_2019.topojson.json"
RUNS = 5


def timed(function) -> list[float]:
    function()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from territory.imports.topojson import geometries_by_code

    if not FILE.is_file():
        sys.exit(f"{FILE} is missing: set PLI_DATA_DIR to the folder of the open-data files.")
    text = FILE.read_text(encoding="utf-8")
    topology = json.loads(text)
    cases = [
        ("read the JSON (0.7 MB)", lambda: json.loads(text)),
        ("decode the 581 communes", lambda: geometries_by_code(topology, "municipalities")),
        ("decode the 43 arrondissements", lambda: geometries_by_code(topology, "arrondissements")),
    ]
    print(f"{RUNS} runs after a warm-up; median and slowest")
    for label, function in cases:
        times = timed(function)
        print(f"{label:32} {statistics.median(times) * 1000:8.1f} ms {max(times) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
