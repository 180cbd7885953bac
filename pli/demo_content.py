"""Demonstration (or starter) content written as data: TOML files that the apps' `demo.py` builders read.

Each app with demo content has its file beside its builder (`network/demo.toml`…); `pli demo --data DIR`
reads `DIR/<app>.toml` instead (an app whose file is not in DIR loads nothing). A file is read, then
checked against the app's schema (pydantic models with named fields and no unknown one), then against
the other files it names (organisations, findings, topics…). A mistake is reported in French, naming
the file, the entry and the field, before anything is written. The format is in docs/demo-data.md.
"""

import re
import tomllib
from pathlib import Path
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError

MAX_BYTES = 2 * 1024 * 1024  # a demo file is a few hundred kilobytes; a larger one is a mistake


class ContentError(Exception):
    """What is wrong with content files: one French line per mistake."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class Schema(BaseModel):
    """A table of a content file: named fields, none unknown (a misspelt one is reported)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def content_file(app_label: str, data_dir: str | Path | None = None) -> Path | None:
    """The app's built-in file, or `<data_dir>/<app>.toml` (None when that folder has none)."""
    if data_dir is None:
        return Path(apps.get_app_config(app_label).path) / "demo.toml"
    path = Path(data_dir) / f"{app_label}.toml"
    return path if path.is_file() else None


def read(path: Path) -> dict:
    """The file's tables, or a ContentError saying why it cannot be read (size, encoding, syntax)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ContentError(
                [
                    _("%(file)s: the file is too large (%(size)s bytes, at most %(limit)s).")
                    % {"file": path.name, "size": size, "limit": MAX_BYTES}
                ]
            )
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            [
                _("%(file)s: the file is not UTF-8 text (byte %(position)s).")
                % {"file": path.name, "position": error.start + 1}
            ]
        ) from None
    except OSError as error:
        raise ContentError(
            [
                _("%(file)s: the file cannot be read (%(error)s).")
                % {"file": path.name, "error": error.strerror}
            ]
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        found = re.search(r"^(.*) \(at line (\d+), column (\d+)\)$", detail)
        if found:
            message = _(
                "%(file)s, line %(line)s, column %(column)s: this is not valid TOML (%(detail)s)."
            ) % {
                "file": path.name,
                "line": found[2],
                "column": found[3],
                "detail": found[1],
            }
        else:
            message = _("%(file)s: this is not valid TOML (%(detail)s).") % {
                "file": path.name,
                "detail": detail,
            }
        raise ContentError([message]) from None


def parse(schema: type[Schema], path: Path) -> tuple[Any, dict]:
    """The file read and checked against the schema: (the content, the raw tables for `Checker`)."""
    data = read(path)
    try:
        return schema.model_validate(data), data
    except ValidationError as error:
        raise ContentError(
            [where(path, data, tuple(e["loc"]), _problem(e)) for e in error.errors(include_url=False)]
        ) from None


def other_file(read_content, data_dir) -> Any:
    """Another app's content, to check the references to it: None when absent or wrong (its own check
    reports what is wrong with it)."""
    try:
        return read_content(data_dir, vocabulary=False)
    except ContentError:
        return None


def unknown(value: str, where: str) -> str:
    """The message for a code or key that the named list does not hold."""
    return _("“%(value)s” is not in %(where)s.") % {"value": value, "where": where}


def axis_codes(framework: str) -> set[str]:
    """The short codes of a framework's axes (`logement-environnement` for `pcs-2014-logement-…`)."""
    from vocabulary.models import Axis

    prefix = f"{framework}-"
    return {
        c.removeprefix(prefix)
        for c in Axis.objects.filter(framework=framework).values_list("code", flat=True)
    }


class Checker:
    """Collects the mistakes found across entries (a reference to nothing, a key used twice)."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data, self.messages = path, data, []

    def error(self, loc: tuple, message: str) -> None:
        self.messages.append(where(self.path, self.data, loc, message))

    def known(self, loc: tuple, value: str, allowed, where: str) -> None:
        """`value` must be one of `allowed` (a code of a list named `where`)."""
        if value not in allowed:
            self.error(loc, unknown(value, where))

    def all_known(self, loc: tuple, values, allowed, where: str) -> None:
        for position, value in enumerate(values):
            self.known((*loc, position), value, allowed, where)

    def unique(self, loc: tuple, values: list[str], what: str) -> None:
        """Each value once: `loc` is the list's place, each value that of the entry at that index."""
        seen = set()
        for index, value in enumerate(values):
            if value in seen:
                self.error(
                    (*loc, index), _("%(what)s “%(value)s” is used twice.") % {"what": what, "value": value}
                )
            seen.add(value)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ContentError(self.messages)


def where(path: Path, data: Any, loc: tuple, message: str) -> str:
    """ "network.toml, organisations no. 3 (“CPAS de Walcourt”), field “commune”: …" in French."""
    segments, prefix, node = [], [], data
    for position, part in enumerate(loc):
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and part < len(node) else None
            name = _entry_name(entry)
            segment = _("%(list)s no. %(number)s") % {"list": ".".join(prefix), "number": part + 1}
            segments.append(
                _("%(entry)s (“%(name)s”)") % {"entry": segment, "name": name} if name else segment
            )
            prefix, node = [], entry
        elif isinstance(node, dict) and part in node:
            prefix.append(str(part))
            node = node[part]
        elif position == len(loc) - 1 or part == "[key]":
            prefix.append(str(part))  # a field that is missing, or the key of a table
            node = None
        # else: the name of a variant of a union (e.g. "financial"), not a place in the file
    if prefix:
        segments.append(_("field “%(field)s”") % {"field": ".".join(prefix)})
    if not segments:
        return _("%(file)s: %(problem)s") % {"file": path.name, "problem": message}
    return _("%(file)s, %(where)s: %(problem)s") % {
        "file": path.name,
        "where": ", ".join(segments),
        "problem": message,
    }


def _entry_name(entry: Any) -> str:
    if isinstance(entry, dict):
        for field in ("key", "name", "email", "title", "code"):
            if isinstance(entry.get(field), str):
                return entry[field]
    return ""


def _quoted(text: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return ", ".join(re.findall(r"'([^']*)'", text)) or text


def _limit(ctx: dict, strict: str, inclusive: str):
    return ctx.get(strict, ctx.get(inclusive))


# The message of each kind of pydantic error: (ctx, the value shown) -> French text.
_MESSAGES = {
    "missing": lambda ctx, shown: _("this field is required."),
    "extra_forbidden": lambda ctx, shown: _("unknown field (misspelt, or not in this table?)."),
    "literal_error": lambda ctx, shown: (
        _("“%(value)s” is not allowed here; expected one of: %(expected)s.")
        % {"value": shown, "expected": _quoted(ctx.get("expected", ""))}
    ),
    "union_tag_invalid": lambda ctx, shown: (
        _("“%(value)s” is not allowed here; expected one of: %(expected)s.")
        % {"value": ctx.get("tag", ""), "expected": _quoted(ctx.get("expected_tags", ""))}
    ),
    "union_tag_not_found": lambda ctx, shown: (
        _("the field “%(field)s” is required.") % {"field": ctx.get("discriminator", "").strip("'")}
    ),
    "too_short": lambda ctx, shown: _("must not be empty."),
    "string_too_short": lambda ctx, shown: _("must not be empty."),
    "greater_than": lambda ctx, shown: (
        _("must be at least %(limit)s (here %(value)s).") % {"limit": _limit(ctx, "gt", "ge"), "value": shown}
    ),
    "greater_than_equal": lambda ctx, shown: (
        _("must be at least %(limit)s (here %(value)s).") % {"limit": _limit(ctx, "gt", "ge"), "value": shown}
    ),
    "less_than": lambda ctx, shown: (
        _("must be at most %(limit)s (here %(value)s).") % {"limit": _limit(ctx, "lt", "le"), "value": shown}
    ),
    "less_than_equal": lambda ctx, shown: (
        _("must be at most %(limit)s (here %(value)s).") % {"limit": _limit(ctx, "lt", "le"), "value": shown}
    ),
    "string_pattern_mismatch": lambda ctx, shown: (
        _("“%(value)s” does not have the expected form.") % {"value": shown}
    ),
}


def _problem(error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    shown = value if isinstance(value, str | int | float | bool) else ""
    if kind in _MESSAGES:
        return _MESSAGES[kind](ctx, shown)
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error["msg"]))
    expected = {
        "string_type": _("text between quotes"),
        "int_type": _("a whole number"),
        "int_parsing": _("a whole number"),
        "int_from_float": _("a whole number"),
        "float_type": _("a number"),
        "float_parsing": _("a number"),
        "decimal_type": _("a number"),
        "decimal_parsing": _("a number"),
        "bool_type": _("true or false"),
        "bool_parsing": _("true or false"),
        "date_type": _("a date, written 2016-06-23"),
        "date_parsing": _("a date, written 2016-06-23"),
        "date_from_datetime_inexact": _("a date, written 2016-06-23"),
        "datetime_type": _("a date and time, written 2017-06-30T10:00:00"),
        "datetime_parsing": _("a date and time, written 2017-06-30T10:00:00"),
        "list_type": _("a list, between [ ]"),
        "dict_type": _("a table"),
        "model_type": _("a table"),
        "model_attributes_type": _("a table"),
        "tuple_type": _("a table"),
    }.get(kind)
    if expected:
        return _("%(expected)s expected.") % {"expected": expected}
    return _("invalid value (%(detail)s).") % {"detail": error["msg"]}
