"""Taking a model release from another installation's API: fetched with a timeout and a size
limit, over http(s) only, its seal and its chain of seals verified before anything uses it.

`/api/v1/code` gives the version in force; its sibling `/api/v1/versions` lists every version's
seal and the one before it, and `/api/v1/versions/<N>` gives one version's document.
"""

import json
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from codeapp.versions.documents import DocumentError, parse, seal, validate


class ModelUnavailable(Exception):
    """The address gave no usable document; the message says why, for the editor."""


class ChainBroken(ModelUnavailable):
    """The model's seals do not hold: its releases cannot be trusted."""


def check_address(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ModelUnavailable(_("The address must start with http:// or https://."))
    return url


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise ModelUnavailable(_("The address sends us on to an address that is not http(s)."))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnly)


def fetch_json(url: str):
    """The JSON at `url`, within the time and size limits; ModelUnavailable otherwise."""
    url = check_address(url)
    limit = settings.MODEL_FETCH_MAX_BYTES
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "living-code"}
    )
    try:
        with _opener.open(request, timeout=settings.MODEL_FETCH_TIMEOUT) as response:
            body = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise ModelUnavailable(
            _("The address answered with HTTP status %(status)d.") % {"status": error.code}
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise ModelUnavailable(
            _("The address does not answer (%(reason)s).") % {"reason": str(reason)[:200]}
        ) from None
    if len(body) > limit:
        raise ModelUnavailable(
            _("The address sends more than %(limit)d bytes: that is not a code.") % {"limit": limit}
        )
    try:
        return parse(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ModelUnavailable(_("The address does not send a JSON document.")) from None
    except DocumentError as error:
        raise ModelUnavailable(str(error)) from None


def release_document(doc) -> dict:
    """A model release must be a valid, sealed document: DocumentError or ModelUnavailable."""
    validate(doc)
    if doc["version"] is None:
        raise ModelUnavailable(
            _("This is a draft, not a published version: a model must be a sealed version.")
        )
    if seal(doc) != doc["version"]["sha256"]:
        raise ChainBroken(_("The seal of the model does not match its document."))
    return doc


def fetch_release(url: str, *, since: dict | None = None) -> dict:
    """The model release in force at `url` (an address like …/api/v1/code), verified.

    Its seal is recomputed, and the chain of seals the model lists (`…/versions`) must link
    each version to the one before it. With `since` (the release the code builds on now),
    every version after it is fetched and its seal recomputed, and the chain must run back
    to it: a model whose history was rewritten is refused.
    """
    try:
        doc = release_document(fetch_json(url))
    except DocumentError as error:
        raise ModelUnavailable(
            _("The address does not give a valid code: %(error)s") % {"error": error}
        ) from None
    listing = fetch_json(urljoin(url, "versions"))
    if not isinstance(listing, list):
        raise ModelUnavailable(_("The address lists no versions beside the code."))
    try:
        chain = {int(entry["number"]): entry for entry in listing}
        numbers = sorted(chain)
    except (TypeError, KeyError, ValueError):
        raise ModelUnavailable(_("The list of the model's versions cannot be read.")) from None
    number = doc["version"]["number"]
    if numbers != list(range(1, len(numbers) + 1)) or number not in chain:
        raise ChainBroken(_("The model's versions have a gap: its chain of seals is broken."))
    previous = None
    for n in numbers:
        entry = chain[n]
        if entry.get("previous_sha256") != previous:
            raise ChainBroken(
                _("Version %(number)d of the model does not link to the one before it.")
                % {"number": n}
            )
        previous = entry.get("sha256")
    if chain[number].get("sha256") != doc["version"]["sha256"] or (
        doc["version"]["previous_sha256"] != (chain[number - 1]["sha256"] if number > 1 else None)
    ):
        raise ChainBroken(_("The model's document does not match its own list of versions."))
    if since is not None:
        base = since["version"]
        if base["number"] > number or chain.get(base["number"], {}).get("sha256") != base["sha256"]:
            raise ChainBroken(
                _(
                    "The model no longer holds the version %(number)d this code is based on: "
                    "its history was changed."
                )
                % {"number": base["number"]}
            )
        for n in range(base["number"] + 1, number):
            try:
                between = release_document(fetch_json(urljoin(url, f"versions/{n}")))
            except DocumentError:
                between = None
            if between is None or between["version"]["sha256"] != chain[n]["sha256"]:
                raise ChainBroken(
                    _("Version %(number)d of the model does not match its seal.") % {"number": n}
                )
    return doc
