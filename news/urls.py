from django.urls import path
from django.views.decorators.http import condition

from knowvember.cache import content_etag
from news import views
from news.feeds import PostFeed

app_name = "news"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/", condition(etag_func=content_etag("news"))(PostFeed()), name="feed"),
    path("<slug:slug>/", views.post_detail, name="detail"),
    path("<slug:slug>/share.png", views.share_image, name="share-image"),
]
