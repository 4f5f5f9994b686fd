from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("my-data.json", views.export_data, name="export"),
    path("delete/", views.delete, name="delete"),
]
