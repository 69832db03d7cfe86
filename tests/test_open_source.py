"""Published the way Dutch government software is: EUPL-1.2, publiccode.yml, SECURITY.md.

publiccode.yml is checked against the keys, types and limits of the publiccode.yml standard
0.4 (its core schema: required keys, the allowed values of developmentStatus, softwareType,
maintenance type, the description's lengths), written out below as a JSON schema and run
with jsonschema-rs. The standard's own JSON schema is not shipped by any package we can
install, so it is not vendored here; this is the part of it this file uses.
"""

import datetime
import re

import jsonschema_rs
import yaml

from tests.helpers import ROOT

STRING = {"type": "string", "minLength": 1}
URL = {"type": "string", "pattern": r"^https?://"}
DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
STRINGS = {"type": "array", "items": STRING, "minItems": 1}
DESCRIPTION = {
    "type": "object",
    "required": ["shortDescription", "longDescription", "features"],
    "additionalProperties": False,
    "properties": {
        "localisedName": STRING,
        "genericName": {"type": "string", "maxLength": 35},
        "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
        "longDescription": {"type": "string", "minLength": 150, "maxLength": 10000},
        "documentation": URL,
        "apiDocumentation": URL,
        "features": {"type": "array", "items": {"type": "string", "maxLength": 100}},
    },
}
DEPENDENCY = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": STRING,
        "versionMin": STRING,
        "versionMax": STRING,
        "version": STRING,
        "optional": {"type": "boolean"},
    },
}
PUBLICCODE_0_4 = {
    "type": "object",
    "required": [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ],  # fmt: skip
    "properties": {
        "publiccodeYmlVersion": {"const": "0.4"},
        "name": STRING,
        "url": URL,
        "landingURL": URL,
        "softwareVersion": STRING,
        "releaseDate": DAY,
        "platforms": STRINGS,
        "categories": STRINGS,
        "developmentStatus": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
        "softwareType": {
            "enum": [
                "standalone/mobile",
                "standalone/iot",
                "standalone/desktop",
                "standalone/web",
                "standalone/backend",
                "standalone/other",
                "addon",
                "library",
                "configurationFiles",
            ]
        },  # fmt: skip
        "intendedAudience": {
            "type": "object",
            "properties": {"countries": STRINGS, "scope": STRINGS},
        },
        "description": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": DESCRIPTION,
        },
        "legal": {
            "type": "object",
            "required": ["license"],
            "properties": {"license": STRING, "mainCopyrightOwner": STRING},
        },
        "maintenance": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": ["internal", "contract", "community", "none"]},
                "contacts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": STRING, "email": STRING},
                    },
                },
            },
        },
        "localisation": {
            "type": "object",
            "required": ["localisationReady", "availableLanguages"],
            "additionalProperties": False,
            "properties": {
                "localisationReady": {"type": "boolean"},
                "availableLanguages": STRINGS,
            },
        },
        "dependsOn": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "open": {"type": "array", "items": DEPENDENCY},
                "proprietary": {"type": "array", "items": DEPENDENCY},
                "hardware": {"type": "array", "items": DEPENDENCY},
            },
        },
    },
}


def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_yml_meets_the_standard():
    document = publiccode()
    # YAML reads an unquoted date as a date; the standard wants the text YYYY-MM-DD.
    assert isinstance(document["releaseDate"], str)

    errors = [
        f"{'/'.join(map(str, e.instance_path))}: {e.message}"
        for e in jsonschema_rs.validator_for(PUBLICCODE_0_4).iter_errors(document)
    ]
    assert not errors, errors


def test_publiccode_yml_says_what_this_product_is():
    document = publiccode()

    assert document["legal"]["license"] == "EUPL-1.2"
    assert document["platforms"] == ["web"]
    assert document["softwareType"] == "standalone/web"
    assert set(document["description"]) == {"nl", "en"}
    assert document["localisation"] == {
        "localisationReady": True,
        "availableLanguages": ["nl", "en"],
    }
    assert [d["name"] for d in document["dependsOn"]["open"]] == ["PostgreSQL"]
    # The version and day it names are the project's own.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "(.+)"$', pyproject, re.MULTILINE).group(1)
    assert document["softwareVersion"] == version
    assert datetime.date.fromisoformat(document["releaseDate"])


def test_the_licence_is_the_eupl_1_2_in_full():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union")
    # All fifteen articles and the appendix of compatible licences.
    for article in ("1.Definitions", "5.Obligations of the Licensee", "15.Applicable Law"):
        assert article in text
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in text


def test_security_md_tells_how_to_report_and_what_we_promise():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")

    for heading in ("## How to report", "## What we promise", "## Scope", "## Zo meld je het"):
        assert heading in text
    assert "Safe harbour" in text and "/.well-known/security.txt" in text
