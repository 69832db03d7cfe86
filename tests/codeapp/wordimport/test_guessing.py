"""A norm's kind guessed from its wording."""

import pytest

from codeapp.wordimport.guessing import guess_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Je mag geen geschenken aannemen boven € 50.", "prohibition"),
        ("Je mag vertrouwelijke informatie niet delen.", "prohibition"),
        ("Het is verboden om bedrijfsmiddelen privé te gebruiken.", "prohibition"),
        ("Pesten is niet toegestaan.", "prohibition"),
        ("You must not accept gifts worth more than € 50.", "prohibition"),
        ("Staff may not use a work phone for private calls.", "prohibition"),
        ("Je moet nevenwerkzaamheden vooraf melden.", "obligation"),
        ("Je meldt een vermoeden van een integriteitsschending.", "obligation"),
        ("Het afleggen van de eed is verplicht.", "obligation"),
        ("You must report a conflict of interest.", "obligation"),
        ("Every employee shall keep a record.", "obligation"),
        ("Wij streven naar openheid.", "aspiration"),
        ("We treat everyone with respect.", "aspiration"),
    ],
)
def test_it_guesses_the_kind_from_the_wording(text, kind):
    assert guess_kind(text) == kind
