from events.models import Event
from knowvember.filters import FilterChoiceField, FilterForm, edition_filter, region_filter


class EventFilterForm(FilterForm):
    """The GET filters on the events list: edition, region and format."""

    edition = edition_filter()
    region = region_filter()
    format = FilterChoiceField(
        label="Format",
        lookup="format",
        choices=Event.Format.choices,
        empty_label="All formats",
        error="Select a format from the list",
    )
