"""The `nhsuk` crispy template pack renders each kind of field as NHS.UK frontend markup."""

import datetime

from django import forms
from django.template import Context, Template

from knowvember.forms import NHSFormMixin
from knowvember.widgets import DateInput


class EveryFieldForm(NHSFormMixin, forms.Form):
    submit_label = "Save"

    title = forms.CharField(help_text="Keep it short")
    notes = forms.CharField(widget=forms.Textarea)
    colour = forms.ChoiceField(choices=[("", "Choose"), ("blue", "Blue")])
    size = forms.ChoiceField(choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(
        choices=[("a", "Peer assist"), ("b", "Retrospect")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField()
    photo = forms.FileField(required=False)
    when = forms.DateField(widget=DateInput)


def render(form):
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_each_field_kind_gets_its_nhsuk_component():
    html = render(EveryFieldForm())

    assert 'class="nhsuk-input" aria-describedby="id_title-hint"' in html
    assert '<div class="nhsuk-hint" id="id_title-hint">Keep it short</div>' in html
    assert 'class="nhsuk-textarea"' in html
    assert 'class="nhsuk-select"' in html
    assert 'type="radio"' in html and 'class="nhsuk-radios__input"' in html
    assert html.count('type="checkbox"') == 3  # two topics and the single "agree" box
    assert 'class="nhsuk-checkboxes__input" id="id_topics_0"' in html
    assert 'class="nhsuk-file-upload__input"' in html
    assert 'name="when_day"' in html and 'name="when_year"' in html
    assert '<label class="nhsuk-label nhsuk-date-input__label" for="id_when_0">Day</label>' in html
    assert '<button type="submit" class="nhsuk-button" data-module="nhsuk-button"' in html


def test_errors_appear_inline_and_in_a_summary_linking_to_each_field():
    form = EveryFieldForm(data={"when_day": "31", "when_month": "2", "when_year": "2026"})
    form.is_valid()

    html = render(form)

    assert "There is a problem" in html
    for anchor in ["id_title", "id_notes", "id_size_0", "id_topics_0", "id_agree", "id_when_0"]:
        assert f'href="#{anchor}"' in html
    assert "nhsuk-form-group--error" in html
    assert 'class="nhsuk-input nhsuk-input--error"' in html
    assert '<span class="nhsuk-u-visually-hidden">Error:</span>' in html


def test_date_input_reads_day_month_and_year_boxes():
    form = EveryFieldForm(
        data={
            "title": "A",
            "notes": "B",
            "colour": "blue",
            "size": "s",
            "topics": ["a", "b"],
            "agree": "on",
            "when_day": "16",
            "when_month": "10",
            "when_year": "2018",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == datetime.date(2018, 10, 16)
    assert form.cleaned_data["topics"] == ["a", "b"]
