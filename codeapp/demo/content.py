"""Demo content for seed_demo: a Dutch code of conduct for a fictional municipality,
written for this project."""

from pathlib import Path

TITLE = "Gedragscode Gemeente Lindewaard"
# The staff code is the organisation's main code (/code/); the council's is another.
MAIN_SLUG = "medewerkers"
MAIN_NAME = "Gedragscode medewerkers"

PREAMBLE = """\
Wie voor de Gemeente Lindewaard werkt, werkt met publiek geld en publieke bevoegdheden.
Inwoners moeten erop kunnen vertrouwen dat we dat eerlijk, zorgvuldig en deskundig doen.
Daarom heeft het college deze gedragscode vastgesteld, zoals **artikel 4 van de
Ambtenarenwet 2017** van elke overheidswerkgever vraagt.

De code begint bij zeven kernwaarden. Per kernwaarde staan concrete gedragsnormen: wat je
níet mag, wat je moet doen en waar je naar streeft. Voorbeeldsituaties laten zien hoe een norm
in de praktijk uitpakt. Geen code kan elke situatie vangen: twijfel je, ga dan in gesprek met
je leidinggevende of de integriteitscoördinator.

Dit is een **levend document**. In reflectiebijeenkomsten (intervisie, casuïstiekbespreking en
dilemmasessies) leggen we de code naast echte en verzonnen situaties uit ons werk. Wat daar
naar voren komt, verwerken we in de volgende versie. Heb je ideeën voor een betere code? Doe
een wijzigingsvoorstel.
"""

VALUES = [
    {
        "key": "deskundigheid",
        "name": "Deskundigheid",
        "description": (
            "Je kent je vak en houdt je kennis actueel. Je weet ook wat je **niet** weet, en je "
            "vraagt hulp als dat nodig is."
        ),
        "norms": [
            {
                "key": "kennis-bijhouden",
                "title": "Vakkennis bijhouden",
                "text": (
                    "Je houdt je vakkennis bij, ook van de wet- en regelgeving die voor je werk "
                    "geldt. Je volgt de trainingen die de gemeente verplicht stelt, waaronder de "
                    "integriteitstraining."
                ),
                "kind": "obligation",
                "explanation": (
                    "Regels en werkwijzen veranderen snel. Je leidinggevende bespreekt je "
                    "ontwikkeling elk jaar met je."
                ),
                "related_values": ["doelmatigheid"],
                "legal_basis": ["art. 4 lid 2 Ambtenarenwet 2017"],
                "examples": [
                    {
                        "key": "nieuwe-regels-oude-routine",
                        "title": "Nieuwe regels, oude routine",
                        "situation": (
                            "Marloes behandelt al twaalf jaar aanvragen voor een "
                            "omgevingsvergunning. Sinds de Omgevingswet gelden er andere "
                            "procedures. Ze denkt dat ze het meeste wel weet en wil de cursus "
                            "overslaan, omdat het druk is."
                        ),
                        "guidance": (
                            "Ervaring is waardevol, maar vervangt geen actuele kennis. Marloes "
                            "volgt de cursus en deelt daarna haar praktijkervaring met collega's "
                            "die net beginnen."
                        ),
                    },
                ],
            },
            {
                "key": "grenzen-eigen-deskundigheid",
                "title": "Geen antwoord op de gok",
                "text": (
                    "Je geeft geen advies of stellig antwoord over zaken waar je geen verstand van "
                    "hebt. Je zegt eerlijk dat je het niet weet en verwijst door naar iemand die "
                    "het wel weet."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Een verkeerd antwoord van de gemeente kan een inwoner geld of rechten kosten."
                ),
                "related_values": ["dienstbaarheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "vraag-over-huurtoeslag",
                        "title": "Een vraag over huurtoeslag aan de balie",
                        "situation": (
                            "Je werkt bij Burgerzaken. Aan de balie vraagt een inwoner of hij met "
                            "zijn bijstandsuitkering ook huurtoeslag kan krijgen. Je denkt dat het "
                            "antwoord „ja” is, maar je weet het niet zeker."
                        ),
                        "guidance": (
                            "Geef geen antwoord op de gok. Verwijs de inwoner naar het sociaal "
                            "loket of naar Dienst Toeslagen, en zeg erbij waarom je dat doet."
                        ),
                    },
                ],
            },
            {
                "key": "kennis-delen",
                "title": "Kennis delen met collega's",
                "text": (
                    "Je streeft ernaar je kennis en ervaring te delen met collega's en van hen te "
                    "leren. Je vraagt om hulp als je ergens niet uitkomt."
                ),
                "kind": "aspiration",
                "explanation": "",
                "related_values": [],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "checklist-bezwaarschriften",
                        "title": "De checklist die niemand kent",
                        "situation": (
                            "Een ervaren collega heeft een handige checklist om bezwaarschriften "
                            "snel te beoordelen. Een nieuwe collega worstelt al weken met dezelfde "
                            "dossiers, maar vraagt niets, omdat hij niet dom wil lijken."
                        ),
                        "guidance": (
                            "Deel handige werkwijzen uit jezelf, bijvoorbeeld in het werkoverleg. "
                            "En wie nieuw is: om hulp vragen is een teken van vakmanschap, niet "
                            "van zwakte."
                        ),
                    },
                ],
            },
            {
                "key": "helder-aan-het-werk",
                "title": "Niet onder invloed werken",
                "text": (
                    "Je werkt niet onder invloed van alcohol, drugs of medicijnen die je oordeel "
                    "of reactievermogen beïnvloeden. Na een borrel van de gemeente bestuur je geen "
                    "dienstvoertuig en bedien je geen machines."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Wie onder invloed werkt, brengt zichzelf, collega's en inwoners in gevaar en "
                    "schaadt het vertrouwen in de gemeente."
                ),
                "related_values": ["dienstbaarheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "nieuwjaarsreceptie-veegwagen",
                        "title": "Na de nieuwjaarsreceptie nog de markt vegen",
                        "situation": (
                            "Op de nieuwjaarsreceptie om 15.00 uur drinkt een collega van de "
                            "buitendienst twee biertjes. Daarna wil hij nog met de veegwagen de "
                            "markt schoonmaken. „Twee biertjes, dat is niks”, zegt hij."
                        ),
                        "guidance": (
                            "Spreek hem aan en zorg dat hij niet gaat rijden. Lukt dat niet, "
                            "schakel dan direct de leidinggevende in."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "eerlijkheid",
        "name": "Eerlijkheid",
        "description": (
            "Je bent eerlijk en oprecht tegenover inwoners, collega's en bestuur. Je gebruikt je "
            "functie nooit voor eigen voordeel."
        ),
        "norms": [
            {
                "key": "geschenken-melden",
                "title": "Geschenken en uitnodigingen melden",
                "text": (
                    "Je meldt elk geschenk en elke uitnodiging die je vanwege je werk krijgt aan "
                    "je leidinggevende. Geschenken tot een waarde van € 50 mag je houden als je "
                    "leidinggevende akkoord is. Duurdere geschenken neem je niet aan."
                ),
                "kind": "obligation",
                "explanation": (
                    "Een geschenk kan de indruk wekken dat je niet meer onpartijdig bent, ook als "
                    "dat niet zo is. Door te melden maak je het bespreekbaar."
                ),
                "related_values": ["onafhankelijkheid"],
                "legal_basis": ["art. 4 Ambtenarenwet 2017", "art. 363 Wetboek van Strafrecht"],
                "examples": [
                    {
                        "key": "kerstpakket-aannemer",
                        "title": "Een kerstpakket van de aannemer",
                        "situation": (
                            "In december bezorgt een aannemer die vaak voor de gemeente werkt een "
                            "kerstpakket bij jou thuis. Er zitten wijn, kaas en een cadeaubon van "
                            "€ 75 in."
                        ),
                        "guidance": (
                            "Meld het pakket aan je leidinggevende; de waarde ligt boven € 50, dus "
                            "je houdt het niet. Dat het bij je thuis is bezorgd, is een extra "
                            "reden om het te bespreken."
                        ),
                    },
                    {
                        "key": "skybox-tijdens-aanbesteding",
                        "title": "Een skybox tijdens de aanbesteding",
                        "situation": (
                            "Een adviesbureau nodigt je uit voor een voetbalwedstrijd in een "
                            "skybox, met diner. Het bureau doet mee aan een aanbesteding die jij "
                            "voorbereidt."
                        ),
                        "guidance": (
                            "Je slaat de uitnodiging af en meldt haar. Tijdens een aanbesteding "
                            "neem je niets aan van partijen die meedoen, hoe klein ook."
                        ),
                    },
                ],
            },
            {
                "key": "geen-voordeel-uit-functie",
                "title": "Geen voordeel uit je functie",
                "text": (
                    "Je gebruikt je functie, je bevoegdheden of informatie uit je werk niet om "
                    "jezelf, familie of vrienden voordeel te geven."
                ),
                "kind": "prohibition",
                "explanation": "",
                "related_values": ["onafhankelijkheid", "rechtmatigheid"],
                "legal_basis": ["art. 4 Ambtenarenwet 2017"],
                "examples": [
                    {
                        "key": "bouwkavel-voor-broer",
                        "title": "Een bouwkavel voor je broer",
                        "situation": (
                            "Je weet als een van de eersten dat de gemeente volgend jaar "
                            "bouwkavels gaat verkopen in een nieuwe wijk. Je broer zoekt al jaren "
                            "een kavel en vraagt of je „iets hoort”."
                        ),
                        "guidance": (
                            "Je vertelt je broer niets zolang het plan niet openbaar is. Iedereen "
                            "moet dezelfde kans krijgen."
                        ),
                    },
                ],
            },
            {
                "key": "misstand-melden",
                "title": "Een vermoeden van een misstand melden",
                "text": (
                    "Heb je een vermoeden van een misstand, zoals fraude, corruptie of gevaar voor "
                    "de gezondheid van mensen, dan meld je dat. Je kunt terecht bij je "
                    "leidinggevende, de integriteitscoördinator of de vertrouwenspersoon."
                ),
                "kind": "obligation",
                "explanation": (
                    "Wie te goeder trouw meldt, is beschermd tegen benadeling. Voor advies kun je "
                    "ook terecht bij het Huis voor Klokkenluiders."
                ),
                "related_values": ["rechtmatigheid"],
                "legal_basis": ["Wet bescherming klokkenluiders"],
                "examples": [
                    {
                        "key": "facturen-zwager",
                        "title": "Facturen die niet kloppen",
                        "situation": (
                            "Je ziet dat een collega al maanden facturen goedkeurt van een klein "
                            "bedrijf, voor werk dat je nergens terugziet. Via via hoor je dat het "
                            "bedrijf van zijn zwager is."
                        ),
                        "guidance": (
                            "Ga niet zelf op onderzoek uit en spreek je collega er niet op aan. "
                            "Meld je vermoeden bij de integriteitscoördinator of de "
                            "vertrouwenspersoon; zij zorgen voor een zorgvuldig onderzoek."
                        ),
                    },
                ],
            },
            {
                "key": "open-over-fouten",
                "title": "Open over fouten",
                "text": (
                    "Je streeft ernaar open te zijn over fouten, ook over je eigen fouten. Je "
                    "meldt een fout snel, zodat die hersteld kan worden en het team ervan leert."
                ),
                "kind": "aspiration",
                "explanation": (
                    "Fouten maken is menselijk. Fouten verzwijgen maakt de schade meestal groter."
                ),
                "related_values": ["deskundigheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "verkeerde-bezwaartermijn",
                        "title": "Een verkeerde termijn in de standaardbrief",
                        "situation": (
                            "Je ontdekt dat een standaardbrief die het hele team gebruikt een "
                            "verkeerde bezwaartermijn noemt: vier weken in plaats van zes. Je hebt "
                            "de brief zelf vorig jaar gemaakt."
                        ),
                        "guidance": (
                            "Meld het meteen aan je team en pas de brief aan. Zoek samen uit welke "
                            "inwoners de brief hebben gekregen en hoe je hen informeert."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "doelmatigheid",
        "name": "Doelmatigheid",
        "description": (
            "Je gaat zuinig en verstandig om met publiek geld, tijd en middelen. Je kiest de "
            "aanpak die inwoners het meeste oplevert."
        ),
        "norms": [
            {
                "key": "geen-prive-gebruik-middelen",
                "title": "Geen privégebruik van gemeentelijke middelen",
                "text": (
                    "Je gebruikt middelen van de gemeente, zoals laptop, telefoon, dienstauto en "
                    "gereedschap, niet voor privédoelen. Kort en incidenteel privégebruik van "
                    "laptop of telefoon is toegestaan."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Middelen van de gemeente zijn betaald met belastinggeld van inwoners."
                ),
                "related_values": ["eerlijkheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "dienstbus-verhuizing",
                        "title": "De dienstbus voor een verhuizing",
                        "situation": (
                            "Je dochter gaat verhuizen. De bus van de buitendienst staat in het "
                            "weekend toch stil, en een collega zegt: „Niemand merkt het.”"
                        ),
                        "guidance": (
                            "Je leent de bus niet, ook niet als het de gemeente niets lijkt te "
                            "kosten. Bovendien is de bus dan mogelijk niet verzekerd."
                        ),
                    },
                ],
            },
            {
                "key": "eerlijk-declareren",
                "title": "Alleen echte kosten declareren",
                "text": (
                    "Je declareert alleen kosten die je echt voor je werk hebt gemaakt, en je "
                    "schrijft je uren naar waarheid."
                ),
                "kind": "obligation",
                "explanation": (
                    "Twijfel je of iets declarabel is, vraag het dan vooraf aan je leidinggevende."
                ),
                "related_values": ["eerlijkheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "lunch-bij-cursus",
                        "title": "Lunch bij een cursus",
                        "situation": (
                            "Je volgt een cursus in Utrecht waar de lunch is inbegrepen. Toch eet "
                            "je met een collega in een café; de bon is € 18,50. Je twijfelt of je "
                            "die kunt declareren."
                        ),
                        "guidance": "De lunch was al betaald, dus je declareert de bon niet.",
                    },
                ],
            },
            {
                "key": "publiek-geld-verstandig",
                "title": "Publiek geld verstandig besteden",
                "text": (
                    "Je streeft ernaar publiek geld zo te besteden dat het inwoners zo veel "
                    "mogelijk oplevert. Bij elke uitgave vraag je je af of die nodig is en of het "
                    "slimmer of goedkoper kan."
                ),
                "kind": "aspiration",
                "explanation": "",
                "related_values": ["dienstbaarheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "budget-moet-op",
                        "title": "„Anders zijn we het geld kwijt”",
                        "situation": (
                            "Het is november en jouw afdeling heeft pas 60% van het "
                            "opleidingsbudget uitgegeven; er is nog € 12.000 over. Een collega "
                            "stelt voor snel dure trainingen in te kopen, „anders zijn we het "
                            "kwijt”."
                        ),
                        "guidance": (
                            "Geld uitgeven alleen omdat het er is, is niet doelmatig. Bespreek met "
                            "je leidinggevende welke training echt nodig is; wat overblijft, kan "
                            "de gemeente elders inzetten."
                        ),
                    },
                ],
            },
            {
                "key": "inkoopregels-volgen",
                "title": "Inkoopregels volgen",
                "text": (
                    "Bij inkoop volg je het inkoop- en aanbestedingsbeleid van de gemeente. Je "
                    "splitst een opdracht niet op om onder een drempelbedrag te blijven."
                ),
                "kind": "obligation",
                "explanation": (
                    "Eerlijke concurrentie levert de gemeente de beste prijs en kwaliteit op, en "
                    "geeft elke ondernemer een gelijke kans."
                ),
                "related_values": ["rechtmatigheid", "eerlijkheid"],
                "legal_basis": ["Aanbestedingswet 2012"],
                "examples": [],
            },
        ],
    },
    {
        "key": "rechtmatigheid",
        "name": "Rechtmatigheid",
        "description": (
            "Je houdt je aan de wet en aan de regels van de gemeente. Je gebruikt bevoegdheden "
            "alleen waarvoor ze bedoeld zijn."
        ),
        "norms": [
            {
                "key": "zorgvuldig-besluiten",
                "title": "Besluiten zorgvuldig voorbereiden",
                "text": (
                    "Voordat je een besluit voorbereidt, verzamel je de nodige kennis over de "
                    "feiten en de belangen die spelen. Je geeft betrokkenen de kans hun kant van "
                    "het verhaal te vertellen."
                ),
                "kind": "obligation",
                "explanation": (
                    "Een besluit dat op onvolledige feiten rust, houdt bij bezwaar of beroep "
                    "meestal geen stand."
                ),
                "related_values": ["deskundigheid"],
                "legal_basis": ["art. 3:2 Awb"],
                "examples": [
                    {
                        "key": "schuur-zonder-vergunning",
                        "title": "Een schuur zonder vergunning?",
                        "situation": (
                            "Een buurman meldt dat een inwoner een schuur zonder vergunning heeft "
                            "gebouwd. Je leidinggevende wil snel een last onder dwangsom opleggen."
                        ),
                        "guidance": (
                            "Controleer eerst ter plaatse en in het archief of er een vergunning "
                            "is, of dat de schuur vergunningvrij is. Laat de eigenaar reageren "
                            "voordat er een besluit komt."
                        ),
                    },
                ],
            },
            {
                "key": "besluiten-motiveren",
                "title": "Besluiten begrijpelijk motiveren",
                "text": (
                    "Je legt in elk besluit uit waarom de gemeente zo beslist. Je schrijft de "
                    "motivering in begrijpelijke taal, zodat de inwoner die kan controleren en zo "
                    "nodig bezwaar kan maken."
                ),
                "kind": "obligation",
                "explanation": "",
                "related_values": ["transparantie"],
                "legal_basis": ["art. 3:46 Awb"],
                "examples": [
                    {
                        "key": "afwijzing-parkeerkaart",
                        "title": "„Niet voldaan aan de voorwaarden”",
                        "situation": (
                            "In afwijzingen van een gehandicaptenparkeerkaart staat vaak alleen: "
                            "„Niet voldaan aan de voorwaarden.” Een inwoner belt boos op, omdat ze "
                            "niet begrijpt waarom haar aanvraag is afgewezen."
                        ),
                        "guidance": (
                            "Noem in de brief welke voorwaarde niet is vervuld, en op grond van "
                            "welk advies. Een standaardzin is geen motivering."
                        ),
                    },
                ],
            },
            {
                "key": "geen-gegevens-uit-nieuwsgierigheid",
                "title": "Geen gegevens opzoeken zonder werkreden",
                "text": (
                    "Je zoekt in de Basisregistratie Personen (BRP) en andere systemen alleen "
                    "gegevens op die je voor je werk nodig hebt. Kijken uit nieuwsgierigheid, ook "
                    "naar bekenden of naar jezelf, mag niet."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Inwoners moeten erop kunnen vertrouwen dat de gemeente zorgvuldig met hun "
                    "persoonsgegevens omgaat."
                ),
                "related_values": ["eerlijkheid", "transparantie"],
                "legal_basis": ["AVG (Algemene verordening gegevensbescherming)"],
                "examples": [
                    {
                        "key": "nieuwe-vriend-van-je-zus",
                        "title": "De nieuwe vriend van je zus",
                        "situation": (
                            "Je zus heeft een nieuwe vriend en je vertrouwt hem niet helemaal. Met "
                            "één klik kun je in de BRP zien waar hij eerder heeft gewoond."
                        ),
                        "guidance": (
                            "Dat doe je niet. Elke raadpleging wordt vastgelegd, en zoeken zonder "
                            "werkreden is een ernstige schending van zijn privacy."
                        ),
                    },
                ],
            },
            {
                "key": "werken-vanuit-de-bedoeling",
                "title": "Werken vanuit de bedoeling van de regel",
                "text": (
                    "Je streeft ernaar regels niet blind toe te passen. Je kijkt ook naar de "
                    "bedoeling van de regel en naar de gevolgen voor de inwoner. Pakt een besluit "
                    "onevenredig hard uit, dan bespreek je dat."
                ),
                "kind": "aspiration",
                "explanation": (
                    "De gevolgen van een besluit mogen niet onevenredig zijn in verhouding tot het "
                    "doel ervan."
                ),
                "related_values": ["dienstbaarheid"],
                "legal_basis": ["art. 3:4 Awb"],
                "examples": [
                    {
                        "key": "terugvordering-kleine-fout",
                        "title": "Terugvorderen om een klein vergeten bedrag",
                        "situation": (
                            "Een inwoner met een bijstandsuitkering is vergeten een gift van € 150 "
                            "van haar moeder door te geven. Volgens de standaardwerkwijze volgt "
                            "een terugvordering en een boete. Ze heeft al schulden."
                        ),
                        "guidance": (
                            "Kijk naar de omstandigheden en naar de ruimte die de regels bieden. "
                            "Bespreek met je leidinggevende of een lichtere reactie passend is, en "
                            "leg je afweging vast in het dossier."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "transparantie",
        "name": "Transparantie",
        "description": (
            "Je werkt open en controleerbaar. Inwoners, bestuur en collega's kunnen zien hoe je "
            "werkt, tenzij er een goede reden is om informatie af te schermen."
        ),
        "norms": [
            {
                "key": "werk-vastleggen",
                "title": "Afspraken en documenten vastleggen",
                "text": (
                    "Je legt afspraken en documenten over je werk vast in het dossier, ook "
                    "berichten via e-mail of chat-apps. Zo kan de gemeente verantwoording afleggen "
                    "en verzoeken om informatie beantwoorden."
                ),
                "kind": "obligation",
                "explanation": (
                    "Ook een WhatsApp-bericht over je werk kan een document zijn dat onder de Woo "
                    "valt."
                ),
                "related_values": ["rechtmatigheid"],
                "legal_basis": ["Wet open overheid (Woo)"],
                "examples": [
                    {
                        "key": "afspraken-via-whatsapp",
                        "title": "Afspraken via WhatsApp",
                        "situation": (
                            "Een projectleider maakt via WhatsApp afspraken met een "
                            "projectontwikkelaar over het aantal sociale huurwoningen in een nieuw "
                            "plan. Een half jaar later komt er een Woo-verzoek over het project."
                        ),
                        "guidance": (
                            "Leg zulke afspraken direct vast in het dossier. Maak zakelijke "
                            "afspraken bij voorkeur via de kanalen van de gemeente."
                        ),
                    },
                ],
            },
            {
                "key": "geen-informatie-achterhouden",
                "title": "Geen informatie achterhouden voor het bestuur",
                "text": (
                    "Je houdt informatie die het college of de gemeenteraad nodig heeft niet "
                    "achter, en je kleurt die niet. Ook niet als de boodschap slecht uitkomt."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Het bestuur kan alleen goed besluiten en verantwoording afleggen als het alle "
                    "feiten kent."
                ),
                "related_values": ["eerlijkheid", "onafhankelijkheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "zwembad-duurder",
                        "title": "Tegenvallende cijfers vlak voor de raadsvergadering",
                        "situation": (
                            "Twee dagen voor de raadsvergadering blijkt dat de verbouwing van het "
                            "zwembad € 400.000 duurder wordt. Een manager vraagt je het bedrag pas "
                            "na de vergadering in een memo te zetten."
                        ),
                        "guidance": (
                            "Meld het via je leidinggevende aan de wethouder, met het advies de "
                            "raad direct te informeren. Het bestuur beslist wat er met de "
                            "informatie gebeurt, niet de ambtenaar."
                        ),
                    },
                ],
            },
            {
                "key": "vertrouwelijke-informatie",
                "title": "Vertrouwelijke informatie blijft binnen",
                "text": (
                    "Je deelt geen vertrouwelijke informatie uit je werk met mensen die die niet "
                    "voor hun werk nodig hebben, ook niet na je vertrek bij de gemeente. "
                    "Persoonsgegevens behandel je volgens de AVG."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Openheid is de regel, maar niet alles is openbaar. Denk aan persoonsgegevens, "
                    "bedrijfsgegevens en stukken waarover het college nog moet beslissen."
                ),
                "related_values": ["rechtmatigheid"],
                "legal_basis": [
                    "Ambtenarenwet 2017",
                    "AVG (Algemene verordening gegevensbescherming)",
                ],
                "examples": [
                    {
                        "key": "buurthuis-op-verjaardag",
                        "title": "Een vraag over het buurthuis op een verjaardag",
                        "situation": (
                            "Op een verjaardag vraagt een kennis of het klopt dat de gemeente het "
                            "buurthuis in zijn wijk gaat sluiten. Jij weet dat het college daar "
                            "volgende week over beslist."
                        ),
                        "guidance": (
                            "Je zegt dat je daar niets over kunt zeggen en dat het besluit "
                            "openbaar wordt zodra het is genomen. Ook een hint als „Ik zou er maar "
                            "niet op rekenen” is al te veel."
                        ),
                    },
                    {
                        "key": "dossier-naar-prive-mail",
                        "title": "Een dossier naar je privémail",
                        "situation": (
                            "Je wilt thuis verder werken aan een dossier met medische gegevens van "
                            "inwoners. Een collega stelt voor de bestanden even naar je privémail "
                            "te sturen."
                        ),
                        "guidance": (
                            "Doe dat niet: werk alleen in de beveiligde omgeving van de gemeente. "
                            "Is er per ongeluk toch iets naar een verkeerd adres gegaan, meld het "
                            "dan direct als datalek bij de privacy officer."
                        ),
                    },
                ],
            },
            {
                "key": "helder-uitleggen",
                "title": "Helder uitleggen wat de gemeente doet",
                "text": (
                    "Je streeft ernaar inwoners uit te leggen wat de gemeente doet en waarom, ook "
                    "als niemand erom vraagt. Je schrijft helder en zonder onnodig jargon."
                ),
                "kind": "aspiration",
                "explanation": "",
                "related_values": ["dienstbaarheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "brief-vol-ambtelijke-taal",
                        "title": "Een brief vol ambtelijke taal",
                        "situation": (
                            "In een brief aan bewoners over werk aan hun straat staat: „Ter "
                            "uitvoering van het vigerende beleid wordt overgegaan tot "
                            "herinrichting van de openbare ruimte.” Bewoners bellen massaal met "
                            "vragen."
                        ),
                        "guidance": (
                            "Schrijf wat er gebeurt, wanneer en waarom. Bijvoorbeeld: „Vanaf 3 "
                            "juni leggen we uw straat opnieuw aan. U kunt dan twee weken niet voor "
                            "de deur parkeren.”"
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "dienstbaarheid",
        "name": "Dienstbaarheid",
        "description": (
            "Je werkt voor de inwoners van Lindewaard en voor het algemeen belang. Je bent "
            "behulpzaam, respectvol en bereikbaar."
        ),
        "norms": [
            {
                "key": "iedereen-gelijk-behandelen",
                "title": "Iedereen gelijk behandelen",
                "text": (
                    "Je maakt geen onderscheid tussen inwoners op grond van bijvoorbeeld afkomst, "
                    "geloof, geslacht, seksuele gerichtheid, handicap of leeftijd. Gelijke "
                    "gevallen behandel je gelijk."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Ook een regel of werkwijze die neutraal lijkt, kan in de praktijk bepaalde "
                    "groepen benadelen."
                ),
                "related_values": ["rechtmatigheid"],
                "legal_basis": ["art. 1 Grondwet", "Algemene wet gelijke behandeling"],
                "examples": [
                    {
                        "key": "controle-op-postcode",
                        "title": "Controles gericht op een paar postcodes",
                        "situation": (
                            "Het team Werk en Inkomen wil controles op bijstandsfraude richten op "
                            "een paar postcodes in een wijk waar veel inwoners met een "
                            "migratieachtergrond wonen. „Daar zit het meeste risico”, zegt een "
                            "collega."
                        ),
                        "guidance": (
                            "Selecteren op postcode kan leiden tot indirecte discriminatie. "
                            "Bespreek het voorstel met de privacy officer en de "
                            "integriteitscoördinator, en selecteer alleen op criteria die je "
                            "objectief kunt onderbouwen."
                        ),
                    },
                ],
            },
            {
                "key": "respectvol-en-bereikbaar",
                "title": "Respectvol en bereikbaar",
                "text": (
                    "Je behandelt inwoners met respect en je reageert binnen de afgesproken "
                    "termijn. Lukt dat niet, dan laat je weten wanneer ze wel antwoord krijgen."
                ),
                "kind": "obligation",
                "explanation": "",
                "related_values": [],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "boze-beller-lantaarnpaal",
                        "title": "Een boze beller over een lantaarnpaal",
                        "situation": (
                            "Een inwoner belt voor de derde keer over een kapotte lantaarnpaal. "
                            "Hij wordt grof en noemt je „een luie ambtenaar”."
                        ),
                        "guidance": (
                            "Blijf rustig en vertel wat je wel kunt doen. Word je uitgescholden of "
                            "bedreigd, dan mag je het gesprek beëindigen, en meld je het incident."
                        ),
                    },
                    {
                        "key": "mail-blijft-liggen",
                        "title": "Een mail die blijft liggen",
                        "situation": (
                            "Tijdens de vakantie van een collega komt er een vraag van een inwoner "
                            "in zijn mailbox. Niemand voelt zich verantwoordelijk, en na drie "
                            "weken heeft de inwoner nog niets gehoord."
                        ),
                        "guidance": (
                            "Spreek in je team af wie de mail van afwezige collega's bekijkt. "
                            "Stuur de inwoner alsnog een antwoord, met excuses voor de vertraging."
                        ),
                    },
                ],
            },
            {
                "key": "politiek-neutraal",
                "title": "Politiek neutraal dienen",
                "text": (
                    "In je werk laat je je eigen politieke voorkeur niet meewegen. Je helpt elk "
                    "raadslid en elke fractie even zorgvuldig en even snel."
                ),
                "kind": "obligation",
                "explanation": (
                    "Je dient het bestuur van nu, maar ook dat van na de volgende verkiezingen."
                ),
                "related_values": ["onafhankelijkheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "vraag-van-oppositie",
                        "title": "Een vraag van de oppositie",
                        "situation": (
                            "Een oppositiefractie stelt technische vragen over de begroting. De "
                            "wethouder laat doorschemeren dat het antwoord „geen haast” heeft."
                        ),
                        "guidance": (
                            "Behandel de vragen net zo snel en zorgvuldig als vragen van een "
                            "coalitiepartij. Volg de afspraken over ambtelijke bijstand aan "
                            "raadsleden, en bespreek het met je leidinggevende als je druk voelt."
                        ),
                    },
                ],
            },
            {
                "key": "meedenken-met-inwoners",
                "title": "Meedenken met inwoners",
                "text": (
                    "Je streeft ernaar mee te denken met inwoners en samen naar een oplossing te "
                    "zoeken, ook als het antwoord op hun vraag „nee” is."
                ),
                "kind": "aspiration",
                "explanation": "",
                "related_values": ["transparantie"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "straatfeest-te-laat",
                        "title": "Een straatfeest dat te laat is aangevraagd",
                        "situation": (
                            "Een buurtvereniging vraagt twee weken van tevoren een vergunning aan "
                            "voor een straatfeest. De gemeente vraagt aanvragen minstens acht "
                            "weken van tevoren in te dienen."
                        ),
                        "guidance": (
                            "Zeg niet alleen dat het te laat is. Kijk of een kleiner feest met "
                            "alleen een melding kan, en leg uit hoe het volgend jaar wel lukt."
                        ),
                    },
                ],
            },
        ],
    },
    {
        "key": "onafhankelijkheid",
        "name": "Onafhankelijkheid",
        "description": (
            "Je werkt onpartijdig en laat je niet leiden door persoonlijke belangen of druk van "
            "buiten. Je geeft het bestuur eerlijk advies, ook als dat niet welkom is."
        ),
        "norms": [
            {
                "key": "nevenwerkzaamheden-melden",
                "title": "Nevenwerkzaamheden melden",
                "text": (
                    "Je meldt nevenwerkzaamheden, betaald of onbetaald, die de belangen van de "
                    "gemeente kunnen raken vooraf bij je leidinggevende. Verandert er iets, dan "
                    "meld je dat ook."
                ),
                "kind": "obligation",
                "explanation": (
                    "De gemeente registreert de melding. Samen met je leidinggevende bekijk je of "
                    "het werk samengaat met je functie."
                ),
                "related_values": ["transparantie"],
                "legal_basis": ["Ambtenarenwet 2017"],
                "examples": [
                    {
                        "key": "penningmeester-voetbalclub",
                        "title": "Penningmeester van de voetbalclub",
                        "situation": (
                            "Je werkt bij de afdeling Sport en wordt gevraagd als penningmeester "
                            "van de plaatselijke voetbalclub. De club vraagt elk jaar subsidie aan "
                            "bij de gemeente."
                        ),
                        "guidance": (
                            "Meld de functie vooraf. Kan het samengaan met je werk, dan behandel "
                            "je in elk geval geen subsidieaanvragen van de club."
                        ),
                    },
                ],
            },
            {
                "key": "geen-belangenverstrengeling",
                "title": "Geen zaken behandelen waarbij je zelf belang hebt",
                "text": (
                    "Je behandelt geen zaak waarbij jij, familie, vrienden of een organisatie waar "
                    "je bij betrokken bent een belang heeft. Je meldt zo'n belang en draagt de "
                    "zaak over aan een collega."
                ),
                "kind": "prohibition",
                "explanation": (
                    "Het gaat niet alleen om echte partijdigheid, maar ook om de schijn daarvan."
                ),
                "related_values": ["eerlijkheid", "rechtmatigheid"],
                "legal_basis": ["art. 2:4 Awb", "art. 4 Ambtenarenwet 2017"],
                "examples": [
                    {
                        "key": "dakkapel-buurvrouw",
                        "title": "De dakkapel van de buurvrouw",
                        "situation": (
                            "Je beoordeelt aanvragen voor een omgevingsvergunning. Op je bureau "
                            "belandt de aanvraag voor een dakkapel van je buurvrouw, met wie je "
                            "goed bevriend bent."
                        ),
                        "guidance": (
                            "Meld het aan je leidinggevende en laat een collega de aanvraag "
                            "behandelen. Ook als je zeker weet dat je objectief blijft."
                        ),
                    },
                ],
            },
            {
                "key": "financiele-belangen-melden",
                "title": "Financiële belangen melden",
                "text": (
                    "Werk je in een functie die de gemeente daarvoor heeft aangewezen, dan meld je "
                    "je financiële belangen die de belangen van de gemeente kunnen raken, zoals "
                    "aandelen of vastgoed."
                ),
                "kind": "obligation",
                "explanation": (
                    "Het gaat om functies met een verhoogd risico op financiële "
                    "belangenverstrengeling, bijvoorbeeld bij inkoop, grondzaken en subsidies."
                ),
                "related_values": ["transparantie"],
                "legal_basis": ["Ambtenarenwet 2017"],
                "examples": [
                    {
                        "key": "aandelen-zonnepark",
                        "title": "Aandelen in een bouwer van zonneparken",
                        "situation": (
                            "Je bent beleidsadviseur duurzaamheid en hebt aandelen in een bedrijf "
                            "dat zonneparken bouwt. De gemeente zoekt een partij voor een "
                            "zonnepark langs de provinciale weg."
                        ),
                        "guidance": (
                            "Meld je aandelen aan je leidinggevende. Je doet niet mee aan de keuze "
                            "voor een partij, en samen bespreek je of je de aandelen beter kunt "
                            "verkopen."
                        ),
                    },
                ],
            },
            {
                "key": "terughoudend-op-sociale-media",
                "title": "Terughoudend op sociale media",
                "text": (
                    "Je mag je mening geven, ook op sociale media. Je streeft ernaar dat zo te "
                    "doen dat het vertrouwen in je onpartijdigheid en in de gemeente overeind "
                    "blijft, zeker als het over je eigen werk gaat."
                ),
                "kind": "aspiration",
                "explanation": (
                    "Op sociale media ben je altijd herkenbaar als medewerker van de gemeente."
                ),
                "related_values": ["dienstbaarheid"],
                "legal_basis": [],
                "examples": [
                    {
                        "key": "fel-bericht-windmolens",
                        "title": "Een fel bericht over de windmolens",
                        "situation": (
                            "Je bent privé tegen de windmolens die de gemeente wil plaatsen, maar "
                            "je werkt zelf aan het plan. Op Facebook wil je een fel bericht van de "
                            "actiegroep delen."
                        ),
                        "guidance": (
                            "Juist omdat je aan het plan werkt, deel je het bericht niet. Je "
                            "bezwaren bespreek je binnen de organisatie, met je leidinggevende of "
                            "het projectteam."
                        ),
                    },
                ],
            },
        ],
    },
]

# Edits replayed after creation, so the demo shows history: each changes one item's field(s)
# with a reason.
# The demo code's history. The editors wrote the code and polished it (EDITS_BEFORE_V1); the
# college established version 1 a year ago. Reflection sessions since led to EDITS, established
# as version 2 a few weeks ago. One edit from a recent session waits for the next version.

EDITS_BEFORE_V1 = [
    {
        "key": "doelmatigheid",
        "changes": {
            "description": (
                "Je gaat zuinig en verstandig om met publiek geld, tijd en middelen. Je kiest de "
                "aanpak die inwoners het meeste oplevert, tegen redelijke kosten."
            ),
        },
        "reason": "Intervisie teamleiders: „zuinig” betekent niet „zo goedkoop mogelijk”",
        "user": "editor",
    },
    {
        "key": "misstand-melden",
        "changes": {"title": "Een vermoeden van een misstand altijd melden"},
        "reason": "",
        "user": "admin",
    },
]

EDITS = [
    {
        "key": "geschenken-melden",
        "changes": {
            "text": (
                "Je meldt elk geschenk en elke uitnodiging die je vanwege je werk krijgt aan je "
                "leidinggevende, ook als je het afslaat. Geschenken tot een waarde van € 50 mag je "
                "houden als je leidinggevende akkoord is. Duurdere geschenken neem je niet aan."
            ),
        },
        "reason": "Uitkomst dilemmasessie maart: ook afgeslagen geschenken en uitnodigingen melden",
        "user": "editor",
    },
    {
        "key": "terughoudend-op-sociale-media",
        "changes": {
            "explanation": (
                "Op sociale media ben je altijd herkenbaar als medewerker van de gemeente, ook op "
                "een privéaccount. Twijfel je over een bericht, plaats het dan niet of vraag eerst "
                "een collega om mee te kijken."
            ),
        },
        "reason": "Casuïstiekbespreking team Ruimte: uitleg aangevuld met privéaccounts",
        "user": "editor",
    },
    {
        "key": "kerstpakket-aannemer",
        "changes": {
            "guidance": (
                "Meld het pakket aan je leidinggevende; de waarde ligt boven € 50, dus je houdt "
                "het niet. De gemeente stuurt zulke pakketten met een vriendelijke brief terug. "
                "Dat het bij je thuis is bezorgd, is een extra reden om het te bespreken."
            ),
        },
        "reason": "Afspraak met Facilitaire Zaken over het terugsturen van geschenken",
        "user": "editor",
    },
]

EDITS_AFTER_V2 = [
    {
        "key": "kennis-delen",
        "changes": {
            "explanation": (
                "Bijvoorbeeld in het werkoverleg, bij het inwerken van nieuwe collega's of via de "
                "kennisbank van je afdeling."
            ),
        },
        "reason": "Dilemmasessie team Publiekszaken: maak concreet waar je kennis deelt",
        "user": "editor",
    },
]

# Established by the college; `decision` is numbered within the year the version came into force.
ESTABLISHED_BY = "College van burgemeester en wethouders, besluit {year}/{decision}"

VERSIONS = [
    {
        "days_ago": 365,
        "decision": 118,
        "edits_before": EDITS_BEFORE_V1,
        "change_summary": (
            "Eerste versie van de gedragscode, opgesteld door P&O na gesprekken met alle "
            "afdelingen en de ondernemingsraad."
        ),
        "confirmed_by": ["employee", "editor"],
    },
    {
        "days_ago": 21,
        "decision": 57,
        "edits_before": [],
        "change_summary": (
            "Wijzigingen na de reflectiebijeenkomsten van het afgelopen jaar:\n\n"
            "- Geschenken en uitnodigingen melden: ook wat je afslaat, meld je voortaan.\n"
            "- Een kerstpakket van de aannemer: de gemeente stuurt zulke pakketten terug.\n"
            "- Terughoudend op sociale media: de uitleg geldt ook voor privéaccounts."
        ),
        "confirmed_by": ["editor"],
        # How version 2 was established (design.md: `version.establishment`), days before it
        # came into force: the works council's consent and the college's decision are sealed
        # with it; the publication in the Gemeenteblad followed and is logged afterwards.
        "establishment": {
            "works_council": {"days_before": 42, "reference": "OR/{year}/031"},
            "decision": {
                "body": "College van burgemeester en wethouders",
                "days_before": 28,
                "reference": "{year}/57",
            },
            "legal_basis": [
                {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"},
                {"label": "Wet op de ondernemingsraden", "bwb": "BWBR0002747", "article": "27"},
            ],
        },
        "publication_logged": {
            "gazette": "Gemeenteblad",
            "days_before": 14,
            "reference": "gmb-{year}-{number}",
            "url": "https://zoek.officielebekendmakingen.nl/gmb-{year}-{number}.html",
            "number": 184307,
        },
    },
]


# An editorial version a week ago (a law's name written out): nobody confirms it again, a
# confirmation of version 2 counts for it.
EDITORIAL_VERSION = {
    "days_ago": 7,
    "decision": 64,
    "edits_before": [
        {
            "key": "geschenken-melden",
            "changes": {
                # The law written out, and linked: wetten.overheid.nl by its identifier.
                "legal_basis": [
                    {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"},
                    "art. 363 Wetboek van Strafrecht (omkoping)",
                ],
            },
            "reason": "Redactioneel: wetsartikel voluit genoemd",
            "user": "editor",
        },
    ],
    "change_summary": "Redactionele wijziging: een wetsartikel voluit genoemd. Er verandert "
    "niets aan wat de code van je vraagt.",
}

# A year of reflection (days_ago: negative is still to come). People are never named in the
# code; the sessions keep groups and numbers only.
CASES = [
    {
        "title": "De fles wijn van de leverancier",
        "situation": (
            "Na afloop van een project stuurt een leverancier een fles wijn naar de projectleider, "
            "met een kaartje „voor de prettige samenwerking”. Een nieuwe aanbesteding komt eraan."
        ),
        "question": "Mag de projectleider de fles houden? En wat als hij haar al heeft afgeslagen?",
        "is_real": True,
        "values": ["eerlijkheid", "onafhankelijkheid"],
        "norms": ["geschenken-melden"],
    },
    {
        "title": "Een kritisch bericht op een privéaccount",
        "situation": (
            "Een medewerker van team Ruimte plaatst op haar privéaccount een fel bericht over "
            "windmolens in de gemeente. Buren weten waar ze werkt."
        ),
        "question": "Waar ligt de grens tussen vrijheid van meningsuiting en terughoudendheid?",
        "is_real": False,
        "values": ["onafhankelijkheid", "dienstbaarheid"],
        "norms": ["terughoudend-op-sociale-media"],
    },
    {
        "title": "Kennis die bij één collega blijft",
        "situation": (
            "Alleen de senior bij Publiekszaken weet hoe de uitzonderingsregeling voor de "
            "parkeervergunning werkt. Ze gaat over drie maanden met pensioen."
        ),
        "question": "Wie is verantwoordelijk voor het delen van die kennis, en hoe?",
        "is_real": True,
        "values": ["deskundigheid", "doelmatigheid"],
        "norms": ["kennis-delen"],
    },
    {
        "title": "Een verzoek van de oppositie",
        "situation": (
            "Een raadslid van de oppositie belt een beleidsmedewerker rechtstreeks en vraagt om "
            "„even snel” de cijfers die de wethouder volgende week presenteert."
        ),
        "question": "Wat doe je: helpen, doorverwijzen of weigeren?",
        "is_real": False,
        "values": ["dienstbaarheid", "transparantie"],
        "norms": ["politiek-neutraal"],
    },
]

SESSIONS = [
    {
        "title": "Dilemmasessie geschenken en uitnodigingen",
        "days_ago": 250,
        "format": "dilemma",
        "facilitator": "editor",
        "external": "",
        "groups": "Team Inkoop en team Projecten",
        "count": 14,
        "values": ["eerlijkheid", "onafhankelijkheid"],
        "norms": ["geschenken-melden"],
        "cases": [0],
        "insights": (
            "Veel collega's meldden alleen wat ze aannamen. Wat je afslaat, zegt ook iets: "
            "**meld beide**, dan ziet de organisatie welke leveranciers het proberen."
        ),
    },
    {
        "title": "Intervisie teamleiders",
        "days_ago": 180,
        "format": "managers",
        "facilitator": "",
        "external": "Bureau Integer Werken, Utrecht",
        "groups": "Teamleiders van alle afdelingen",
        "count": 9,
        "values": ["doelmatigheid", "deskundigheid"],
        "norms": ["publiek-geld-verstandig"],
        "cases": [],
        "insights": (
            "Doelmatig is niet hetzelfde als goedkoop. Leg uit waarom je kiest wat je kiest."
        ),
    },
    {
        "title": "Casuïstiekbespreking team Ruimte",
        "days_ago": 90,
        "format": "case_discussion",
        "facilitator": "editor",
        "external": "",
        "groups": "Team Ruimte",
        "count": 11,
        "values": ["onafhankelijkheid"],
        "norms": ["terughoudend-op-sociale-media"],
        "cases": [1],
        "insights": "De norm over sociale media moet zeggen dat hij ook voor privéaccounts geldt.",
    },
    {
        "title": "Werkoverleg Facilitaire Zaken",
        "days_ago": 45,
        "format": "team_meeting",
        "facilitator": "editor",
        "external": "",
        "groups": "Facilitaire Zaken",
        "count": 7,
        "values": ["eerlijkheid"],
        "norms": ["geschenken-melden"],
        "cases": [0],
        "insights": "Afspraak: geschenken boven € 50 gaan met een vriendelijke brief terug.",
    },
    {
        "title": "Dilemmasessie team Publiekszaken",
        "days_ago": 12,
        "format": "dilemma",
        "facilitator": "editor",
        "external": "",
        "groups": "Team Publiekszaken",
        "count": 16,
        "values": ["deskundigheid", "dienstbaarheid"],
        "norms": ["kennis-delen", "politiek-neutraal"],
        "cases": [2, 3],
        "insights": (
            "Maak concreet wáár je kennis deelt. Over contact met raadsleden is meer uitleg nodig."
        ),
    },
    {
        "title": "Integriteit met het college",
        "days_ago": -20,
        "format": "office_holders",
        "facilitator": "",
        "external": "Integriteitscoördinator provincie",
        "groups": "Burgemeester, wethouders en gemeentesecretaris",
        "count": None,
        "values": ["transparantie", "onafhankelijkheid"],
        "norms": [],
        "cases": [3],
        "insights": "",
    },
    {
        "title": "Intervisie nieuwe medewerkers",
        "days_ago": -60,
        "format": "intervision",
        "facilitator": "editor",
        "external": "",
        "groups": "Medewerkers in hun eerste jaar",
        "count": None,
        "values": ["eerlijkheid", "rechtmatigheid"],
        "norms": [],
        "cases": [],
        "insights": "",
    },
]

# Proposals, by the session (index into SESSIONS) they came from. `fate` says how far each
# got: "incorporated" ones shaped version 2; "approved" waits for the next version; the rest
# show every other state.
PROPOSALS = [
    {
        "fate": "incorporated", "session": 0, "proposer": "editor",
        "title": "Ook afgeslagen geschenken melden", "action": "reword", "key": "geschenken-melden",
        "proposed": EDITS[0]["changes"],
        "rationale": "Afgeslagen geschenken bleken nergens zichtbaar te worden.",
        "reason": "Helder en in lijn met de notitie van de integriteitscoördinator.",
    },
    {
        "fate": "incorporated", "session": 2, "proposer": "editor",
        "title": "Sociale media: ook privéaccounts", "action": "reword",
        "key": "terughoudend-op-sociale-media", "proposed": EDITS[1]["changes"],
        "rationale": "Collega's dachten dat de norm alleen voor zakelijke accounts gold.",
        "reason": "Goede verduidelijking; geen nieuwe plicht, wel een duidelijkere.",
    },
    {
        "fate": "incorporated", "session": 3, "proposer": "editor",
        "title": "Kerstpakket: terugsturen met een brief", "action": "reword",
        "key": "kerstpakket-aannemer", "proposed": EDITS[2]["changes"],
        "rationale": "Afspraak met Facilitaire Zaken vastleggen in het voorbeeld.",
        "reason": "Sluit aan bij de werkwijze van Facilitaire Zaken.",
    },
    {
        "fate": "approved", "session": 4, "proposer": "editor",
        "title": "Concreet maken waar je kennis deelt", "action": "reword", "key": "kennis-delen",
        "proposed": EDITS_AFTER_V2[0]["changes"],
        "rationale": "Uit de dilemmasessie: „kennis delen” bleef te abstract.",
        "reason": "Akkoord; neem mee in de volgende versie.",
    },
    {
        "fate": "submitted", "session": 4, "proposer": "editor",
        "title": "Contact met raadsleden: altijd via de wethouder",
        "action": "reword", "key": "politiek-neutraal",
        "proposed": {
            "explanation": (
                "Vraagt een raadslid je rechtstreeks om informatie, verwijs dan vriendelijk naar "
                "de wethouder of de griffie. Zo krijgen alle fracties dezelfde informatie."
            ),
        },
        "rationale": "Medewerkers weten niet wat ze moeten doen als een raadslid belt.",
        "reason": "",
    },
    {
        "fate": "rejected", "session": 1, "proposer": "editor",
        "title": "Norm over doelmatigheid schrappen", "action": "retire",
        "key": "publiek-geld-verstandig", "proposed": {},
        "rationale": "Sommige teamleiders vonden de norm overbodig naast de inkoopregels.",
        "reason": (
            "Afgewezen: de norm gaat over meer dan inkoop; de sessie liet juist zien dat de "
            "uitleg nodig is."
        ),
    },
    {
        "fate": "withdrawn", "session": 2, "proposer": "editor",
        "title": "Verbod op sociale media tijdens werktijd", "action": "reword",
        "key": "terughoudend-op-sociale-media",
        "proposed": {"kind": "prohibition"},
        "rationale": "Voorstel uit de sessie, later ingetrokken na overleg met de OR.",
        "reason": "",
    },
    {
        "fate": "draft", "session": 4, "proposer": "editor",
        "title": "Voorbeeld: het telefoontje van het raadslid", "action": "add", "key": "",
        "target": "example", "parent": "politiek-neutraal",
        "proposed": {
            "title": "Het telefoontje van het raadslid",
            "situation": CASES[3]["situation"],
            "guidance": "Verwijs vriendelijk naar de wethouder of de griffie.",
        },
        "rationale": "De casus uit de dilemmasessie is een goed voorbeeld voor deze norm.",
        "reason": "",
    },
    {
        "fate": "submitted", "session": None, "proposer": "employee",
        "title": "Wat is een „redelijke” waarde?", "action": "reword", "key": "geschenken-melden",
        "proposed": {
            "explanation": (
                "Twijfel je over de waarde van een geschenk? Zoek de prijs op of vraag het je "
                "leidinggevende. Een uitnodiging voor een etentje telt ook mee."
            ),
        },
        "rationale": "Ik wist bij een etentje niet of dat onder de € 50 viel.",
        "reason": "",
    },
]  # fmt: skip

# A staff code built on a model code: the central government's Gedragscode Integriteit Rijk,
# its 2016 and 2019 releases as another installation of this product publishes them (sealed
# documents, written for this project after the published codes).
MODEL_RELEASES = {
    2016: Path(__file__).resolve().parent / "models" / "gir-2016.json",
    2019: Path(__file__).resolve().parent / "models" / "gir-2019.json",
}
MODEL_PUBLISHER = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
MODEL_BASED = {
    "slug": "uitvoeringsdienst",
    "name": "Gedragscode Regionale Uitvoeringsdienst",
    "days_ago": 400,
    "established_by": "Algemeen bestuur van de Regionale Uitvoeringsdienst, besluit {year}/AB-7",
    # Taken over with local wording (the reading page marks it adapted).
    "adapted": {
        "key": "uitnodigingen",
        "text": (
            "Je neemt een uitnodiging alleen aan als je leidinggevende vooraf schriftelijk "
            "akkoord gaat."
        ),
    },
}

# The council's own code, beside the staff code (several codes in one organisation): council
# members are no employees, so the Gemeentewet (art. 15 and 41c) asks the council for a code
# of its own. Written for this project.
COUNCIL = {
    "slug": "raadsleden",
    "name": "Gedragscode raadsleden",
    "title": "Gedragscode voor de leden van de gemeenteraad van Lindewaard",
    "audience": "council",
    "preamble": (
        "Raadsleden besluiten namens de inwoners van Lindewaard. Dat vraagt om openheid over "
        "belangen en nevenfuncties, en om zorgvuldigheid met geschenken en vertrouwelijke "
        "informatie. De raad heeft deze code vastgesteld op grond van **artikel 15 van de "
        "Gemeentewet**."
    ),
    "established_by": "Gemeenteraad van Lindewaard, besluit {year}/R-12",
    "days_ago": 200,
    "values": [
        {
            "key": "onafhankelijkheid",
            "name": "Onafhankelijkheid",
            "description": "Je besluit in het belang van de gemeente, niet in je eigen belang.",
            "norms": [
                {
                    "key": "nevenfuncties-openbaar",
                    "title": "Nevenfuncties openbaar maken",
                    "text": (
                        "Je meldt elke nevenfunctie bij de griffier voordat je die aanvaardt. "
                        "De griffie maakt de lijst openbaar op de website van de gemeente."
                    ),
                    "kind": "obligation",
                },
                {
                    "key": "geen-stemming-bij-eigen-belang",
                    "title": "Niet meestemmen bij een eigen belang",
                    "text": (
                        "Je stemt niet mee over een besluit dat jou persoonlijk aangaat, of een "
                        "organisatie waarvoor je werkt of die je vertegenwoordigt."
                    ),
                    "kind": "prohibition",
                },
            ],
        },
        {
            "key": "zorgvuldigheid",
            "name": "Zorgvuldigheid",
            "description": "Je gaat zorgvuldig om met wat je als raadslid krijgt en hoort.",
            "norms": [
                {
                    "key": "geschenken-melden",
                    "title": "Geschenken melden",
                    "text": (
                        "Je meldt elk geschenk of elke uitnodiging met een waarde boven "
                        "€ 50 bij de griffier. Geschenken boven die waarde neem je niet aan."
                    ),
                    "kind": "obligation",
                },
                {
                    "key": "geheimhouding",
                    "title": "Geheimhouding respecteren",
                    "text": (
                        "Wat de raad geheim heeft verklaard, bespreek je met niemand buiten "
                        "de vergadering, ook niet met je fractie buiten de raad."
                    ),
                    "kind": "prohibition",
                },
            ],
        },
    ],
}
