"""Templates ask a permission, never a role: `{% if offer|editable_by:user %}`, and the link to an
object's history, shown only to whoever may read it (accounts.history.may_read_history)."""

from django import template
from django.template.loader import render_to_string

from pli.access import can_edit

register = template.Library()


@register.filter
def editable_by(obj, user) -> bool:
    return bool(obj is not None and can_edit(user, obj))


@register.simple_tag(takes_context=True)
def history_link(context, obj):
    """A link to the object's history (Historique), for those who may read it; nothing for others."""
    from accounts.history import history_url, may_read_history

    user = context.get("user")
    # A page that already knows the user may change its object says so with `can_edit`: no query more.
    allowed = context.get("can_edit") is True or (obj is not None and may_read_history(user, obj))
    if obj is None or not allowed:
        return ""
    return render_to_string("includes/_history_link.html", {"url": history_url(obj)})
