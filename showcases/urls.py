from django.urls import path
from django.views.generic import TemplateView

app_name = "showcases"

urlpatterns = [
    path("", TemplateView.as_view(template_name="showcases/placeholder.html"), name="list"),
]
