from django.utils.functional import SimpleLazyObject

from members import access


def navigation(request):
    """The user's access (for role-aware navigation) and unread notification count."""
    user = getattr(request, "user", None)

    def unread():
        if user is None or not user.is_authenticated:
            return 0
        return user.notifications.unread().count()

    return {
        "acc": SimpleLazyObject(lambda: access.for_user(user)),
        "unread_notifications": SimpleLazyObject(unread),
    }
