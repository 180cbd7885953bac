"""The select boxes written in Python (pli/form_renderer.py) are Django's own, character for character."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from pli.form_renderer import FormRenderer


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "All"), ("a", "A & B"), (3, 2015)], initial="a")
    grouped = forms.ChoiceField(
        choices=[("Wallonie", [("92094", "Namur <ville>"), ("92142", "Gembloux")]), ("x", "Autre")],
        widget=forms.Select(attrs={"data-search": True, "hidden": False, "class": 'a"b'}),
    )
    several = forms.MultipleChoiceField(choices=[("1", "un"), ("2", "deux")], initial=["1", "2"])
    maybe = forms.NullBooleanField()
    with_own_option = forms.ChoiceField(choices=[("1", "un")], widget=forms.RadioSelect)


@pytest.mark.parametrize("bound", [False, True])
@pytest.mark.parametrize("name", ["plain", "grouped", "several", "maybe", "with_own_option"])
def test_a_select_box_is_the_same_as_django_s(name, bound):
    data = {"plain": "3", "grouped": "92142", "several": ["2"], "maybe": "true"} if bound else None
    django_html = Sample(data, renderer=DjangoTemplates())[name].as_widget()
    ours = Sample(data, renderer=FormRenderer())[name].as_widget()
    assert ours == django_html


def test_the_platform_renders_its_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.mark.django_db
def test_a_model_s_choices_are_read_in_one_plain_query():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vocabulary.models import Axis

    class AxisForm(forms.Form):
        axis = forms.ModelChoiceField(queryset=Axis.objects.order_by("pk"))

    form = AxisForm()
    with CaptureQueriesContext(connection) as queries:
        html = str(form["axis"])
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"], "no server-side cursor"
    assert html.count("<option") == Axis.objects.count() + 1
    assert form.fields["axis"].queryset._result_cache is None, "the field's queryset keeps no rows"
