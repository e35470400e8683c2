"""What the pages of every step share: the audit trail, one-click actions, staff mixins, QR codes."""

import io

import segno
from django.contrib import messages
from django.http import HttpResponse
from django.utils.safestring import mark_safe

from members import audit
from members.mixins import RoleRequiredMixin, show_refusal
from pioneer import ratelimits
from pioneer.errors import Refusal

PUBLIC_RATE = ratelimits.rate("objection")


def history(obj):
    return list(audit.entries_for(obj))


def button(request, action, success_message):
    """A one-click service call: its success, or the rule that refused it, becomes the message shown next."""
    try:
        action()
    except Refusal as exc:
        show_refusal(request, exc)
    else:
        messages.success(request, success_message)


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no style attributes, so it passes the strict CSP)."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr", lineclass="qr-line"))  # noqa: S308


def svg_file(url: str) -> HttpResponse:
    """A standalone SVG file (with its XML namespace) of a QR code for the address, to print on a marker or plaque."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=4)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


class StaffMixin(RoleRequiredMixin):
    def allowed(self, acc):
        return acc.manages_any


def sets_up_windows(acc) -> bool:
    """Committee staff and unit secretaries set up windows and apply for plaques; branch secretaries only read."""
    return acc.is_committee_staff or acc.is_unit_secretary


class UnitStaffMixin(StaffMixin):
    def allowed(self, acc):
        return sets_up_windows(acc)
