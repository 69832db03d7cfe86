"""A decided proposal of a model release may be its last: the code then builds on the release."""

from django.db.models.signals import post_save


def _on_proposal_saved(sender, instance, **kwargs) -> None:
    from codeapp.modelcodes.releases import proposal_decided

    if instance.origin == "model":
        proposal_decided(instance)


def connect_signals() -> None:
    from reflection.models import Proposal

    post_save.connect(_on_proposal_saved, sender=Proposal, dispatch_uid="modelcodes-settle")
