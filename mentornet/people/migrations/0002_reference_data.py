"""Reference lists (languages, interests, needs/competences, fields) and the first consent texts."""

from django.db import migrations

LANGUAGES = [
    ("da", "Dansk", "Danish"),
    ("en", "Engelsk", "English"),
    ("ar", "Arabisk", "Arabic"),
    ("so", "Somali", "Somali"),
    ("tr", "Tyrkisk", "Turkish"),
    ("ur", "Urdu", "Urdu"),
    ("fa", "Persisk (farsi)", "Persian (Farsi)"),
    ("prs", "Dari", "Dari"),
    ("ku", "Kurdisk", "Kurdish"),
    ("ps", "Pashto", "Pashto"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("am", "Amharisk", "Amharic"),
    ("bs", "Bosnisk", "Bosnian"),
    ("sr", "Serbisk", "Serbian"),
    ("sq", "Albansk", "Albanian"),
    ("pl", "Polsk", "Polish"),
    ("ro", "Rumænsk", "Romanian"),
    ("ru", "Russisk", "Russian"),
    ("uk", "Ukrainsk", "Ukrainian"),
    ("de", "Tysk", "German"),
    ("fr", "Fransk", "French"),
    ("es", "Spansk", "Spanish"),
    ("ta", "Tamil", "Tamil"),
    ("pa", "Punjabi", "Punjabi"),
    ("hi", "Hindi", "Hindi"),
    ("vi", "Vietnamesisk", "Vietnamese"),
    ("th", "Thai", "Thai"),
    ("tl", "Tagalog", "Tagalog"),
    ("zh", "Kinesisk", "Chinese"),
]

TOPICS = {
    "interest": [
        ("Sport og motion", "Sport and exercise"),
        ("Fodbold", "Football"),
        ("Madlavning", "Cooking"),
        ("Musik", "Music"),
        ("Kunst og kultur", "Art and culture"),
        ("Læsning og litteratur", "Reading and literature"),
        ("Film og teater", "Film and theatre"),
        ("Natur og friluftsliv", "Nature and the outdoors"),
        ("Rejser", "Travel"),
        ("IT og computere", "IT and computers"),
        ("Håndarbejde", "Crafts"),
        ("Foreningsliv", "Associations and clubs"),
        ("Samfund og politik", "Society and politics"),
        ("Familie og børn", "Family and children"),
        ("Mode og design", "Fashion and design"),
        ("Spil", "Games"),
    ],
    "support": [
        ("Valg af uddannelse", "Choosing an education"),
        ("Fastholdelse i uddannelse", "Staying in education"),
        ("Lektier og studieteknik", "Homework and study skills"),
        ("Jobsøgning og ansøgninger", "Job search and applications"),
        ("CV", "CV"),
        ("Netværk", "Network"),
        ("Praktik", "Work placement"),
        ("Dansk sprog", "Danish language"),
        ("Det danske samfund", "Danish society"),
        ("SU, skat og økonomi", "Student grants, tax and money"),
        ("Kontakt med myndigheder", "Dealing with authorities"),
        ("Motivation og selvtillid", "Motivation and confidence"),
        ("Sociale relationer", "Social relations"),
        ("Bolig", "Housing"),
        ("Familieliv", "Family life"),
        ("Iværksætteri", "Starting a business"),
        ("Fritid og foreninger", "Leisure and clubs"),
    ],
    "field": [
        ("Sundhed og omsorg", "Health and care"),
        ("Pædagogik og socialt arbejde", "Pedagogy and social work"),
        ("Undervisning", "Teaching"),
        ("Handel og kontor", "Retail and office"),
        ("IT og teknik", "IT and technology"),
        ("Håndværk og byggeri", "Crafts and construction"),
        ("Transport og logistik", "Transport and logistics"),
        ("Industri og produktion", "Industry and production"),
        ("Hotel, restaurant og køkken", "Hotels, restaurants and kitchens"),
        ("Service og rengøring", "Service and cleaning"),
        ("Jura", "Law"),
        ("Økonomi og finans", "Economics and finance"),
        ("Ingeniør og naturvidenskab", "Engineering and science"),
        ("Medier og kommunikation", "Media and communication"),
        ("Offentlig administration", "Public administration"),
        ("Landbrug og fødevarer", "Agriculture and food"),
        ("Frisør og skønhed", "Hairdressing and beauty"),
    ],
}

CONSENT_TEXTS = [
    (
        "mentor_signup",
        "Jeg giver samtykke til, at mentorordningen registrerer de oplysninger, jeg har skrevet, for at kunne "
        "kontakte mig, invitere mig til samtale og kursus og finde en mentee, der passer til mig. Oplysninger om "
        "etnisk baggrund er frivillige og bruges kun til at sammensætte match og til statistik uden navne. "
        "Oplysningerne ses kun af koordinatorerne i min afdeling. Jeg kan til enhver tid trække mit samtykke "
        "tilbage og bede om at få mine oplysninger slettet.",
        "I consent to the mentor programme registering the information I have written, so that it can contact "
        "me, invite me to an interview and a course, and find a mentee who suits me. Information about ethnic "
        "background is voluntary and only used to make matches and for statistics without names. Only the "
        "coordinators of my branch see it. I can withdraw my consent at any time and ask for my data to be deleted.",
    ),
    (
        "mentee_signup",
        "Jeg giver samtykke til, at mentorordningen registrerer de oplysninger, jeg har skrevet, for at kunne "
        "kontakte mig, tale med mig om mine ønsker og finde en mentor til mig. Oplysningerne ses kun af "
        "koordinatorerne i afdelingen, og min mentor får kun at vide, hvad der er nødvendigt for forløbet. Tal "
        "bruges i statistik uden navne. Jeg kan til enhver tid trække mit samtykke tilbage og bede om at få mine "
        "oplysninger slettet.",
        "I consent to the mentor programme registering the information I have written, so that it can contact "
        "me, talk with me about my wishes and find a mentor for me. Only the coordinators of the branch see it, "
        "and my mentor is only told what the mentorship needs. Figures are used in statistics without names. I "
        "can withdraw my consent at any time and ask for my data to be deleted.",
    ),
    (
        "referral",
        "Personen har givet samtykke til, at jeg henviser vedkommende til mentorordningen, og at mentorordningen "
        "registrerer oplysningerne i henvisningen for at kunne kontakte personen og finde en mentor. Som henviser "
        "kan jeg kun se, hvor langt henvisningen er nået, ikke koordinatorernes notater.",
        "The person has consented to my referring them to the mentor programme, and to the programme registering "
        "the information in the referral so that it can contact them and find a mentor. As the referrer I can only "
        "see how far the referral has come, not the coordinators' notes.",
    ),
]


def load(apps, schema_editor):
    Language = apps.get_model("people", "Language")
    Topic = apps.get_model("people", "Topic")
    ConsentText = apps.get_model("people", "ConsentText")
    Language.objects.bulk_create(Language(code=c, name=da, name_en=en) for c, da, en in LANGUAGES)
    Topic.objects.bulk_create(
        Topic(kind=kind, name=da, name_en=en) for kind, items in TOPICS.items() for da, en in items
    )
    ConsentText.objects.bulk_create(
        ConsentText(purpose=purpose, version=1, text=da, text_en=en) for purpose, da, en in CONSENT_TEXTS
    )


def unload(apps, schema_editor):
    apps.get_model("people", "Language").objects.all().delete()
    apps.get_model("people", "Topic").objects.all().delete()
    apps.get_model("people", "ConsentText").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
