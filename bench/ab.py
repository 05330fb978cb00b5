"""Start to first screen, interleaved: another source tree of atctui, this one, and the
minimal Textual app, one run of each per round, so that both trees meet the machine in
the same moments (on a shared machine the figure moves by 0.1x between whole runs).

    git worktree add /tmp/ab 73e370f && (cd /tmp/ab && python -m atctui.loading.bundled)
    python bench/ab.py /tmp/ab/src --rounds 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from run import FIRST_SCREEN, run_python

HERE_SRC = Path(__file__).resolve().parent.parent / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other tree's src/ folder")
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        # Bytecode cached for all three alike, as in bench/run.py's first screen.
        base = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        trees = {
            "other": (dict(base, PYTHONPATH=str(args.other.resolve())), "-"),
            "this": (dict(base, PYTHONPATH=str(HERE_SRC)), "-"),
            "minimal": (base, "minimal"),
        }
        times: dict[str, list[float]] = {name: [] for name in trees}
        for env, target in trees.values():
            run_python(FIRST_SCREEN, repr(time.time()), target, env=env)  # fills the cache
        for _ in range(args.rounds):
            for name, (env, target) in trees.items():
                seconds = run_python(FIRST_SCREEN, repr(time.time()), target, env=env)
                times[name].append(float(seconds))
    minimal = statistics.median(times["minimal"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:8} {median:.3f} s  {median / minimal:.2f}x")


if __name__ == "__main__":
    main()
