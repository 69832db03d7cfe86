"""A model release's proposals under one heading in the review queue ("Model code … 2 — 7
changes"), told to reflection at start-up (it names no app above it)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from codeapp.models import ModelChange, ModelRelease
from reflection.models import Proposal
from reflection.presentation import Group


def release_groups(proposals: list[Proposal]) -> dict[int, Group]:
    """{proposal pk: its release's group} for the proposals made of a model release (2 queries)."""
    made = dict(
        ModelChange.objects.filter(proposal__in=[p.pk for p in proposals]).values_list(
            "proposal_id", "release_id"
        )
    )
    if not made:
        return {}
    releases = ModelRelease.objects.filter(pk__in=set(made.values())).annotate(
        count=Count("changes")
    )
    groups = {
        release.pk: Group(
            key=("model-release", release.pk),
            label=ngettext(
                "Model code %(title)s %(number)s — %(counter)s change",
                "Model code %(title)s %(number)s — %(counter)s changes",
                release.count,
            )
            % {"title": release.title, "number": release.version, "counter": release.count},
            url=reverse("codeapp:model-release", args=[release.pk]),
        )
        for release in releases
    }
    return {proposal: groups[release] for proposal, release in made.items()}
