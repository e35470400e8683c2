"""Changes during the year: members joining, moving between branches and leaving."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from pioneer.words import Message

__all__ = ["Movement"]


class MovementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see the changes of the members now in the branches they manage."""
        return access.scope(self, user, "member__branch__")


class Movement(models.Model):
    """One change in a member's membership (组织关系变动): the record the year's counts are explained by."""

    class Kind(models.TextChoices):
        NEW_MEMBER = "new_member", _("Newly admitted member")
        TRANSFER_IN = "transfer_in", _("Transferred in")
        TRANSFER = "transfer", _("Transferred to another branch")
        RETIREMENT = "retirement", _("Retired")
        TRANSFER_OUT = "transfer_out", _("Transferred out")
        DEATH = "death", _("Died")
        EXPULSION = "expulsion", _("Expelled")

    JOINING = [Kind.NEW_MEMBER, Kind.TRANSFER_IN]
    LEAVING = [Kind.RETIREMENT, Kind.TRANSFER_OUT, Kind.DEATH, Kind.EXPULSION]

    member = models.ForeignKey(Member, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("kind of change"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("date of the change"))
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    from_branch = models.ForeignKey(
        Organisation, verbose_name=_("from branch"), null=True, blank=True, on_delete=models.PROTECT, related_name="movements_out",
    )
    to_branch = models.ForeignKey(
        Organisation, verbose_name=_("to branch"), null=True, blank=True, on_delete=models.PROTECT, related_name="movements_in",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["-on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["new_member", "transfer_in", "transfer", "retirement", "transfer_out", "death", "expulsion"]),
                name="movement_kind_valid",
            ),
            # A joining has a destination, a leaving an origin, a transfer both.
            models.CheckConstraint(
                condition=(Q(kind__in=["new_member", "transfer_in"], to_branch__isnull=False)
                           | Q(kind="transfer", from_branch__isnull=False, to_branch__isnull=False)
                           | Q(kind__in=["retirement", "transfer_out", "death", "expulsion"], from_branch__isnull=False)),
                name="movement_branches_fit_kind",
            ),
        ]

    def __str__(self):
        return self.described().render()

    def described(self):
        return Message("%(member)s · %(kind)s · %(on)s", member=str(self.member), kind=type(self).Kind(self.kind), on=self.on)
