"""The bulk-load seam: rows go to the table without building a model instance for each.

PostgreSQL gets COPY; SQLite (and any other backend) gets INSERT with executemany. `insert_query_rows`
takes the rows of a DuckDB query (PostgreSQL: as CSV that DuckDB writes, sent by COPY). `upsert_rows` adds
or replaces rows by a unique key in the same way (PostgreSQL: COPY into a temporary table, then one
INSERT … ON CONFLICT; SQLite: INSERT … ON CONFLICT with executemany). The import tests check the stored
figures on both databases, through these functions.
"""

import tempfile
from pathlib import Path

from django.db import connection


def insert_rows(model, fields: list[str], rows, batch_size: int = 5000) -> int:
    """Insert tuples of values for `fields` (column attnames, e.g. "territory_id") into the model's table."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    if connection.vendor == "postgresql":
        return _copy(quote(model._meta.db_table), columns, rows)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    total, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
    return total


def insert_query_rows(model, fields: list[str], duckdb_cursor, query: str) -> int:
    """Insert the rows of a DuckDB query (the values of `fields`, in that order). PostgreSQL gets them
    as CSV written by DuckDB itself and sent by COPY, without a Python object per row; the others get
    the fetched tuples through `insert_rows`."""
    if connection.vendor != "postgresql":
        return insert_rows(model, fields, duckdb_cursor.execute(query).fetchall())
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    total = 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        duckdb_cursor.execute(f"COPY ({query}) TO '{path}' (FORMAT csv, HEADER false)")
        with (
            open(path, "rb") as handle,
            connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN (FORMAT csv)"
            ) as copy,
        ):
            while chunk := handle.read(1 << 20):
                total += chunk.count(b"\n")
                copy.write(chunk)
    return total


def _copy(table: str, columns: str, rows) -> int:
    total = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            total += 1
    return total


def upsert_rows(model, fields: list[str], rows, unique: list[str], batch_size: int = 5000) -> int:
    """Insert tuples of values for `fields`; a row whose `unique` fields match a stored row replaces
    that row's other fields (INSERT … ON CONFLICT … DO UPDATE, on SQLite and PostgreSQL alike)."""
    quote = connection.ops.quote_name
    column = {name: quote(model._meta.get_field(name).column) for name in fields}
    columns = ", ".join(column[name] for name in fields)
    conflict = ", ".join(column[name] for name in unique)
    updates = ", ".join(f"{column[name]} = EXCLUDED.{column[name]}" for name in fields if name not in unique)
    table = quote(model._meta.db_table)
    upsert = f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    if connection.vendor == "postgresql":
        staging = quote(f"{model._meta.db_table}_staging")
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
            )
            total = _copy(staging, columns, rows)
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} {upsert}")
            cursor.execute(f"DROP TABLE {staging}")
        return total
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) {upsert}"
    total, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
    return total
