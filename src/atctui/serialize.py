"""The canonical TOML form of a dataset: what `tomli_w` writes for the model."""

from __future__ import annotations

from typing import Any

import tomli_w

from atctui.model import DatasetFile, dataset_file_adapter

# Evidence reads best after the fact it supports.
_LAST = ("inferred", "citations")


def _evidence_last(value: Any) -> Any:
    if isinstance(value, dict):
        items = [(k, _evidence_last(v)) for k, v in value.items() if k not in _LAST]
        items += [(k, _evidence_last(value[k])) for k in _LAST if k in value]
        return dict(items)
    if isinstance(value, list | tuple):
        return [_evidence_last(v) for v in value]
    return value


def to_toml(content: DatasetFile) -> str:
    """Fields in model order, defaults left out, so a load-save round trip changes nothing."""
    data = dataset_file_adapter().dump_python(content, mode="python", exclude_defaults=True)
    return tomli_w.dumps(_evidence_last(data))
