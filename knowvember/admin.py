from django.contrib import admin

from knowvember.models import Campaign, Region


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "theme", "starts_on", "ends_on", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["name", "theme", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
