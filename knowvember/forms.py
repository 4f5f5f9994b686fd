from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit


class NHSFormMixin:
    """Give a form a crispy helper that renders it with the `nhsuk` pack and one submit button."""

    submit_label = "Continue"
    form_action = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_action = self.form_action
        submit = Submit("submit", self.submit_label)
        submit.field_classes = ""  # crispy's default is Bootstrap's "btn btn-primary"
        self.helper.add_input(submit)
