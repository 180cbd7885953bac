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
