"""LibreOffice opens what the exports write: the .docx becomes a PDF, and the tracked changes
of the .odt survive LibreOffice's own reading (converted to .docx, they are w:ins and w:del).

Skipped where LibreOffice is not installed (CI has none); Debian's `libreoffice-writer`."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from core.services import item_set_retired, item_update
from tests.helpers import add_norm

SOFFICE = "/usr/bin/soffice"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not Path(SOFFICE).exists() or not shutil.which(SOFFICE),
                       reason="LibreOffice (soffice) is not installed"),
]  # fmt: skip


def convert(tmp_path: Path, name: str, content: bytes, to: str) -> Path:
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "out"
    # A profile of its own: a second soffice on the machine would otherwise hold its lock.
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--norestore", "--convert-to", to, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"{source.stem}.{to}"


def test_libreoffice_turns_the_version_file_into_a_pdf(client_for, v1, tmp_path):
    response = client_for("employee").get(reverse("codeapp:version-docx", args=[1]))

    pdf = convert(tmp_path, "code.docx", response.content, "pdf")

    assert pdf.read_bytes().startswith(b"%PDF")


def test_libreoffice_reads_the_tracked_changes_of_both_files(
    client_for, code, v1, editor, tmp_path
):
    gifts = code["gifts"]
    item_update(item=gifts, expected_revision=gifts.revision,
                changes={"text": "Je meldt elk geschenk direct."}, user=editor)  # fmt: skip
    add_norm(editor, code["expertise"], "Kennis delen", "aspiration", key="delen")
    item_set_retired(item=code["bribes"], retired=True, user=editor)
    client = client_for("editor")

    for fmt in ("docx", "odt"):
        response = client.get(reverse(f"codeapp:draft-compare-{fmt}"))
        converted = convert(tmp_path, f"compare.{fmt}", response.content, "pdf")
        assert converted.read_bytes().startswith(b"%PDF")
    # The .odt read by LibreOffice and written as Word: the changes are still changes.
    odt = client.get(reverse("codeapp:draft-compare-odt")).content
    word = convert(tmp_path, "again.odt", odt, "docx")
    with zipfile.ZipFile(word) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "<w:ins " in xml and "Kennis delen" in xml
    assert "<w:del " in xml and "Geen steekpenningen" in xml
    assert 'w:author="Living code"' in xml
