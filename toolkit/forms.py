from knowvember.forms import FileOrLinkAdminForm
from toolkit.models import ToolkitFile


class ToolkitFileAdminForm(FileOrLinkAdminForm):
    """A toolkit file: the same allow-list and content checks as delegate packs, or a link."""

    class Meta:
        model = ToolkitFile
        fields = ["campaign", "order", "title", "description", "file", "remove_file", "link"]
