"""Searching in Russian: Cyrillic queries, Latin spellings of Russian names in several
schemes, and Cyrillic queries for names the data writes in Latin only (translit.py)."""

from __future__ import annotations

from pathlib import Path

import iuliia
import pytest
from tests.helpers import run_cli
from tests.russian import russian_dataset

from atctui.compare import compare
from atctui.dataset import Dataset
from atctui.loading import load
from atctui.query import Facts, fold, matches, parse
from atctui.translit import skeleton
from atctui.views import build
from atctui.viewstate import next_match

KASPIY = {"kaspiy-2021", "kaspiy-2023"}  # «Каспий» in Cyrillic, and written Kaspiy
EVERY_EXERCISE = {
    "kaspiy-2021",
    "kaspiy-2023",
    "sea-2018",
    "sodr-2025",
    "issyk-2019",
    "yolka-2020",
    "moldova-2017",
    "english-2016",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load([russian_dataset(tmp_path_factory.mktemp("ru"))])


def found(dataset: Dataset, view: str, query: str) -> set[str]:
    return {row.key.partition(":")[2] for row in build(view, dataset, query).rows}


# Each query with exactly the exercises it finds: the others are the ones it must not.
EXERCISE_QUERIES = [
    # Cyrillic, any case; «й» is not «и»: «Каспий» does not find «на Каспии» (sea-2018),
    # and finds the Latin-only Kaspiy-Antiterror-2023 through its spelling.
    ("Каспий", KASPIY),
    ("КАСПИЙ", KASPIY),
    ("каспий-антитеррор", KASPIY),
    ("Каспии", {"sea-2018", "kaspiy-2023"}),  # Kaspiy is also how Каспии is written
    # Latin spellings of «Каспий»: BGN/PCGN, scholarly/GOST 7.79, passport/ICAO, Wikipedia.
    # A Latin spelling cannot tell й from и, so «на Каспии» is found too; Latin finds
    # Latin as typed (Kaspij is not Kaspiy-Antiterror-2023).
    ("Kaspiy", KASPIY | {"sea-2018"}),
    ("kaspij", {"kaspiy-2021", "sea-2018"}),
    ("KASPII", {"kaspiy-2021", "sea-2018"}),
    ("Kaspy", {"kaspiy-2021", "sea-2018"}),
    ("kaspiy-antiterror-2021", {"kaspiy-2021"}),
    ('"Kaspij-Antiterror"', {"kaspiy-2021"}),
    ("Содружество", {"sodr-2025"}),
    ("Sodruzhestvo-Antiterror", {"sodr-2025"}),
    ("sodruzestvo", set()),  # ж is not z
    ("Issyk-Kul", {"issyk-2019"}),
    ("иссык", {"issyk-2019"}),
    ("khatlon", {"sodr-2025"}),
    ("Hatlonskaya", {"sodr-2025"}),
    # ё is е, in Cyrillic and in Latin.
    ("Ёлка", {"yolka-2020"}),
    ("елка", {"yolka-2020"}),
    ("Yolka", {"yolka-2020"}),
    ("jolka", {"yolka-2020"}),
    ("Elka", {"yolka-2020"}),
    # Fields with Russian values, the data's host names in English or in Russian.
    ("host:Таджикистан", {"sodr-2025"}),
    ("host:tadzhikistan", {"sodr-2025"}),
    ("host:tajikistan", {"sodr-2025"}),
    ("host:Молдова", {"moldova-2017", "english-2016"}),  # Moldova has no Russian alias
    ("participant:казахстан", {"kaspiy-2021", "kaspiy-2023", "sea-2018"}),
    ("participant:kazahstan", {"kaspiy-2021", "kaspiy-2023", "sea-2018"}),
    ("host:Кыргызстан -Ёлка", {"issyk-2019"}),
    ("молдова", {"moldova-2017", "english-2016"}),
    # Plain English stays plain: a short term is not looked for in skeletons ("is" would
    # be «Иссык»'s start), and English does not find English through them.
    ("hi", {"english-2016"}),  # "This is it"; not «Хатлонская»
    ("Moldava", set()),
    ("kind:упражнение", set()),
]


@pytest.mark.parametrize(("query", "expected"), EXERCISE_QUERIES)
def test_exercises_found_by_russian_queries(data: Dataset, query: str, expected: set[str]) -> None:
    assert found(data, "exercises", query) == expected
    if " " not in query:  # negated, it finds the others
        assert found(data, "exercises", f"-{query}") == EVERY_EXERCISE - expected


TIMELINE_QUERIES = [
    # Abbreviations: the aliases of who attended, and their Latin spellings.
    ("ОДКБ", {"m1"}),
    ("odkb", {"m1"}),
    ("CSTO", {"m1"}),
    ("РАТС ШОС", {"m1"}),
    ('"RATS ShOS"', {"m1"}),
    ("АТЦ СНГ", {"m2", "sysoev", "semenov"}),  # the people's terms name the ATC
    ("participant:молдова", {"m1", "moldova-2017", "english-2016"}),
    ("participant:Таджикистан", {"m1", "sodr-2025"}),
    ("city:Dushanbe", {"m1"}),
    ("city:душанбе", {"m1"}),
    # People: Сысоев is Sysoev and Sysoyev; Семёнов is Семенов, Semyonov, Semjonov.
    ("Sysoyev", {"sysoev"}),
    ("person:Сысоев", {"sysoev"}),
    ("Сысоев", {"sysoev"}),
    ("Семенов", {"semenov"}),
    ("person:Семёнов", {"semenov"}),
    ('"Pyotr Semyonov"', {"semenov"}),
    ("person:semjonov", {"semenov"}),
    ("Petr", {"semenov"}),
]


@pytest.mark.parametrize(("query", "expected"), TIMELINE_QUERIES)
def test_timeline_found_by_russian_queries(data: Dataset, query: str, expected: set[str]) -> None:
    assert found(data, "timeline", query) == expected


# iuliia's schemes that write every letter of these names in Latin (some leave ё as it is).
SCHEMES = [
    "GOST_779",
    "GOST_52535",
    "BGN_PCGN",
    "WIKIPEDIA",
    "SCIENTIFIC",
    "ICAO_DOC_9303",
    "MVD_782",
    "ALA_LC_ALT",
    "ISO_9_1968",
    "YANDEX_MAPS",
]
NAMES = [
    "Каспий-Антитеррор-2021",
    "Содружество-Антитеррор-2025",
    "Иссык-Куль",
    "Сысоев",
    "Таджикистан",
    "Кыргызстан",
    "Хатлонская область",
    "Душанбе",
    "Казахстан",
]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_finds_the_russian_names(scheme: str) -> None:
    spell = getattr(iuliia, scheme).translate
    for name in NAMES:
        spelled = spell(name)
        assert matches(parse('"' + spelled + '"'), Facts.of([name])), (scheme, spelled)
        # ... and a Cyrillic query finds a name the data holds only in that spelling (in
        # ASCII: the data's ž, š, č fold to z, s, c, which no other scheme writes).
        if spelled.isascii():
            assert matches(parse(name), Facts.of([spelled])), (scheme, spelled)


def test_fold_keeps_short_i_and_reads_yo_as_ye() -> None:
    assert fold("Ёлка Каспий ОБЪЕДИНЁННЫЙ") == "елка каспий объединенный"
    assert fold("Ünïcode ÉÈ") == "unicode ee"
    assert not matches(parse("й"), Facts.of(["и"]))
    assert not matches(parse("каспий"), Facts.of(["Каспии"]))
    assert matches(parse("КАСПИЙ"), Facts.of(["каспий"]))


def test_a_short_term_is_not_looked_for_in_skeletons() -> None:
    assert not matches(parse("is"), Facts.of(["Иссык-Куль"]))
    assert matches(parse("iss"), Facts.of(["Иссык-Куль"]))
    assert not matches(parse("ssyk"), Facts.of(["Иссык-Куль"]))  # from a word's start only


def test_one_skeleton_for_every_spelling() -> None:
    forms = {skeleton(fold(s)) for s in ["Каспий", "kaspiy", "kaspij", "kaspii", "kaspy"]}
    assert forms == {"kaspi"}
    assert skeleton("tajikistan") == skeleton(fold("Таджикистан")) == skeleton("tadzhikistan")


def test_matrix_compare_and_n_go_through_the_same_matching(data: Dataset) -> None:
    matrix = build("participants", data, "молдова")
    assert [row.cells[0] for row in matrix.rows] == ["Moldova"]
    matrix = build("participants", data, "odkb year:2019")
    assert [row.cells[0] for row in matrix.rows] == ["Collective Security Treaty Organization"]
    view = compare(data, "1", "2", "participant:молдова")
    assert [row.key for row in view.rows] == ["participant:md"]
    view = compare(data, "1", "2", "РАТС")
    assert [row.key for row in view.rows] == ["participant:rats"]
    view = build("exercises", data, "каспий")
    assert next_match(view, 0, 0) == (1, 0)
    assert {view.rows[i].key for i in (0, 1)} == {"exercise:kaspiy-2021", "exercise:kaspiy-2023"}


def test_export_query_in_russian(tmp_path: Path) -> None:
    path = russian_dataset(tmp_path)
    result = run_cli(
        "export", "exercises", "--data", str(path), "--query", "host:Таджикистан", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    assert "Содружество-Антитеррор-2025" in result.stdout
    assert "Каспий" not in result.stdout
    result = run_cli(
        "export", "exercises", "--data", str(path), "--query", "Kaspij", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    assert "Каспий-Антитеррор-2021" in result.stdout
    assert "Содружество" not in result.stdout
