"""Merge the parsed files into one `Dataset`: ids unique per kind across files, every
reference resolved; each problem located in the file that has it."""

from __future__ import annotations

from atctui.dataset import DataFile, Dataset
from atctui.errors import DataError, Problem
from atctui.loading.parsed import ParsedFile
from atctui.model import SECTIONS, DatasetFile


def build_dataset(parsed: list[ParsedFile], paths: list[str]) -> Dataset:
    """Merge parsed files, reporting duplicate ids and unknown references with places."""
    from atctui.loading.references import check_references

    merged = DatasetFile()
    origins: dict[tuple[str, str], tuple[str, int]] = {}
    problems: list[Problem] = []
    by_path = {pf.path: pf for pf in parsed}
    for pf in parsed:
        for section, singular in SECTIONS.items():
            for index, record in enumerate(getattr(pf.content, section)):
                key = (singular, record.id)
                if key in origins:
                    first_path, first_index = origins[key]
                    first_line = by_path[first_path].lines.line_of((section, first_index))
                    where = f"{first_path}:{first_line}" if first_line else first_path
                    problems.append(
                        Problem(
                            pf.path,
                            f"duplicate {singular} id '{record.id}' (first defined at {where})",
                            pf.lines.line_of((section, index, "id")),
                            field=f"{section}[{index}].id",
                        )
                    )
                    continue
                origins[key] = (pf.path, index)
                getattr(merged, section).append(record)
    problems.extend(check_references(merged, origins, by_path))
    if problems:
        raise DataError(problems)
    return Dataset(merged, paths, [DataFile(pf.path, pf.sha256) for pf in parsed])
