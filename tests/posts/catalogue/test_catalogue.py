"""The post catalogue: 1 to 10 posts per organisation, edited by its secretaries only."""

import pytest
from django.utils import translation

from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.catalogue.services import create_post, set_post_offered, update_post
from posts.models import MAX_POSTS_PER_ORGANISATION, Assignment, Post
from tests.factories import MemberFactory

FIELDS = {
    "title": "办税服务岗", "kind": "public", "duties": "办理涉税事项。", "capacity": 2,
    "service_items": "发票领用、税费申报", "service_content": "咨询、受理、办结", "commitments": "一次告知,限时办结",
    "service_materials": "居民身份证、营业执照", "time_limit_days": 3, "supervision_phone": "0571-12345",
}


def test_the_limit_is_ten():
    assert MAX_POSTS_PER_ORGANISATION == 10


def test_a_secretary_offers_up_to_ten_posts_and_the_eleventh_is_refused(secretary, branch_a1):
    for i in range(10):
        create_post(secretary, organisation=branch_a1, **FIELDS | {"title": f"岗位{i}"})
    with pytest.raises(Refusal, match="最多设 10 个"):
        create_post(secretary, organisation=branch_a1, **FIELDS)
    assert Post.objects.filter(organisation=branch_a1).count() == 10


def test_a_withdrawn_post_frees_room_and_offering_it_again_respects_the_limit(secretary, branch_a1):
    posts = [create_post(secretary, organisation=branch_a1, **FIELDS | {"title": f"岗位{i}"}) for i in range(10)]
    set_post_offered(secretary, post=posts[0], offered=False)
    create_post(secretary, organisation=branch_a1, **FIELDS)
    with pytest.raises(Refusal, match="最多设 10 个"):
        set_post_offered(secretary, post=posts[0], offered=True)


def test_the_last_offered_post_cannot_be_withdrawn(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, **FIELDS)
    with pytest.raises(Refusal, match="至少设 1 个"):
        set_post_offered(secretary, post=post, offered=False)
    post.refresh_from_db()
    assert post.is_active


def test_it_refuses_other_branch_secretary(other_secretary, branch_a1):
    with pytest.raises(Refusal, match="不负责管理"):
        create_post(other_secretary, organisation=branch_a1, **FIELDS)
    assert not Post.objects.exists()


def test_a_unit_secretary_offers_posts_for_the_unit_and_its_branches(unit_secretary, unit_a, branch_a2):
    create_post(unit_secretary, organisation=unit_a, **FIELDS)
    create_post(unit_secretary, organisation=branch_a2, **FIELDS)
    assert Post.objects.count() == 2


def test_places_cannot_drop_below_the_members_holding_the_post(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, **FIELDS)
    for _ in range(2):
        Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=post)
    with pytest.raises(Refusal, match="名额不能少于"):
        update_post(secretary, post=post, capacity=1)
    assert update_post(secretary, post=post, capacity=3, title="办税服务岗(新)").capacity == 3


def test_an_inverted_age_range_is_refused(secretary, branch_a1):
    with pytest.raises(Refusal, match="最低年龄不能高于最高年龄"):
        create_post(secretary, organisation=branch_a1, **FIELDS | {"min_age": 50, "max_age": 30})


def test_creating_and_editing_write_audit_rows(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, **FIELDS)
    update_post(secretary, post=post, duties="新的职责。")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == ["posts.post.created", "posts.post.updated"]
    assert AuditEntry.objects.last().actor == secretary


def test_the_create_form_posts_through_the_service(client_for, secretary, branch_a1, branch_b1):
    client = client_for(secretary)
    data = FIELDS | {"organisation": branch_a1.pk, "kind": "internal"}
    response = client.post("/posts/new/", data)
    assert response.status_code == 302
    assert Post.objects.get().organisation == branch_a1
    # Another branch is not among the choices.
    response = client.post("/posts/new/", data | {"organisation": branch_b1.pk})
    assert response.status_code == 200 and Post.objects.count() == 1


def test_a_public_post_must_say_what_it_serves(client_for, secretary, branch_a1):
    incomplete = FIELDS | {"service_items": "", "service_content": "", "commitments": ""}
    response = client_for(secretary).post("/posts/new/", incomplete | {"organisation": branch_a1.pk})
    assert response.status_code == 200
    assert "须公开服务项目" in response.content.decode()
    assert not Post.objects.exists()


def test_a_secretary_stops_offering_a_post_from_its_page(client_for, secretary, branch_a1):
    keep = create_post(secretary, organisation=branch_a1, **FIELDS)
    drop = create_post(secretary, organisation=branch_a1, **FIELDS | {"title": "党建宣传岗"})
    client = client_for(secretary)
    assert client.post(f"/posts/{drop.pk}/offer/").status_code == 302
    drop.refresh_from_db()
    assert not drop.is_active
    response = client.post(f"/posts/{keep.pk}/offer/", follow=True)
    assert "至少设 1 个" in response.content.decode()
    keep.refresh_from_db()
    assert keep.is_active


@pytest.mark.parametrize("missing", ["service_items", "service_content", "commitments"])
def test_a_public_post_must_publish_what_the_handbook_shows(secretary, branch_a1, missing):
    with pytest.raises(Refusal, match="服务项目"):
        create_post(secretary, organisation=branch_a1, **FIELDS | {missing: "  "})
    assert not Post.objects.exists()


def test_an_internal_post_needs_no_service_items(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, title="党建宣传岗", kind="internal", duties="负责支部宣传。")
    assert not post.is_public


def test_turning_a_post_public_asks_for_its_service_items(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, title="党建宣传岗", kind="internal", duties="负责支部宣传。")
    with pytest.raises(Refusal):
        update_post(secretary, post=post, kind="public")
    post.refresh_from_db()
    assert post.kind == "internal"


@pytest.mark.parametrize("missing", ["service_materials", "time_limit_days", "supervision_phone"])
def test_a_public_post_is_not_offered_without_its_service_guide(secretary, branch_a1, missing):
    with pytest.raises(Refusal) as exc:
        create_post(secretary, organisation=branch_a1, **FIELDS | {missing: None if missing == "time_limit_days" else " "})
    assert str(exc.value) == "面向群众的岗位须公开办事指南：办理材料、办理时限（工作日）和监督电话。"
    assert not Post.objects.exists()


def test_the_service_guide_defaults_to_no_fee_and_is_audited_when_changed(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, **FIELDS)
    assert post.service_fees == "不收费"
    update_post(secretary, post=post, legal_basis="《中华人民共和国税收征收管理法》", service_place_hours="大厅2号窗口,工作日9:00-17:00")
    post.refresh_from_db()
    assert post.legal_basis == "《中华人民共和国税收征收管理法》"
    # The history names the changed fields in words, in the reader's language (not `legal_basis`).
    entry = AuditEntry.objects.get(action="posts.post.updated")
    with translation.override("en"):
        assert entry.reason == "Changed: legal basis, place and hours"
    with translation.override("zh-hans"):
        assert entry.reason == "修改了：设定依据、办理地点和时间"


def test_an_internal_post_needs_no_service_guide(secretary, branch_a1):
    post = create_post(secretary, organisation=branch_a1, title="党建宣传岗", kind="internal", duties="负责支部宣传。")
    assert post.service_materials == "" and post.time_limit_days is None
