from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class HtmxVaryMiddleware:
    """A page and its htmx fragment share one URL: browsers must never serve one for the other
    (the Back button would otherwise show a bare fragment without the layout)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        if request.headers.get("HX-Request"):
            add_never_cache_headers(response)
        return response


class MethodNotAllowedPageMiddleware:
    """A form's action opened as an address (a bookmark, a reload from the address bar) answers 405:
    Django sends it empty, which browsers show as a bare error of their own in English. The reader
    gets a page of the layout, in French, that says where the form is; the Allow header stays."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        if request.headers.get("HX-Request"):
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
