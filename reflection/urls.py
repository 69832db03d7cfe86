"""Addresses of the reflection programme and amendment proposals; URL names are fixed."""

from django.urls import path

from reflection.views import cases, deputies, live, practice, proposals, review, sessions

app_name = "reflection"
urlpatterns = [
    # Sessions and the case library (editors; officers read). Not public: people speak freely.
    path("reflection/", sessions.programme, name="programme"),
    path("reflection/sessions/new/", sessions.create, name="session-create"),
    path("reflection/sessions/<int:pk>/", sessions.detail, name="session"),
    path("reflection/sessions/<int:pk>/edit/", sessions.edit, name="session-edit"),
    path("reflection/cases/", cases.library, name="cases"),
    path("reflection/cases/new/", cases.create, name="case-create"),
    path("reflection/cases/<int:pk>/", cases.detail, name="case"),
    path("reflection/cases/<int:pk>/edit/", cases.edit, name="case-edit"),
    # Practising alone with a dilemma: every signed-in employee.
    path("practice/", practice.practice_list, name="practice"),
    path("practice/<int:pk>/", practice.practice_dilemma, name="practice-dilemma"),
    # Amendment proposals.
    path("proposals/", proposals.mine, name="my-proposals"),
    path("proposals/new/", proposals.create, name="proposal-create"),
    path("proposals/review/", review.queue, name="review"),
    path("proposals/<int:pk>/", proposals.detail, name="proposal"),
    path("proposals/<int:pk>/edit/", proposals.edit, name="proposal-edit"),
    path("proposals/<int:pk>/submit/", proposals.submit, name="proposal-submit"),
    path("proposals/<int:pk>/withdraw/", proposals.withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/decide/", review.decide, name="proposal-decide"),
    # Administrators only: who decides a proposal no integrity officer may decide (four-eyes).
    path("proposals/<int:pk>/deputy/", deputies.name_deputy, name="proposal-deputy"),
    path("proposals/<int:pk>/agree/", review.agree, name="proposal-agree"),
    # Live dilemma sessions: team leads (their own), editors (any), officers (read).
    path("live/", live.sessions, name="live-sessions"),
    path("live/new/", live.create, name="live-create"),
    path("live/<int:pk>/", live.control, name="live-control"),
    path("live/<int:pk>/screen/", live.screen, name="live-screen"),
    path("live/<int:pk>/state/", live.state, name="live-state"),
    path("live/<int:pk>/notes/<int:note>/proposal/", live.note_proposal, name="live-note-proposal"),
    # Participants: no account, a join code.
    path("join/", live.join, name="join"),
    path("join/<str:code>/", live.phone, name="join-code"),
]
