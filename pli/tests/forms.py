"""Test helper: the data a browser would post back for a form as the page shows it."""

import datetime


def form_data(form) -> dict:
    """The form's fields with their shown values, as a POST would carry them (unticked boxes left out)."""
    data = {}
    for name in form.fields:
        bound = form[name]
        value = bound.value()
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
            continue
        if isinstance(value, datetime.datetime | datetime.date):
            shown = bound.field.widget.format_value(value)
            data[name] = shown if isinstance(shown, str) else str(value)
            continue
        data[name] = str(value)
    return data
