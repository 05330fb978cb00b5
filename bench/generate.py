"""Write a synthetic, valid atctui dataset: `python bench/generate.py --meetings N --out FILE`.

About 15 attendances per meeting over a pool of about 60 participants with aliases,
N/5 exercises, sources with citations of realistic length, some inferred facts and
notes. Deterministic for a seed. `atctui validate FILE` accepts the output.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import tomli_w

KINDS = (
    ["member_state"] * 15
    + ["cis_body"] * 30
    + ["international_organization"] * 10
    + ["basic_organization"] * 5
)
WORDS = (
    "cooperation terrorism extremism security services agencies information exchange "
    "border financing exercise meeting delegation council committee program measures "
    "threats radicalization training regional consultations coordination special units"
).split()
CITIES = ["Moscow", "Minsk", "Astana", "Bishkek", "Dushanbe", "Tashkent", "Baku", "Yerevan"]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def generate(meetings: int, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    sources = [
        {"id": f"src-{i}", "kind": "source_text", "file": f"source-{i:05d}.txt",
         "title": sentence(rng, 8), "publisher": "Synthetic press", "published": f"{2000 + i % 26}"}
        for i in range(max(1, meetings // 10))
    ]  # fmt: skip

    def cite(words: int = 14) -> list[dict[str, str]]:
        return [{"source": rng.choice(sources)["id"], "quote": sentence(rng, words)}]

    participants = [
        {"id": f"p-{i:02d}", "name": f"{sentence(rng, 3)} {i}", "kind": kind,
         "aliases": [f"{sentence(rng, 4)} {i}", f"Alias {i}"], "citations": cite()}
        for i, kind in enumerate(KINDS)
    ]  # fmt: skip
    records = []
    for n in range(meetings):
        year = 1990 + n * 36 // max(meetings, 1)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        attending = rng.sample(participants, 15)
        meeting: dict[str, Any] = {
            "id": f"m-{n:06d}", "number": n + 1, "title": f"Meeting {n + 1}: {sentence(rng, 10)}",
            "date": f"{year}-{month:02d}-{day:02d}", "city": rng.choice(CITIES),
            "attendances": [
                {"participant": p["id"], "as_written": rng.choice([p["name"], *p["aliases"]]),
                 "citations": cite(6)}
                for p in attending
            ],
            "lists": [{"kind": "member_state", "complete": rng.random() < 0.5, "stated_count": 10,
                       "citations": cite(8)}],
            "agenda": [{"kind": "topic", "text": sentence(rng, 12), "citations": cite()}
                       for _ in range(3)],
            "citations": cite(20),
        }  # fmt: skip
        if n % 7 == 0:
            meeting["inferred"] = [{"field": "date", "reason": sentence(rng, 12)}]
        records.append(meeting)
    exercises = [
        {"id": f"x-{n:05d}", "name": f"{rng.choice(WORDS).capitalize()}-Antiterror {n}",
         "date": f"{1990 + n * 36 // max(meetings // 5, 1)}-{rng.randint(1, 12):02d}",
         "host": rng.choice(participants[:15])["id"], "place": rng.choice(CITIES),
         "status": rng.choice(["held", "planned", "moved"]),
         "discussed_at": [rng.choice(records)["id"]] if records else [], "citations": cite()}
        for n in range(meetings // 5)
    ]  # fmt: skip
    notes = [
        {"id": f"note-{n:05d}", "kind": rng.choice(["note", "contradiction"]),
         "about": [f"meeting:{rng.choice(records)['id']}"], "text": sentence(rng, 20),
         "citations": cite()}
        for n in range(meetings // 20)
    ]  # fmt: skip
    return {"sources": sources, "participants": participants, "meetings": records,
            "exercises": exercises, "notes": notes}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(tomli_w.dumps(generate(args.meetings, args.seed)), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
