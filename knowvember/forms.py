from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from knowvember.documents import ALLOWED_EXTENSIONS_ACCEPT, file_or_link_save, validate_document


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


class FileOrLinkAdminForm(forms.ModelForm):
    """An organiser's document or link: the upload must pass `validate_document`.

    Subclasses name the model and its fields (including `file`, `remove_file` and `link`).
    """

    remove_file = forms.BooleanField(required=False, label="Remove the uploaded file")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget = forms.FileInput(attrs={"accept": ALLOWED_EXTENSIONS_ACCEPT})

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self._format = validate_document(upload)
        return upload

    def _post_clean(self):
        if self.cleaned_data.get("remove_file") and not getattr(self, "_format", None):
            self.cleaned_data["file"] = False
        super()._post_clean()
        fmt = getattr(self, "_format", None)
        if fmt:
            self.instance.file_format = fmt.extension
            self.instance.file_size = self.cleaned_data["file"].size

    def save(self, commit=True):
        item = super().save(commit=False)
        if commit:
            file_or_link_save(item)
        return item
