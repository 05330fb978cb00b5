"""Open a data file once, and read that one version of it, whatever happens to its name.

A load reads a file in several parts (its tail here, the rest in a helper process, the
whole again for located messages); each part opened by name could see a different file
if the file is replaced meanwhile (a rename, as editors and `cp` to a temp name do), and
give a dataset that no file ever held. One descriptor, opened once, is read by every
part and handed to the helper, so all of them see the same file. A file written in place
while it is read is caught by its size and modification time, compared before and after.

Only regular files are read: a FIFO would block the open or the read forever, and a
device such as /dev/zero never ends. A file larger than a limit is refused before it is
read.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from atctui.errors import DataError, Problem

DEFAULT_MAX_BYTES = 1 << 30  # 1 GiB; the `max_file_mb` setting changes it

_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")


def _open_problem(path: Path, exc: OSError) -> Problem:
    """What an open's failure means for the user."""
    name = str(path)
    if exc.errno == errno.ELOOP:
        return Problem(name, "symbolic link loop: the link never reaches a file")
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            target = os.readlink(path)
            return Problem(name, f"broken symbolic link (to {target}, which does not exist)")
        return Problem(name, "no such file or directory")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(name, "permission denied: cannot read the file")
    if exc.errno == errno.ENAMETOOLONG:
        return Problem(name, "file name too long")
    return Problem(name, f"cannot read the file: {exc.strerror}")


class Part(NamedTuple):
    """Bytes [start, end) of a file as they were read, by their checksum."""

    start: int
    end: int
    checksum: int


def checksum(data: bytes) -> int:
    """A fast checksum of bytes (CRC-32): enough to tell a rewritten part of a file."""
    return zlib.crc32(data)


class FileSnapshot:
    """An open regular file: every read is of the file that was opened."""

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.path = path
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            self.fd = os.open(path, flags)  # non-blocking: a FIFO's open returns at once
        except OSError as exc:
            raise DataError([_open_problem(path, exc)]) from None
        try:
            info = os.fstat(self.fd)
            if not stat.S_ISREG(info.st_mode):
                raise DataError(
                    [Problem(str(path), f"{_kind(info.st_mode)}, not a file: not read")]
                )
            if info.st_size > max_bytes:
                self.max_bytes = max_bytes
                raise DataError([Problem(str(path), self._too_large(info.st_size))])
        except BaseException:
            os.close(self.fd)
            raise
        self.size = info.st_size
        self.max_bytes = max_bytes
        self._version = (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)

    def read(self, start: int = 0, end: int | None = None) -> bytes:
        """Bytes `start` to `end`, or to the end of the file (read to its end, not to its
        stated size: a file under /proc says 0 and holds text), at most max_bytes."""
        stop = self.max_bytes + 1 if end is None else end
        parts: list[bytes] = []
        position = start
        try:
            while position < stop:
                chunk = os.pread(self.fd, min(stop - position, 1 << 26), position)
                if not chunk:
                    break  # the end (or a file shortened meanwhile: `changed` says so)
                parts.append(chunk)
                position += len(chunk)
        except OSError as exc:
            problem = Problem(str(self.path), f"cannot read the file: {exc.strerror}")
            raise DataError([problem]) from None
        if end is None and position > self.max_bytes:
            raise DataError([Problem(str(self.path), self._too_large(position))])
        return parts[0] if len(parts) == 1 else b"".join(parts)

    def sha256(self) -> str:
        """The sha256 of the whole file, in hex, read a part at a time (a large file's parts
        were read by a helper process: this reads them once more, from the page cache)."""
        import hashlib

        digest = hashlib.sha256()
        position = 0
        step = 1 << 24
        while True:
            chunk = self.read(position, position + step)
            if not chunk:
                return digest.hexdigest()
            digest.update(chunk)
            position += len(chunk)

    def _too_large(self, size: int) -> str:
        return (
            f"file too large: {size:,} bytes, over the limit of {self.max_bytes:,} "
            "(the max_file_mb setting)"
        )

    def changed(self, parts: list[Part]) -> bool:
        """Whether the file no longer holds what was read of it: its size, or the bytes of
        any part (read again and compared by checksum)."""
        info = os.fstat(self.fd)
        if info.st_size != self.size:
            return True
        return any(checksum(self.read(p.start, p.end)) != p.checksum for p in parts)

    def same_version(self, other: FileSnapshot) -> bool:
        """Whether `other` (opened again by name) is the very version this one opened."""
        return other._version == self._version

    def close(self) -> None:
        """Close the file; closing it again does nothing."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> FileSnapshot:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_regular(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | None:
    """A small file's bytes (a settings file), None when it does not exist; raises
    DataError when it is not a regular file, too large, or unreadable."""
    try:
        with FileSnapshot(path, max_bytes) as snapshot:
            return snapshot.read()
    except DataError as exc:
        if exc.problems[0].message == "no such file or directory":
            return None
        raise


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading makes millions of objects, none of them in cycles; the cyclic collector
    would scan them again and again (a large part of validation's time).
    Freezing them afterwards spares that scan when collection resumes, and later, in the
    app, every full collection (they are still freed by reference counting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
