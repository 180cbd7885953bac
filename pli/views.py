from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from pli.app_hooks import dashboard_cards, todo_items


def home(request):
    """The dashboard of a signed-in user; for a visitor, what the platform is and what it publishes."""
    if not request.user.is_authenticated:
        from django.urls import reverse

        from pli.navigation import public_areas

        return render(
            request, "pli/public_home.html", {"areas": public_areas(), "login_url": reverse("accounts:login")}
        )
    from pli.first_run import checklist_card

    todo = todo_items(request.user)
    context = {
        "cards": checklist_card(request) + dashboard_cards(request),
        "todo": todo,
        "todo_total": sum(i.count for i in todo),
    }
    return render(request, "pli/home.html", context)


def search(request):
    """The search across the platform: every kind the user may see, grouped (pli/search.py)."""
    from pli.search import search as search_everything

    query = request.GET.get("q", "").strip()[:200]
    groups = search_everything(request.user, query) if query else []
    return render(request, "pli/search.html", {"query": query, "search_query": query, "groups": groups})


def help_index(request):
    from pli.help import AREAS

    return render(request, "pli/help_index.html", {"areas": AREAS})


def help_area(request, area):
    from django.http import Http404

    from pli.help import AREAS

    if area not in AREAS:
        raise Http404
    title, paragraphs, url_name = AREAS[area]
    return render(
        request,
        "pli/help_area.html",
        {"key": area, "title": title, "paragraphs": paragraphs, "url_name": url_name},
    )


def glossary(request):
    from pli.help import glossary as terms

    return render(request, "pli/glossary.html", {"terms": terms()})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def server_error(request):
    # No context processors: the database or the request may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def robots_txt(request):
    """Search engines may index the published plans (and the open statistics), nothing else."""
    lines = [
        "User-agent: *",
        "Allow: /plan/",
        "Allow: /territoire/",
        "Allow: /static/",
        "Allow: /jsi18n/",
        "Disallow: /",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
