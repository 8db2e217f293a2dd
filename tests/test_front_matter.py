"""Front matter by evidence (#32): each class of wrong credit seen on real saved pages, on pages written for
these tests (labelled TEST PAGE; the names and words are made up for the test, not from any article)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.errors import FactsheetError, Location
from factsheet.verify.extract import from_html
from factsheet.verify.front_matter import choose_authors, plausible_name
from factsheet.verify.sources import load_source

BODY = [
    "This is the first paragraph of a test article written for factsheet's tests, long enough to be an article "
    "and plain enough that an extractor keeps it as it is.",
    "The second paragraph goes on about the test proposal the test council weighed, with more words in it so "
    "that the page reads like the body of a real news story.",
    "A third paragraph closes the test article, and says nothing anyone could cite about anything real.",
]
WHERE = Location("test-page.html")


def page(
    *,
    title: str = "Test council weighs test proposal",
    head: str = "",
    before: str = "",
    paragraphs: list[str] | None = None,
    structured: dict[str, object] | None = None,
    lang: str = "en",
    charset: bool = True,
) -> bytes:
    """A TEST PAGE: <title>, og:title and an <h1> agreeing unless `head`/`before` add others."""
    data = f'<script type="application/ld+json">{json.dumps(structured)}</script>' if structured else ""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in (BODY if paragraphs is None else paragraphs))
    meta = '<meta charset="utf-8">' if charset else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title} | Test News</title>'
        f'<meta property="og:title" content="{title}">{head}{data}</head><body>{before}'
        f"<article><h1>{title}</h1>{text}</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "value",
    ["Username", "Authority control", "作者", "Author:", "Last Updated January 7", "WordPress", "by", "Share on X"],
)
def test_labels_dates_ui_strings_and_software_are_not_names(value: str) -> None:
    assert not plausible_name(value)


@pytest.mark.parametrize("value", ["Nelson D. Schwartz", "C. Eugene Steuerle", "Associated Press", "Mac & i"])
def test_names_of_people_and_organisations_are(value: str) -> None:
    assert plausible_name(value)


@pytest.mark.parametrize(
    ("read", "stated", "page_text", "expected"),
    [
        ("Laura June Topolsky July", [], "By Laura June Topolsky July 14, 2015", "Laura June Topolsky"),
        ("TEST REPORTER; Test Reporter", [], "", "Test Reporter"),
        ("Brenda Testman; MA", [], "Brenda Testman, MA", "Brenda Testman, MA"),
        ("Mac; I", [], "Von Mac & i", "Mac & i"),
        ("Test Reporter", [{"author": [{"name": "Test Reporter"}, {"name": "Second Tester"}]}], "", None),
        ("Username", [{"author": {"@type": "Person", "name": "Test Reporter"}}], "", "Test Reporter"),
        ("By Test Reporter", [], "", "Test Reporter"),
        ("Par Test Journaliste; Written by Test Writer", [], "", "Test Journaliste; Test Writer"),
    ],
)
def test_bylines_are_cleaned_merged_and_deduplicated(
    read: str, stated: list[dict[str, object]], page_text: str, expected: str | None
) -> None:
    author, _origin = choose_authors(read, stated, page_text)
    assert author == (expected or "Test Reporter; Second Tester")


def test_a_hidden_login_menus_username_is_not_the_author_and_its_text_is_not_kept() -> None:
    hidden = '<div hidden><span class="author">Username</span><p>Log in to comment on this test article now.</p></div>'
    structured = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Test Reporter"}}
    extracted = from_html(page(before=hidden, structured=structured), WHERE)
    assert extracted.author == "Test Reporter"
    assert all("Log in" not in paragraph for paragraph in extracted.paragraphs)


def test_the_title_is_the_one_the_page_calls_itself_not_an_ad_panels_heading() -> None:
    advert = "<aside><h1>Win a test holiday today</h1></aside>"
    extracted = from_html(page(before=advert), WHERE)
    assert extracted.title == "Test council weighs test proposal"
    assert dict(extracted.origins)["title"] == "og:title, agreeing with the <h1>"


def test_titles_that_disagree_are_left_to_the_user() -> None:
    html = page().replace(b'content="Test council weighs test proposal"', b'content="Another headline entirely"')
    html = html.replace(b"<h1>Test council weighs test proposal</h1>", b"<h1>Section: test news</h1>")
    extracted = from_html(html, WHERE)
    assert extracted.title is None
    assert any("give it with --title" in note for note in extracted.notes)


def test_published_beats_modified_and_modified_is_kept_apart() -> None:
    structured = {"@type": "NewsArticle", "datePublished": "2020-08-14T10:00:00Z", "dateModified": "2021-01-07"}
    head = '<meta property="article:modified_time" content="2021-01-07T08:00:00Z">'
    extracted = from_html(page(structured=structured, head=head), WHERE)
    assert (extracted.published, extracted.modified) == (dt.date(2020, 8, 14), dt.date(2021, 1, 7))


def test_an_organisations_founding_date_is_not_the_articles() -> None:
    structured = {"@type": "Organization", "name": "Test Org", "foundingDate": "1999-05-01"}
    extracted = from_html(page(structured=structured), WHERE)
    assert extracted.published is None


def test_a_date_written_only_in_numbers_is_left_empty_with_a_note() -> None:
    head = '<meta name="date" content="3/09/15">'
    extracted = from_html(page(head=head, before='<p class="date">3/09/15</p>'), WHERE)
    assert extracted.published is None
    assert "published" not in dict(extracted.origins)
    assert any("only in numbers" in note and "--date" in note for note in extracted.notes)


def test_a_utf8_page_without_a_declared_charset_is_read_as_utf8() -> None:
    head = '<meta property="og:site_name" content="Libération (TEST PAGE)">'
    extracted = from_html(page(head=head, charset=False), WHERE)
    assert extracted.publisher == "Libération (TEST PAGE)"


def test_traditional_chinese_keeps_its_script_and_arabic_its_direction() -> None:
    chinese = from_html(page(lang="zh-TW"), WHERE)
    assert chinese.language == "zh-Hant"
    assert any("'zh-TW', recorded as 'zh-Hant'" in note for note in chinese.notes)
    arabic = from_html(page(lang="ar"), WHERE)
    assert (arabic.language, arabic.direction) == ("ar", "rtl")


def test_a_short_brief_with_headline_date_and_paragraphs_is_an_article_and_a_teaser_is_not() -> None:
    brief = ["A test brief of a few words, written for this test.", "It has a second paragraph, and a date above."]
    structured = {"@type": "NewsArticle", "datePublished": "2021-03-02"}
    extracted = from_html(page(paragraphs=brief, structured=structured), WHERE)
    assert any("a short brief" in note for note in extracted.notes)
    with pytest.raises(FactsheetError) as refused:
        from_html(page(paragraphs=[brief[0]]), WHERE)
    assert "--min-words" in refused.value.problems[0].hint
    assert "saved page" in refused.value.problems[0].hint


def test_source_add_records_what_the_user_states_says_where_each_field_came_from_and_takes_min_words(
    campaign: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "brief.html"
    saved.write_bytes(page(paragraphs=["One short test paragraph of a test brief, written for this test only."]))
    arguments = ["source", "add", str(saved), str(campaign), "--author", "Test Reporter", "--date", "2021-03-02"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1 and "--min-words" in result.output
    result = CliRunner().invoke(main, [*arguments, "--min-words", "5"])
    assert result.exit_code == 0, result.output
    assert "title: from og:title, agreeing with the <h1>" in result.output
    assert "author: from given with --author" in result.output
    source = load_source(campaign.parent / "sources" / "test-council-weighs-test.txt")
    assert (source.meta.author, source.meta.published) == ("Test Reporter", dt.date(2021, 3, 2))
    assert "Stated by the user, not by the document: author, published." in (source.meta.note or "")


def test_a_paragraph_printed_twice_in_a_row_is_kept_twice_and_ui_strings_are_dropped() -> None:
    chant = (
        "The chant went up again and again from the crowd outside the test building, louder each time it was "
        "repeated by the people there."
    )
    clutter = ["Read more", "12 comments", "Share this article", "Next slide", "Play video", "You might also like"]
    paragraphs = [BODY[0], chant, chant, BODY[1], *clutter, BODY[2]]
    extracted = from_html(page(paragraphs=paragraphs), WHERE)
    assert list(extracted.paragraphs[1:]) == [BODY[0], chant, chant, BODY[1], BODY[2]]


def test_a_list_of_teasers_is_refused_as_a_list_page() -> None:
    teaser = '<article><h2><a href="/{n}">Test headline {n}</a></h2><p>A short test teaser, number {n}.</p></article>'
    body = "".join(teaser.format(n=n) for n in range(8)) + "".join(f"<p>{p}</p>" for p in BODY)
    html = f'<html lang="en"><head><meta charset="utf-8"><title>Test News</title></head><body>{body}</body></html>'
    with pytest.raises(FactsheetError) as refused:
        from_html(html.encode(), WHERE)
    assert refused.value.problems[0].message == "this is a list page (8 article teasers), not an article"


def test_a_capture_that_holds_much_less_than_the_pages_article_says_so() -> None:
    long = [
        f"Paragraph {n} of the test review goes on about the test film at length, its cast and its score."
        for n in range(30)
    ]
    hidden_from_the_extractor = '<div class="comments">' + "".join(f"<p>{p}</p>" for p in long) + "</div>"
    extracted = from_html(
        page(paragraphs=BODY[:1], before="", head="").replace(
            b"</article>", hidden_from_the_extractor.encode() + b"</article>"
        ),
        WHERE,
        min_words=1,
    )
    assert any("the page's article block ~" in note for note in extracted.notes)


def test_a_code_block_stays_one_block_with_its_indentation() -> None:
    code = "<pre><code>def test_total(rows):\n    return sum(rows)</code></pre>"
    html = page().replace(b"<p>" + BODY[1].encode(), code.encode() + b"<p>" + BODY[1].encode())
    assert "def test_total(rows):\n    return sum(rows)" in from_html(html, WHERE).paragraphs


def test_an_article_set_in_one_table_cell_keeps_its_paragraphs() -> None:
    cell = "<br><br>".join(BODY)
    html = (
        '<html lang="en"><head><meta charset="utf-8"><title>Test council weighs test proposal | Test</title></head>'
        f'<body><table><tr><td><a href="/">Home</a></td><td><h1>Test council weighs test proposal</h1>{cell}</td>'
        "</tr></table></body></html>"
    )
    assert from_html(html.encode(), WHERE).paragraphs == ("Test council weighs test proposal", *BODY)


@pytest.mark.parametrize(
    ("tag", "og", "heading", "expected"),
    [
        ("Test park reopens - Test Gazette", None, "Test park reopens", "Test park reopens"),
        ("Test Gazette » Why the test park reopens", None, "Test Gazette", "Why the test park reopens"),
        ("Only a title here - Test Gazette - Section", None, None, "Only a title here - Test Gazette - Section"),
        (
            "Test &#8216;park&#8217; reopens | Test Gazette",
            "Test &#8216;park&#8217; reopens",
            None,
            "Test ‘park’ reopens",
        ),
    ],
)
def test_a_title_without_the_sites_name_and_as_the_page_writes_it(
    tag: str, og: str | None, heading: str | None, expected: str
) -> None:
    meta = f'<meta property="og:title" content="{og}">' if og else ""
    site = '<meta property="og:site_name" content="Test Gazette">'
    body = f"<h1>{heading}</h1>" if heading else ""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
    html = (
        f'<html lang="en"><head><meta charset="utf-8"><title>{tag}</title>{meta}{site}</head>'
        f"<body><article>{body}{paragraphs}</article></body></html>"
    )
    assert from_html(html.encode(), WHERE).title == expected


def test_a_date_with_its_month_in_words_in_another_language_is_stated() -> None:
    html = page(lang="de", before="<p class='meta'>von Test Reporter am 24. Juli 2017 - 18:55</p>")
    html = html.replace(b"<head>", b'<head><meta name="date" content="24.07.2017">')
    assert from_html(html, WHERE).published == dt.date(2017, 7, 24)


def test_the_publisher_is_not_credited_as_an_author_beside_a_person() -> None:
    site = '<meta property="og:site_name" content="Test Geographic">'
    structured = {"@type": "NewsArticle", "author": [{"name": "Test Geographic"}, {"name": "Test Reporter"}]}
    assert from_html(page(head=site, structured=structured), WHERE).author == "Test Reporter"


@pytest.mark.parametrize(
    "clutter",
    [
        "Video player is loading.",
        "1/12",
        "Comments (4)",
        "More from Test Gazette",
        "Skip to main content",
        "Print this",
        "Email",
        "Back to top",
        "Most viewed",
        "Up next",
    ],
)
def test_player_share_related_and_slideshow_strings_are_not_paragraphs(clutter: str) -> None:
    extracted = from_html(page(paragraphs=[BODY[0], clutter, *BODY[1:]]), WHERE)
    assert clutter not in extracted.paragraphs


def test_a_sentence_that_mentions_sharing_or_comments_is_kept() -> None:
    sentence = "Share this article with the test council, the test reporter said, and read the comments first."
    assert sentence in from_html(page(paragraphs=[BODY[0], sentence, *BODY[1:]]), WHERE).paragraphs
