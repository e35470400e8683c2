"""Filtering the results list (and its export, which uses the same filters)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation.models import Grade, Result
from members import access
from members.models import Organisation


class ResultFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), required=False, choices=[("", _("All kinds"))] + list(Result.Kind.choices))
    grade = forms.ChoiceField(label=_("grade"), required=False, choices=[("", _("All grades"))] + list(Grade.choices))
    status = forms.ChoiceField(label=_("status"), required=False, choices=[("", _("All states"))] + list(Result.Status.choices))
    unit = forms.ModelChoiceField(label=_("unit"), required=False, queryset=Organisation.objects.none(), empty_label=_("All units"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


def filtered_results(user, year, data):
    """The filter form and the results of the year it selects of those the user may see (data: a QueryDict).

    The filters only narrow the user's own scope; the unit filter is offered to the committee alone.
    """
    # Their own district's units only: another district's names are not theirs to see, nor a city's 300 to scroll.
    units = Organisation.objects.seen_by(user).units().order_by("code") if access.for_user(user).is_committee_staff else Organisation.objects.none()
    form = ResultFilterForm(data or None, units=units)
    qs = Result.objects.visible_to(user).filter(year=year)
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen["kind"]:
            qs = qs.filter(kind=chosen["kind"])
        if chosen["grade"]:
            qs = qs.filter(grade=chosen["grade"])
        if chosen["status"]:
            qs = qs.filter(status=chosen["status"])
        if chosen["unit"]:
            qs = qs.filter(Q(window__organisation=chosen["unit"]) | Q(member__branch__parent=chosen["unit"]))
    return form, qs
