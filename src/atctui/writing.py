"""Write a file so that nothing the user has is lost: atomically, and never over a file
that was not meant to be replaced.

The content goes to a temporary file beside the target, is flushed to disk, and only
then takes the target's name: a reader never sees half a file, and a failed or killed
write leaves the old file whole. Without `overwrite`, the name is taken with a hard link,
which fails when the name exists, so two writers racing to the same new name cannot both
succeed. Only a regular file (or a link to one) is ever replaced: never a directory, a
device or a pipe.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from atctui.textsafe import printable


class WriteRefused(Exception):
    """The file exists and overwriting was not asked for, or it cannot be written."""


class TargetExists(WriteRefused):
    """The name is taken by a file, and overwriting was not asked for."""


def _new_file_mode() -> int:
    umask = os.umask(0o022)  # read by setting it; put back at once
    os.umask(umask)
    return 0o666 & ~umask


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refused(path: Path, why: str) -> WriteRefused:
    return WriteRefused(printable(f"{path}: {why}"))


def _exists(path: Path) -> TargetExists:
    return TargetExists(printable(f"{path}: file exists (use --force to overwrite)"))


def _existing(path: Path) -> os.stat_result | None:
    """What the target is now (through links), None when there is nothing."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None  # nothing, or a broken link: taking the name says which
    except OSError as exc:
        raise _refused(path, f"cannot write: {exc.strerror}") from None


def write_atomic(path: Path, content: str | bytes, *, overwrite: bool = False) -> None:
    """Write `content` to `path` through a temporary file; raise WriteRefused with a
    message naming the path when it exists (and `overwrite` is false), is not a regular
    file, or cannot be written."""
    existing = _existing(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        kind = next((name for test, name in _KINDS if test(existing.st_mode)), "not a file")
        raise _refused(path, f"{kind}, not a regular file: not written")
    if existing is not None and not overwrite:
        raise _exists(path)
    if existing is not None and path.is_symlink():
        # Replace the file the link points to, in its own folder: replacing the link's
        # name made a settings file kept by a dotfiles manager a copy, the link lost.
        path = path.resolve()
    directory = path.parent if str(path.parent) else Path(".")
    try:
        # The temporary name stays short: a long target name must not make it too long.
        fd, temp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _refused(path, f"cannot write in {directory}: {exc.strerror}") from None
    try:
        # mkstemp makes the file private (0600); the result gets the mode a new file
        # would have, or keeps the mode of the file it replaces.
        os.fchmod(fd, existing.st_mode & 0o777 if existing is not None else _new_file_mode())
        # A lone surrogate (from a file name that is not UTF-8) is written as \udcff.
        data = content.encode("utf-8", "backslashreplace") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            _take_new_name(temp, path)
    except WriteRefused:
        Path(temp).unlink(missing_ok=True)
        raise
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise _refused(path, f"cannot write: {exc.strerror}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _take_new_name(temp: str, path: Path) -> None:
    """Give the written file the name `path`, only if nothing has it: a hard link fails
    when the name exists, where a rename would replace what another writer just made."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: reserve the name, then replace
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise _exists(path) from None
        os.replace(temp, path)
        return
    os.unlink(temp)
