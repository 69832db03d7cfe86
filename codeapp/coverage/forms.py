"""The choice on the coverage pages: of which version, or of which campaign."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codeapp.campaigns.models import Campaign
from codeapp.coverage.figures import Selection
from codeapp.models import CodeVersion


class CoverageOfForm(forms.Form):
    """`?of=v3` (everyone active, version 3) or `?of=c12` (the members of campaign 12).

    Without a choice: the version in force today (or the newest one before any is in force).
    """

    of = forms.ChoiceField(label=gettext_lazy("Coverage of"), required=False)

    def __init__(self, data=None) -> None:
        super().__init__(data)
        self.versions = {
            v.number: v for v in CodeVersion.objects.defer("document").order_by("-number")
        }
        self.campaigns = {
            c.pk: c for c in Campaign.objects.select_related("version").defer("version__document")
        }
        in_force = CodeVersion.objects.defer("document").in_force()
        self.default = in_force.number if in_force else next(iter(self.versions), None)
        version_choices = [
            (
                f"v{number}",
                _("Version %(number)d (in force from %(day)s)")
                % {"number": number, "day": date_format(v.effective_from, "DATE_FORMAT")}
                + (" – " + _("in force now") if number == self.default else ""),
            )
            for number, v in self.versions.items()
        ]
        campaign_choices = [
            (
                f"c{c.pk}",
                _("%(title)s (version %(number)d)") % {"title": c.title, "number": c.version.number}
                + (" – " + _("closed") if c.closed_at else ""),
            )
            for c in self.campaigns.values()
        ]
        choices = [(_("Versions: everyone active"), version_choices)]
        if campaign_choices:
            choices.append((_("Campaigns: their members"), campaign_choices))
        self.fields["of"].choices = choices
        if self.default is not None:
            self.fields["of"].initial = f"v{self.default}"

    def selection(self) -> Selection | None:
        """The choice made (after is_valid()), or the default; None when nothing is published."""
        chosen = (self.cleaned_data.get("of") if self.is_bound else "") or ""
        if chosen.startswith("c"):
            campaign = self.campaigns[int(chosen[1:])]
            return Selection(version=campaign.version, campaign=campaign)
        number = int(chosen[1:]) if chosen else self.default
        return None if number is None else Selection(version=self.versions[number])
