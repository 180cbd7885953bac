"""The one block every create/edit page shares: show the form, save it through the app's service,
say so and go on; or show it again with its errors (400), or with what somebody else saved meanwhile
(409). Views stay a few lines: fetch the object through its rule, build the form, call `form_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pli.concurrency import EditConflict


def posted(request: HttpRequest, files: bool = False):
    """The submitted data of a POST, even when empty (an empty POST is an invalid form, not a GET)."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def errors_onto(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: keyed messages on their fields, the others on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def submit(form, save: Callable[[Any], Any]) -> tuple[Any, int]:
    """Validate and save a bound form: (object, 200), or (None, 400) with errors, or (None, 409) on a
    concurrent edit (the form then shows the differences)."""
    if not form.is_valid():
        return None, 400
    try:
        return save(form), 200
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return None, 409
    except ValidationError as error:
        errors_onto(form, error)
        return None, 400


def form_page(
    request: HttpRequest,
    form,
    *,
    save: Callable[[Any], Any],
    template: str,
    success_url: str | Callable[[Any], str],
    success_message: str | Callable[[Any], str] = "",
    context: dict | None = None,
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        obj, status = submit(form, save)
        if obj is not None:
            message = success_message(obj) if callable(success_message) else success_message
            if message:
                messages.success(request, message)
            return redirect(success_url(obj) if callable(success_url) else success_url)
    return render(request, template, {"form": form, **(context or {})}, status=status)
