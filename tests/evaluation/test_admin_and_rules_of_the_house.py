"""House rules for this app: states move only in services; the admin shows, it does not decide."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from evaluation.models import Phase, Result

APP = Path(__file__).resolve().parents[2] / "evaluation"


PAGES_AND_FORMS = sorted(
    str(path.relative_to(APP)) for pattern in ("**/views.py", "**/forms.py", "admin.py", "exports.py") for path in APP.glob(pattern)
)


def test_every_job_has_its_pages_and_forms_checked():
    assert {"years/views.py", "sources/views.py", "review/views.py", "vote/views.py", "results/views.py", "quarters/views.py"} <= set(PAGES_AND_FORMS)


@pytest.mark.parametrize("module", PAGES_AND_FORMS)
def test_only_services_assign_a_phase_or_a_status(module):
    source = (APP / module).read_text(encoding="utf-8")
    assert not re.search(r"\.(status|phase)\s*=[^=]", source)


def test_the_admin_shows_years_results_and_quarters_read_only(client_for, admin_user, make_year, window_a):
    year = make_year(Phase.ASSESSMENT)
    client = client_for(admin_user)
    for name in ["evaluationyear", "result", "quarterreport"]:
        assert client.get(reverse(f"admin:evaluation_{name}_changelist")).status_code == 200
    result = Result.objects.filter(year=year).first()
    response = client.post(reverse("admin:evaluation_result_change", args=[result.pk]), {"status": "published"})
    assert response.status_code == 403
    assert Result.objects.get(pk=result.pk).status == "open"


def test_ballots_tokens_and_peer_ratings_are_not_in_the_admin():
    from django.contrib import admin

    from evaluation.models import Ballot, PeerRating, VoteToken

    for model in (Ballot, PeerRating, VoteToken):
        assert not admin.site.is_registered(model)


VIEWS = sorted(str(path.relative_to(APP)) for path in APP.glob("**/views.py"))
SERVICES = sorted(str(path.relative_to(APP)) for pattern in ("**/services.py", "years/phases.py", "results/plaques.py") for path in APP.glob(pattern))


@pytest.mark.parametrize("module", VIEWS)
def test_views_fetch_objects_only_through_the_guards(module):
    source = (APP / module).read_text(encoding="utf-8")
    assert "PermissionDenied" not in source
    assert "get_object_or_404" not in source


@pytest.mark.parametrize("module", SERVICES)
def test_services_build_no_urls_and_refuse_with_the_one_refusal(module):
    source = (APP / module).read_text(encoding="utf-8")
    assert "reverse(" not in source
    assert not re.search(r"^class \w+\((Exception|ValueError)\)", source, flags=re.M)


def test_every_scope_of_the_evaluation_is_built_on_the_one_scope_filter():
    import ast

    scopes = []
    for path in (APP / "models").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name == "visible_to":
                scopes.append((path.name, "access.scope(" in ast.unparse(node)))
    assert len(scopes) == 3 and all(built for _name, built in scopes), scopes
