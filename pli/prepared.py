"""Reads that run on every request, with their SQL compiled by Django once per database connection.

Django builds and compiles a queryset's SQL each time it is evaluated. For the reads every signed-in
request or API call makes — the session, the user with their confirmed second factor, a personal
token with its user — that was about a quarter of the application's CPU under the load test (py-spy,
docs/performance.md « 2026-12-07, 18:45–20:40 »), more than the queries themselves.

A `PreparedRead` takes from Django the SQL of its queryset once per connection, with a marker in
place of the value looked up, and then runs that SQL with each value, building the objects as
Django's own iterator does (the backend's converters, `Model.from_db`, annotations as attributes,
`select_related` through Django's populators). The queryset stays the one source of the query: a
field added to the model is in the SQL at the next start.
"""

import weakref
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Field, QuerySet
from django.db.models.query import get_related_populators


class _Compiled:
    """One connection's SQL of the read, the marker's place among its parameters, and how to build
    objects from a row (what `ModelIterable` works out from the compiler on every evaluation)."""

    def __init__(self, queryset: QuerySet, marker: Any, connection) -> None:
        compiler = queryset.query.get_compiler(connection=connection)
        self.sql, params = compiler.as_sql()
        places = [index for index, param in enumerate(params) if param == marker]
        if len(places) != 1:
            raise ValueError(f"the marker {marker!r} is {len(places)} times in the parameters of {self.sql}")
        self.params, self.place = list(params), places[0]
        select, klass_info = compiler.select, compiler.klass_info
        self.columns = [column for column, _sql, _alias in select[: compiler.col_count]]
        self.converters = compiler.get_converters(self.columns)
        self.compiler = compiler
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.attnames = [column.target.attname for column, _sql, _alias in select[self.start : self.end]]
        self.annotations = list(compiler.annotation_col_map.items())
        self.populators = get_related_populators(klass_info, select, connection.alias)


class PreparedRead:
    """`build(value)` is the queryset of the objects for a value (a filter on `field`); `first(value)`
    gives the first of them, or None, with the SQL compiled once per connection. `marker` is a value of
    the field's type that no real lookup uses: it shows where the value goes in the parameters."""

    def __init__(self, build: Callable[[Any], QuerySet], field: Field, marker: Any, using: str = "default"):
        self.build, self.field, self.marker, self.using = build, field, marker, using
        self._compiled: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def first(self, value: Any):
        connection = connections[self.using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            prepared = self.field.get_db_prep_value(self.marker, connection, prepared=False)
            compiled = self._compiled[connection] = _Compiled(self.build(self.marker), prepared, connection)
        params = list(compiled.params)
        params[compiled.place] = self.field.get_db_prep_value(value, connection, prepared=False)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if compiled.converters:
            row = next(iter(compiled.compiler.apply_converters([row], compiled.converters)))
        instance = compiled.model.from_db(self.using, compiled.attnames, row[compiled.start : compiled.end])
        for populator in compiled.populators:
            populator.populate(row, instance)
        for attribute, position in compiled.annotations:
            setattr(instance, attribute, row[position])
        return instance
