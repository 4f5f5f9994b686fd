from django.contrib import admin

from knowvember.images import delete_files_after_commit
from toolkit.forms import ToolkitFileAdminForm
from toolkit.models import ToolkitFile


@admin.register(ToolkitFile)
class ToolkitFileAdmin(admin.ModelAdmin):
    form = ToolkitFileAdminForm
    list_display = ["title", "campaign", "kind", "order"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]
    search_fields = ["title", "description"]
    readonly_fields = ["current_file"]
    fields = [
        "campaign",
        "order",
        "title",
        "description",
        "current_file",
        "file",
        "remove_file",
        "link",
    ]

    @admin.display(description="current file")
    def current_file(self, item):
        return item.size_and_format or "None"

    @admin.display(description="file or link")
    def kind(self, item):
        return item.size_and_format or "Link"

    def delete_model(self, request, obj):
        files = [obj.file]
        super().delete_model(request, obj)
        delete_files_after_commit(*files)

    def delete_queryset(self, request, queryset):
        files = [item.file for item in queryset]
        super().delete_queryset(request, queryset)
        delete_files_after_commit(*files)
