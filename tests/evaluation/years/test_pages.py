"""The year's page moves the phase and says where the year now is."""


from django.urls import reverse

from evaluation.models import Phase


def test_a_phase_step_says_where_the_year_now_is(client_for, committee_staff, make_year, window_a,
                                                django_capture_on_commit_callbacks):
    year = make_year(Phase.ASSESSMENT)
    response = client_for(committee_staff).post(reverse("evaluation:phase", args=[year.year, "review"]), follow=True)
    assert "考评已进入“党工委审核”阶段" in response.content.decode()
    # Publishing is a job: the refusal is on its page.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(committee_staff).post(reverse("evaluation:phase", args=[year.year, "publish"]))
    response = client_for(committee_staff).get(response["Location"])
    assert "未经审核" in response.content.decode()
