"""The form renderer: Django's own, with the `<select>` written in Python.

Django renders a select box through one template per option (and one more for each option's
attributes): a filter form offering a hundred territories, axes and publics cost the findings register
a third of its time. Here the same markup, character for character, is written by a function; any
other widget, or an option with a template of its own, goes through the templates as before.

The choices of a model's field are read in one plain query (`ModelChoiceIterator`, installed by
pli/apps.py): Django's own reads them through `.iterator()`, on PostgreSQL a server-side cursor (three
round trips and a materialised result for a list of tens of rows); it cost the findings register's
filter form about 10 ms. A field may also keep its choices in a cache (`choices_cache`, below).
"""

from django.forms import models
from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget: dict) -> str | None:
    """django/forms/widgets/select.html and select_option.html; None when an option has its own template."""
    context = Context(autoescape=True)
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{render_value_in_context(group_name, context)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            value = conditional_escape(str(option["value"]))
            label = render_value_in_context(option["label"], context)
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)


class ModelChoiceIterator(models.ModelChoiceIterator):
    """A field with a `choices_cache` (a function given the computation of its (value, label) pairs,
    which returns them, e.g. from a cache) offers those pairs without reading its queryset: the
    territory chooser's few hundred options are read and labelled once per import, not per form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices_cache = getattr(self.field, "choices_cache", None)
        if choices_cache is not None:
            yield from choices_cache(self.plain_choices)
            return
        for obj in self.queryset.all():  # a copy: the field's queryset keeps no rows
            yield self.choice(obj)

    def plain_choices(self) -> list[tuple]:
        return [
            (self.field.prepare_value(obj), self.field.label_from_instance(obj))
            for obj in self.queryset.all()
        ]

    def __len__(self):
        if getattr(self.field, "choices_cache", None) is None:
            return super().__len__()
        return sum(1 for _choice in self)
