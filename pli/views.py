from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from pli.app_hooks import dashboard_cards, todo_items


@login_required
def home(request):
    todo = todo_items(request.user)
    context = {"cards": dashboard_cards(request), "todo": todo, "todo_total": sum(i.count for i in todo)}
    return render(request, "pli/home.html", context)


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
