"""What every router of the JSON API shares: French errors that name the parameter, filters validated by
Django forms (the pages' own filter forms where there is one), and bounded limit/offset pagination.

Every error answers `{"detail": "…", "errors": [{"parameter": "…", "message": "…"}]}`: 422 for a bad
query parameter, 401 without a valid session or token, 403, 404. The schemas below document them in
the OpenAPI schema (`ERRORS`).
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from pydantic import create_model

# --- Errors ----------------------------------------------------------------------------------------


class ParameterError(Schema):
    parameter: str = Field(description="Name of the query parameter (or path segment) refused.")
    message: str = Field(description="What is wrong with it, in French.")


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in French.")
    errors: list[ParameterError] = Field(
        default_factory=list, description="For 422: each refused parameter with its message."
    )


ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}  # add to an endpoint's `response` mapping


class InvalidParameters(Exception):
    """Query parameters refused: {parameter: [messages]}. Answered 422 by the API's handler."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(errors)


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    return {
        "detail": str(detail),
        "errors": [
            {"parameter": name, "message": str(message)}
            for name, messages in (errors or {}).items()
            for message in messages
        ],
    }


def invalid_parameters_body(errors: dict[str, list[str]]) -> dict:
    return error_body(_("Invalid parameters: %(names)s.") % {"names": ", ".join(errors)}, errors)


# The messages of the type checks Ninja makes before a view runs (pydantic's error types), in French.
PYDANTIC_MESSAGES = {
    "int_parsing": gettext_lazy("expected a whole number"),
    "int_type": gettext_lazy("expected a whole number"),
    "int_from_float": gettext_lazy("expected a whole number"),
    "float_parsing": gettext_lazy("expected a number"),
    "bool_parsing": gettext_lazy("expected true or false"),
    "missing": gettext_lazy("this parameter is required"),
    "string_too_long": gettext_lazy("too long"),
    "greater_than_equal": gettext_lazy("expected a value of at least %(ge)s"),
    "greater_than": gettext_lazy("expected a value greater than %(gt)s"),
    "less_than_equal": gettext_lazy("expected a value of at most %(le)s"),
    "less_than": gettext_lazy("expected a value less than %(lt)s"),
}


def validation_errors(errors: list[dict]) -> dict[str, list[str]]:
    """Ninja's validation errors as {parameter: [French messages]}."""
    result: dict[str, list[str]] = {}
    for error in errors:
        name = str(error.get("loc", ["", "?"])[-1])
        template = PYDANTIC_MESSAGES.get(error.get("type"), gettext_lazy("invalid value"))
        message = str(template) % (error.get("ctx") or {}) if "%(" in str(template) else str(template)
        result.setdefault(name, []).append(message)
    return result


# What django-ninja itself answers with an HttpError, in the reader's language.
NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy(
        "The request body cannot be read: send JSON, with the header Content-Type: application/json."
    ),
}


def install_error_handlers(api) -> None:
    """French errors for everything the API refuses, in one format."""
    from django.http import Http404
    from ninja.errors import AuthenticationError, HttpError, ValidationError

    @api.exception_handler(InvalidParameters)
    def _invalid(request, exc):
        return api.create_response(request, invalid_parameters_body(exc.errors), status=422)

    @api.exception_handler(ValidationError)
    def _validation(request, exc):
        return api.create_response(
            request, invalid_parameters_body(validation_errors(exc.errors)), status=422
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        detail = exc.message if exc.message != "Unauthorized" else _("Authentication required.")
        return api.create_response(
            request,
            error_body(
                _("%(detail)s Log in, or send a personal API token: Authorization: Bearer <token>.")
                % {"detail": detail}
            ),
            status=401,
        )

    @api.exception_handler(HttpError)
    def _http(request, exc):
        detail = NINJA_MESSAGES.get(exc.message, exc.message)  # django-ninja's own words, in English
        return api.create_response(request, error_body(str(detail)), status=exc.status_code)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return api.create_response(request, error_body(_("Not found.")), status=404)


# --- Filters validated by forms -------------------------------------------------------------------


def filters(form_class: type[forms.Form], params: dict[str, tuple[str, object]], **form_kwargs) -> dict:
    """Validate API query parameters with a Django form: `params` maps each parameter's name to (the
    form's field, the value given). Returns the form's cleaned data for the parameters given; raises
    InvalidParameters naming each refused parameter with the form's own (French) message."""
    data = {field: value for field, value in params.values() if value not in (None, "")}
    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        by_field = {field: name for name, (field, _value) in params.items()}
        errors = {by_field.get(field, field): list(messages) for field, messages in form.errors.items()}
        raise InvalidParameters(errors)
    return {field: form.cleaned_data.get(field) for field in data}


# --- Pagination -------------------------------------------------------------------------------------

MAX_OFFSET = 10**9  # beyond any list, within every database's integers


class PageIn(Schema):
    limit: int = Field(
        50,
        ge=1,
        le=settings.PLI_API_MAX_LIMIT,
        description=f"How many items to return (at most {settings.PLI_API_MAX_LIMIT}).",
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


class PageOut(Schema):
    count: int = Field(description="How many items the whole list has (with its filters).")
    limit: int
    offset: int
    next: str | None = Field(description="The URL of the next page, or null on the last one.")


def page_of(item: type[Schema]) -> type[Schema]:
    """The schema of a page of `item`s: count, limit, offset, next and items."""
    return create_model(f"{item.__name__.removesuffix('Out')}Page", __base__=PageOut, items=(list[item], ...))


def paginate(request, queryset, page: PageIn, serialize, count: int | None = None) -> dict:
    """One page of an ordered queryset (or list), serialised item by item."""
    from django.db.models import QuerySet

    if count is None:
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    items = [serialize(item) for item in queryset[page.offset : page.offset + page.limit]]
    following = None
    if page.offset + page.limit < count:
        query = request.GET.copy()
        query["offset"] = page.offset + page.limit
        query["limit"] = page.limit
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"count": count, "limit": page.limit, "offset": page.offset, "next": following, "items": items}
