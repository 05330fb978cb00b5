"""Does the slicing helper process pay? The load of one large file, with the helper and
without it (everything parsed in the loading process), in fresh processes taken in turn,
round after round: `python bench/helper.py FILE --rounds 5`."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys, time, resource
import atctui.loading.chunked as chunked
if sys.argv[2] == "alone":
    chunked.helper_can_parse = lambda: False
from atctui.loading import load
start = time.perf_counter()
dataset = load([sys.argv[1]])
took = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{took:.3f} {rss:.0f} {child:.0f} {len(dataset.meetings)}")
"""


def one(path: Path, mode: str) -> tuple[float, float, float]:
    """Seconds to load, and peak RSS (MB) of this process and of its helper."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), mode], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, list[tuple[float, float, float]]] = {"helper": [], "alone": []}
    for _ in range(args.rounds):
        for mode in figures:
            figures[mode].append(one(args.file, mode))
    for mode, runs in figures.items():
        seconds = statistics.median(r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        helper_rss = statistics.median(r[2] for r in runs)
        print(f"{mode:7} load {seconds:.3f} s  peak RSS {rss:.0f} MB  helper {helper_rss:.0f} MB")
    ratio = statistics.median(r[0] for r in figures["alone"]) / statistics.median(
        r[0] for r in figures["helper"]
    )
    print(f"alone / helper: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
