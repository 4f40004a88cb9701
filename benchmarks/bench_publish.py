"""Publishing (a benchmark, not a test): the plan draft, the map's first paint and recolour.

    python benchmarks/bench_publish.py [--repeat N] [--edits N]

One section per part, each in its own module: ``bench_publish_report`` (the Word draft of the
sample against one projection) and ``bench_publish_map`` (the map's first paint and recolour).
Offscreen. Prints the load average first: wall-clock numbers rise when the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--edits", type=int, default=30, help="edits for the map recolour timing")
    args = ap.parse_args()
    if hasattr(os, "getloadavg"):
        print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    # --- report part: the plan draft -------------------------------------------------------
    import bench_publish_report

    bench_publish_report.report(args.repeat)

    # --- map part ------------------------------------------------------------------------------
    import bench_publish_map

    bench_publish_map.report(args.repeat, args.edits)


if __name__ == "__main__":
    main()
