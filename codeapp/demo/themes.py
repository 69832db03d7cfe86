"""The demo's integrity themes: the default list (its migration made it) mapped to the norms
of the demo's main code, so the dashboard shows covered themes and flags two that are not.

`demo_themes()` is idempotent: run twice, it maps nothing twice; a theme an editor removed
or renamed, or a norm that is not there, is passed over.
"""

from codeapp.codes.addresses import working_on
from codeapp.health.models import IntegrityTheme
from core.codes import main_code
from norms.models import Norm

# The default theme (its English name) and the keys of the demo code's norms that cover it.
# "Misuse of powers" and "Moving to another job" stay uncovered: the dashboard flags them and
# suggests norms for the first from its keywords.
DEMO_MAPPING = {
    "Gifts and invitations": ["geschenken-melden"],
    "Side activities": ["nevenwerkzaamheden-melden"],
    "Conflicts of interest": ["geen-belangenverstrengeling", "geen-voordeel-uit-functie"],
    "Confidential information and secrecy": [
        "vertrouwelijke-informatie", "geen-gegevens-uit-nieuwsgierigheid",
    ],
    "Use of the employer's resources": ["geen-prive-gebruik-middelen", "eerlijk-declareren"],
    "Social media": ["terughoudend-op-sociale-media"],
    "Private relations and contacts with suppliers": ["inkoopregels-volgen"],
    "Reporting misconduct": ["misstand-melden"],
    "Financial interests": ["financiele-belangen-melden"],
    "Discrimination and undesirable behaviour": [
        "iedereen-gelijk-behandelen", "respectvol-en-bereikbaar",
    ],
    "Political activities and public statements": ["politiek-neutraal"],
}  # fmt: skip


def demo_themes() -> int:
    """Map the default themes to the demo code's norms; returns how many links are new."""
    added = 0
    with working_on(main_code()):
        themes = {t.name_en: t for t in IntegrityTheme.objects.all()}
        keys = {key for keys in DEMO_MAPPING.values() for key in keys}
        norms = {n.key: n for n in Norm.objects.filter(key__in=keys)}
        for name, theme_keys in DEMO_MAPPING.items():
            theme = themes.get(name)
            if theme is None:
                continue
            have = set(theme.norms.values_list("key", flat=True))
            new = [norms[k] for k in theme_keys if k in norms and k not in have]
            theme.norms.add(*new)
            added += len(new)
    return added
