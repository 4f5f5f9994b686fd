from django import forms

from knowvember.documents import validate_document
from knowvember.images import delete_files_after_commit
from toolkit.models import ToolkitFile


class ToolkitFileAdminForm(forms.ModelForm):
    """A toolkit file: the same allow-list and content checks as delegate packs, or a link."""

    remove_file = forms.BooleanField(required=False, label="Remove the uploaded file")

    class Meta:
        model = ToolkitFile
        fields = ["campaign", "order", "title", "description", "file", "remove_file", "link"]
        widgets = {
            "file": forms.FileInput(attrs={"accept": ".pdf,.docx,.pptx,.xlsx,.odt,.odp,.txt,.csv"})
        }

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
        old = ToolkitFile.objects.filter(pk=item.pk).first() if item.pk else None
        if not item.file:
            item.file_format, item.file_size = "", None
        if old and old.file and old.file.name != item.file.name:
            delete_files_after_commit(old.file)
        if commit:
            item.save()
        return item
