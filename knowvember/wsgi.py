"""WSGI entry point (gunicorn knowvember.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowvember.settings")
application = get_wsgi_application()
