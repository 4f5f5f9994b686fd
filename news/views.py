from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from knowvember.cards import CardText, card_png
from knowvember.templatetags.ukdates import uk_date
from news.forms import NewsFilterForm
from news.models import Post
from news.rendering import related_pages

PAGE_SIZE = 10


@require_safe
def post_list(request):
    """Published posts, newest first, narrowed by topic and edition."""
    form = NewsFilterForm(request.GET or None)
    posts = Post.objects.published().listing()
    status = 200
    if form.is_bound:
        if form.is_valid():
            posts = form.filter(posts)
        else:
            status = 400
    page_obj = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "posts": page_obj.object_list}
    return render(request, "news/list.html", context, status=status)


@require_safe
def post_detail(request, slug):
    """One post, the pages it links to, and the posts either side of it."""
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("campaign").prefetch_related("tags"),
        slug=slug,
    )
    published = Post.objects.published().only("title", "slug", "publish_at")
    context = {
        "post": post,
        "is_preview": not post.is_live,
        "related": related_pages(post.rendered.internal_links, exclude=post.get_absolute_url()),
    }
    if post.is_live:
        context["older"] = published.filter(publish_at__lt=post.publish_at).first()
        context["newer"] = (
            published.filter(publish_at__gt=post.publish_at).order_by("publish_at", "pk").first()
        )
    return render(request, "news/detail.html", context)


def share_card_png(post) -> bytes:
    """The post's Open Graph card, cached until the post changes."""
    key = f"news-card:{post.pk}:{post.updated_at.timestamp()}"
    text = CardText(
        kicker=f"{post.campaign.name} news", title=post.title, detail=uk_date(post.publish_at)
    )
    return cache.get_or_set(key, lambda: card_png(text), timeout=86400)


@require_safe
@cache_control(max_age=3600, public=True)
def share_image(request, slug):
    post = get_object_or_404(Post.objects.published().select_related("campaign"), slug=slug)
    return HttpResponse(share_card_png(post), content_type="image/png")
