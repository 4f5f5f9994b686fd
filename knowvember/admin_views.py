"""Extra admin pages about one object (approve a pledge, print an event's attendance list),
each declaring the permission it needs, as `@admin.action(permissions=[...])` does for actions.

    @object_view("change", methods=["POST"])
    def approve_view(self, request, pledge): ...

The wrapped method receives the object, never an id; a missing object goes back to the
changelist with Django's own "doesn't exist" message, a missing permission is a 403, and any
other HTTP method is a 405. Mount it with `self.admin_site.admin_view(self.approve_view)`.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed

PERMISSIONS = ("view", "change", "delete")


def object_view(permission: str, *, methods=("GET", "POST")):
    """Declare an admin object view: the model permission it needs ("view", "change" or
    "delete", checked for the object) and the HTTP methods it answers."""
    if permission not in PERMISSIONS:
        raise ValueError(f"permission must be one of {PERMISSIONS}, not {permission!r}")
    methods = [method.upper() for method in methods]

    def decorator(method):
        @wraps(method)
        def view(model_admin, request, object_id, *args, **kwargs):
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            obj = model_admin.get_object(request, unquote(object_id))
            if obj is None:
                return model_admin._get_obj_does_not_exist_redirect(
                    request, model_admin.opts, object_id
                )
            if not getattr(model_admin, f"has_{permission}_permission")(request, obj):
                raise PermissionDenied
            return method(model_admin, request, obj, *args, **kwargs)

        view.allowed_permissions = (permission,)
        view.allowed_methods = tuple(methods)
        return view

    return decorator
