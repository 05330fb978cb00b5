"""Hostile files and settings: a located message and exit 1, never a crash or a hang.

Each case here once crashed atctui (a segmentation fault in the TOML parser, a
RecursionError), hung it (a FIFO, /dev/zero, a quadratic search for suggestions), ran
code from the current directory, or loaded a dataset that no file held.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.helpers import BUNDLED_TOML, generated, run_cli

from atctui.errors import DataError
from atctui.loading import load
from atctui.loading import parsed as loading
from atctui.loading.toml import fast_loads

CRASHED = (-11, -6, 139, 134)  # SIGSEGV, SIGABRT, as a signal or as a shell reports it


def _no_crash(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode not in CRASHED, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 100_000 + "]" * 100_000,
        "x = " + "{a = " * 20_000 + "1" + "}" * 20_000,
        "x = " + "[" * 100_000,  # unclosed: the parser recursed before it failed
        "x = " + "[{a = " * 20_000,
    ],
    ids=["arrays", "inline-tables", "unclosed-arrays", "unclosed-mixed"],
)
def test_the_fast_parser_survives_any_nesting_in_this_process(text: str) -> None:
    # Before: a segmentation fault of the whole test process.
    try:
        fast_loads(text)
    except Exception as exc:  # a decode error is fine; a crash is not
        assert type(exc).__name__ == "TOMLDecodeError"


def test_deep_nesting_in_a_file_read_in_slices(tmp_path: Path) -> None:
    path, text = generated(tmp_path, 450)
    assert path.stat().st_size >= loading.LARGE_FILE
    deep = "[" * 10_000 + "]" * 10_000
    path.write_text(
        text + f'\n[[participants]]\nid = "deep"\nname = "d"\nkind = "cis_body"\n'
        f'aliases = {deep}\ncitations = [{{ source = "src-0", quote = "q" }}]\n',
        encoding="utf-8",
    )
    result = run_cli("validate", str(path))
    _no_crash(result)
    assert result.returncode == 1
    assert ".aliases[0]: Input should be a valid string, got list [[[" in result.stderr
    unclosed = text + '\n[[participants]]\nid = "deep"\naliases = ' + "[" * 10_000 + "\n"
    path.write_text(unclosed, encoding="utf-8")
    result = run_cli("validate", str(path))
    _no_crash(result)
    assert f"{path}:{text.count(chr(10)) + 4}:" in result.stderr
    assert "TOML syntax: nesting deeper than 100 levels" in result.stderr


def test_a_deeply_nested_settings_file_leaves_every_command_working(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("data = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    env = {**os.environ, "ATCTUI_CONFIG": str(settings)}
    for command in (["validate"], ["config", "show"], ["export", "exercises"]):
        result = subprocess.run(
            [sys.executable, "-m", "atctui", *command],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        _no_crash(result)
        assert f"{settings}:1: data[0]: Input should be a valid string" in result.stderr
    assert result.returncode == 0 and "Exercises" in result.stdout


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "data.toml")
    result = run_cli("validate", str(fifo))  # run_cli's timeout would fail a hang
    _no_crash(result)
    assert result.returncode == 1
    assert f"{fifo}: a named pipe (FIFO), not a file: not read" in result.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(BUNDLED_TOML, folder / "a.toml")
    _fifo(folder / "b.toml")
    result = run_cli("--data", str(folder))
    assert result.returncode == 1
    assert f"{folder / 'b.toml'}: a named pipe (FIFO), not a file: not read" in result.stderr


def test_a_fifo_as_the_settings_file_is_reported_and_skipped(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "settings.toml")
    env = {**os.environ, "ATCTUI_CONFIG": str(fifo)}
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "export", "exercises", "--format", "csv"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    _no_crash(result)
    assert result.returncode == 0 and result.stdout.startswith("id,")
    assert f"{fifo}: a named pipe (FIFO), not a file: not read (settings ignored)" in (
        result.stderr
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read_until_memory_runs_out(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    result = run_cli("validate", device)
    _no_crash(result)
    assert result.returncode == 1
    assert f"{device}: a character device, not a file: not read" in result.stderr


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as out:
        out.truncate(3 * 1024 * 1024)  # sparse: 3 MB that take no room
    settings = tmp_path / "settings.toml"
    settings.write_text("max_file_mb = 2\n", encoding="utf-8")
    env = {**os.environ, "ATCTUI_CONFIG": str(settings)}
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "validate", str(big)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    _no_crash(result)
    assert result.returncode == 1
    assert (
        f"{big}: file too large: 3,145,728 bytes, over the limit of 2,097,152 "
        "(the max_file_mb setting)"
    ) in result.stderr
    env["ATCTUI_MAX_FILE_MB"] = "4"  # the variable overrides the file
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "validate", str(big)],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert "binary data (NUL byte)" in result.stderr


def test_broken_and_looping_links_in_a_folder_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(BUNDLED_TOML, folder / "a.toml")
    (folder / "b.toml").symlink_to(folder / "missing.toml")
    (folder / "c.toml").symlink_to(folder / "c.toml")
    with pytest.raises(DataError) as info:
        load([folder])
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'b.toml'}: broken symbolic link (to {folder / 'missing.toml'}, "
        "which does not exist)",
        f"{folder / 'c.toml'}: symbolic link loop: the link never reaches a file",
    ]


def test_a_link_to_a_folder_among_the_files_is_reported_not_skipped(tmp_path: Path) -> None:
    """Before: 'up.toml -> ..' in a data folder was left out unsaid."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(BUNDLED_TOML, folder / "a.toml")
    (folder / "up.toml").symlink_to(tmp_path)
    with pytest.raises(DataError) as info:
        load([folder])
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'up.toml'}: a link to a folder, not followed"
    ]


def test_a_file_replaced_during_loads_gives_one_version_or_the_other(tmp_path: Path) -> None:
    """Before: 14 loads in 30 gave a dataset of both files' meetings mixed."""
    small, _ = generated(tmp_path, 430)
    small = small.rename(tmp_path / "small.toml")
    large, _ = generated(tmp_path, 460)
    large = large.rename(tmp_path / "large.toml")
    target = tmp_path / "data.toml"
    shutil.copy(small, target)
    stop = threading.Event()

    def swap() -> None:
        versions = [large, small]
        while not stop.is_set():
            for version in versions:
                shutil.copy(version, tmp_path / "next.toml")
                os.replace(tmp_path / "next.toml", target)  # as editors and cp -a do
                time.sleep(0.01)

    swapper = threading.Thread(target=swap)
    swapper.start()
    try:
        counts = {len(load([target]).meetings) for _ in range(8)}
    finally:
        stop.set()
        swapper.join()
    assert counts <= {430, 460}


def test_a_package_planted_in_the_working_directory_is_not_imported(tmp_path: Path) -> None:
    """`cd` into a folder holding atctui/__init__.py, then validate a large file: the
    helper process must import atctui from where it is installed."""
    if not shutil.which("atctui"):
        pytest.skip("the atctui command is not installed")
    path, _ = generated(tmp_path, 450)
    planted = tmp_path / "work" / "atctui"
    planted.mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    (planted / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (planted / "slicing.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    result = subprocess.run(
        ["atctui", "validate", str(path)],
        capture_output=True, text=True, cwd=planted.parent, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert not marker.exists()


def test_thousands_of_dangling_references_are_reported_quickly(tmp_path: Path) -> None:
    """Before: the 'did you mean' suggestions compared every dangling reference with
    every id (2,500 of them in a 49 MB file: nothing printed after 300 s)."""
    participants = "".join(
        f'[[participants]]\nid = "state-{i:05d}"\nname = "State {i}"\nkind = "cis_body"\n'
        'citations = [{ source = "s", quote = "q" }]\n'
        for i in range(20_000)
    )
    meetings = "".join(
        f'[[meetings]]\nid = "m{i}"\ntitle = "t"\ndate = "2019"\n'
        'citations = [{ source = "s", quote = "q" }]\n'
        f'[[meetings.attendances]]\nparticipant = "nation-{i:05d}"\nas_written = "x"\n'
        'citations = [{ source = "s", quote = "q" }]\n'
        for i in range(2_500)
    )
    path = tmp_path / "dangling.toml"
    path.write_text(
        '[[sources]]\nid = "s"\nkind = "source_text"\nfile = "a"\n' + participants + meetings
    )
    result = run_cli("validate", str(path))  # 60 s timeout
    _no_crash(result)
    lines = result.stderr.splitlines()
    assert lines[-1] == "atctui: 2500 problems found"
    assert "unknown participant 'nation-00000' (did you mean 'state-00000'?)" in lines[0]


def _two_versions(path: Path, meetings: int) -> tuple[bytes, bytes]:
    """A dataset file in two versions of the same size, every meeting titled A… or B…."""
    generated(path.parent, meetings)
    text = (path.parent / "big.toml").read_text(encoding="utf-8")
    import re as regex

    a = regex.sub(r'(?m)^title = "[^"]*"', lambda m: 'title = "' + "A" * 20 + '"', text)
    b = a.replace('title = "' + "A" * 20 + '"', 'title = "' + "B" * 20 + '"')
    assert len(a) == len(b)
    return a.encode(), b.encode()


@pytest.mark.parametrize("meetings", [40, 450], ids=["small", "sliced"])
def test_a_file_written_in_place_during_a_load_is_read_again(
    tmp_path: Path, meetings: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a file rewritten in place (same size, same clock tick) while it was read
    gave the version read first, or a mix of both. The rewrite is made right after the
    first read of this process (the whole file, or a large file's tail, its slices read
    by the helper), its time stamp put back: the load reads the file again and gives the
    new version, whole. (A thread rewriting the file at random moments made this test
    depend on the machine's load: a writer paused inside one write leaves the file
    itself torn, which no reader can tell from a file written so.)"""
    from atctui.loading.files import FileSnapshot

    a, b = _two_versions(tmp_path / "x", meetings)
    target = tmp_path / "data.toml"
    target.write_bytes(a)
    stamp = os.stat(target).st_mtime_ns
    read = FileSnapshot.read
    rewritten: list[bool] = []

    def read_then_rewrite(self: FileSnapshot, start: int = 0, end: int | None = None) -> bytes:
        data = read(self, start, end)
        if not rewritten:
            rewritten.append(True)
            fd = os.open(target, os.O_WRONLY)
            try:
                os.pwrite(fd, b, 0)
            finally:
                os.close(fd)
            os.utime(target, ns=(stamp, stamp))
        return data

    monkeypatch.setattr(FileSnapshot, "read", read_then_rewrite)
    dataset = load([target])
    assert rewritten
    assert {m.title[0] for m in dataset.meetings} == {"B"}
    import hashlib

    assert dataset.sha256 == hashlib.sha256(b).hexdigest()  # the hash of what was loaded


def test_a_fifo_swapped_in_for_a_message_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Before: the line of a message was read by name; a FIFO renamed over the file
    meanwhile hung atctui for ever."""
    from atctui.loading.files import FileSnapshot
    from atctui.loading.parsed import ParsedFile
    from atctui.model import DatasetFile

    path = tmp_path / "data.toml"
    path.write_text('[[sources]]\nid = "s"\nkind = "web_page"\nurl = "x"\n')
    with FileSnapshot(path) as snapshot:
        parsed = ParsedFile(str(path), DatasetFile(), version=snapshot)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    os.replace(fifo, path)
    done = threading.Event()
    result: list[object] = []

    def locate() -> None:
        result.append(parsed.lines.line_of(("sources", 0)))
        done.set()

    threading.Thread(target=locate, daemon=True).start()
    assert done.wait(10), "hung opening a FIFO"
    assert result == [None]


def test_a_header_of_many_dotted_parts_is_located_quickly(tmp_path: Path) -> None:
    """Before: locating a key followed every part of a dotted header, rebuilding its path
    each time: 38 s for 100,000 parts, hours for a 2 MB header."""
    path = tmp_path / "dotted.toml"
    path.write_text("[" + ".".join(["a"] * 300_000) + "]\n", encoding="utf-8")
    result = run_cli("validate", str(path))  # run_cli's 60 s timeout fails a hang
    _no_crash(result)
    assert result.stderr.startswith(f"{path}:1: a: unknown field 'a'")


def test_a_file_under_proc_is_read_to_its_end_not_to_its_stated_size() -> None:
    """Before: /proc/self/status (size 0) was an 'empty file'."""
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc here")
    result = run_cli("validate", "/proc/self/status")
    assert "empty file" not in result.stderr and "TOML syntax" in result.stderr
