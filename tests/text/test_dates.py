"""The Arabic date resolver: explicit dates in every common form, relative dates resolved
against the publication date, and words that look like dates but are not.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.records import PartialDate
from kg.text.dates import DateMention, find_dates, parse_date

THU = PartialDate(2015, 2, 26)  # a Thursday
MON = PartialDate(2015, 2, 23)  # a Monday

# (sentence, publication date, expected surface, expected ISO value or None, precision)
CASES = [
    # --- explicit, Egyptian month names
    ("وصل الوفد إلى طرابلس في 24 فبراير 2015 لبحث أمن الحدود", THU,
     "24 فبراير 2015", "2015-02-24", "day"),
    ("بدأت الحملة في 9 يونيه 2016 واستمرت أسبوعين", THU, "9 يونيه 2016", "2016-06-09", "day"),
    ("صدر القرار في 9يونيو 2020 بعد اجتماع طويل", THU, "9يونيو 2020", "2020-06-09", "day"),
    ("أعلن الجيش في ٢٤ فبراير ٢٠١٥ مقتل عشرة مسلحين", THU,
     "٢٤ فبراير ٢٠١٥", "2015-02-24", "day"),
    ("جرى التدريب في 2 من شهر ديسمبر 2016 قرب الحدود", THU,
     "2 من شهر ديسمبر 2016", "2016-12-02", "day"),
    ("وصل الوزير الأربعاء 3 يونيو 2015 إلى بنغازي", THU,
     "الأربعاء 3 يونيو 2015", "2015-06-03", "day"),
    ("وقع الانفجار في الرابع عشر من أبريل 2015 قرب المعبر", THU,
     "الرابع عشر من أبريل 2015", "2015-04-14", "day"),
    ("أغلق الميناء في الحادي والعشرين من مارس الماضي", THU,
     "الحادي والعشرين من مارس الماضي", "2014-03-21", "day"),
    # --- Levantine and Iraqi names, and the paired form
    ("عقد الاجتماع في 14 أبريل/نيسان 2019 بالقاهرة", THU,
     "14 أبريل/نيسان 2019", "2019-04-14", "day"),
    ("استهدفت الغارة مخزنا للسلاح في 3 نيسان/أبريل 2016", THU,
     "3 نيسان/أبريل 2016", "2016-04-03", "day"),
    ("وقع الاتفاق يوم 5 كانون الثاني 2017 في عمان", THU,
     "5 كانون الثاني 2017", "2017-01-05", "day"),
    ("أعلنت الوزارة في 12 تشرين الأول 2014 نتائج التحقيق", THU,
     "12 تشرين الأول 2014", "2014-10-12", "day"),
    ("وصلت الشحنة في 30 آب 2015 إلى الميناء", THU, "30 آب 2015", "2015-08-30", "day"),
    ("أغلقت الحدود منذ كانون الأول/ديسمبر 2014 بقرار أمني", THU,
     "كانون الأول/ديسمبر 2014", "2014-12", "month"),
    ("تراجعت الهجمات منذ حزيران 2014 في المنطقة", THU, "حزيران 2014", "2014-06", "month"),
    ("توقف الضخ في أغسطس آب 2016 بسبب الاشتباكات", THU, "أغسطس آب 2016", "2016-08", "month"),
    ("قتل الجنود في سبتمبر أيلول الماضي قرب الحدود", THU,
     "سبتمبر أيلول الماضي", "2014-09", "month"),
    ("تأسس الحلف في مارس (آذار) 2015 بمبادرة عربية", THU, "مارس (آذار) 2015", "2015-03", "month"),
    # --- Maghrebi names
    ("زار الوفد الجزائر في 7 جانفي 2016 لتنسيق الجهود", THU, "7 جانفي 2016", "2016-01-07", "day"),
    ("انطلقت المناورات المشتركة في 20 أفريل 2017", THU, "20 أفريل 2017", "2017-04-20", "day"),
    ("اعتقل المشتبه به يوم 15 جويلية 2018 في تونس", THU,
     "15 جويلية 2018", "2018-07-15", "day"),
    ("فتح المعبر في 3 أوت 2015 أمام المسافرين", THU, "3 أوت 2015", "2015-08-03", "day"),
    ("انعقدت اللجنة في 12 ماي 2016 بالرباط", THU, "12 ماي 2016", "2016-05-12", "day"),
    # --- numeric forms
    ("نشرت الوزارة البيان بتاريخ 2015/02/24 على موقعها", THU, "2015/02/24", "2015-02-24", "day"),
    ("صدر الحكم بتاريخ 24/02/2015 في القضية", THU, "24/02/2015", "2015-02-24", "day"),
    ("وصلت التعزيزات في 01 - 10 - 2014 إلى المنطقة", THU, "01 - 10 - 2014", "2014-10-01", "day"),
    ("أعلنت القيادة الخميس 23-01-2020 انتهاء العملية", THU,
     "الخميس 23-01-2020", "2020-01-23", "day"),
    ("حدد موعد الجلسة 2016-03-05 في المحكمة", THU, "2016-03-05", "2016-03-05", "day"),
    ("أرسلت البرقية في ٠٥/٠٣/٢٠١٦ إلى السفارة", THU, "٠٥/٠٣/٢٠١٦", "2016-03-05", "day"),
    # --- month and year, year alone
    ("بدأت العملية العسكرية في يوليو 2014 ضد المسلحين", THU, "يوليو 2014", "2014-07", "month"),
    ("سقط النظام في عام 2011 بعد أشهر من القتال", THU, "عام 2011", "2011", "year"),
    ("انقسم البرلمان منذ العام 2012 إلى معسكرين", THU, "العام 2012", "2012", "year"),
    ("تشكلت الحكومة مطلع 2022، وتولت إدارة البلاد", THU, "2022", "2022", "year"),
    # --- Hijri
    ("وقع الهجوم في 15 رمضان 1436 هـ قرب الحدود", THU, "15 رمضان 1436 هـ", "2015-07-02", "day"),
    # a Hijri month straddles two Gregorian months: only its year is honest
    ("تكررت الاشتباكات طوال رمضان 1436 هـ في المدينة", THU, "رمضان 1436 هـ", "2015", "year"),
    # a Hijri year straddles two Gregorian years: no honest Gregorian value
    ("تأسست الكتيبة عام 1436 هـ في الجنوب", THU, "عام 1436 هـ", None, None),
    # --- weekdays
    ("قال المتحدث الخميس إن القوات سيطرت على الطريق", THU, "الخميس", "2015-02-26", "day"),
    ("التقى الوزيران الثلاثاء في القاهرة", THU, "الثلاثاء", "2015-02-24", "day"),
    ("أعلن الجيش السبت الماضي بدء المرحلة الثانية", THU, "السبت الماضي", "2015-02-21", "day"),
    ("اجتمع المجلس الخميس الماضي لمناقشة الوضع", THU, "الخميس الماضي", "2015-02-19", "day"),
    ("نفذت الطائرات غارات فجر الاثنين على مواقع التنظيم", THU,
     "فجر الاثنين", "2015-02-23", "day"),
    ("وصل الوفد مساء الخميس إلى طبرق", THU, "مساء الخميس", "2015-02-26", "day"),
    ("أكد الوزير اليوم الاثنين أن التعاون مستمر", MON, "اليوم الاثنين", "2015-02-23", "day"),
    ("صرح المسؤول أمس الأربعاء بأن الحدود آمنة", THU, "أمس الأربعاء", "2015-02-25", "day"),
    ("يجتمع القادة الخميس المقبل في الجزائر", THU, "الخميس المقبل", "2015-03-05", "day"),
    ("من المقرر أن يزور الرئيس الخرطوم الأحد", THU, "الأحد", "2015-03-01", "day"),
    ("سوف يصل المبعوث إلى تونس الاثنين", THU, "الاثنين", "2015-03-02", "day"),
    # --- today, yesterday, tomorrow, days ago
    ("أعلنت الرئاسة اليوم أن القمة تأجلت", THU, "اليوم", "2015-02-26", "day"),
    ("قصفت الطائرات أمس مواقع في درنة", THU, "أمس", "2015-02-25", "day"),
    ("وكان الوزير قد صرح بالأمس بأن المحادثات مثمرة", THU, "بالأمس", "2015-02-25", "day"),
    ("تبدأ المحادثات غدًا في جنيف", THU, "غدًا", "2015-02-27", "day"),
    ("أفرجت السلطات أول أمس عن الصيادين", THU, "أول أمس", "2015-02-24", "day"),
    ("اختطف المسلحون العمال قبل يومين قرب سرت", THU, "قبل يومين", "2015-02-24", "day"),
    ("وصلت القافلة في الخامس من الشهر الجاري إلى الكفرة", THU,
     "الخامس من الشهر الجاري", "2015-02-05", "day"),
    ("اعتقلت الشرطة المتهمين في 25 من الشهر الماضي", THU,
     "25 من الشهر الماضي", "2015-01-25", "day"),
    # --- weeks, months, years
    ("زار المبعوث ليبيا الأسبوع الماضي", THU, "الأسبوع الماضي", "2015-02", "month"),
    ("زار المبعوث ليبيا الأسبوع الماضي", PartialDate(2015, 3, 3),
     "الأسبوع الماضي", "2015-02", "month"),
    # the week before 9 March 2015 runs from 28 February to 6 March: only the year holds it
    ("زار المبعوث ليبيا الأسبوع الماضي", PartialDate(2015, 3, 9),
     "الأسبوع الماضي", "2015", "year"),
    ("شنت القوات حملة واسعة الشهر الماضي", THU, "الشهر الماضي", "2015-01", "month"),
    ("شنت القوات حملة واسعة الشهر الماضي", PartialDate(2015, 1, 10),
     "الشهر الماضي", "2014-12", "month"),
    ("تعقد القمة الشهر المقبل في القاهرة", THU, "الشهر المقبل", "2015-03", "month"),
    ("وقعت الاشتباكات في يوليو الماضي على الحدود", THU, "يوليو الماضي", "2014-07", "month"),
    ("وقعت الاشتباكات في يوليو الماضي على الحدود", PartialDate(2015, 8, 15),
     "يوليو الماضي", "2015-07", "month"),
    ("تنتهي المهمة في أكتوبر المقبل", THU, "أكتوبر المقبل", "2015-10", "month"),
    ("بدأ التعاون في يوليو من العام الماضي", THU, "يوليو من العام الماضي", "2014-07", "month"),
    ("ارتفع عدد الهجمات العام الماضي بشكل كبير", THU, "العام الماضي", "2014", "year"),
    ("تضاعفت الميزانية خلال السنة الماضية", THU, "السنة الماضية", "2014", "year"),
    # --- day and month without a year
    ("أكد البيان أن الهجوم وقع الأحد 29 أبريل/نيسان قرب الحدود", PartialDate(2018, 5, 2),
     "الأحد 29 أبريل/نيسان", "2018-04-29", "day"),
    ("أكد البيان أن الهجوم وقع الأحد 29 أبريل/نيسان قرب الحدود", PartialDate(2019, 1, 10),
     "الأحد 29 أبريل/نيسان", "2018-04-29", "day"),
    # 29 April 2019 was a Monday: the written Sunday puts the attack a year earlier
    ("أكد البيان أن الهجوم وقع الأحد 29 أبريل/نيسان قرب الحدود", PartialDate(2019, 5, 10),
     "الأحد 29 أبريل/نيسان", "2018-04-29", "day"),
    ("اعتقل القيادي في 5 مارس أثناء عودته", THU, "5 مارس", "2014-03-05", "day"),
    ("وصلت الطائرة في 20 فبراير إلى المطار", THU, "20 فبراير", "2015-02-20", "day"),
    ("انسحبت القوات في 14 أبريل الماضي من المدينة", THU,
     "14 أبريل الماضي", "2014-04-14", "day"),
    ("بدأ الحصار في أواخر يوليو واستمر شهرين", THU, "يوليو", "2014-07", "month"),
    ("تصاعدت الهجمات في شهر مارس على الطريق الساحلي", THU, "شهر مارس", "2014-03", "month"),
    # Ramadan 1435 (the last one before publication) ran from 28 June to 27 July 2014
    ("تراجعت الاشتباكات خلال شهر رمضان في المدينة", THU, "شهر رمضان", "2014", "year"),
    # --- no publication date, or one too coarse: relative dates stay unresolved
    ("قصفت الطائرات أمس مواقع في درنة", None, "أمس", None, None),
    ("قال المتحدث الخميس إن القوات سيطرت على الطريق", None, "الخميس", None, None),
    ("شنت القوات حملة واسعة الشهر الماضي", None, "الشهر الماضي", None, None),
    ("وقعت الاشتباكات في يوليو الماضي على الحدود", None, "يوليو الماضي", None, None),
    ("قصفت الطائرات أمس مواقع في درنة", PartialDate(2015, 2), "أمس", None, None),
    ("شنت القوات حملة واسعة الشهر الماضي", PartialDate(2015, 2),
     "الشهر الماضي", "2015-01", "month"),
    # explicit dates need no publication date
    ("صدر الحكم بتاريخ 24/02/2015 في القضية", None, "24/02/2015", "2015-02-24", "day"),
]


@pytest.mark.parametrize(("text", "published", "surface", "iso", "precision"), CASES)
def test_resolves_each_expression(
    text: str, published: PartialDate | None, surface: str, iso: str | None,
    precision: str | None,
) -> None:
    mentions = find_dates(text, published)
    assert [m.surface for m in mentions] == [surface]
    m = mentions[0]
    assert text[m.start : m.end] == m.surface
    assert (m.date.iso() if m.date else None) == iso
    assert (m.date.precision if m.date else None) == precision
    assert m.rule


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("صدر الحكم بتاريخ 24/02/2015 في القضية", False),
        ("بدأت العملية العسكرية في يوليو 2014 ضد المسلحين", False),
        ("قال المتحدث الخميس إن القوات سيطرت على الطريق", True),
        ("اعتقل القيادي في 5 مارس أثناء عودته", True),  # the year comes from publication
    ],
)
def test_marks_which_dates_depend_on_publication(text: str, relative: bool) -> None:
    (m,) = find_dates(text, THU)
    assert m.relative is relative


def test_finds_several_dates_in_order() -> None:
    text = "بعد لقاء الخميس الماضي، اتفق الطرفان على اجتماع في 3 مارس 2015 وآخر الشهر المقبل"
    mentions = find_dates(text, THU)
    assert [m.surface for m in mentions] == ["الخميس الماضي", "3 مارس 2015", "الشهر المقبل"]
    assert [m.date.iso() for m in mentions if m.date] == ["2015-02-19", "2015-03-03", "2015-03"]


def test_a_year_pair_gives_two_years() -> None:
    mentions = find_dates("تدهور الوضع الأمني بين عامي 2014 و2015 في الشرق", THU)
    assert [(m.surface, m.date) for m in mentions] == [
        ("عامي 2014", PartialDate(2014)), ("2015", PartialDate(2015)),
    ]


def test_a_range_of_years_gives_both_years() -> None:
    mentions = find_dates("تضاعفت الهجمات خلال الفترة من 2014 إلى 2016 في الشرق", THU)
    assert [(m.surface, m.date) for m in mentions] == [
        ("2014", PartialDate(2014)), ("2016", PartialDate(2016)),
    ]
    assert find_dates("أصيب 2014 و2015 شخصا بالمرض", THU) == []


def test_a_day_range_gives_both_days() -> None:
    mentions = find_dates("تستمر المناورات من 14 إلى 16 أبريل 2015 في الصحراء", THU)
    assert [(m.surface, m.date) for m in mentions] == [
        ("14", PartialDate(2015, 4, 14)), ("16 أبريل 2015", PartialDate(2015, 4, 16)),
    ]


def test_hijri_and_gregorian_in_one_dateline_agree() -> None:
    mentions = find_dates("الخميس 15 رمضان 1436 هـ الموافق 2 يوليو 2015", None)
    assert [m.date for m in mentions] == [PartialDate(2015, 7, 2)] * 2


def test_hijri_dates_follow_the_umm_al_qura_tables() -> None:
    # Eid al-Adha 1436 (10 Dhu al-Hijja) was kept on 24 September 2015 after the moon was
    # sighted; the Umm al-Qura table that hijridate implements starts the month a day
    # earlier. The resolver gives the table's day: at most one day off a sighted date.
    (m,) = find_dates("احتفل الجنود بالعيد في 10 ذي الحجة 1436 هـ", THU)
    assert m.surface == "10 ذي الحجة 1436 هـ" and m.date is not None
    assert m.date.precision == "day" and (m.date.year, m.date.month) == (2015, 9)
    assert m.date.day in (23, 24)


def test_mention_is_a_frozen_record() -> None:
    (m,) = find_dates("قصفت الطائرات أمس مواقع في درنة", THU)
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.start = 0  # type: ignore[misc]


# --------------------------------------------------------------------------- not dates

NOT_DATES = [
    "قتل 21 مصريا في الهجوم على القافلة",
    "تقع المدينة على بعد 1150 كيلومترا من العاصمة",
    "تعطلت محطة 186 للكهرباء بعد القصف",
    "ظهر اللاعب بمايوه أزرق على الشاطئ",  # مايو inside another word
    "قال إنه أب لثلاثة أطفال قتلوا في القصف",  # أب "father" folds like آب
    "طالب آباء الضحايا بالتحقيق",
    "لامس سعر النفط مستوى قياسيا",  # أمس inside لامس "touched"
    "أمسك الجندي بالسلاح وأطلق النار",
    "أقيمت أمسية شعرية في المركز الثقافي",
    "شاركت الفنانة لقاء الخميسي في الحفل",  # a surname, not Thursday
    "وظهرت لقاء الخميسى في المهرجان",
    "نشب خلاف بين الاثنين حول تقاسم السلطة",  # الاثنين "the two"
    "اختير الأحد عشر لاعبا للمباراة",
    "ألقى الإمام خطبة الجمعة في المسجد",
    "أصدر النائب العام الحالي قرارا بالحبس",  # العام "general"
    "قال الأمين العام المقبل إن الأولوية للأمن",
    "نقلت صحيفة اليوم السابع عن مصادر أمنية",
    "نشرت صحيفة المصري اليوم تقريرا عن الحدود",
    "ذكرت بوابة أخبار اليوم أن الوفد وصل",
    "عاد الهدوء في اليوم التالي للهجوم",
    "فاز الفريق 3 صفر في المباراة",  # صفر "zero", not the Hijri month
    "احتفل الليبيون بذكرى ثورة 17 فبراير في الساحة",
    "احتفل الليبيون بذكرى ثورة الفاتح من سبتمبر",
    "يدرس الطلاب في جامعة 6 أكتوبر",
    "وصل العمال إلى مدينة العاشر من رمضان",
    "افتتح مصنع جديد في العاشر من رمضان",  # the city: a Hijri day needs a year
    "مارس الضغط على الحكومة لتغيير موقفها",  # مارس "practised"
    "وزعت المساعدات في 2000 موقع بالمحافظة",
    "تراوحت النسبة بين 5.4 و6.2 في المائة",
    "قال رمضان إن الشرطة وصلت متأخرة",
    "سجلت الإصابات في شهر واحد ارتفاعا",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_finds_no_date_in_words_that_only_look_like_dates(text: str) -> None:
    assert find_dates(text, THU) == []


# --------------------------------------------------------------------------- parse_date

PARSE_CASES = [
    ("الثلاثاء 2015/02/24", PartialDate(2015, 2, 24)),
    ("نشر في : الأربعاء، يوم 01 - 10 - 2014 - 10:22 ص", PartialDate(2014, 10, 1)),
    ("الخميس 23-01-2020", PartialDate(2020, 1, 23)),
    ("24 فبراير 2015", PartialDate(2015, 2, 24)),
    ("14 أبريل/نيسان 2019", PartialDate(2019, 4, 14)),
    ("٢٤/٠٢/٢٠١٥", PartialDate(2015, 2, 24)),
    ("2015-02-24", PartialDate(2015, 2, 24)),
    ("2015-02-24T10:30:00+02:00", PartialDate(2015, 2, 24)),
    ("2014-07", PartialDate(2014, 7)),
    ("2015", PartialDate(2015)),
    ("20150224", PartialDate(2015, 2, 24)),
    ("24.02.2015", PartialDate(2015, 2, 24)),
    ("يوليو 2014", PartialDate(2014, 7)),
    ("February 24, 2015", PartialDate(2015, 2, 24)),
    ("Tue, 24 Feb 2015 10:00:00 GMT", PartialDate(2015, 2, 24)),
    ("الجمعة 15 رمضان 1436 هـ", PartialDate(2015, 7, 2)),
    ("آخر تحديث: عام 2016 ثم السبت 5 مارس 2016", PartialDate(2016, 3, 5)),  # finest wins
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_date_reads_datelines_and_metadata(text: str, expected: PartialDate) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "أمس", "الخميس الماضي", "2015-13", "31/02/2015", "1850", "20150231", "نشر قبل ساعة"],
)
def test_parse_date_returns_none_without_an_explicit_valid_date(text: str) -> None:
    assert parse_date(text) is None


# --------------------------------------------------------------------------- the month table


def _month_rows() -> list[tuple[str, int, str]]:
    path = Path(__file__).parents[2] / "kg" / "text" / "months.tsv"
    rows = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")][1:]
    return [(r[0], int(r[1]), r[2]) for r in rows]


@pytest.mark.parametrize(("name", "number", "calendar"), _month_rows())
def test_every_month_name_in_the_table_is_read(name: str, number: int, calendar: str) -> None:
    year = 1437 if calendar == "hijri" else 2016
    got = find_dates(f"وقع ذلك في 10 {name} {year} حسب الشهود", None)
    assert len(got) == 1 and got[0].date is not None
    if calendar == "gregorian":
        assert got[0].date == PartialDate(2016, number, 10)


# --------------------------------------------------------------------------- properties

_WORDS = [
    "في", "قال", "الخميس", "أمس", "اليوم", "2015", "24", "/", "-", "فبراير", "نيسان", "هـ",
    "الماضي", "عام", "رمضان", "غداً", "١٤", "آب", "،", "\u064e", "الاثنين", "الأسبوع", "شهر",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from([None, THU]))
def test_offsets_always_point_at_the_surface(words: list[str], pub: PartialDate | None) -> None:
    text = " ".join(words)
    mentions = find_dates(text, pub)
    for m in mentions:
        assert text[m.start : m.end] == m.surface and m.surface.strip() == m.surface
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert parse_date(text) is None or isinstance(parse_date(text), PartialDate)
