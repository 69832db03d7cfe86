"""The OpenID provider the sign-in tests run against: the certified `oidc-provider` package
(tests/idp/server.js, installed by `make test` with `npm ci --prefix tests/idp`), started on a
free port, with its test-only controls and the settings that point the application at it."""

import json
import os
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from codeapp.settings import oidc_settings
from tests.helpers import ROOT
from tests.helpers.servers import free_port

IDP = ROOT / "tests" / "idp"
CLIENT_ID = "livingcode"
CLIENT_SECRET = "test-secret"
ROLE_MAP = "P&O-redactie=editor;Integriteit=integrity officer"


@dataclass(frozen=True)
class Idp:
    issuer: str

    def _put(self, path: str, body: dict[str, Any]) -> None:
        request = urllib.request.Request(
            f"{self.issuer}{path}", data=json.dumps(body).encode(), method="PUT"
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 204

    def account(self, login: str, **claims: Any) -> None:
        """Add or change the account `login` (its `sub`); the next sign-in sees it."""
        self._put(f"/test/accounts/{login}", claims)

    def mode(self, mode: str) -> None:
        """ "tamper" or "expire" the ID tokens of the next sign-ins; "" for honest ones."""
        self._put("/test/mode", {"mode": mode})

    def settings(self, **env: str) -> dict[str, Any]:
        """The settings the application gets from an environment pointing at this provider."""
        return oidc_settings(
            {
                "OIDC_ISSUER": self.issuer,
                "OIDC_CLIENT_ID": CLIENT_ID,
                "OIDC_CLIENT_SECRET": CLIENT_SECRET,
                "OIDC_ROLE_MAP": ROLE_MAP,
                **env,
            }
        )


@contextmanager
def running_idp(rp_url: str) -> Iterator[Idp]:
    """Start tests/idp/server.js for the application at `rp_url`; stop it afterwards."""
    if not (IDP / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("the test identity provider is not installed: npm ci --prefix tests/idp")
    port = free_port()
    process = subprocess.Popen(
        ["node", "server.js"],
        cwd=IDP,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "IDP_PORT": str(port),
            "RP_URL": rp_url,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line.startswith("ready "):
            raise RuntimeError(f"the test identity provider did not start: {line!r}")
        yield Idp(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)


def sign_in_with_work_account(page, live_server, login: str) -> None:
    """From the login page, through the provider's own sign-in form, back to the application
    (or to its failure page)."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#sign-in-work-account").focus()  # by keyboard, as anyone may
    page.keyboard.press("Enter")
    # On to the provider's sign-in form, or straight back when still signed in there.
    page.wait_for_url(lambda url: "/interaction/" in url or "/accounts/" not in url)
    page.wait_for_load_state()
    if page.url.startswith(live_server.url):
        return
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/**")
    page.wait_for_load_state()
