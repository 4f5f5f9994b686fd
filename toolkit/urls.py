from django.urls import path, re_path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("", views.toolkit_index, name="index"),
    path("files/<int:pk>/", views.toolkit_file, name="file"),
    path("<slug:edition>/", views.toolkit_edition, name="edition"),
    re_path(
        r"^(?P<edition>[-\w]+)/logo-(?P<variant>[a-z]+)\.(?P<extension>svg|png)$",
        views.logo,
        name="logo",
    ),
    path("<slug:edition>/social-card-<str:size>.png", views.social_card, name="social-card"),
    re_path(
        r"^(?P<edition>[-\w]+)/(?P<name>[a-z-]+)\.pdf$",
        views.printable,
        name="printable",
    ),
]
