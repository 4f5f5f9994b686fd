"""NHS.UK date input: day, month and year boxes that a DateField understands."""

import datetime

from django import forms


class DateInput(forms.MultiWidget):
    template_name = "nhsuk/widgets/date_input.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "class": "nhsuk-input nhsuk-date-input__input"}
        widgets = {
            "day": forms.TextInput(attrs=box | {"class": box["class"] + " nhsuk-input--width-2"}),
            "month": forms.TextInput(attrs=box | {"class": box["class"] + " nhsuk-input--width-2"}),
            "year": forms.TextInput(attrs=box | {"class": box["class"] + " nhsuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (data.get(f"{name}_{part}", "").strip() for part in self.widgets_names_)
        if not (day or month or year):
            return ""
        return f"{year}-{month.zfill(2) if month else ''}-{day.zfill(2) if day else ''}"

    @property
    def widgets_names_(self):
        return ("day", "month", "year")
