"""A small dataset with Russian names, for the tests of searching in Russian: Russian
aliases of participants and people, exercises named in Russian only and in Latin only,
a Cyrillic «Каспии» beside «Каспий», and ё in names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

CITE = [{"source": "s", "quote": "q"}]


def _participant(pid: str, name: str, kind: str, *aliases: str, **more: str) -> dict[str, Any]:
    return {
        "id": pid,
        "name": name,
        "kind": kind,
        "aliases": list(aliases),
        **more,
        "citations": CITE,
    }


def _exercise(xid: str, name: str, year: int, host: str, **more: Any) -> dict[str, Any]:
    return {
        "id": xid,
        "name": name,
        "date": str(year),
        "host": host,
        "status": "held",
        **more,
        "citations": CITE,
    }


def _person(pid: str, name: str, start: str, *aliases: str) -> dict[str, Any]:
    role = {
        "title": "Head of the CIS ATC",
        "organisation": "atc",
        "start": start,
        "citations": CITE,
    }
    return {"id": pid, "name": name, "aliases": list(aliases), "roles": [role], "citations": CITE}


def _attending(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    return [{"participant": p, "as_written": written, "citations": CITE} for p, written in pairs]


DATA: dict[str, Any] = {
    "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
    "participants": [
        _participant(
            "tj",
            "Tajikistan",
            "member_state",
            "Republic of Tajikistan",
            "Таджикистан",
            "Республика Таджикистан",
        ),
        _participant("md", "Moldova", "member_state"),  # English only
        _participant("kz", "Kazakhstan", "member_state", "Казахстан"),
        _participant("kg", "Kyrgyzstan", "member_state", "Кыргызстан"),
        _participant(
            "csto",
            "Collective Security Treaty Organization",
            "international_organization",
            "ОДКБ",
            "Организация Договора о коллективной безопасности",
            short="CSTO",
        ),
        _participant(
            "rats",
            "SCO Regional Anti-Terrorist Structure",
            "international_organization",
            "РАТС ШОС",
            short="SCO RATS",
        ),
        _participant("atc", "CIS Anti-Terrorism Center", "cis_body", "АТЦ СНГ", short="CIS ATC"),
    ],
    "people": [
        _person("sysoev", "Aleksey Sysoev", "2021", "Алексей Сысоев"),
        _person("semenov", "Пётр Семёнов", "2015"),  # Russian only, with ё
    ],
    "meetings": [
        {
            "id": "m1",
            "number": 1,
            "title": "Meeting of the Council",
            "date": "2019",
            "city": "Душанбе",
            "citations": CITE,
            "attendances": _attending(
                ("tj", "Республика Таджикистан"),
                ("md", "Moldova"),
                ("csto", "ОДКБ"),
                ("rats", "РАТС ШОС"),
            ),
        },
        {
            "id": "m2",
            "number": 2,
            "title": "Meeting of the Council",
            "date": "2020",
            "city": "Minsk",
            "citations": CITE,
            "attendances": _attending(
                ("kz", "Kazakhstan"), ("kg", "Kyrgyzstan"), ("atc", "CIS ATC")
            ),
        },
    ],
    "exercises": [
        _exercise("kaspiy-2021", "Каспий-Антитеррор-2021", 2021, "kz"),
        _exercise("kaspiy-2023", "Kaspiy-Antiterror-2023", 2023, "kz"),  # Latin only
        _exercise("sea-2018", "Sea-Antiterror-2018", 2018, "kz", description="Учения на Каспии"),
        _exercise(
            "sodr-2025", "Содружество-Антитеррор-2025", 2025, "tj", territory="Хатлонская область"
        ),
        _exercise("issyk-2019", "Иссык-Куль-Антитеррор-2019", 2019, "kg"),
        _exercise("yolka-2020", "Ёлка-2020", 2020, "kg"),
        _exercise("moldova-2017", "Moldova-2017", 2017, "md"),
        _exercise("english-2016", "Islands-2016", 2016, "md", description="This is it"),
    ],
}


def russian_dataset(folder: Path) -> Path:
    path = folder / "russian.toml"
    path.write_text(tomli_w.dumps(DATA), encoding="utf-8")
    return path
