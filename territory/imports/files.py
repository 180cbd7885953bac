"""Reading the official files as they really come: gzip or zip or plain, UTF-8 (with or without BOM)
or Latin-1, CRLF or LF, pipe, semicolon, comma or tab; and refusing them with a message that says
where the problem is."""

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


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_text(path: Path, display_name: str | None = None) -> TextFile:
    """The decoded text of a plain, gzip or zip (one member) file."""
    path = Path(path)
    name = display_name or path.name
    raw = path.read_bytes()
    return TextFile(name=name, text=decode(raw, name), sha256=hashlib.sha256(raw).hexdigest(), size=len(raw))


def decode(raw: bytes, name: str) -> str:
    """The text of a file's bytes, plain, gzip or zip (one member): UTF-8 (with or without BOM), else
    Windows-1252. Raises ImportRefused for an empty or damaged file."""
    if not raw:
        raise ImportRefused.one(name, "the file is empty")
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise ImportRefused.one(
                name, _("the gzip file is truncated or damaged (%(error)s)") % {"error": error}
            ) from None
    elif raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                members = [m for m in archive.namelist() if not m.endswith("/")]
                data_members = [m for m in members if m.lower().endswith((".txt", ".csv"))] or members
                if len(data_members) != 1:
                    raise ImportRefused.one(
                        name,
                        _("the zip archive should hold one data file, found %(members)s")
                        % {"members": members},
                    )
                raw = archive.read(data_members[0])
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise ImportRefused.one(
                name, _("the zip archive is truncated or damaged (%(error)s)") % {"error": error}
            ) from None
    if not raw or raw.isspace():  # (strip() would copy the whole file to say the same)
        raise ImportRefused.one(name, "the file is empty")
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
