"""Writes lose nothing: temp file + rename, a killed writer leaves the old file whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from atctui.export import WriteRefused, write_atomic

SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from atctui import export

def stalled_fsync(fd):  # the new content is half on disk when we are killed
    print("writing", flush=True)
    time.sleep(60)

export.os.fsync = stalled_fsync
export.write_atomic(Path(sys.argv[1]), "NEW\\n" * 2_000_000, overwrite=True)
"""


def test_a_writer_killed_midway_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("OLD\n", encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    temps = [p for p in tmp_path.iterdir() if p.name.startswith(".report.txt.")]
    assert temps and temps[0].stat().st_size > 0  # the new content went to a temp file
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert target.read_text(encoding="utf-8") == "OLD\n"


def test_a_written_file_has_the_usual_mode_or_keeps_the_one_it_had(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
        assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o640)
        write_atomic(kept, b"new", overwrite=True)
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_bytes() == b"new"
    finally:
        os.umask(old_umask)


def test_a_failed_write_removes_its_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("OLD")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "NEW", overwrite=True)
    assert target.read_text() == "OLD"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_read_only_directory_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.geteuid() != 0:  # the OS enforces it: a real check
        with pytest.raises(WriteRefused, match=r"cannot write in .*locked: Permission denied"):
            write_atomic(locked / "x.txt", "x")

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # root writes anywhere: simulate
    with pytest.raises(WriteRefused, match=r"cannot write in .*locked: Permission denied"):
        write_atomic(locked / "x.txt", "x")


def test_cli_output_into_a_missing_directory(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    result = run_cli("export", "timeline", "-o", str(tmp_path / "nope" / "t.txt"))
    assert result.returncode == 1
    assert "cannot write in" in result.stderr and "Traceback" not in result.stderr
