"""My messages and preferences; the outbox of the platform (coordinators), each message, a retry."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import queries, services
from notifications.forms import OutboxFilterForm, PreferencesForm
from notifications.models import Message
from notifications.permissions import may_read_outbox
from pli.access import can_edit, get_for
from pli.editing import posted

PAGE_SIZE = 50


@login_required
def index(request):
    current = queries.preferences_of(request.user)
    form = PreferencesForm(posted(request), current=current)
    if request.method == "POST" and form.is_valid():
        changed = services.save_preferences(request.user, form.cleaned_data, by=request.user)
        flash.success(request, _("Your preferences are saved.") if changed else _("Nothing changed."))
        return redirect("notifications:index")
    page = Paginator(queries.my_messages(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": "", "can_read_outbox": may_read_outbox(request.user)}
    return render(request, "notifications/index.html", context, status=400 if form.errors else 200)


@login_required
def outbox(request):
    if not may_read_outbox(request.user):
        raise PermissionDenied
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    messages = queries.outbox(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(messages.select_related("recipient"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "query": params.urlencode()}
    return render(request, "notifications/outbox.html", context, status=400 if form.errors else 200)


@login_required
def message_detail(request, pk):
    message = get_for(request.user, Message.objects.select_related("recipient", "digest_message"), pk=pk)
    context = {
        "message": message,
        "attachments": list(message.attachments.defer("content")),
        "can_retry": message.can_retry and can_edit(request.user, message),
        "items": list(message.digest_items.only("pk", "subject", "kind")),
        "can_read_outbox": may_read_outbox(request.user),
    }
    return render(request, "notifications/message_detail.html", context)


@login_required
@require_POST
def message_retry(request, pk):
    message = get_for(request.user, Message.objects, edit=True, pk=pk)
    if services.retry(message, by=request.user):
        flash.success(request, _("The message was sent."))
    elif message.can_retry:
        flash.error(request, _("The message could not be sent: %(error)s") % {"error": message.last_error})
    else:
        flash.error(request, _("This message cannot be sent again."))
    return redirect(message)
