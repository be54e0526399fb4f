"""The closed vocabulary of reasons a line leaves the body, and of reasons an input is rejected.

Every removed block in a record carries one of ``REMOVAL_REASONS``; every rejected input one of
``REJECTION_REASONS``. They live here, in one place, so that the schema, the classifier, the
``explain`` command and the run summary all speak the same words.
"""

REMOVAL_REASONS: dict[str, str] = {
    # metadata lifted out of the page: not body, but not lost either (it is in the record's fields)
    "headline": "the article's headline (kept in the record's `headline`)",
    "byline": "the byline (kept in `authors`)",
    "dateline": "the publication date line (kept in `published`)",
    "tags": "the article's keywords or tags (kept in `keywords`)",
    # boilerplate around or inside the article
    "ticker": "a news ticker: other stories' headlines run together",
    "section": "a section or category label",
    "navigation": "menus, breadcrumbs, link lists, pagination",
    "related": "a link or teaser to another article",
    "comment_prompt": "comment counts, prompts and comment forms",
    "newsletter": "newsletter and subscription blurbs",
    "share": "share and follow buttons",
    "credit": "photo, image and video credits",
    "caption": "image captions",
    "disclaimer": "editorial disclaimers",
    "copyright": "copyright and legal lines",
    "cookie": "cookie and consent notices",
    "advertisement": "advertising labels and sponsored content",
    "tagline": "the site's name or tagline",
    "author_bio": "the author's bio under the article",
    "form": "form fields and buttons",
    "repeated": "a line repeated across the pages of the same site in this batch, or a second copy of text the page already shows",
    "boilerplate": "short non-prose lines outside the article (no more specific cue)",
    "outside_article": "prose that is not part of the article (comments, other articles, site text)",
    "empty": "a line with no words",
}

REJECTION_REASONS: dict[str, str] = {
    "empty": "the input has no bytes or no text",
    "too_large": "the input is larger than the size limit",
    "binary": "the input is binary data, not text or HTML",
    "undecodable": "the bytes could not be decoded as text in any known encoding",
    "unreadable": "the input could not be read (permission, vanished, not a regular file)",
    "corrupt": "a compressed or container input is truncated or malformed",
    "no_content": "no article text was found in the input",
    "internal_error": "the normalizer failed on this input (a bug: the detail says where; the batch goes on)",
}
