from django.urls import path

from reflection.views import cases, deputies, proposals, sessions

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
    # Amendment proposals.
    path("proposals/", proposals.my_proposals, name="my-proposals"),
    path("proposals/new/", proposals.proposal_create, name="proposal-create"),
    path("proposals/review/", proposals.review_queue, name="review"),
    path("proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path("proposals/<int:pk>/submit/", proposals.proposal_submit, name="proposal-submit"),
    path("proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal-withdraw"),
    path("proposals/<int:pk>/decide/", proposals.proposal_decide, name="proposal-decide"),
    # Administrators only: who decides a proposal no integrity officer may decide (four-eyes).
    path("proposals/<int:pk>/deputy/", deputies.proposal_deputy, name="proposal-deputy"),
    path("proposals/<int:pk>/agree/", proposals.proposal_agree, name="proposal-agree"),
]
