from django.urls import path
from django.views.decorators.http import condition

from knowvember.cache import content_etag
from pledges import views
from pledges.feeds import PledgeFeed

app_name = "pledges"

urlpatterns = [
    path("", views.wall, name="wall"),
    path("new/", views.PledgeCreateView.as_view(), name="create"),
    path("new/lessons/", views.lessons_fragment, name="lessons"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("feed/", condition(etag_func=content_etag("pledges"))(PledgeFeed()), name="feed"),
    path("<int:pk>/", views.PledgeDetailView.as_view(), name="detail"),
    path("<int:pk>/share.png", views.share_image, name="share-image"),
    path("<int:pk>/edit/", views.PledgeUpdateView.as_view(), name="edit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/leave/", views.leave_team, name="leave-team"),
    path(
        "<int:pk>/team/invitations/<int:member_id>/cancel/",
        views.cancel_invitation,
        name="cancel-invitation",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
