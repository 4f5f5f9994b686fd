from django.apps import AppConfig


class ShowcasesConfig(AppConfig):
    name = "showcases"
