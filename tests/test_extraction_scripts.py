"""Pages in scripts other than Latin: the line features judge them by shape as they judge English
(words, sentence marks, prose), on small pages written here."""

from __future__ import annotations

from datetime import UTC, datetime

from newsflow.extraction.dates import looks_like_dateline, parse_dateline
from newsflow.extraction.features import line_features
from newsflow.extraction.lines import content_words
from newsflow.extraction.parse import parse_document
from newsflow.shared.contracts import Article, Page
from newsflow.shared.limits import Limits
from newsflow.splitter.split import split_page

FETCHED = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)

HINDI_TITLE = "नदी किनारे के छोटे शहर में पहला पतंग उत्सव"
HINDI_BODY = [
    "शनिवार सुबह नदी किनारे बसे छोटे शहर के मैदान में रंग बिरंगी पतंगें उड़ती दिखीं और हजारों लोग उत्सव में शामिल हुए।",
    "आयोजकों ने बताया कि इस उत्सव की तैयारी तीन महीने से चल रही थी और कुल एक सौ बीस टीमों ने भाग लिया।",
    "पास के गाँव से आए एक बुजुर्ग ने कहा कि उन्हें बचपन से पतंग उड़ाना पसंद है और आज वे पोते के साथ आए।",
    "नगर परिषद ने कहा कि अगले साल भी यह उत्सव होगा और दूसरे शहरों की टीमों को बुलाया जाएगा।",
]
HINDI_PAGE = "\n\n".join(
    [
        "मुख्य पृष्ठ\nसमाचार\nखेल\nमनोरंजन\nलॉगिन",
        HINDI_TITLE,
        "14/03/2026",
        *HINDI_BODY,
        "संबंधित खबरें\nपहाड़ी स्कूल में नया पुस्तकालय\nपुराने बाजार में रात का मेला फिर शुरू",
        "© 2026 नदी समाचार",
    ]
)

ARABIC_QUESTION = "هل ستكون المكتبة مفتوحة في أيام العطل الرسمية أيضا كما يأمل كثير من الطلاب في البلدة؟"


def _parse(body: str) -> list[Article]:
    page = Page(uri="pages/test.txt", body=body, fetched_at=FETCHED)
    return [parse_document(doc, Limits()) for doc in split_page(page, Limits())]


def test_indic_vowel_signs_do_not_split_words() -> None:
    # seven words, each written with vowel signs (combining marks) between its letters
    line = "पास के गाँव से आए एक बुजुर्ग"
    assert line_features(line).words == 7
    assert "बुजुर्ग" in content_words(line)


def test_a_line_ending_in_a_danda_is_a_sentence_and_prose() -> None:
    shape = line_features(HINDI_BODY[3])
    assert shape.sentence_end
    assert shape.prose


def test_a_long_line_with_only_dandas_for_punctuation_is_prose() -> None:
    line = HINDI_BODY[1] + " " + HINDI_BODY[3]
    assert "," not in line and "." not in line
    assert line_features(line).words >= 20
    assert line_features(line).prose


def test_a_line_ending_in_an_arabic_question_mark_is_a_sentence() -> None:
    shape = line_features(ARABIC_QUESTION)
    assert shape.sentence_end
    assert shape.prose


def test_a_hindi_page_gives_its_paragraphs_as_the_body() -> None:
    articles = _parse(HINDI_PAGE)
    assert len(articles) == 1
    assert articles[0].title == HINDI_TITLE
    assert articles[0].body == "\n\n".join(HINDI_BODY)


RUSSIAN_TITLE = "В маленьком городе открылась новая библиотека"
RUSSIAN_BODY = [
    "В субботу в центре небольшого города у реки открылась новая библиотека, которую жители ждали почти "
    "пять лет.",
    "По словам директора, в фонде библиотеки уже более двенадцати тысяч книг и отдельный зал для детей.",
    "Городские власти обещают, что в следующем году рядом появится небольшой парк.",
]


def test_a_russian_dateline_with_a_month_name_gives_the_date() -> None:
    page = "\n\n".join(["Главная\nНовости\nСпорт", RUSSIAN_TITLE, "14 марта 2026, 08:30", *RUSSIAN_BODY])
    articles = _parse(page)
    assert len(articles) == 1
    assert articles[0].title == RUSSIAN_TITLE
    assert articles[0].published_at == "2026-03-14T08:30"
    assert articles[0].body == "\n\n".join(RUSSIAN_BODY)


def test_a_polish_dateline_gives_the_date_and_a_name_spelt_like_a_month_is_no_dateline() -> None:
    dated = parse_dateline("7 października 2024 14:05", FETCHED, None)
    assert dated is not None and dated.published == "2024-10-07T14:05"
    dated = parse_dateline("3 maja 2025 r.", FETCHED, None)
    assert dated is not None and dated.published == "2025-05-03"
    assert not looks_like_dateline("Maja Nowak")


THAI_TITLE = "ห้องสมุดแห่งใหม่เปิดในเมืองเล็กริมแม่น้ำ"
THAI_BODY = [
    "เมื่อวันเสาร์ที่ผ่านมา ห้องสมุดแห่งใหม่ได้เปิดให้บริการในใจกลางเมืองเล็กริมแม่น้ำ หลังจากที่ชาวเมืองรอคอยมานานเกือบห้าปี",
    "ผู้อำนวยการห้องสมุดกล่าวว่า ขณะนี้มีหนังสือมากกว่าหนึ่งหมื่นสองพันเล่ม มีห้องสำหรับเด็กและห้องอ่านหนังสือที่มองเห็นแม่น้ำ",
    "เทศบาลสัญญาว่าในปีหน้าจะสร้างสวนสาธารณะขนาดเล็กข้างห้องสมุด เพื่อให้เด็กๆ มีที่วิ่งเล่นหลังอ่านหนังสือ",
]
THAI_PAGE = "\n\n".join(
    [
        "หน้าแรก\nข่าว\nกีฬา\nบันเทิง",
        THAI_TITLE,
        "14/03/2026",
        *THAI_BODY,
        "ข่าวที่เกี่ยวข้อง\nโรงเรียนในหมู่บ้านได้คอมพิวเตอร์ใหม่\nตลาดกลางคืนกลับมาที่ถนนเก่า",
        "© 2026 ข่าวเมือง",
    ]
)


def test_a_thai_line_counts_words_by_its_length_not_its_spaces() -> None:
    assert line_features(THAI_BODY[0]).words >= 20
    assert line_features(THAI_TITLE).words >= 8


def test_a_thai_paragraph_with_spaces_between_phrases_is_prose_but_a_flattened_menu_is_not() -> None:
    assert line_features(THAI_BODY[1]).prose
    menu = "หน้าแรก ข่าว กีฬา บันเทิง เศรษฐกิจ การเมือง ต่างประเทศ ท่องเที่ยว สุขภาพ เทคโนโลยี รถยนต์ อาหาร"
    assert line_features(menu).words >= 20
    assert not line_features(menu).prose


def test_a_thai_page_keeps_every_paragraph_though_each_has_few_spaces() -> None:
    articles = _parse(THAI_PAGE)
    assert len(articles) == 1
    assert articles[0].title == THAI_TITLE
    assert articles[0].body == "\n\n".join(THAI_BODY)
