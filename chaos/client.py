"""A small HTTP client for the fault run: cookies, CSRF forms, timings; no third-party code.

Each request opens its own connection, so one that hangs or is cut off shows up as that
request's error and cannot disturb the next one.
"""

import http.client
import time
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie


@dataclass
class Result:
    """What one request got: a status, or the error that took its place."""

    actor: str
    method: str
    path: str
    started: float
    ended: float
    status: int | None = None
    error: str = ""
    location: str = ""
    body: str = ""


class Browser:
    """One visitor: keeps its cookies like a browser and fills in forms with their CSRF token."""

    def __init__(self, host: str, port: int, actor: str, timeout: float):
        self.host, self.port, self.actor, self.timeout = host, port, actor, timeout
        self.cookies: dict[str, str] = {"django_language": "en"}

    def request(self, method: str, path: str, form: dict | None = None, timeout: float = 0):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        result = Result(self.actor, method, path, started, started)
        connection = http.client.HTTPConnection(
            self.host, self.port, timeout=timeout or self.timeout
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            result.body = response.read().decode("utf-8", "replace")
            result.status = response.status
            result.location = response.getheader("Location", "")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        except TimeoutError:
            result.error = "timeout"
        except (OSError, http.client.HTTPException) as error:
            result.error = type(error).__name__
        finally:
            connection.close()
            result.ended = time.monotonic()
        return result

    def form(self, path: str, field: str) -> tuple[Result, dict | None]:
        """GET a page and return its POST form that has `field`, filled as the page shows it."""
        page = self.request("GET", path)
        if page.status != 200:
            return page, None
        parser = FormParser()
        parser.feed(page.body)
        for fields in parser.forms:
            if field in fields:
                return page, fields
        return page, None


class FormParser(HTMLParser):
    """The POST forms of a page, each as {name: value or [values]} as the browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def _add(self, name: str, value: str) -> None:
        current = self._form.get(name)
        if current is None:
            self._form[name] = value
        elif isinstance(current, list):
            current.append(value)
        else:
            self._form[name] = [current, value]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file"):
                self._add(a["name"], a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value", ""))

    def handle_data(self, data):
        if self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea:
            # Like a browser, drop the one newline right after <textarea>.
            self._form[self._textarea] = self._form[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
