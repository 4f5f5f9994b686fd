from events.models import Event
from knowvember.filters import FilterChoiceField, FilterForm
from knowvember.models import Campaign, Region


class EventFilterForm(FilterForm):
    """The GET filters on the events list: edition, region and format."""

    edition = FilterChoiceField(
        label="Edition",
        lookup="campaign",
        queryset=Campaign.objects.all(),
        empty_label="All editions",
        error="Select an edition from the list",
    )
    region = FilterChoiceField(
        label="Region",
        lookup="region",
        queryset=Region.objects.all(),
        empty_label="All regions",
        error="Select a region from the list",
    )
    format = FilterChoiceField(
        label="Format",
        lookup="format",
        choices=Event.Format.choices,
        empty_label="All formats",
        error="Select a format from the list",
    )
