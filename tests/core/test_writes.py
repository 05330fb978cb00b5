"""Writes lose nothing: temp file + rename, a killed writer leaves the old file whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from atctui.writing import WriteRefused, write_atomic

SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from atctui import writing as export

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
    with pytest.raises(WriteRefused, match=r"out\.txt: cannot write: No space left on device"):
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
    from tests.helpers import run_cli

    result = run_cli("export", "timeline", "-o", str(tmp_path / "nope" / "t.txt"))
    assert result.returncode == 1
    assert "cannot write in" in result.stderr and "Traceback" not in result.stderr


def test_two_writers_racing_to_one_new_name_cannot_both_win(tmp_path: Path) -> None:
    """Before: once in 30 races both exports said they wrote the file."""
    target = tmp_path / "report.txt"
    for round_ in range(40):
        target.unlink(missing_ok=True)
        outcomes: list[str] = []
        barrier = threading.Barrier(2)

        def write(
            content: str, barrier: threading.Barrier = barrier, outcomes: list[str] = outcomes
        ) -> None:
            barrier.wait()
            try:
                write_atomic(target, content)
                outcomes.append("wrote")
            except WriteRefused as exc:
                outcomes.append(str(exc))

        writers = [threading.Thread(target=write, args=(f"{round_}-{n}",)) for n in (1, 2)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join()
        assert sorted(outcomes) == [f"{target}: file exists (use --force to overwrite)", "wrote"]
        assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_force_never_replaces_anything_but_a_regular_file(tmp_path: Path, kind: str) -> None:
    if kind == "directory":
        target = tmp_path / "folder"
        target.mkdir()
        message = "a directory, not a regular file: not written"
    elif kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        message = "a named pipe (FIFO), not a regular file: not written"
    else:
        target = Path("/dev/null")
        message = "a character device, not a regular file: not written"
    with pytest.raises(WriteRefused) as info:
        write_atomic(target, "x", overwrite=True)
    assert str(info.value) == f"{target}: {message}"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_link_to_a_regular_file_may_be_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(WriteRefused, match="file exists"):
        write_atomic(link, "new")
    write_atomic(link, "new", overwrite=True)
    assert link.read_text() == "new"


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "{output}: a directory, not a regular file: not written"),
        ("{tmp}", "{output}: a directory, not a regular file: not written"),
        ("{tmp}/" + "r" * 300 + ".txt", "{output}: cannot write: File name too long"),
        ("{tmp}/x.txt/y.txt", "{output}: cannot write: Not a directory"),
    ],
    ids=["dot", "directory", "long-name", "under-a-file"],
)
def test_cli_output_errors_are_messages(tmp_path: Path, output: str, message: str) -> None:
    from tests.helpers import run_cli

    (tmp_path / "x.txt").write_text("keep")
    output = output.format(tmp=tmp_path)
    result = run_cli("export", "timeline", "-o", output, "--force", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "atctui: " + message.format(output=output)
    assert (tmp_path / "x.txt").read_text() == "keep"


def test_a_full_disk_is_a_message_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("atctui.writing.os.fsync", full)
    with pytest.raises(WriteRefused, match=r"new\.txt: cannot write: No space left on device"):
        write_atomic(tmp_path / "new.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_overwriting_through_a_link_updates_the_file_it_points_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: save theme (and --force) replaced the link's name with a regular file: a
    settings file kept by a dotfiles manager stopped being a link, its real file unchanged."""
    from atctui.settings import save_theme

    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    real.write_text('# mine\ntheme = "nord"\n', encoding="utf-8")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    monkeypatch.setenv("ATCTUI_CONFIG", str(link))
    save_theme("gruvbox")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8") == '# mine\ntheme = "gruvbox"\n'
    write_atomic(link, "new", overwrite=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in link.parent.iterdir()) == ["settings.toml"]  # no temp left
