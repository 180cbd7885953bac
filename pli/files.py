"""Reading the files people and publishers really send: gzip or zip or plain, UTF-8 (with or without
BOM) or Latin-1, CRLF or LF, pipe, semicolon, comma or tab; unpacked as a stream within a size limit;
and refusing them with a message that says where the problem is (file, line, column).

Used by the territory's statistics imports and the plan's progress sheet."""

import csv
import gzip
import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class Problem:
    """One thing wrong with a file, and where."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self):
        where = [self.file]
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("column %(column)s") % {"column": self.column})
        return _("%(where)s: %(message)s") % {"where": ", ".join(where), "message": self.message}


class ImportRefused(Exception):
    """The file is refused; nothing was stored. `problems` lists what is wrong (the first ones)."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(str(problems[0]))

    @classmethod
    def one(cls, file: str, message: str, line: int | None = None, column: str | None = None):
        return cls([Problem(file, message, line, column)])

    def summary(self) -> str:
        more = self.total - 1
        if not more:
            return str(self.problems[0])
        extra = ngettext("(and %(count)s more problem)", "(and %(count)s more problems)", more) % {
            "count": more
        }
        return f"{self.problems[0]} {extra}"


class ProblemCollector:
    """Collects problems while a file is read, up to a limit; `raise_if_any()` ends the read."""

    def __init__(self, file: str, limit: int = 20):
        self.file, self.limit = file, limit
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, message: str, line: int | None = None, column: str | None = None) -> None:
        self.total += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(self.file, message, line, column))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRefused(self.problems, self.total)


@dataclass
class TextFile:
    name: str
    text: str
    sha256: str
    size: int
    extra: dict = field(default_factory=dict)


CHUNK = 1 << 20  # bytes read at a time: files are hashed and unpacked as streams


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def unpacked_limit() -> int:
    """The most bytes a file may hold once unpacked (PLI_IMPORT_MAX_UNPACKED_MB)."""
    from django.conf import settings

    return settings.PLI_IMPORT_MAX_UNPACKED_MB * 1024 * 1024


def _too_large(name: str, limit: int, packed: bool) -> ImportRefused:
    megabytes = round(limit / 1024 / 1024)
    if packed and limit == unpacked_limit():
        message = _(
            "once unpacked, the file is larger than %(limit)s MB, the most the platform reads "
            "(PLI_IMPORT_MAX_UNPACKED_MB)"
        )
    elif packed:  # a limit of its own (the progress sheet's): not the setting of the imports
        message = _("once unpacked, the file is larger than %(limit)s MB, the most the platform reads")
    else:
        message = _("the file is larger than %(limit)s MB, the most the platform reads")
    return ImportRefused.one(name, message % {"limit": megabytes})


def _read_capped(stream, name: str, limit: int, packed: bool) -> bytes:
    """At most `limit` bytes from a stream, read a chunk at a time; refused past it (memory stays
    bounded whatever the stream would unpack to)."""
    buffer = bytearray()
    while chunk := stream.read(CHUNK):
        buffer += chunk
        if len(buffer) > limit:
            raise _too_large(name, limit, packed)
    return bytes(buffer)


def check_archive(path: Path, name: str, limit: int | None = None) -> None:
    """Refuse a zip archive (an .xlsx workbook is one) whose members unpack to more than the limit.

    Python's zip reader never returns more bytes than a member declares, so the declared sizes are
    the bound; a member that unpacks to something else fails its CRC check."""
    limit = unpacked_limit() if limit is None else limit
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return  # not a zip archive: the reader that expects one says so
    if total > limit:
        raise _too_large(name, limit, packed=True)


def read_bytes(source, name: str, limit: int | None = None) -> tuple[bytes, str, int]:
    """The unpacked bytes of a plain, gzip or zip (one data member) file, its SHA-256 and its size as
    stored. `source` is a path or a binary file (an upload). Decompression is streamed and stops at
    the limit (PLI_IMPORT_MAX_UNPACKED_MB by default), so that a small archive that unpacks to gigabytes
    is refused without filling the memory."""
    limit = unpacked_limit() if limit is None else limit
    handle = open(source, "rb") if isinstance(source, str | Path) else source  # noqa: SIM115
    try:
        handle.seek(0)
        digest, size = hashlib.sha256(), 0
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
        handle.seek(0)
        magic = handle.read(4)
        handle.seek(0)
        if magic[:2] == b"\x1f\x8b":
            try:
                raw = _read_capped(gzip.GzipFile(fileobj=handle, mode="rb"), name, limit, packed=True)
            except (EOFError, gzip.BadGzipFile, zlib.error) as error:
                raise ImportRefused.one(
                    name, _("the gzip file is truncated or damaged (%(error)s)") % {"error": error}
                ) from None
        elif magic == b"PK\x03\x04":
            raw = _read_zip_member(handle, name, limit)
        else:
            raw = _read_capped(handle, name, limit, packed=False)
    finally:
        if handle is not source:
            handle.close()
    return raw, digest.hexdigest(), size


def _read_zip_member(handle, name: str, limit: int) -> bytes:
    try:
        with zipfile.ZipFile(handle) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            data_members = [m for m in members if m.filename.lower().endswith((".txt", ".csv"))] or members
            if len(data_members) != 1:
                raise ImportRefused.one(
                    name,
                    _("the zip archive should hold one data file, found %(members)s")
                    % {"members": [m.filename for m in members]},
                )
            if data_members[0].file_size > limit:
                raise _too_large(name, limit, packed=True)
            with archive.open(data_members[0]) as member:
                return _read_capped(member, name, limit, packed=True)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ImportRefused.one(
            name, _("the zip archive is truncated or damaged (%(error)s)") % {"error": error}
        ) from None


def read_text(source, display_name: str | None = None, limit: int | None = None) -> TextFile:
    """The decoded text of a plain, gzip or zip (one member) file: a path, or an uploaded file with
    `display_name`."""
    name = display_name or Path(getattr(source, "name", source)).name
    raw, sha, size = read_bytes(source, name, limit)
    return TextFile(name=name, text=decode(raw, name), sha256=sha, size=size)


def decode(raw: bytes, name: str) -> str:
    """The text of a file's unpacked bytes: UTF-8 (with or without BOM), else Windows-1252. Raises
    ImportRefused for an empty file or one in an encoding the platform does not read (UTF-16)."""
    if not raw or raw.isspace():  # (strip() would copy the whole file to say the same)
        raise ImportRefused.one(name, _("the file is empty"))
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw:  # (a C scan: 20 ms for 100 MB)
        raise ImportRefused.one(
            name,
            _(
                "the file is in UTF-16 (or another encoding with null bytes), which the platform does not "
                "read: save it as CSV in UTF-8"
            ),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def sniff_delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in ("|", ";", "\t", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def rows(text: str):
    """(line number, header cells) then (line number, cells) for each non-blank line."""
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    if '"' not in text:
        # No quoting anywhere (Statbel's text files): a plain split is the same as csv, and much faster.
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield number, line.split(delimiter)
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for cells in reader:
        if cells and (len(cells) > 1 and any(cells) or cells[0].strip()):
            yield reader.line_num, cells


def normalise_header(name: str) -> str:
    """' Code INS' and ' code INS' alike: trimmed, lower case, inner spaces collapsed."""
    return re.sub(r"\s+", " ", name.strip().lower())


def year_in_name(name: str) -> int | None:
    years = re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", name)
    return int(years[-1]) if len(years) == 1 else None
