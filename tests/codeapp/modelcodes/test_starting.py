"""Starting the code from a model: from a file or an address; a bad model changes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from codeapp.modelcodes.fetching import ChainBroken, ModelUnavailable, fetch_release
from codeapp.models import ModelBase
from codeapp.versions.documents import build_draft_document
from core.services import item_update
from norms.models import Norm
from tests.helpers import add_norm, english, text_of
from tests.helpers.documents import snapshot, without_version
from tests.helpers.models import GIR_2016, PUBLISHER, gir
from tests.helpers.servers import free_port

pytestmark = pytest.mark.django_db

PAGE = "/draft/model/"


def upload(doc, name="gir-2016.json") -> SimpleUploadedFile:
    body = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    return SimpleUploadedFile(name, body, content_type="application/json")


def start(client, **fields):
    data = {"publisher": PUBLISHER, **fields}
    return client.post(PAGE, data)


def origins(doc: dict) -> set[str]:
    out = set()
    for value in doc["values"]:
        out.add(value["origin"])
        for norm in value["norms"]:
            out.add(norm["origin"])
            out.update(e["origin"] for e in norm["examples"])
    return out


def test_an_editor_starts_the_code_from_a_model_file(client_for):
    response = start(client_for("editor"), file=upload(GIR_2016.read_bytes(), "gir.json"))
    assert response.status_code == 302 and response["Location"] == reverse("codeapp:draft")
    draft = build_draft_document()
    model = gir(2016)
    assert draft["based_on"] == {
        "title": model["title"], "publisher": PUBLISHER, "version": 1,
        "sha256": model["version"]["sha256"], "url": None,
    }  # fmt: skip
    assert origins(draft) == {"model"}
    assert "left_out" not in draft
    base = ModelBase.objects.get()
    assert base.document == model and not base.follow
    # The draft is the model, item for item.
    plain = without_version(model)
    for value in draft["values"]:
        value.pop("origin")
        for norm in value["norms"]:
            norm.pop("origin")
            for example in norm["examples"]:
                example.pop("origin")
    draft.pop("based_on")
    assert draft == plain


def test_an_editor_starts_the_code_from_an_address(client_for, model_site):
    response = start(client_for("editor"), url=model_site.url, follow="on", minimum="on")
    assert response.status_code == 302
    base = ModelBase.objects.get()
    assert base.url == model_site.url and base.follow and base.minimum
    assert build_draft_document()["based_on"]["url"] == model_site.url


BAD_FILES = [
    (b"not json", "not a JSON document"),
    (json.dumps({**gir(2016), "version": None}).encode(), "a draft, not a published version"),
    (json.dumps({**gir(2016), "title": "Anders"}).encode(), "seal of the model does not match"),
    (json.dumps({**gir(2016), "format": "other/1"}).encode(), "$.format"),
    ("ü".encode("latin-1"), "not a JSON document"),
]


@pytest.mark.parametrize(("body", "message"), BAD_FILES)
def test_a_bad_model_file_is_refused_and_changes_nothing(client_for, code, body, message):
    before = snapshot()
    response = start(english(client_for("editor")), file=upload(body), replace="on")
    assert response.status_code == 400
    assert message in text_of(response) and "Nothing changed" in text_of(response)
    assert snapshot() == before and not ModelBase.objects.exists()


def test_an_address_that_does_not_answer_changes_nothing(client_for, code):
    before = snapshot()
    response = start(
        client_for("editor"), url=f"http://127.0.0.1:{free_port()}/api/v1/code", replace="on"
    )
    assert response.status_code == 400
    assert snapshot() == before and not ModelBase.objects.exists()


@pytest.mark.parametrize(
    ("setup", "error", "message"),
    [
        (lambda s: s.routes.update({"/api/v1/code": (500, b"{}")}), ModelUnavailable, "500"),
        (lambda s: s.routes.update({"/api/v1/code": (200, b"<html>")}), ModelUnavailable, "JSON"),
        (
            lambda s: s.routes.update({"/api/v1/versions": (200, b"[]")}),
            ChainBroken,
            "gap",
        ),
        (
            lambda s: s.routes.update(
                {
                    "/api/v1/versions": (
                        200,
                        json.dumps(
                            [{"number": 1, "sha256": "0" * 64, "previous_sha256": None}]
                        ).encode(),
                    )
                }
            ),  # fmt: skip
            ChainBroken,
            "does not match its own list",
        ),
    ],
)
def test_a_model_address_is_checked_before_it_is_used(model_site, setup, error, message):
    setup(model_site)
    with translation.override("en"), pytest.raises(error, match=message):
        fetch_release(model_site.url)


@translation.override("en")
def test_an_address_is_http_only_and_size_limited(model_site, settings):
    with pytest.raises(ModelUnavailable, match="http"):
        fetch_release("file:///etc/passwd")
    settings.MODEL_FETCH_MAX_BYTES = 100
    with pytest.raises(ModelUnavailable, match="more than 100 bytes"):
        fetch_release(model_site.url)


def test_the_start_form_needs_a_source_and_agreement_to_replace(client_for, code):
    before = snapshot()
    response = start(client_for("editor"))
    assert response.status_code == 400
    response = start(client_for("editor"), file=upload(GIR_2016.read_bytes()))
    assert response.status_code == 400 and "replace" in response.content.decode()
    assert snapshot() == before


def test_officers_see_the_model_page_but_cannot_start(client_for):
    officer = client_for("officer")
    assert officer.get(PAGE).status_code == 200
    assert start(officer, file=upload(GIR_2016.read_bytes())).status_code == 403
    assert not ModelBase.objects.exists()


@pytest.fixture
def on_model(client_for):
    assert start(client_for("editor"), file=upload(GIR_2016.read_bytes())).status_code == 302
    return ModelBase.objects.get()


def test_leaving_out_needs_a_reason_and_records_it(client_for, on_model):
    editor = client_for("editor")
    url = reverse("codeapp:model-leave-out", args=["sociale-media"])
    assert editor.get(url).status_code == 200
    assert editor.post(url, {"reason": "  "}).status_code == 400
    assert not Norm.objects.get(key="sociale-media").retired
    response = editor.post(url, {"reason": "Onze eigen richtlijn gaat verder."})
    assert response.status_code == 302
    assert Norm.objects.get(key="sociale-media").retired
    draft = build_draft_document()
    assert draft["left_out"] == [
        {"key": "sociale-media", "reason": "Onze eigen richtlijn gaat verder."}
    ]


def test_leaving_out_a_norm_leaves_out_its_examples(client_for, on_model):
    url = reverse("codeapp:model-leave-out", args=["geschenken"])
    client_for("editor").post(url, {"reason": "Wij volgen een strengere regel."})
    assert [e["key"] for e in build_draft_document()["left_out"]] == ["geschenken", "kerstpakket"]


def test_a_minimum_model_warns_that_leaving_out_falls_below_it(client_for, on_model):
    on_model.minimum = True
    on_model.save()
    page = client_for("editor").get(reverse("codeapp:model-leave-out", args=["ambtseed"]))
    assert "minimum-warning" in page.content.decode()


def test_the_draft_page_marks_origins_and_shows_the_models_wording(client_for, on_model, editor):
    norm = Norm.objects.get(key="uitnodigingen")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Alleen met akkoord."},
        user=editor,
    )  # fmt: skip
    page = client_for("editor").get(reverse("codeapp:draft"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert "origin-adapted" in html and "origin-model" in html
    assert "The model" in text_of(page)
    # The model's wording, one click away.
    assert "alleen aan na overleg met je leidinggevende" in html


def test_the_draft_page_runs_a_bounded_number_of_queries(
    client_for, on_model, editor, django_assert_max_num_queries
):
    client = client_for("editor")
    client.get(reverse("codeapp:draft"))
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("codeapp:draft"))
    value = Norm.objects.first().value
    for i in range(20):
        add_norm(editor, value, title=f"Eigen norm {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("codeapp:draft"))
