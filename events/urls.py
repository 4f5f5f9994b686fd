from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("<slug:slug>/book/", views.book, name="book"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
]
