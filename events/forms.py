from django import forms

from events.models import Event
from knowvember.models import Campaign, Region


class EventFilterForm(forms.Form):
    """The GET filters on the events list; every field is optional and the values are slugs."""

    edition = forms.ModelChoiceField(
        queryset=Campaign.objects.only("name", "slug", "year"),
        to_field_name="slug",
        required=False,
        empty_label="All editions",
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.only("name", "slug", "order"),
        to_field_name="slug",
        required=False,
        empty_label="All regions",
    )
    format = forms.ChoiceField(choices=[("", "All formats"), *Event.Format.choices], required=False)

    def filter(self, events):
        """Narrow an Event queryset to the chosen edition, region and format."""
        data = self.cleaned_data
        if data.get("edition"):
            events = events.filter(campaign=data["edition"])
        if data.get("region"):
            events = events.filter(region=data["region"])
        if data.get("format"):
            events = events.filter(format=data["format"])
        return events

    @property
    def is_filtered(self):
        return self.is_bound and any(self.data.get(name) for name in self.fields)
