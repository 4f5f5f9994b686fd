from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("check-your-email/", views.check_email, name="check-email"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("confirm-again/", views.resend, name="resend"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("leave/", views.leave, name="leave"),
    path("digest/join/", views.digest_join, name="digest-join"),
    path("digest/leave/", views.digest_leave, name="digest-leave"),
    path("digest/stop/<str:token>/", views.digest_unsubscribe, name="digest-unsubscribe"),
    path("digests/", views.digest_list, name="digests"),
    path("digests/<slug:slug>/", views.digest_detail, name="digest"),
]
