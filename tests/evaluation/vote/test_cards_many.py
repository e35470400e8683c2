"""Vote cards for many windows as one PDF, by one job: each window's cards on its own sheets, queries fixed."""

import io
import re
import uuid

import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from evaluation.models import TokenBatch, VoteToken
from evaluation.vote import pdf
from evaluation.vote.jobs import MANY, make_cards_pdf_for_windows
from evaluation.vote.services import cast_vote, hash_token
from members.jobs.models import Job
from members.models import Role
from pioneer.pdf import data_uri
from posts.models import Window
from tests.evaluation.conftest import make_window
from tests.factories import CommitteeFactory, RoleFactory, UnitFactory, UserFactory
from tests.jobs import conftest as job_fixtures

CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")

run_job_now = job_fixtures.run_job_now


def _params(year, units, size, **extra):
    return {
        "year": year.year,
        "units": [u.pk for u in units],
        "size": size,
        "valid_days": 30,
        "submission": str(uuid.uuid4()),
        "vote_url": "http://testserver/vote/",
        **extra,
    }


def pdf_of(job):
    return PdfReader(io.BytesIO(job.result_file.open("rb").read()))


def test_one_pdf_holds_every_open_window_of_the_units_each_on_its_own_sheets(
    assessment_year, window_a, window_b, unit_a, unit_b, committee_staff, run_job_now
):
    second_a, _post = make_window(unit_a, "W-A2", name="第二窗口")
    closed, _post = make_window(unit_a, "W-A3", name="已关闭窗口")
    Window.objects.filter(pk=closed.pk).update(is_active=False)
    job = run_job_now(committee_staff, MANY, **_params(assessment_year, [unit_a, unit_b], 9))
    assert job.state == Job.State.DONE, job.message
    assert job.result_data == {"cards": 27, "windows": 3}
    reader = pdf_of(job)
    # 9 cards a window: a full sheet and a sheet of one, for each of the three open windows.
    pages = [page.extract_text() for page in reader.pages]
    assert [len(CODE.findall(text)) for text in pages] == [8, 1] * 3
    in_order = list(TokenBatch.objects.select_related("window").order_by("window__organisation__code", "window__code"))
    assert [b.window for b in in_order] == [window_a, second_a, window_b]
    for n, batch in enumerate(in_order):
        codes = [c for text in pages[2 * n : 2 * n + 2] for c in CODE.findall(text)]
        assert batch.window.name in pages[2 * n]
        # Every printed code is a card of that window's batch: its hash is stored, the code itself is not.
        assert VoteToken.objects.filter(batch=batch, token_hash__in=[hash_token(c) for c in codes]).count() == 9
    # A printed code votes for its window.
    assert cast_vote(token=CODE.findall(pages[0])[0], rating="satisfied", window_code=window_a.code) == window_a


def test_the_qr_code_is_the_cards_address_module_for_module():
    address = pdf.card_address("https://example.cn/vote/", "UA-W1", "ABCDEFGHJKLMNPQR")
    assert address == "https://example.cn/vote/?w=UA-W1#ABCDEFGHJKLMNPQR"
    mime, png = data_uri(pdf.qr_png(address))
    assert mime == "image/png"
    image = Image.open(io.BytesIO(png))
    expected = segno.make(address, error="m", micro=False, mask=pdf.QR_MASK).matrix
    size = len(expected) + 2 * pdf.QUIET_ZONE
    assert (image.mode, image.size) == ("L", (size, size))
    pixels = image.load()
    border = pdf.QUIET_ZONE
    assert all(pixels[x, y] == 255 for x in range(size) for y in (0, size - 1))
    assert [[pixels[x + border, y + border] == 0 for x in range(len(expected))] for y in range(len(expected))] == [
        [bool(v) for v in row] for row in expected
    ]


def test_the_jobs_queries_grow_neither_with_the_cards_nor_with_the_windows(assessment_year, unit_a, unit_b, committee_staff):
    for i in range(2):
        make_window(unit_a, f"WQ-{i}")
    for i in range(4):
        make_window(unit_b, f"WR-{i}")
    counted = {}
    for units, size in (([unit_a], 2), ([unit_a], 11), ([unit_a, unit_b], 2)):
        job = Job.objects.create(kind=MANY, created_by=committee_staff, params={})
        job = Job.objects.select_related("created_by").get(pk=job.pk)
        with CaptureQueriesContext(connection) as ctx:
            outcome = make_cards_pdf_for_windows(job, lambda *a: None, **_params(assessment_year, units, size))
        counted[outcome.data["cards"], outcome.data["windows"]] = len(ctx.captured_queries)
    # Unit A: window A and two more; unit B: window B and four more.
    assert list(counted) == [(6, 3), (33, 3), (16, 8)]
    assert len(set(counted.values())) == 1, counted


def test_a_second_run_of_the_same_job_makes_no_second_set(assessment_year, window_a, unit_a, committee_staff, run_job_now):
    params = _params(assessment_year, [unit_a], 3)
    run_job_now(committee_staff, MANY, **params)
    again = run_job_now(committee_staff, MANY, **params)
    assert again.state == Job.State.FAILED
    assert "此表单已经提交过" in again.message
    assert TokenBatch.objects.count() == 1 and VoteToken.objects.count() == 3


def test_windows_outside_the_starters_district_are_not_printed(assessment_year, window_a, committee_staff, run_job_now):
    elsewhere = UnitFactory(code="UX", name="另一区单位", parent=CommitteeFactory(code="C2", name="另一工委"))
    make_window(elsewhere, "W-X")
    job = run_job_now(committee_staff, MANY, **_params(assessment_year, [elsewhere], 3))
    assert job.state == Job.State.FAILED
    assert job.message == "考评年度已不存在，或所选单位没有您管理的开放窗口。"
    assert not TokenBatch.objects.exists()


def test_the_page_offers_the_managed_units_and_starts_the_job(
    assessment_year, window_a, window_b, unit_a, unit_b, committee_staff, client_for, django_capture_on_commit_callbacks
):
    UnitFactory(code="UZ", name="没有窗口的单位", parent=unit_a.parent)
    client = client_for(committee_staff)
    url = reverse("evaluation:tokens_many", kwargs={"year": assessment_year.year})
    page = client.get(url)
    assert [u.code for u in page.context["form"].fields["units"].queryset] == [unit_a.code, unit_b.code]
    assert not Job.objects.exists()
    data = {"units": [unit_a.pk, unit_b.pk], "size": 4, "valid_days": 30, "submission": str(uuid.uuid4())}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    job = Job.objects.get()
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.state == Job.State.DONE and VoteToken.objects.count() == 8
    detail = client.get(response.url)
    assert dict(detail.context["summary"]) == {"投票卡数量": 8, "窗口数": 2}
    assert detail.context["next"][1] == reverse("evaluation:tokens", args=[assessment_year.year])
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 200


def test_more_cards_than_one_run_holds_are_refused_by_the_form(
    assessment_year, window_a, unit_a, committee_staff, client_for, settings, monkeypatch
):
    monkeypatch.setattr("evaluation.vote.services.MAX_CARDS_PER_RUN", 10)
    url = reverse("evaluation:tokens_many", kwargs={"year": assessment_year.year})
    response = client_for(committee_staff).post(
        url, {"units": [unit_a.pk], "size": 11, "valid_days": 30, "submission": str(uuid.uuid4())}
    )
    assert response.status_code == 200
    assert "1 个窗口 × 每个窗口 11 张，共 11 张；一次最多生成 10 张" in response.content.decode()
    assert not Job.objects.exists()


def test_only_the_starter_sees_the_codes_and_secretaries_cannot_start(
    assessment_year, window_a, unit_a, committee, committee_staff, secretary, client_for, run_job_now
):
    colleague = RoleFactory(user=UserFactory(username="colleague"), kind=Role.Kind.COMMITTEE_STAFF, organisation=committee).user
    job = run_job_now(committee_staff, MANY, **_params(assessment_year, [unit_a], 2))
    for user in (colleague, secretary):
        client = client_for(user)
        assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    url = reverse("evaluation:tokens_many", kwargs={"year": assessment_year.year})
    assert client_for(secretary).get(url).status_code == 403
    assert client_for(secretary).post(url, {"units": [unit_a.pk], "size": 2}).status_code == 403
    assert Job.objects.count() == 1


def test_a_pdf_laid_out_in_parts_is_one_file_in_order(
    assessment_year, window_a, window_b, unit_a, unit_b, committee_staff, run_job_now, monkeypatch
):
    # Two sheets a part: window A's three sheets and window B's three make three parts, joined into one file.
    monkeypatch.setattr(pdf, "SHEETS_PER_PART", 2)
    seen = []
    monkeypatch.setattr("members.jobs.services.Progress.__call__", lambda self, done, total=None: seen.append((done, total)))
    job = run_job_now(committee_staff, MANY, **_params(assessment_year, [unit_a, unit_b], 17))
    assert job.state == Job.State.DONE, job.message
    pages = [page.extract_text() for page in pdf_of(job).pages]
    assert [len(CODE.findall(text)) for text in pages] == [8, 8, 1, 8, 8, 1]
    assert all(window_a.name in text for text in pages[:3]) and all(window_b.name in text for text in pages[3:])
    # The bar: tokens stored (the first half), then each part parsed, laid out and written (16, 9 and 9 cards).
    assert seen[0] == (0, 68) and (34, 68) in seen and seen[-1] == (68, 68)
    after_tokens = [done - 34 for done, _total in seen[seen.index((34, 68)) + 1 :]]
    assert after_tokens == [5, 10, 16, 16 + 3, 16 + 6, 25, 25 + 3, 25 + 6, 34]
