from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from knowvember.images import delete_files_after_commit
from knowvember.templatetags.sharing import share_text
from news.forms import PostAdminForm
from news.models import Post, Tag
from news.rendering import render_markdown

MAX_PREVIEW_CHARS = 100_000


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    list_display = ["title", "campaign", "state", "publish_at", "view_link"]
    list_filter = ["status", "campaign", "tags"]
    list_select_related = ["campaign"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    readonly_fields = ["preview", "suggested_post", "view_link"]
    actions = ["publish_now", "make_draft"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "campaign", "tags", "summary"]}),
        ("Body", {"fields": ["body", "preview"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
        ("Publishing", {"fields": ["status", "publish_at", "view_link"]}),
        ("Share this", {"fields": ["suggested_post"]}),
    ]

    class Media:
        js = ["js/news-admin-preview.js"]

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [path("preview/", preview, name="news_post_preview"), *super().get_urls()]

    @admin.display(description="preview of the body")
    def preview(self, post):
        """The body as the site will show it; the script below keeps it up to date as you type."""
        return render_to_string(
            "news/admin/preview.html",
            {
                "html": render_markdown(post.body if post and post.pk else "").html,
                "preview_url": reverse("admin:news_post_preview"),
            },
        )

    @admin.display(description="suggested social post")
    def suggested_post(self, post):
        if not post or not post.pk:
            return "Save the post to see the suggested social post."
        return format_html(
            '<textarea readonly rows="3" cols="80" aria-label="Suggested social post">{}</textarea>'
            "<p>Copy it to the campaign's social media accounts once the post is live.</p>",
            share_text(post.title, post.get_absolute_url()),
        )

    @admin.display(description="state", ordering="publish_at")
    def state(self, post):
        if post.status == Post.Status.DRAFT:
            return "Draft"
        return "Scheduled" if post.is_scheduled else "Live"

    @admin.display(description="on the site")
    def view_link(self, post):
        if not post or not post.pk:
            return "Save first to preview"
        text = "View on site" if post.is_live else "Preview (not live yet)"
        return format_html('<a href="{}">{}</a>', post.get_absolute_url(), text)

    def preview_view(self, request):
        """The body posted by the editing page, rendered and sanitised exactly as on the site."""
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        return require_POST(self._render_preview)(request)

    def _render_preview(self, request):
        body = request.POST.get("body", "")[:MAX_PREVIEW_CHARS]
        response = HttpResponse(render_markdown(body).html, content_type="text/html")
        response["Cache-Control"] = "no-store"
        return response

    def delete_model(self, request, obj):
        files = [obj.image, obj.image_thumbnail]
        super().delete_model(request, obj)
        delete_files_after_commit(*files)

    def delete_queryset(self, request, queryset):
        files = [f for post in queryset for f in (post.image, post.image_thumbnail)]
        super().delete_queryset(request, queryset)
        delete_files_after_commit(*files)

    @admin.action(description="Publish the selected posts now", permissions=["change"])
    def publish_now(self, request, queryset):
        count = queryset.exclude(
            status=Post.Status.PUBLISHED, publish_at__lte=timezone.now()
        ).update(status=Post.Status.PUBLISHED, publish_at=timezone.now(), updated_at=timezone.now())
        self.message_user(request, f"Published {count} post(s).", messages.SUCCESS)

    @admin.action(
        description="Take the selected posts off the site (draft)", permissions=["change"]
    )
    def make_draft(self, request, queryset):
        count = queryset.filter(status=Post.Status.PUBLISHED).update(
            status=Post.Status.DRAFT, updated_at=timezone.now()
        )
        self.message_user(request, f"{count} post(s) are drafts again.", messages.SUCCESS)
