"""Reading a version of a code built on a model: model norms and own additions are marked, and
the version compares with the model it builds on."""

import pytest
from django.urls import reverse

from codeapp.modelcodes.starting import item_leave_out, model_start
from core.services import item_create, item_update
from norms.models import Norm
from tests.helpers import english, publish, text_of
from tests.helpers.models import PUBLISHER, gir
from values.models import Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(editor, officer):
    model_start(model=gir(2016), publisher=PUBLISHER, user=editor)
    norm = Norm.objects.get(key="uitnodigingen")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Alleen met akkoord."},
        user=editor,
    )  # fmt: skip
    item_create(
        item=Norm(value=Value.objects.get(key="omgaan-met-elkaar"), title="De dienstauto",
                  text="Je gebruikt de dienstauto alleen voor je werk.", kind="obligation"),
        user=editor, key="dienstauto",
    )  # fmt: skip
    item_leave_out(key="sociale-media", reason="Eigen richtlijn.", user=editor)
    return publish(officer, "2020-01-01")


def test_the_reading_page_marks_model_norms_and_own_additions(client, v1):
    page = english(client).get(reverse("codeapp:version", args=[1]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "origin-local" in html and "origin-adapted" in html and "origin-model" in html
    assert "own addition" in text_of(page)
    assert reverse("codeapp:version-model", args=[1]) in html


def test_the_version_compares_with_the_model(client, v1):
    page = english(client).get(reverse("codeapp:version-model", args=[1]))
    assert page.status_code == 200
    text = text_of(page)
    assert "Gedragscode Integriteit Rijk" in text and "version 1" in text
    assert "1 added" in text and "1 changed" in text and "1 removed" in text


def test_a_version_on_no_model_has_no_comparison(client, code, officer):
    publish(officer, "2020-01-01")
    assert client.get(reverse("codeapp:version-model", args=[1])).status_code == 404
    assert client.get(reverse("codeapp:version-model", args=[9])).status_code == 404
    page = client.get(reverse("codeapp:version", args=[1])).content.decode()
    assert "origin-" not in page and "based-on" not in page


def test_the_comparison_runs_a_bounded_number_of_queries(
    client, v1, editor, officer, django_assert_max_num_queries
):
    url = reverse("codeapp:version-model", args=[1])
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    value = Value.objects.get(key="omgaan-met-elkaar")
    for i in range(30):
        item_create(
            item=Norm(value=value, title=f"Eigen {i}", text="Tekst.", kind="obligation"),
            user=editor,
        )
    publish(officer, "2021-01-01")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("codeapp:version-model", args=[2]))


def test_the_api_sends_the_version_with_its_model_fields_as_the_schema_says(client, v1):
    from codeapp.api.schemas import CodeDocument

    doc = client.get("/api/v1/versions/1").json()
    assert doc["based_on"]["title"] == "Gedragscode Integriteit Rijk"
    assert doc["left_out"] == [{"key": "sociale-media", "reason": "Eigen richtlijn."}]
    CodeDocument.model_validate(doc)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "based_on" in schema["CodeDocument"]["properties"]
    assert "based_on" not in schema["CodeDocument"]["required"]
