from django.urls import path
from django.views.decorators.http import condition

from knowvember.cache import content_etag
from showcases import views
from showcases.feeds import RecordingsFeed

app_name = "showcases"

urlpatterns = [
    path("", views.showcase_list, name="list"),
    path("feed/", condition(etag_func=content_etag("showcases"))(RecordingsFeed()), name="feed"),
    path("<slug:slug>/", views.showcase_detail, name="detail"),
    path("<slug:slug>/pack/<int:pk>/", views.pack_item_download, name="pack-item"),
    path("<slug:slug>/pack.zip", views.pack_zip, name="pack-zip"),
    path("<slug:slug>/transcript/", views.transcript_download, name="transcript"),
]
