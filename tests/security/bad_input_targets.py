"""Every form of the product that keeps text, as a target for hostile values: who sends it, what else makes it
valid, where the value is stored and which page shows it back.

One `Target` per (form, text field). `stored(w)` reads the value back from the model (None when nothing was kept);
`shown(w)` names the page (URL name, kwargs, role) where the kept value must come back escaped.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from evaluation.models import Activity, Result
from members.models import Member, Organisation
from posts.models import Feedback, FeedbackEvent, HandbookEdition, Nomination, Objection, PlaqueApplication, Post, Round, Window
from tests.security.permission_table import _member_form, _organisation_form
from tests.security.permission_table_posts import _post_form, _window_form


def _none(w):
    return {}


@dataclass(frozen=True)
class Target:
    url: str
    role: str
    field: str
    data: Callable
    stored: Callable
    shown: Callable
    kwargs: Callable = _none

    def address(self, w):
        return reverse(self.url, kwargs=self.kwargs(w))


def latest(model, attr, **lookup):
    def read(w):
        obj = model.objects.filter(**lookup).order_by("-pk").first()
        return getattr(obj, attr) if obj else None
    return read


def field_of(obj_attr, model, attr):
    return lambda w: getattr(model.objects.get(pk=getattr(w, obj_attr).pk), attr)


def page(name, role, kwargs=_none):
    return lambda w: (reverse(name, kwargs=kwargs(w)), role)


def _new_member(w):
    return Member.objects.filter(member_no="A1-900").first()


def _year(w):
    return {"year": w.year}


TARGETS = {
    "member.name": Target("members:create", "secretary", "name", _member_form, lambda w: getattr(_new_member(w), "name", None),
                          lambda w: (reverse("members:detail", args=[_new_member(w).pk]), "secretary")),
    "member.specialties": Target("members:create", "secretary", "specialties", _member_form,
                                 lambda w: getattr(_new_member(w), "specialties", None),
                                 lambda w: (reverse("members:detail", args=[_new_member(w).pk]), "secretary")),
    "profile.specialties": Target("members:profile", "member", "specialties", lambda w: {"phone": "13800000000"},
                                  field_of("member", Member, "specialties"), page("members:detail", "member", lambda w: {"pk": w.member.pk})),
    "organisation.name": Target("members:organisation_create", "committee_staff", "name", _organisation_form,
                                latest(Organisation, "name", code="UA-9"),
                                lambda w: (reverse("members:organisation_detail", args=[Organisation.objects.get(code="UA-9").pk]),
                                           "committee_staff")),
    "post.title": Target("posts:post_create", "secretary", "title", lambda w: _post_form(w, organisation=w.member.branch_id),
                         latest(Post, "title"), lambda w: (reverse("posts:post_detail", args=[Post.objects.latest("pk").pk]), "secretary")),
    "post.duties": Target("posts:post_create", "secretary", "duties", lambda w: _post_form(w, organisation=w.member.branch_id),
                          latest(Post, "duties"), lambda w: (reverse("posts:post_detail", args=[Post.objects.latest("pk").pk]), "secretary")),
    "round.idea": Target("posts:round_create", "secretary", "idea", lambda w: {
        "organisation": w.member.branch_id, "year": w.today.year + 1, "opens_on": w.today.isoformat(),
        "closes_on": w.today.replace(year=w.today.year + 1).isoformat()},
        latest(Round, "idea"), lambda w: (reverse("posts:round_detail", args=[Round.objects.latest("pk").pk]), "secretary")),
    "nomination.reason": Target("posts:nomination_reject", "secretary", "reason", _none, field_of("pending_peer", Nomination, "reason"),
                                page("posts:nomination_detail", "secretary", lambda w: {"pk": w.pending_peer.pk}),
                                kwargs=lambda w: {"pk": w.pending_peer.pk}),
    "objection.member": Target("posts:publication_object", "member", "text", lambda w: {**w.member_objection_form, "assignment": ""},
                               latest(Objection, "text", raised_by__isnull=False),
                               page("posts:publication_detail", "member", lambda w: {"pk": w.publication.pk}),
                               kwargs=lambda w: {"pk": w.publication.pk}),
    "objection.public": Target("posts:announcement_object", "anonymous", "text",
                               lambda w: {**w.public_objection_form, "assignment": "", "name": "群众"},
                               latest(Objection, "text", raised_by__isnull=True),
                               lambda w: (reverse("posts:objection_answer", args=[Objection.objects.latest("pk").pk]), "secretary"),
                               kwargs=lambda w: {"key": w.publication.code}),
    "objection.name": Target("posts:announcement_object", "anonymous", "name",
                             lambda w: {**w.public_objection_form, "assignment": "", "text": "有意见"},
                             latest(Objection, "name", raised_by__isnull=True),
                             lambda w: (reverse("posts:objection_answer", args=[Objection.objects.latest("pk").pk]), "secretary"),
                             kwargs=lambda w: {"key": w.publication.code}),
    "objection.answer": Target("posts:objection_answer", "secretary", "answer", lambda w: {"upheld": "no"},
                               field_of("objection", Objection, "answer"),
                               page("posts:publication_detail", "secretary", lambda w: {"pk": w.publication.pk}),
                               kwargs=lambda w: {"pk": w.objection.pk}),
    "feedback.text": Target("posts:feedback_new", "anonymous", "text", lambda w: w.feedback_form, latest(Feedback, "text"),
                            lambda w: (Feedback.objects.latest("pk").get_absolute_url(), "anonymous"),
                            kwargs=lambda w: {"code": w.window.code}),
    "feedback.contact_name": Target("posts:feedback_new", "anonymous", "contact_name", lambda w: w.feedback_form,
                                    latest(Feedback, "contact_name"),
                                    lambda w: (reverse("posts:feedback_manage", args=[Feedback.objects.latest("pk").pk]), "unit_secretary"),
                                    kwargs=lambda w: {"code": w.window.code}),
    "feedback.reply": Target("posts:feedback_respond", "unit_secretary", "text", _none, latest(FeedbackEvent, "text"),
                             lambda w: (w.feedback.get_absolute_url(), "anonymous"), kwargs=lambda w: {"pk": w.feedback.pk}),
    "feedback.conclusion": Target("posts:feedback_conclude", "unit_secretary", "text", lambda w: {"upheld": "no"},
                                  latest(FeedbackEvent, "text"), lambda w: (w.feedback.get_absolute_url(), "anonymous"),
                                  kwargs=lambda w: {"pk": w.feedback.pk}),
    "window.name": Target("posts:window_edit", "unit_secretary", "name", _window_form, field_of("window", Window, "name"),
                          page("posts:window_public", "anonymous", lambda w: {"code": w.window.code}),
                          kwargs=lambda w: {"code": w.window.code}),
    "window.location": Target("posts:window_edit", "unit_secretary", "location", _window_form, field_of("window", Window, "location"),
                              page("posts:window_public", "anonymous", lambda w: {"code": w.window.code}),
                              kwargs=lambda w: {"code": w.window.code}),
    "plaque.statement": Target("posts:plaque_apply", "unit_secretary", "statement", lambda w: {"window": w.window.pk, "year": w.today.year + 1},
                               latest(PlaqueApplication, "statement"),
                               lambda w: (reverse("posts:plaque_application", args=[PlaqueApplication.objects.latest("pk").pk]),
                                          "unit_secretary")),
    "plaque.review_note": Target("posts:plaque_review", "committee_staff", "note", lambda w: {"decision": "reject"},
                                 field_of("application", PlaqueApplication, "review_note"),
                                 page("posts:plaque_application", "unit_secretary", lambda w: {"pk": w.application.pk}),
                                 kwargs=lambda w: {"pk": w.application.pk}),
    "handbook.title": Target("posts:handbook_draft", "committee_staff", "title", lambda w: {"note": "", "after": w.edition.version},
                             latest(HandbookEdition, "title"),
                             page("posts:handbook", "anonymous")),
    "self_assessment.report": Target("evaluation:self_assessment", "member", "report", lambda w: {"score": "90"},
                                     field_of("member_result", Result, "self_report"),
                                     lambda w: (reverse("evaluation:result_detail", args=[w.year, w.member_result.pk]), "secretary"),
                                     kwargs=_year),
    "rating.note": Target("evaluation:result_score", "secretary", "note", lambda w: {"score": "80"},
                          field_of("member_result", Result, "organisation_note"),
                          lambda w: (reverse("evaluation:result_score", args=[w.year, w.member_result.pk]), "secretary"),
                          kwargs=lambda w: {"year": w.year, "pk": w.member_result.pk}),
    "activity.description": Target("evaluation:quarter", "unit_secretary", "description",
                                   lambda w: {"date": f"{w.year}-02-10", "kind": "study", "participants": [w.member.pk]},
                                   latest(Activity, "description"),
                                   page("evaluation:quarter", "unit_secretary", lambda w: {"year": w.year, "window": w.window.pk, "quarter": 1}),
                                   kwargs=lambda w: {"year": w.year, "window": w.window.pk, "quarter": 1}),
}
