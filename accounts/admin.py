from allauth.account import admin as allauth_admin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import User
from accounts.privacy import delete_account


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "organisation", "region", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_active", "region", "groups"]
    list_select_related = ["region"]
    search_fields = ["email", "name", "organisation"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["name", "job_title", "organisation", "region"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]

    def delete_model(self, request, obj):
        """Deleting a person here removes everything tied to them, files included."""
        delete_account(obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            delete_account(user)


# allauth's own admin offers "mark as verified" to anyone who can open the list.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(allauth_admin.EmailAddressAdmin):
    actions = ["make_verified"]

    @admin.action(description="Mark selected email addresses as verified", permissions=["change"])
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)
