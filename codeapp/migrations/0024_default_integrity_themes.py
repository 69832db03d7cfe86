"""The default integrity themes, so every installation starts with them, and who edits them.

The themes Dutch codes of conduct are expected to cover: those the Ambtenarenwet 2017 names
(art. 4 and 5: misuse of powers, conflicts of interest, discrimination, side activities) and
the chapters of the government's model code (Modelgedragscode Integriteit Sector Rijk,
Stcrt. 2006, 60; Gedragscode Integriteit Rijk, Stcrt. 2019, 71141): gifts and invitations,
use of the employer's resources, financial interests, side activities, moving to another job,
purchasing and contacts with suppliers, information, public statements, social media,
conduct towards others, private relations, and reporting misconduct. Editors change the list
afterwards; the list here is frozen as it was.

Editors and integrity officers edit the themes and their mapping to norms.
"""

from django.db import migrations

from core.grants import add_grants, remove_grants

# (name in Dutch, name in English, keywords: parts of words that suggest a norm)
DEFAULT_THEMES = [
    ("Geschenken en uitnodigingen", "Gifts and invitations",
     "geschenk, cadeau, gift, uitnodig, relatiegeschenk, diner, invitation, hospitality"),
    ("Nevenwerkzaamheden", "Side activities",
     "nevenwerk, nevenfunctie, neveninkomsten, side activit, second job, outside work"),
    ("Belangenverstrengeling", "Conflicts of interest",
     "belangenverstrengeling, belangen, partijdig, schijn, conflict of interest, impartial"),
    ("Vertrouwelijke informatie en geheimhouding", "Confidential information and secrecy",
     "vertrouwelijk, geheim, informatie, persoonsgegevens, privacy, confidential, secre"),
    ("Gebruik van middelen van de werkgever", "Use of the employer's resources",
     "middelen, bedrijfsmiddel, laptop, telefoon, declar, dienstauto, resources, equipment, expense"),
    ("Sociale media", "Social media",
     "sociale media, social media, online, internet, linkedin"),
    ("Privérelaties en contacten met leveranciers", "Private relations and contacts with suppliers",
     "privé, relatie, leverancier, opdrachtnemer, aanbesteding, inkoop, supplier, contractor, procurement"),
    ("Melden van misstanden", "Reporting misconduct",
     "misstand, klokkenluid, vertrouwenspersoon, integriteitsschending, misconduct, whistle"),
    ("Financiële belangen", "Financial interests",
     "financiële belangen, aandelen, effecten, beleggen, lening, financial interest, shares, invest"),
    ("Discriminatie en ongewenst gedrag", "Discrimination and undesirable behaviour",
     "discrimin, ongewenst, intimidatie, pesten, agressie, respect, harass, bullying"),
    ("Politieke activiteiten en uitingen in het openbaar", "Political activities and public statements",
     "politiek, uiting, openbaar, pers, media, politic, public statement, press"),
    ("Misbruik van bevoegdheden", "Misuse of powers",
     "bevoegdheid, macht, positie, voorkeursbehandeling, misuse, power, authority, position"),
    ("Overstap naar ander werk (draaideur)", "Moving to another job (revolving door)",
     "draaideur, afkoeling, overstap, nieuwe baan, revolving door, cooling-off, new job"),
]  # fmt: skip

GRANTS = {
    "editor": [
        "codeapp.view_integritytheme", "codeapp.add_integritytheme",
        "codeapp.change_integritytheme", "codeapp.delete_integritytheme",
    ],
    "integrity officer": [
        "codeapp.view_integritytheme", "codeapp.add_integritytheme",
        "codeapp.change_integritytheme", "codeapp.delete_integritytheme",
    ],
}  # fmt: skip


def seed(apps, schema_editor) -> None:
    IntegrityTheme = apps.get_model("codeapp", "IntegrityTheme")
    if not IntegrityTheme.objects.exists():
        IntegrityTheme.objects.bulk_create(
            IntegrityTheme(name_nl=nl, name_en=en, keywords=words, position=10 * (i + 1))
            for i, (nl, en, words) in enumerate(DEFAULT_THEMES)
        )
    add_grants(apps, GRANTS)


def unseed(apps, schema_editor) -> None:
    remove_grants(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("codeapp", "0023_integrity_themes"),
        ("codeapp", "0007_grant_health_permissions"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
