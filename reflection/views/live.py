"""Live dilemma sessions: the lead's pages, the big screen, its state, and the phones' pages.

Who sees what: a session's pages (control, screen, state) are for its lead, editors and
integrity officers; only its lead and editors run it. Its notes never reach a participant:
the phone pages show the dilemma, its options and, once shown, its reflection. A participant
has no account; their phone keeps a signed random token in a cookie for that session only.
"""

import segno
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.codes import using_code
from core.roles import person_name
from people.models import Unit
from people.teamleads import is_team_lead, led_units
from reflection.forms.live import JoinForm, LiveSessionForm, NoteForm, SignalForm
from reflection.models import LiveAnswer, LiveDilemma, LiveNote, LiveSession
from reflection.services import live as services
from reflection.services.errors import TransitionError

COOKIE_SALT = "reflection.live.participant"
COOKIE_DAYS = 1


# ---------------------------------------------------------------------------------------------
# Who may.


def may_run_any(user: AbstractBaseUser) -> bool:
    """Editors run any team's session (and record it); team leads their own teams'."""
    return user.has_perm("reflection.change_session")


def may_start(user: AbstractBaseUser) -> bool:
    return may_run_any(user) or is_team_lead(user)


def may_see(user: AbstractBaseUser, live: LiveSession) -> bool:
    """Its lead, editors and integrity officers of its code (notes included); nobody else.

    An editor or officer named for other codes only holds no right on it, whichever code
    they work on now (core.codes: rights follow the active code)."""
    if live.lead_id == user.pk:
        return True
    with using_code(live.code):
        return user.has_perm("reflection.view_session")


def may_run(user: AbstractBaseUser, live: LiveSession) -> bool:
    if live.lead_id == user.pk:
        return True
    with using_code(live.code):
        return may_run_any(user)


def _session_for(request: HttpRequest, pk: int) -> LiveSession:
    live = get_object_or_404(
        LiveSession.objects.select_related("code", "unit", "lead", "record"), pk=pk
    )
    if not may_see(request.user, live):
        raise PermissionDenied
    return live


# ---------------------------------------------------------------------------------------------
# The lead's pages.


@require_http_methods(["GET", "HEAD"])
@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    """My live sessions; editors and integrity officers see every one."""
    sees_all = request.user.has_perm("reflection.view_session")
    if not (sees_all or is_team_lead(request.user)):
        raise PermissionDenied
    rows = LiveSession.objects.select_related("unit", "lead").annotate(
        dilemma_count=Count("dilemmas", distinct=True)
    )
    if not sees_all:
        rows = rows.filter(lead=request.user)
    elif kept := list(request.user.kept_codes.values_list("pk", flat=True)):
        # Named for chosen codes: those codes' sessions, and the ones they led themselves.
        rows = rows.filter(Q(code_id__in=kept) | Q(lead=request.user))
    return render(
        request,
        "reflection/live/list.html",
        {"sessions": rows[:200], "may_start": may_start(request.user)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not may_start(request.user):
        raise PermissionDenied
    units = (
        Unit.objects.order_by("name", "pk")
        if may_run_any(request.user)
        else led_units(request.user)
    )
    form = LiveSessionForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            live = services.live_create(
                title=form.cleaned_data["title"],
                unit=form.cleaned_data["unit"],
                cases=form.cleaned_data["cases"],
                user=request.user,
            )
        except TransitionError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The live session is open. Show the screen to your team."))
            return redirect("reflection:live-control", pk=live.pk)
    return render(request, "reflection/live/form.html", {"form": form})


def _dilemmas(live: LiveSession) -> list[LiveDilemma]:
    return list(
        live.dilemmas.select_related("case").prefetch_related("case__options").order_by("position")
    )


def _current(dilemmas: list[LiveDilemma], live: LiveSession) -> LiveDilemma | None:
    return next((d for d in dilemmas if d.position == live.current), None)


def _bars(dilemma: LiveDilemma | None, counts: dict[str, int]) -> list[dict]:
    if dilemma is None:
        return []
    total = sum(counts.values())
    return [
        {
            "option": option,
            "count": counts.get(str(option.pk), 0),
            "max": max(total, 1),
            "letter": chr(ord("A") + n),
        }
        for n, option in enumerate(dilemma.case.options.all())
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def control(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead's page: move through the dilemmas, show the reflection, note, signal, close."""
    live = _session_for(request, pk)
    runs = may_run(request.user, live)
    note_form = signal_form = None
    if request.method == "POST":
        if not runs:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "note":
            note_form = NoteForm(request.POST, live=live)
            if note_form.is_valid():
                services.live_note(
                    live=live,
                    dilemma=note_form.cleaned_data["dilemma"],
                    text=note_form.cleaned_data["text"],
                )
                messages.success(request, _("The note was saved."))
                return redirect("reflection:live-control", pk=live.pk)
        elif action == "signal":
            signal_form = SignalForm(request.POST)
            if signal_form.is_valid():
                services.live_signal(
                    live=live,
                    kind=signal_form.cleaned_data["kind"],
                    norm=signal_form.cleaned_data["norm"],
                    text=signal_form.cleaned_data["text"],
                )
                messages.success(request, _("The team's signal was saved."))
                return redirect("reflection:live-control", pk=live.pk)
        else:
            answer = _move(request, live, action)
            return answer or redirect("reflection:live-control", pk=live.pk)
    dilemmas = _dilemmas(live)
    current = _current(dilemmas, live)
    state = services.state_of(live)
    return render(
        request,
        "reflection/live/control.html",
        {
            "live": live,
            "runs": runs and live.state == LiveSession.State.OPEN,
            "may_propose": runs,
            "dilemmas": dilemmas,
            "current": current,
            "bars": _bars(current, state.body["options"]),
            "answers": state.body["answers"],
            "state_name": state.body["state"],
            "notes": live.notes.select_related("dilemma__case", "proposal__proposer"),
            "signals": live.signals.select_related("norm", "value"),
            "note_form": note_form or NoteForm(live=live, initial={"dilemma": current}),
            "signal_form": signal_form or SignalForm(),
            "confirm_close": request.method != "POST" and request.GET.get("close") == "1",
        },
        status=400 if request.method == "POST" else 200,
    )


def _move(request: HttpRequest, live: LiveSession, action: str) -> HttpResponse | None:
    """The lead's moves; each carries the revision the page showed (one tab wins)."""
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        if action in ("next", "previous"):
            step = 1 if action == "next" else -1
            services.live_go_to(
                live=live, position=live.current + step, expected_revision=revision,
                user=request.user,
            )  # fmt: skip
        elif action in ("show-reflection", "hide-reflection"):
            services.live_show_reflection(
                live=live, show=action == "show-reflection", expected_revision=revision,
                user=request.user,
            )  # fmt: skip
        elif action == "close":
            record = services.live_close(live=live, expected_revision=revision, user=request.user)
            if request.user.has_perm("reflection.view_session"):
                messages.success(
                    request,
                    _("The session was closed and recorded as “%(title)s” in the programme.")
                    % {"title": record.title},
                )
            else:  # a team lead does not see the programme
                messages.success(
                    request,
                    _(
                        "The session was closed and recorded as the dilemma session “%(title)s”."
                        " The programme's managers see it in the reflection programme."
                    )
                    % {"title": record.title},
                )
        else:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain")
    except services.StaleEdit:
        messages.warning(
            request,
            _("Someone moved the session on in another window; this is what is on screen now."),
        )
    except TransitionError as error:
        messages.error(request, " ".join(error.messages))
    return None


@require_POST
@login_required
def note_proposal(request: HttpRequest, pk: int, note: int) -> HttpResponse:
    """Start a draft proposal from a note (one click): the proposer finishes it."""
    live = _session_for(request, pk)
    if not may_run(request.user, live):
        raise PermissionDenied
    found = get_object_or_404(
        LiveNote.objects.select_related("live", "proposal"), pk=note, live=live
    )
    try:
        proposal = services.proposal_from_note(note=found, user=request.user)
    except TransitionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reflection:live-control", pk=live.pk)
    if proposal.proposer_id != request.user.pk:
        messages.info(
            request,
            _("%(name)s already started proposal #%(number)d from this note.")
            % {"name": person_name(proposal.proposer), "number": proposal.number},
        )
        return redirect("reflection:live-control", pk=live.pk)
    messages.success(
        request,
        _("Proposal #%(number)d was started as a draft. Finish it and submit it when it is ready.")
        % {"number": proposal.number},
    )
    return redirect("reflection:proposal-edit", pk=proposal.pk)


def join_address(request: HttpRequest, live: LiveSession | None = None) -> str:
    """The address phones open: the one on the screen and in the QR.

    DJANGO_SITE_URL when it is set; otherwise the address the screen was opened at (its host
    checked against ALLOWED_HOSTS by Django, https behind a proxy via SECURE_PROXY_SSL_HEADER),
    so a site on another host or port than the default still sends phones to itself."""
    path = (
        reverse("reflection:join-code", args=[live.join_code])
        if live
        else reverse("reflection:join")
    )
    if getattr(settings, "SITE_URL_SET", False):
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


@require_http_methods(["GET", "HEAD"])
@login_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The big screen: the join code, the QR code, the dilemma, the answers, the reflection."""
    live = _session_for(request, pk)
    dilemmas = _dilemmas(live)
    current = _current(dilemmas, live)
    state = services.state_of(live)
    address = join_address(request, live)
    qr = segno.make(address, error="m").svg_inline(
        scale=8, border=2, omitsize=True, title=_("QR code")
    )  # a viewBox only: the stylesheet sizes it to the screen
    return render(
        request,
        "reflection/live/screen.html",
        {
            "live": live,
            "dilemmas": dilemmas,
            "current": current,
            "bars": _bars(current, state.body["options"]),
            "state": state.body,
            "join_address": join_address(request),
            "code_address": address,
            "qr": qr,
            "summary": _summary(live, dilemmas) if live.state == LiveSession.State.CLOSED else None,
        },
    )


def _summary(live: LiveSession, dilemmas: list[LiveDilemma]) -> list[dict]:
    """Per dilemma, the answers per option (one query for all), as bars like the screen's."""
    counts = {
        str(row["option_id"]): row["n"]
        for row in LiveAnswer.objects.filter(dilemma__live=live)
        .values("option_id")
        .annotate(n=Count("id"))
    }
    result = []
    for dilemma in dilemmas:
        own = {
            str(o.pk): counts[str(o.pk)] for o in dilemma.case.options.all() if str(o.pk) in counts
        }
        result.append({"dilemma": dilemma, "total": sum(own.values()), "bars": _bars(dilemma, own)})
    return result


@require_http_methods(["GET", "HEAD"])
def state(request: HttpRequest, pk: int) -> HttpResponse:
    """The state the screen and the phones poll: JSON, with an ETag (304 when unchanged).

    For the session's lead, editors and officers, and for a phone that joined this session.
    Never cached by a proxy: `private, no-cache` makes every poll ask, and 304 keeps it small.
    """
    if not request.user.is_authenticated and _token_for(request, pk) is not None:
        # A phone: what it needs changes when the lead moves on, so a second-old state will
        # do. Kept a second per process, so a room full of phones asks the database once.
        current = cache.get(f"live-state:{pk}")
        if current is None:
            live = LiveSession.objects.filter(pk=pk).first()
            if live is None:
                return JsonResponse({"error": _("No such live session.")}, status=404)
            current = services.state_of(live)
            cache.set(f"live-state:{pk}", current, timeout=1)
        return _state_response(request, current)
    live = LiveSession.objects.select_related("code").filter(pk=pk).first()
    if live is None:
        return JsonResponse({"error": _("No such live session.")}, status=404)
    if not (
        (request.user.is_authenticated and may_see(request.user, live))
        or _token(request, live) is not None
    ):
        return JsonResponse({"error": _("You may not see this session.")}, status=403)
    return _state_response(request, services.state_of(live))


def _state_response(request: HttpRequest, current: services.State) -> HttpResponse:
    if request.headers.get("If-None-Match") == current.etag:
        response = HttpResponse(status=304)
    else:
        response = JsonResponse(current.body)
    response["ETag"] = current.etag
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Accel-Buffering"] = "no"
    return response


# ---------------------------------------------------------------------------------------------
# The phones.


def _cookie(live: LiveSession) -> str:
    return f"live-{live.pk}"


def _token(request: HttpRequest, live: LiveSession) -> str | None:
    return _token_for(request, live.pk)


def _token_for(request: HttpRequest, pk: int) -> str | None:
    """The phone's token for session `pk`, from its signed cookie (no query)."""
    try:
        return request.get_signed_cookie(
            f"live-{pk}", salt=COOKIE_SALT, max_age=COOKIE_DAYS * 86400
        )
    except (KeyError, signing.BadSignature):
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Type the join code; case, spaces and dashes do not matter."""
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("reflection:join-code", code=form.cleaned_data["code"])
    return render(request, "reflection/live/join.html", {"form": form, "hide_sign_in": True})


def _ended(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "reflection/live/ended.html",
        {"message": message, "hide_sign_in": True},  # a participant needs no account
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def phone(request: HttpRequest, code: str) -> HttpResponse:
    """A phone's page: the dilemma on screen and its options; answer once; wait for the next."""
    wanted = services.normalise_code(code)
    live = (
        LiveSession.objects.filter(join_code=wanted)
        .order_by("-state", "-opened_at")  # the open one ("open" > "closed"), else the latest
        .first()
    )
    if live is None:
        return _ended(
            request,
            _("There is no live session with the code %(code)s. Check the code on the screen.")
            % {"code": wanted},
            404,
        )
    name = services.state_name(live)
    if name == "closed":
        return _ended(request, _("This live session has ended. Thank you for taking part!"), 410)
    if name == "expired":
        return _ended(request, _("This join code has expired. Ask for the new code."), 410)
    token = _token(request, live)
    new_cookie = None
    if token is None:
        try:
            services.join_allowed(live=live, address=get_client_ip_address(request) or "")
        except services.TooMany as refusal:
            return _ended(request, str(refusal), 429)
        token = new_cookie = services.new_token()
    status, error = 200, ""
    if request.method == "POST":
        status, error = _answer(request, live, token)
        if status == 200:
            response = HttpResponseRedirect(request.path)
            return _with_cookie(response, live, new_cookie)
    dilemma = (
        LiveDilemma.objects.filter(live=live, position=live.current)
        .select_related("case")
        .prefetch_related("case__options")
        .first()
    )
    chosen = services.answered(live=live, token=token, position=live.current)
    response = render(
        request,
        "reflection/live/phone.html",
        {
            "live": live,
            "dilemma": dilemma,
            "options": list(dilemma.case.options.all()) if dilemma else [],
            "chosen": chosen,
            "error": error,
            "state_url": reverse("reflection:live-state", args=[live.pk]),
            "is_last": dilemma is not None
            and not LiveDilemma.objects.filter(live=live, position__gt=dilemma.position).exists(),
            "hide_sign_in": True,  # a participant needs no account
        },
        status=status,
    )
    return _with_cookie(response, live, new_cookie)


def _with_cookie(response: HttpResponse, live: LiveSession, token: str | None) -> HttpResponse:
    if token is not None:
        response.set_signed_cookie(
            _cookie(live), token, salt=COOKIE_SALT, max_age=COOKIE_DAYS * 86400,
            httponly=True, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
        )  # fmt: skip
    return response


def _answer(request: HttpRequest, live: LiveSession, token: str) -> tuple[int, str]:
    """(200, "") when counted (the page then redirects), else the status and the message."""
    try:
        position = int(request.POST.get("position", ""))
        option = int(request.POST.get("option", ""))
    except ValueError:
        return 400, _("Choose one of the options.")
    try:
        services.answer(live=live, token=token, position=position, option_id=option)
    except services.AlreadyAnswered:
        messages.info(request, _("You already answered this dilemma; your answer counts once."))
        return 200, ""
    except services.NotOnScreen:
        messages.info(
            request, _("That dilemma is no longer open for answers. This is the one on screen now.")
        )
        return 200, ""
    except services.LiveClosed:
        return 410, _("This live session has ended.")
    except services.TooMany as refusal:
        return 429, str(refusal)
    except ValueError:
        return 400, _("Choose one of the options.")
    messages.success(request, _("Thank you, your answer counts. Look at the screen."))
    return 200, ""
