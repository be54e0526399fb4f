"""Step 1: raw bytes to text.

UTF-8 first (almost all scraped text is UTF-8, and a valid UTF-8 decode is never a guess), then
the charset an HTML page declares, then the charset its container declared (a WARC response's
HTTP header: the reader puts it in ``source["charset"]``), then statistical detection
(charset-normalizer). Inputs that are empty, too large or binary are rejected here, before any
work is spent on them.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import replace

from charset_normalizer import from_bytes

from .context import RunContext
from .document import Document, InputRejected
from .thresholds import step_thresholds

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# bytes that never occur in text: NUL and most C0 controls (tab, LF, FF, CR and ESC are allowed)
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13, 27})
# hand-set thresholds; what each means is said in the file
THRESHOLDS = step_thresholds("decode")
_BINARY_SHARE = THRESHOLDS["binary_share"]  # more of those bytes than this share: binary
# how much more garbled than the cleanest candidate a decode may look and still be chosen
_CHAOS_MARGIN = THRESHOLDS["chaos_margin"]
_WEB_ENCODINGS = frozenset(THRESHOLDS["web_encodings"])
_C1_CONTROL = re.compile("[\x80-\x9f]")
# Hangul syllables and kana: a multi-byte decode (EUC-KR, Shift_JIS) that reads many of them is
# the page's encoding; Latin bytes misread as one give Han characters, rarely these
_HANGUL_OR_KANA = re.compile("[\u3040-\u30ff\uac00-\ud7a3]")
_SYLLABLES_ENOUGH = 20


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: images, archives, executables.

    A text page has next to no control bytes; a binary file has many. UTF-16 is the exception
    (its code units are full of control bytes), so it is recognised by its byte-order mark first.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = data[:65536]
    if b"\x00" in sample[:1024]:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls > _BINARY_SHARE * len(sample)


def declared_charset(data: bytes) -> str | None:
    """The charset a page names in its ``<meta>`` (or XML declaration), if Python knows it."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, container_charset: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and say how: returns ``(text, encoding)``. ``container_charset`` is the
    charset the page's container declared for it, used when the page declares none.

    >>> decode_bytes("Grüße".encode("utf-8"))
    ('Grüße', 'utf-8')
    >>> decode_bytes("Grüße".encode("cp1252"))[0]
    'Grüße'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):  # a lone UTF-16 surrogate (a cut emoji) becomes U+FFFD, as a browser shows it
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for charset in dict.fromkeys(c for c in (declared_charset(data), container_charset) if c):
        try:
            return data.decode(charset), charset
        except (UnicodeDecodeError, LookupError):
            pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputRejected("undecodable", "no text encoding fits these bytes")
    return data.decode(encoding, errors="replace"), encoding


def detect_encoding(data: bytes) -> str | None:
    """The most likely encoding of undeclared, non-UTF-8 bytes.

    charset-normalizer ranks candidates by "chaos" (how garbled the decode looks); single-byte
    Latin encodings often tie there (French in Latin-1 decodes cleanly as cp1257 too). Among the
    candidates that are nearly as clean as the best, the one whose text reads most like a language
    ("coherence") wins. A text too short to read like any language gets the web's usual fallback,
    windows-1252, when that decodes it.

    >>> detect_encoding("Les syndicats ont déjà annoncé une journée de grève générale.".encode("latin-1"))
    'cp1252'
    >>> detect_encoding("Grüße".encode("cp1252"))
    'cp1252'
    >>> detect_encoding("Władze Gdańska ogłosiły we wtorek przetarg na budowę nowej linii. Ekolodzy zwracają uwagę, że rośnie kilkaset drzew.".encode("iso-8859-2"))
    'iso8859_2'
    """
    candidates = [m for m in from_bytes(data[:200_000]) if m.encoding]
    if not candidates:
        return None
    cleanest = min(m.chaos for m in candidates)
    near = [m for m in candidates if m.chaos <= cleanest + _CHAOS_MARGIN]
    # a web page's encoding before a DOS or rarer code page that reads the bytes as cleanly; and
    # one that reads no C1 control (U+0080-U+009F, which no page writes) before one that does
    # (cp1250 Polish read as ISO-8859-13: "ś" as U+009C)
    near = [m for m in near if m.encoding in _WEB_ENCODINGS] or near
    near = [m for m in near if not _C1_CONTROL.search(str(m))] or near
    if max(m.coherence for m in near) == 0:
        # charset-normalizer reads no language in Korean (its coherence is 0): a clean EUC-KR
        # page fell back to windows-1252 ("ºÎ»ê½Ã" for "부산시")
        syllabic = [m for m in near if m.chaos == cleanest
                    and len(_HANGUL_OR_KANA.findall(str(m))) >= _SYLLABLES_ENOUGH]
        if syllabic:
            return syllabic[0].encoding
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return near[0].encoding
    rank = {m.encoding: i for i, m in enumerate(candidates)}
    return max(near, key=lambda m: (round(m.coherence, 2), m.encoding == "cp1252", -rank[m.encoding])).encoding


def decode_input(doc: Document, ctx: RunContext) -> Document:
    """Reject what cannot be text, and decode the rest."""
    if not doc.raw.strip():
        raise InputRejected("empty", "the input has no text")
    if len(doc.raw) > ctx.config.max_input_bytes:
        raise InputRejected("too_large", f"{len(doc.raw)} bytes, over the limit of {ctx.config.max_input_bytes}")
    if looks_binary(doc.raw):
        raise InputRejected("binary", "the input looks like binary data, not text")
    text, encoding = decode_bytes(doc.raw, doc.source.get("charset"))
    return replace(doc, text=text, encoding=encoding)
