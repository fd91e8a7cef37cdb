"""The purposes, their first consent texts and the register of processing the notice shows."""

from django.db import migrations

# code, English name, Arabic name, legal basis
PURPOSES = [
    ("receipts", "Receipts and thank-you messages", "الإيصالات ورسائل الشكر", "contract"),
    ("updates", "Updates and newsletters", "التحديثات والنشرات", "consent"),
    ("public_name", "Your name shown on a gift", "إظهار اسمك على تبرعك", "consent"),
    ("volunteering", "Volunteering", "التطوع", "consent"),
    ("case", "A beneficiary's case", "ملف حالة المستفيد", "consent"),
    (
        "case_sharing",
        "Checking a case against other associations' cases for duplicates",
        "مطابقة الحالة مع حالات الجمعيات الأخرى لكشف التكرار",
        "consent",
    ),
    ("financial_records", "Financial records", "السجلات المالية", "legal"),
    ("oversight", "The ministry's oversight", "رقابة الوزارة", "oversight"),
    ("security", "Security and access logs", "سجلات الأمان والاطلاع", "legal"),
]

TEXTS = {
    "updates": (
        "I agree that Joud and the association I give to send me news of the initiatives I "
        "support and occasional newsletters by SMS or email. I can withdraw at any time from "
        "«My data».",
        "أوافق على أن ترسل لي منصة جود والجهة التي أتبرع لها أخبار المبادرات التي أدعمها ونشرات "
        "دورية عبر الرسائل النصية أو البريد الإلكتروني، ويمكنني سحب موافقتي في أي وقت من صفحة «بياناتي».",
    ),
    "public_name": (
        "I agree that my name is shown with my gift on the initiative's public page. I can "
        "withdraw at any time and my name will be hidden.",
        "أوافق على إظهار اسمي مع تبرعي في صفحة المبادرة العامة، ويمكنني سحب موافقتي في أي وقت "
        "فيُخفى اسمي.",
    ),
    "volunteering": (
        "I agree that the organization running the opportunity keeps my name, mobile number, "
        "age, skills and hours to organize my volunteering and issue my certificates. For a "
        "volunteer under 18 the guardian gives this consent.",
        "أوافق على أن تحتفظ الجهة المنظمة للفرصة باسمي ورقم هاتفي وعمري ومهاراتي وساعاتي لتنظيم "
        "تطوعي وإصدار شهاداتي. ويوافق ولي الأمر عن المتطوع الذي يقل عمره عن ١٨ سنة.",
    ),
    "case": (
        "I agree that the association keeps my household's data (names, civil IDs, phones, "
        "income, needs and, where I give them, health conditions) to study and follow my case, "
        "and shares with the ministry only what the law requires.",
        "أوافق على أن تحتفظ الجمعية ببيانات أسرتي (الأسماء وأرقام البطاقات المدنية والهواتف والدخل "
        "والاحتياجات، والحالة الصحية إن قدمتها) لدراسة حالتي ومتابعتها، وألا تُشارَك مع الوزارة إلا "
        "بما يقتضيه القانون.",
    ),
    "case_sharing": (
        "I agree that my civil ID and phone, in a coded form that reveals neither, are compared "
        "with other associations' cases to avoid duplicate aid.",
        "أوافق على مقارنة رقمي المدني وهاتفي، بصيغة مشفرة لا تكشف أيًا منهما، مع حالات الجمعيات "
        "الأخرى لتجنب تكرار المساعدة.",
    ),
}

# purpose, data, retention, recipients (each English, Arabic), sensitive
REGISTER = [
    (
        "receipts",
        ("Name, mobile number and email given with a gift", "الاسم ورقم الهاتف والبريد الإلكتروني المقدمة مع التبرع"),
        ("As long as the financial records that hold the gift", "طوال مدة حفظ السجلات المالية التي تتضمن التبرع"),
        ("The association you give to; the payment gateway for the payment only", "الجهة التي تتبرع لها، وبوابة الدفع للدفع فقط"),
        False,
    ),
    (
        "updates",
        ("Mobile number, email and language", "رقم الهاتف والبريد الإلكتروني واللغة"),
        ("Until you withdraw your consent", "حتى تسحب موافقتك"),
        ("Joud and the association you give to; the SMS and email providers", "منصة جود والجهة التي تتبرع لها، ومزودو الرسائل النصية والبريد"),
        False,
    ),
    (
        "public_name",
        ("The name you choose to show", "الاسم الذي تختار إظهاره"),
        ("Until you withdraw your consent", "حتى تسحب موافقتك"),
        ("The public", "العموم"),
        False,
    ),
    (
        "volunteering",
        ("Name, mobile, date of birth, skills, shifts and hours; a minor's guardian's name and mobile", "الاسم والهاتف وتاريخ الميلاد والمهارات والمناوبات والساعات، واسم ولي أمر القاصر وهاتفه"),
        ("Two years after the last shift; a minor's guardian's details one year", "سنتان بعد آخر مناوبة، وبيانات ولي أمر القاصر سنة واحدة"),
        ("The organization running the opportunity", "الجهة المنظمة للفرصة"),
        False,
    ),
    (
        "case",
        ("Names, civil IDs and phones (encrypted), income, needs, documents and health conditions (encrypted, sensitive)", "الأسماء وأرقام البطاقات المدنية والهواتف (مشفرة) والدخل والاحتياجات والمستندات والحالة الصحية (مشفرة، بيانات حساسة)"),
        ("Five years after the case is closed, then pseudonymised", "خمس سنوات بعد إغلاق الحالة، ثم تُستبدل البيانات الدالة على الشخص"),
        ("The association's caseworkers; the ministry sees counts only", "الباحثون الاجتماعيون في الجمعية، والوزارة ترى الأعداد فقط"),
        True,
    ),
    (
        "case_sharing",
        ("Coded forms (keyed hashes) of civil IDs, phones and names", "صيغ مشفرة (بصمات بمفتاح) للأرقام المدنية والهواتف والأسماء"),
        ("As long as the case", "طوال مدة حفظ الحالة"),
        ("Other associations learn only that a match exists", "تعلم الجمعيات الأخرى بوجود تطابق فقط"),
        False,
    ),
    (
        "financial_records",
        ("Gifts, receipts, refunds and ledger lines (amounts, dates, references)", "التبرعات والإيصالات والمبالغ المستردة وقيود الدفتر (المبالغ والتواريخ والمراجع)"),
        ("Ten years, as accounting rules require; the name is replaced on erasure", "عشر سنوات وفق متطلبات المحاسبة، ويُستبدل الاسم عند طلب المحو"),
        ("The association, its auditors and the ministry", "الجهة ومدققو حساباتها والوزارة"),
        False,
    ),
    (
        "oversight",
        ("Initiatives, money in and out, complaints and reports", "المبادرات والأموال الواردة والمصروفة والبلاغات والتقارير"),
        ("As the fundraising regulation requires", "وفق ما تقتضيه لائحة جمع التبرعات"),
        ("The Ministry of Social Development", "وزارة التنمية الاجتماعية"),
        False,
    ),
    (
        "security",
        ("Sign-in records, access logs of case files, message delivery records (addresses masked)", "سجلات الدخول وسجلات الاطلاع على ملفات الحالات وسجلات تسليم الرسائل (العناوين مخفية جزئيًا)"),
        ("Access logs five years; message records 90 days; sign-in codes one day", "سجلات الاطلاع خمس سنوات، وسجلات الرسائل ٩٠ يومًا، ورموز الدخول يومًا واحدًا"),
        ("No one outside Joud, unless a court or the authority asks", "لا أحد خارج جود إلا بطلب من المحكمة أو الجهة المختصة"),
        False,
    ),
]


def seed(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    ConsentText = apps.get_model("privacy", "ConsentText")
    Activity = apps.get_model("privacy", "ProcessingActivity")
    purposes = {}
    for position, (code, en, ar, basis) in enumerate(PURPOSES):
        purposes[code] = Purpose.objects.create(
            code=code, name_en=en, name_ar=ar, legal_basis=basis, position=position
        )
    for code, (en, ar) in TEXTS.items():
        ConsentText.objects.create(purpose=purposes[code], version=1, body_en=en, body_ar=ar)
    for position, (code, data, keep, recipients, sensitive) in enumerate(REGISTER):
        Activity.objects.create(
            purpose=purposes[code],
            position=position,
            data_en=data[0],
            data_ar=data[1],
            legal_basis=purposes[code].legal_basis,
            retention_en=keep[0],
            retention_ar=keep[1],
            recipients_en=recipients[0],
            recipients_ar=recipients[1],
            sensitive=sensitive,
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
