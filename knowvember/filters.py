"""One way to filter a list: a GET form of optional choices, rendered by includes/filters.html.

Every field is a choice that says which queryset lookup it narrows (`lookup=`). Choices that
come from the database are listed in one query per field when the form is made, and checked
against that list, so validating costs no query and a value that is not on the list (a typo,
an old link, a NUL byte) never reaches the database. A list answers an invalid filter the
same way everywhere: the page again, with the error summary, and HTTP 400.
"""

from django import forms


class FilterChoiceField(forms.ChoiceField):
    """An optional choice that narrows a queryset by `lookup`; empty means "all".

    Give `choices` for a fixed list, or `queryset` to offer rows by their `value_field`
    (a slug) labelled by `label_field`; such a field cleans to the row's primary key.
    """

    def __init__(
        self,
        *,
        lookup: str,
        empty_label: str,
        error: str,
        choices=(),
        queryset=None,
        value_field: str = "slug",
        label_field: str = "name",
        **kwargs,
    ):
        super().__init__(
            choices=[("", empty_label), *choices],
            required=False,
            error_messages={"invalid_choice": error},
            **kwargs,
        )
        self.lookup = lookup
        self.empty_label = empty_label
        self.queryset = queryset
        self.value_field = value_field
        self.label_field = label_field
        self.pk_by_value: dict[str, object] | None = None

    def load_choices(self) -> None:
        """Read the rows on offer (one query); called on the form's own copy of the field."""
        if self.queryset is None:
            return
        rows = self.queryset.values_list("pk", self.value_field, self.label_field)
        self.pk_by_value = {}
        choices = [("", self.empty_label)]
        for pk, value, label in rows:
            self.pk_by_value[str(value)] = pk
            choices.append((value, label))
        self.choices = choices

    def clean(self, value):
        value = super().clean(value)
        if value and self.pk_by_value is not None:
            return self.pk_by_value[value]
        return value


class FilterForm(forms.Form):
    """The base of every list's filters; subclasses declare FilterChoiceFields.

    In a view:

        filters = EventFilterForm(request.GET)
        events = filters.filter(Event.objects.published())
        ...
        return render(request, "events/list.html", {"filters": filters, ...},
                      status=filters.status_code)
    """

    def __init__(self, data=None, **kwargs):
        # No query string at all: an unbound form, nothing chosen and nothing to report.
        super().__init__(data if data else None, **kwargs)
        for field in self.fields.values():
            if isinstance(field, FilterChoiceField):
                field.load_choices()

    @property
    def is_filtered(self) -> bool:
        """Has the visitor chosen anything (valid or not)?"""
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    @property
    def chosen_labels(self) -> dict[str, str]:
        """The label of each valid choice, by field name, for headings ("… in KNOWvember20")."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            name: dict(self.fields[name].choices).get(self.data.get(name), "")
            for name, value in self.cleaned_data.items()
            if value not in ("", None)
        }

    @property
    def status_code(self) -> int:
        """400 when a filter value is not one on offer, so the page says what is wrong."""
        return 400 if self.is_bound and not self.is_valid() else 200

    def filter(self, queryset):
        """The queryset narrowed by every valid choice; an invalid one is reported, not applied."""
        if not self.is_bound:
            return queryset
        self.is_valid()
        for name, value in self.cleaned_data.items():
            if value not in ("", None):
                queryset = queryset.filter(**{self.fields[name].lookup: value})
        return queryset


def edition_filter(queryset=None) -> FilterChoiceField:
    """The "Edition" filter every list offers: all editions, or the `queryset` given."""
    from knowvember.models import Campaign

    return FilterChoiceField(
        label="Edition",
        lookup="campaign",
        queryset=Campaign.objects.all() if queryset is None else queryset,
        empty_label="All editions",
        error="Select an edition from the list",
    )


def region_filter() -> FilterChoiceField:
    """The "Region" filter: NHS England's regions."""
    from knowvember.models import Region

    return FilterChoiceField(
        label="Region",
        lookup="region",
        queryset=Region.objects.all(),
        empty_label="All regions",
        error="Select a region from the list",
    )
