"""django-simple-history's admin, with bad ids in history URLs answered 404 instead of 500."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class SafeHistoryAdmin(SimpleHistoryAdmin):
    """`/admin/…/abc/history/` and `/admin/…/<id>/change/history/` reach the history views with ids
    that are not primary keys; simple-history passes them to the database and fails with ValueError."""

    def _valid_pk(self, model, value):
        try:
            return model._meta.pk.to_python(unquote(value))
        except (ValidationError, ValueError, TypeError):
            raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._valid_pk(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._valid_pk(self.model, object_id)
        self._valid_pk(self.model.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
