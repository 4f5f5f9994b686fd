from django import forms

from events.models import Event
from knowvember.models import Campaign, Region


class EventFilterForm(forms.Form):
    """The GET filters on the events list; every field is optional and the values are slugs."""

    edition = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False)
    format = forms.ChoiceField(choices=[("", "All formats"), *Event.Format.choices], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query each, evaluated once: the template iterates the choices as a plain list.
        self.fields["edition"].choices = [
            ("", "All editions"),
            *Campaign.objects.values_list("slug", "name"),
        ]
        self.fields["region"].choices = [
            ("", "All regions"),
            *Region.objects.values_list("slug", "name"),
        ]

    def filter(self, events):
        """Narrow an Event queryset to the chosen edition, region and format."""
        data = self.cleaned_data
        if data.get("edition"):
            events = events.filter(campaign__slug=data["edition"])
        if data.get("region"):
            events = events.filter(region__slug=data["region"])
        if data.get("format"):
            events = events.filter(format=data["format"])
        return events

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)
