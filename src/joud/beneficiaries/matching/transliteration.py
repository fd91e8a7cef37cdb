"""Latin spellings of common Omani names, mapped to their normalised Arabic form.

Keys are lower-case Latin with ``al``/``el`` prefixes, hyphens and apostrophes removed and a final
``y`` written ``i`` (see ``normalize.latin_key``). Values are Arabic in the normalised alphabet
(no hamza forms, ة written ه, ى written ي) so that a transliterated token and an Arabic token
compare equal. Names missing here still meet their Arabic form through the phonetic key.
"""

from __future__ import annotations

GIVEN_SPELLINGS = {
    "محمد": "mohammed mohammad muhammad muhammed mohamed mohamad mohd mhd mohammd muhamed",
    "احمد": "ahmed ahmad ahmet",
    "محمود": "mahmoud mahmood mahmud",
    "علي": "ali aly",
    "سالم": "salim salem saleem",
    "سعيد": "said saeed saied sayeed saaid",
    "سيف": "saif sayf seif",
    "خميس": "khamis khamees",
    "حمد": "hamad",
    "حامد": "hamid hamed",
    "حمود": "hamood hamoud hamud",
    "خالد": "khalid khaled",
    "ناصر": "nasser nasir naser",
    "سليمان": "sulaiman suleiman sulayman soliman sleiman",
    "يوسف": "yousef yusuf youssef yousuf",
    "عبدالله": "abdullah abdulla abdallah abdalla abdellah",
    "عبدالرحمن": "abdulrahman abdelrahman abdurrahman abdalrahman",
    "عبدالعزيز": "abdulaziz abdelaziz",
    "عبدالرحيم": "abdulrahim abdelrahim",
    "عبدالكريم": "abdulkarim abdelkarim",
    "حسن": "hassan hasan",
    "حسين": "hussein hussain husain hossein husein",
    "راشد": "rashid rashed",
    "مبارك": "mubarak mobarak",
    "سلطان": "sultan",
    "ماجد": "majid majed",
    "هلال": "hilal helal",
    "بدر": "badr bader",
    "طالب": "talib taleb",
    "زاهر": "zahir zaher",
    "عامر": "amer aamer",
    "مسعود": "masoud masood masaud",
    "جمعه": "juma jumaa jumah",
    "عيسي": "issa eisa isa",
    "موسي": "musa mousa",
    "ابراهيم": "ibrahim ebrahim",
    "اسماعيل": "ismail esmail",
    "يعقوب": "yaqoob yacoub yaqub",
    "ياسر": "yasser yasir",
    "هيثم": "haitham haytham",
    "فهد": "fahad fahd",
    "منصور": "mansoor mansour",
    "عمر": "omar umar",
    "عثمان": "othman osman uthman",
    "مريم": "maryam mariam mariyam",
    "فاطمه": "fatima fatma fatimah",
    "عايشه": "aisha aysha ayesha aishah",
    "خديجه": "khadija khadeeja khadijah",
    "زينب": "zainab zaynab",
    "سلمي": "salma salmah",
    "موزه": "moza mouza mozah",
    "شيخه": "shaikha sheikha shaikhah",
    "نوره": "noora nura nourah",
    "اسماء": "asma asmaa",
    "ريم": "reem rim",
    "عزه": "azza aza",
    "ثريا": "thuraya thuraiya",
    "بشري": "bushra",
    "منيره": "munira muneera",
    "سعاد": "suad soad",
    "حليمه": "halima haleema",
    "رقيه": "ruqaya ruqaiya",
    "امنه": "amna amina aminah",
    "وضحي": "wadha wadhha",
}

FAMILY_SPELLINGS = {
    "بلوشي": "balushi baloushi baluchi blushi",
    "حارثي": "harthi harthy harithi",
    "هنايي": "hinai hinaai hanai",
    "كندي": "kindi kendi",
    "معمري": "maamari mamari maamary",
    "ريامي": "riyami reyami riyamy",
    "شكيلي": "shukaili shukeili shkaili",
    "غافري": "ghafri ghafry",
    "حبسي": "habsi habsy",
    "سيابي": "siyabi siyaby",
    "راشدي": "rashdi rashidi",
    "بوسعيدي": "busaidi bousaidi busaedi",
    "فارسي": "farsi",
    "وهيبي": "wahaibi wahibi",
    "عامري": "amri ameri",
    "رواحي": "rawahi",
    "شحي": "shehhi shihhi",
    "جابري": "jabri jabry",
    "يعقوبي": "yaqoobi yaqubi",
    "مقبالي": "maqbali",
    "سعدي": "saadi saidi",
    "كلباني": "kalbani",
    "عبري": "abri",
    "بادي": "badi",
    "زدجالي": "zadjali zadjaly",
    "لواتي": "lawati",
    "محروقي": "mahrouqi mahruqi",
    "حوسني": "hosni husni",
    "بطاشي": "battashi batashi",
    "علوي": "alawi",
    "كعبي": "kaabi",
    "مشايخي": "mashaikhi",
    "نعماني": "naamani nomani",
    "شيذاني": "shidhani shithani",
    "ندابي": "nadabi",
    "عجمي": "ajmi",
    "توبي": "toobi tubi",
    "سناني": "sinani",
    "مسكري": "maskari",
    "رحبي": "rahbi",
}


def _build(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for arabic, spellings in table.items():
        for spelling in spellings.split():
            out[spelling] = arabic
    return out


LATIN_GIVEN = _build(GIVEN_SPELLINGS)
LATIN_FAMILY = _build(FAMILY_SPELLINGS)
