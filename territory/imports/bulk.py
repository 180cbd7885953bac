"""The bulk-load seam: rows go to the table without building a model instance for each.

PostgreSQL gets COPY; SQLite (and any other backend) gets INSERT with executemany. The import tests
check the stored figures on both databases, through this one function.
"""

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


def _copy(table: str, columns: str, rows) -> int:
    total = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            total += 1
    return total
