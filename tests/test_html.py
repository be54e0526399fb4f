"""The HTML step: the page's visible text as a WET dump gives it, and the hints read from the
markup's cheap places as trafilatura's own metadata reads them."""
import gzip

import pytest
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from normalizer.bench_split import heldout_docs
from normalizer.context import DEFAULT_CONTEXT
from normalizer.document import Document, InputRejected
from normalizer.html import extract_html, markup_hints
from dev_bench import BENCH

PAGE = """<html><head><title>Harbour repairs approved | The Coast Gazette</title>
<meta property="og:title" content="Council approves harbour repairs">
<meta name="author" content="Helen Marsh"><meta property="article:tag" content="harbour">
<meta name="keywords" content="budget, council">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-03T09:00:00Z",
 "articleSection": "Local"}</script></head>
<body><article><h1>Council approves harbour repairs</h1>
<div class="entry-meta"><a href="/category/politics/">Politics</a></div>
<p>The council met on Sunday and approved the budget for the harbour district after a long debate.</p>
<p>The budget covers repairs to the harbour walls, a new ferry landing and two footbridges over the canal,
which the council says will be finished within three years of the vote.</p>
<div class="tags"><a href="/tag/ferry/">Ferry</a></div></article></body></html>"""


def test_the_hints_are_trafilaturas_metadata_from_the_markups_cheap_places():
    hints = markup_hints(load_html(PAGE), PAGE, None)
    full = extract_metadata(load_html(PAGE))
    assert (hints["headline"], hints["authors"], hints["published"]) == (full.title, full.author, full.date)
    assert (hints["headline"], hints["published"]) == ("Council approves harbour repairs", "2024-03-03")
    assert hints["keywords"] == full.tags == ["harbour", "budget, council"]
    assert hints["section"] == full.categories == ["Local"]


def test_links_to_tag_pages_are_read_only_where_the_page_has_no_tags_in_its_meta():
    page = PAGE.replace('<meta property="article:tag" content="harbour">', "").replace(
        '<meta name="keywords" content="budget, council">', "")
    assert markup_hints(load_html(page), page, None)["keywords"] == extract_metadata(load_html(page)).tags == ["Ferry"]
    no_link = page.replace("/tag/ferry/", "/ferry/")
    assert not markup_hints(load_html(no_link), no_link, None)["keywords"]


def test_with_no_author_tag_an_element_whose_class_says_author_names_the_author():
    page = PAGE.replace('<meta name="author" content="Helen Marsh">', "").replace(
        "</article>", '</article><footer><span class="author-name">Jane Doe</span></footer>')
    assert markup_hints(load_html(page), page, None)["authors"] == extract_metadata(load_html(page)).author == "Jane Doe"


def test_the_step_gives_every_visible_block_as_a_line_and_the_hints():
    doc = extract_html(Document(raw=PAGE.encode(), name="x.html", format="html", text=PAGE), DEFAULT_CONTEXT)
    lines = [line for line in doc.text.splitlines() if line]
    assert lines[:3] == ["Council approves harbour repairs", "Politics",
                         "The council met on Sunday and approved the budget for the harbour district after a long debate."]
    # a paragraph's source line break is a space, as a browser shows it; the tag link is a block of its own
    assert lines[3].startswith("The budget covers") and "canal, which" in lines[3] and lines[4:] == ["Ferry"]
    assert doc.hints["headline"] == "Council approves harbour repairs" and doc.hints["authors"] == "Helen Marsh"


def test_a_lone_element_trafilatura_takes_for_no_html_still_gives_its_text_with_no_hints():
    page = "<p>The council met on Sunday and approved the budget for the harbour district.</p>"
    assert load_html(page) is None
    doc = extract_html(Document(raw=page.encode(), name="x.html", format="html", text=page), DEFAULT_CONTEXT)
    assert doc.text.strip() == "The council met on Sunday and approved the budget for the harbour district."
    assert doc.hints == {}
    with pytest.raises(InputRejected, match="no text"):
        empty = "<html><body><script>alert(1)</script></body></html>"
        extract_html(Document(raw=empty.encode(), name="x.html", format="html", text=empty), DEFAULT_CONTEXT)


def test_a_json_ld_block_trafilatura_cannot_read_leaves_the_other_hints():
    page = PAGE.replace('"articleSection": "Local"', '"articleSection": "Local", "author": [null]')
    hints = markup_hints(load_html(page), page, None)
    assert (hints["headline"], hints["authors"]) == ("Council approves harbour repairs", "Helen Marsh")
    assert hints["published"] == extract_metadata(load_html(page)).date == "2024-03-03"


def test_the_date_in_the_canonical_link_is_read_when_the_page_came_with_another_url():
    page = PAGE.replace('"datePublished": "2024-03-03T09:00:00Z",', "").replace(
        "</title>", '</title><link rel="canonical" href="https://coast.example/2021/05/06/harbour-repairs/">')
    url = "https://coast.example/amp/harbour-repairs"
    assert markup_hints(load_html(page), page, url)["published"] == extract_metadata(load_html(page), url).date == "2021-05-06"


def test_with_no_link_to_a_category_page_the_section_meta_tag_gives_the_categories():
    page = PAGE.replace(',\n "articleSection": "Local"', "").replace(
        '<meta name="keywords"', '<meta property="article:section" content="Harbour &amp; Ferries"><meta name="keywords"'
    ).replace("/category/politics/", "/politics/")
    assert '"articleSection"' not in page and "/category/" not in page
    assert markup_hints(load_html(page), page, None)["section"] == extract_metadata(load_html(page)).categories == [
        "Harbour & Ferries"]


@pytest.mark.skipif(not BENCH.exists(), reason="the dev bench is not beside the repo")
def test_an_html_page_is_rendered_as_the_wet_dump_the_line_model_learned_from():
    """The wet variant of the dev bench is resiliparse's rendering of the same HTML: the step must
    give the same text (but for the final newline), or the model reads pages unlike its training.
    (Training sites' pages only, as every test that reads the bench.)"""
    heldout = heldout_docs(BENCH)
    pages = [page for page in sorted((BENCH / "inputs" / "html" / "wcxb").glob("*.html.gz"))
             if "wcxb/" + page.name.removesuffix(".html.gz") not in heldout][::50]
    assert len(pages) >= 10
    for page in pages:
        raw = gzip.decompress(page.read_bytes())
        doc = extract_html(Document(raw=raw, name=page.name, format="html", text=raw.decode("utf-8")), DEFAULT_CONTEXT)
        wet = (BENCH / "inputs" / "wet" / "wcxb" / page.name.replace(".html.gz", ".txt")).read_text(encoding="utf-8")
        assert doc.text.rstrip("\n") == wet.rstrip("\n"), page.name
