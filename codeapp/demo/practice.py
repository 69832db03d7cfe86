"""The demo's practice dilemmas: six situations on the demo code's integrity norms (gifts, side
jobs, social media, confidential information, conflicts of interest), each with two to four
courses of action and a reflection, and the counts of a few dozen earlier answers spread over
the demo's units (codeapp.demo.organisation) — most above the minimum that shows them, one
below it.

The earlier answers are stored as answers are (reflection.services.practice): a count per
option and unit, and for each answer a keyed hash that someone answered — here of a made-up
colleague, never a demo sign-in, so Emma (`employee`) can still answer every dilemma herself.
Run by codeapp.demo.seeding inside its muted transaction; safe to run twice: a dilemma that
exists (by its title) is kept as it is.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q
from django.utils.crypto import salted_hmac

from norms.models import Norm
from people.models import Unit
from reflection.models import Case, DilemmaOption, PracticeDone, PracticeTally
from reflection.services.practice import practice_norms_changed

# Each: title, situation, question, the norms at stake (keys of codeapp.demo.content),
# the courses of action, the reflection, and the earlier answers: per unit (its external id in
# codeapp.demo.organisation, None for people without a unit) how many chose each option.
DILEMMAS = [
    {
        "title": "Kaartjes voor een concert",
        "situation": (
            "Je werkt bij Inkoop. Een leverancier waarmee de gemeente een contract heeft, "
            "biedt je twee kaartjes aan voor een uitverkocht concert. Ze kosten samen "
            "ongeveer € 150. „Als dank voor de fijne samenwerking”, zegt de accountmanager."
        ),
        "question": "Wat doe je met de kaartjes?",
        "norms": ["geschenken-melden"],
        "options": [
            "Ik neem ze aan: het contract loopt al, dus het maakt niets uit.",
            "Ik neem ze aan en meld het bij mijn leidinggevende.",
            "Ik sla ze vriendelijk af en meld het aanbod.",
            "Ik vraag eerst mijn leidinggevende wat ik moet doen.",
        ],
        "reflection": (
            "Een cadeau van **€ 150** is veel meer dan een attentie. Ook als het contract al "
            "loopt, kan de leverancier later weer meedoen aan een aanbesteding.\n\n"
            "- Wat denkt een andere leverancier als hij dit hoort?\n"
            "- Meld je ook wat je afslaat? Dan ziet de organisatie welke leveranciers het "
            "proberen."
        ),
        "answers": {
            "burgerzaken": [0, 1, 2, 2],
            "vergunningen": [1, 1, 2, 1],
            "financien": [0, 2, 2, 1],
            "openbare-ruimte": [1, 0, 1, 1],
            None: [0, 1, 1, 0],
        },
    },
    {
        "title": "Een klus in het weekend",
        "situation": (
            "Je bent vergunningverlener. Een bouwbedrijf uit de regio vraagt of je in het "
            "weekend bouwtekeningen wilt maken. Je verdient er goed aan. Het bedrijf vraagt "
            "soms een vergunning aan bij de gemeente, maar niet bij jouw team."
        ),
        "question": "Neem je de klus aan?",
        "norms": ["nevenwerkzaamheden-melden", "geen-belangenverstrengeling"],
        "options": [
            "Ja, het is in mijn vrije tijd. Daar gaat de gemeente niet over.",
            "Ik meld het eerst en begin pas als mijn leidinggevende ja zegt.",
            "Nee, ik zie ervan af: het komt te dichtbij mijn werk.",
        ],
        "reflection": (
            "Werk naast je baan mag vaak, maar je **meldt** het altijd eerst. Dan kan samen "
            "worden gekeken of het botst met je werk.\n\n"
            "Denk ook aan later: wat doe je als een aanvraag van dit bedrijf toch op je bureau "
            "komt?"
        ),
        "answers": {
            "burgerzaken": [1, 3, 1],
            "vergunningen": [0, 3, 2],
            "po": [0, 2, 0],
            None: [1, 1, 0],
        },
    },
    {
        "title": "Boze berichten in de buurtgroep",
        "situation": (
            "In een Facebookgroep van je wijk klagen mensen over de gemeente: het grofvuil "
            "wordt te laat opgehaald. Je weet hoe het echt zit, want je werkt bij Openbare "
            "Ruimte. Iemand schrijft iets wat niet klopt."
        ),
        "question": "Reageer je in de groep?",
        "norms": ["terughoudend-op-sociale-media"],
        "options": [
            "Ja, ik leg uit hoe het zit. Dan weten mensen het goed.",
            "Nee, ik stuur het bericht door naar de afdeling Communicatie.",
            "Ik reageer alleen als inwoner, zonder te zeggen waar ik werk.",
        ],
        "reflection": (
            "Je mag je mening geven, ook online. Maar mensen weten vaak waar je werkt. Wat je "
            "schrijft, lezen ze als een bericht van de gemeente.\n\n"
            "- Kun je uitleggen zonder de discussie in te gaan?\n"
            "- Wie in de gemeente kan hier het best op reageren?"
        ),
        "answers": {
            "burgerzaken": [1, 3, 1],
            "openbare-ruimte": [2, 3, 1],
            "financien": [0, 1, 1],
        },
    },
    {
        "title": "Je zwager vraagt naar een aanvraag",
        "situation": (
            "Op een verjaardag vraagt je zwager of de aanvraag voor een dakkapel van zijn "
            "buurman al is goedgekeurd. Je werkt bij Vergunningen en je weet het antwoord. "
            "„Het wordt toch openbaar”, zegt hij."
        ),
        "question": "Wat zeg je?",
        "norms": ["vertrouwelijke-informatie"],
        "options": [
            "Ik vertel het: het besluit wordt binnenkort toch bekend.",
            "Ik zeg dat ik er niets over mag zeggen.",
            "Ik zeg dat de buurman het zelf kan vragen aan de gemeente.",
        ],
        "reflection": (
            "Wat je op je werk hoort, is niet van jou. Ook als het later openbaar wordt, "
            "bepaal jij niet wanneer.\n\n"
            "Het helpt als je een vaste zin klaar hebt, zoals: „Daar kan ik niets over zeggen, "
            "maar de buurman kan het zelf navragen.”"
        ),
        "answers": {
            "burgerzaken": [0, 2, 3],
            "vergunningen": [1, 2, 2],
            "po": [0, 1, 1],
            None: [0, 1, 0],
        },
    },
    {
        "title": "De aanvraag van je eigen sportclub",
        "situation": (
            "Je behandelt subsidieaanvragen. Er komt een aanvraag binnen van de voetbalclub "
            "waar je in het bestuur zit. De aanvraag is goed en past in de regels."
        ),
        "question": "Behandel je de aanvraag zelf?",
        "norms": ["geen-belangenverstrengeling"],
        "options": [
            "Ja, ik ben eerlijk en de aanvraag is gewoon goed.",
            "Nee, ik geef de aanvraag aan een collega en vertel waarom.",
        ],
        "reflection": (
            "Het gaat niet alleen om wat jij doet, maar ook om wat anderen zien. Een andere "
            "club die geen subsidie krijgt, zal aan jouw rol denken.\n\n"
            "Geef zo'n aanvraag uit handen en leg vast dat je dat deed."
        ),
        "answers": {
            "burgerzaken": [1, 3],
            "financien": [0, 4],
            "openbare-ruimte": [1, 2],
        },
    },
    {
        # Fewer answers than the minimum: its figures are not shown yet.
        "title": "Korting bij de leverancier",
        "situation": (
            "Een leverancier van kantoormeubels biedt jou als medewerker van de gemeente "
            "20% korting aan op een bureaustoel voor thuis."
        ),
        "question": "Maak je gebruik van de korting?",
        "norms": ["geschenken-melden", "geen-belangenverstrengeling"],
        "options": [
            "Ja, het is een gewone aanbieding.",
            "Ik vraag eerst of deze korting voor iedereen geldt.",
            "Nee, ik bedank ervoor.",
        ],
        "reflection": (
            "Een korting die je krijgt omdat je bij de gemeente werkt, is een geschenk. "
            "Geldt hij voor iedereen, dan is het een gewone aanbieding."
        ),
        "answers": {"po": [1, 1, 0], None: [0, 0, 1]},
    },
]


def demo_practice(users: dict[str, AbstractBaseUser]) -> list[Case]:
    """The demo's practice dilemmas with their earlier answers, made where missing."""
    # A unit where fewer people work than the minimum counts for the organisation only, as a
    # real answer would (reflection.services.practice.practice_unit).
    units = {
        unit.external_id: unit
        for unit in Unit.objects.filter(external_id__gt="").annotate(
            size=Count("members", filter=Q(members__user__is_active=True))
        )
        if unit.size >= settings.PRACTICE_MIN_ANSWERS
    }
    norms = {norm.key: norm for norm in Norm.objects.all()}
    cases = []
    for data in DILEMMAS:
        case = Case.objects.filter(title=data["title"], practice=True).first()
        if case is None:
            case = _dilemma(data, users["editor"], units, norms)
        cases.append(case)
    practice_norms_changed()  # the reading pages link to them
    return cases


def _dilemma(
    data: dict, editor: AbstractBaseUser, units: dict[str, Unit], norms: dict[str, Norm]
) -> Case:
    case = Case.objects.create(
        title=data["title"], situation=data["situation"], question=data["question"],
        practice=True, reflection=data["reflection"], created_by=editor,
    )  # fmt: skip
    case.norms.set([norms[key] for key in data["norms"] if key in norms])
    options = DilemmaOption.objects.bulk_create(
        DilemmaOption(case=case, position=position, text=text)
        for position, text in enumerate(data["options"], start=1)
    )
    tallies, answered = [], 0
    for unit_id, counts in data["answers"].items():
        unit = units.get(unit_id) if unit_id else None
        for option, count in zip(options, counts, strict=True):
            if count:
                tallies.append(PracticeTally(option=option, unit=unit, count=count))
                answered += count
    # A unit missing from the demo organisation, or too small: its answers count as "no unit".
    merged: dict[tuple, PracticeTally] = {}
    for tally in tallies:
        key = (tally.option.pk, tally.unit.pk if tally.unit else None)
        if key in merged:
            merged[key].count += tally.count
        else:
            merged[key] = tally
    PracticeTally.objects.bulk_create(merged.values())
    PracticeDone.objects.bulk_create(
        PracticeDone(case=case, who=_earlier_colleague(case, i)) for i in range(answered)
    )
    return case


def _earlier_colleague(case: Case, i: int) -> str:
    """A made-up colleague's keyed hash: unlike any account's (reflection.services.practice)."""
    return salted_hmac("codeapp.demo.practice", f"{case.pk}:{i}", algorithm="sha256").hexdigest()
