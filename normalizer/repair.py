"""Step 2: repair the text itself: line endings, mojibake, invisible characters.

ftfy undoes mojibake (UTF-8 read as Windows-1252 and the like), but it is slow on long texts, so
it runs only when the text shows a sign of mojibake. The repairs applied are listed in the
document (``repairs``), as ftfy's ``fix_and_explain`` lists its steps.
"""
from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-" codecs the signs are read with)
import numpy as np
from langdetect.utils.ngram import NGram

from .codepoints import code_points
from .context import RunContext
from .document import Document, InputRejected

# Signs of mojibake: a UTF-8 lead byte read as Latin-1/cp1252 followed by a continuation byte read
# the same way ("Ã©", "â€™", "Ð¾"), and the replacement character. ftfy's own `badness` is the
# judge; this only decides whether to ask it.
_SIGN_LEAD = "[ÂÃÄÅÆÇÐÑØÙâãäåæçèéêëìíîïðñòóôõö]"
_SIGN_FOLLOWER = "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
# C0/C1 controls other than tab and newline, and zero-width characters, carry no text
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
# The other encodings ftfy undoes (``ftfy.chardata.CHARMAP_ENCODINGS``): UTF-8 read as Windows-1251
# ("Р“Р»Р°РІРЅР°СЏ"), Windows-1253 ("ΞΞΏΞ»ΞΉΟ„ΞΉΞΊΞ®"), Mac Roman ("caf√©"), DOS's cp437 ("╨ô╨╗╨░")... Their
# signs are found as Windows-1252's are, by a lead (a UTF-8 lead byte of ``_SIGN_LEAD``'s as the
# encoding reads it) right before a follower (a continuation byte as it reads it, but for
# Cyrillic and Greek letters: "Сі" and "Сё" are Ukrainian and Russian words).
_OTHER_ENCODINGS = ("sloppy-windows-1251", "sloppy-windows-1250", "sloppy-windows-1253", "sloppy-windows-1254",
                    "sloppy-windows-1257", "iso-8859-2", "macroman", "cp437")
_LEAD_BYTES = bytes([*range(0xC2, 0xC8), 0xD0, 0xD1, 0xD8, 0xD9, *range(0xE2, 0xF5)])
_HIDDEN = 1
# a C1 control (U+0080 to U+009F) is a sign by itself: no text holds one, and Windows-1252 text read
# as Latin-1 turns its quotes and dashes into them ("we\x92re"), which ftfy puts back ("we’re")
_C1 = "[\u0080-\u009f]"
# bits of ``_character_marks``: invisible, then a lead and a follower bit for each encoding (Windows-1252
# and Latin-1 first, then ``_OTHER_ENCODINGS``), each follower bit the lead's moved one place
_LEADS = sum(1 << (1 + 2 * e) for e in range(1 + len(_OTHER_ENCODINGS)))
_FOLLOWERS = _LEADS << 1
_CONTROL = 1 << (1 + 2 * (1 + len(_OTHER_ENCODINGS)))
# U+0085 (NEL) is a line break, but not after a character that a UTF-8 byte read as Latin-1 gives
# (U+0080 to U+00F4): there it is that character's next byte ("ą" is C4 85, "х" D1 85, read as
# "Ä\x85" and "Ñ\x85"), which ftfy puts back; made a line break, it cut the word in two
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]|(?<![\u0080-\u00f4])\x85")
# what ftfy changes in an ASCII line (with our options): an HTML entity, a control character
_FTFY_CHANGES_ASCII = re.compile("[&\x00-\x08\x0b\x0e-\x1f\x7f]")
FTFY_OPTIONS = dict(normalization="NFC", fix_line_breaks=False, uncurl_quotes=False, fix_character_width=False,
                    fix_latin_ligatures=False)


def normalize_newlines(text: str) -> str:
    """CRLF, CR and Unicode line separators all become ``\\n`` (NEL only where it is no byte of
    mojibake: ``_NEWLINES``).

    >>> normalize_newlines("one\\r\\ntwo\\rthree")
    'one\\ntwo\\nthree'
    """
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text and "\x85" not in text:
        return text  # (most pages: four looks at C speed, a fraction of the expression's one)
    return _NEWLINES.sub("\n", text)


# the five bytes Windows-1252 leaves undefined: a UTF-8 page read as cp1252 with errors="replace"
# lost each of them to U+FFFD, and only context can tell which one it was
# (0x9D first: on a tie, U+201D, the closing quote, is the commonest of the characters they end)
_CP1252_UNDEFINED = (0x9D, 0x81, 0x8D, 0x8F, 0x90)
_REPLACEMENT_BYTES = "\ufffd".encode("utf-8")
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Zs", "Zl", "Zp"}


# a lost character's context: this many characters each side, n-grams up to this long
_CONTEXT, _MAX_GRAM = 2, 3
# rounds of choosing each lost character again, its neighbours' choices as they stand
_RESTORE_ROUNDS = 3


@lru_cache(maxsize=1)
def _character_frequencies() -> dict[str, float]:
    """How common each character, pair and triple of characters is, in the most favourable of the
    55 languages whose n-gram profiles langdetect ships (per million n-grams of that length)."""
    profiles = resources.files("langdetect").joinpath("profiles")
    best: dict[str, float] = {}
    for profile in profiles.iterdir():
        data = json.loads(profile.read_text(encoding="utf-8"))
        totals = data["n_words"]
        for gram, count in data["freq"].items():
            if len(gram) <= _MAX_GRAM:
                share = count * 1e6 / totals[len(gram) - 1]
                if share > best.get(gram, 0.0):
                    best[gram] = share
    return best


def _fold(text: str) -> str:
    """``text`` as langdetect's profiles count it: each character folded by ``NGram.normalize``
    (all hiragana as one, CJK ideographs by frequency cluster, punctuation as a space)."""
    return "".join(NGram.normalize(char) for char in text)


def _utf8_length(lead: int) -> int:
    return 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0


def _candidates(buf: bytearray, start: int, holes: list[int]) -> list[bytes]:
    """The bytes the UTF-8 character at ``start`` may have had, its lost bytes (``holes``) each one
    of the five Windows-1252 leaves undefined: those that make a visible character."""
    length = _utf8_length(buf[start])
    found = []
    for choice in itertools.product(_CP1252_UNDEFINED, repeat=len(holes)):
        candidate = bytearray(buf[start:start + length])
        for hole, byte in zip(holes, choice):
            candidate[hole - start] = byte
        try:
            char = candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            found.append(bytes(candidate))
    return found


def _context_score(left: str, char: str, right: str) -> float:
    """How well ``char`` fits between ``left`` and ``right`` (folded): the log frequencies of every
    pair and triple of characters holding it, and, less, of the character itself."""
    frequencies = _character_frequencies()
    window = left + char + right
    at = len(left)
    score = 0.5 * math.log1p(frequencies.get(char, 0.0))
    for n in range(2, _MAX_GRAM + 1):
        for first in range(max(0, at - n + 1), min(at, len(window) - n) + 1):
            score += math.log1p(frequencies.get(window[first:first + n], 0.0))
    return score


def _ends(text: str) -> str:
    """The characters of ``text`` a lost character's context can reach: ``_CONTEXT`` at each end
    (the page between two lost characters is not folded whole)."""
    return text if len(text) <= 2 * _CONTEXT else text[:_CONTEXT] + text[-_CONTEXT:]


def _choose(pieces: list[str], options: list[list[str]]) -> list[int]:
    """For each lost character (``options[k]``, its candidates, folded), the candidate that fits its
    context best. The text runs ``pieces[0]``, a lost character, ``pieces[1]``, ... Neighbouring
    lost characters are each other's context ("ся" in Russian loses both letters' last bytes), so
    each is chosen again with the others' choices as they stand, a few rounds over."""
    chosen = [max(range(len(o)), key=lambda i, o=o: _context_score("", o[i], "")) for o in options]

    def near(k: int, step: int) -> str:
        """``_CONTEXT`` characters beside lost character ``k``, leftwards (-1) or rightwards (+1)."""
        text, j = "", k
        while len(text) < _CONTEXT and 0 <= j + (step > 0) < len(pieces):
            piece = pieces[j + (step > 0)]
            text = piece + text if step < 0 else text + piece
            j += step
            if len(text) < _CONTEXT and 0 <= j < len(options):
                text = options[j][chosen[j]] + text if step < 0 else text + options[j][chosen[j]]
            else:
                break
        return text[-_CONTEXT:] if step < 0 else text[:_CONTEXT]

    open_choices = [k for k, candidates in enumerate(options) if len(candidates) > 1]
    for _ in range(_RESTORE_ROUNDS):
        changed = False
        for k in open_choices:
            candidates = options[k]
            left, right = near(k, -1), near(k, 1)
            best = max(range(len(candidates)), key=lambda i: (_context_score(left, candidates[i], right), -i))
            changed |= best != chosen[k]
            chosen[k] = best
        if not changed:  # (another round would choose the same again)
            break
    return chosen


def restore_lost_bytes(text: str) -> str | None:
    """Undo whole-page mojibake whose undefined bytes were replaced by U+FFFD.

    A UTF-8 page decoded as Windows-1252 with ``errors="replace"`` lost every 0x81, 0x8D, 0x8F,
    0x90 and 0x9D byte: in Russian that is every "с", "я" and "э", in Greek every "ρ" and "ύ", in
    Chinese one character in seven, so ftfy alone leaves the words broken. Re-encoding the page as
    cp1252 gives back every byte but those; each lost byte is the one of the five that makes the
    character that fits its context best (character n-gram frequencies of langdetect's profiles,
    two characters each side).
    Returns None when the text is not such a page.

    >>> broken = "Правительство России".encode("utf-8").decode("cp1252", errors="replace")
    >>> broken
    'ÐŸÑ€Ð°Ð²Ð¸Ñ‚ÐµÐ»ÑŒÑ�Ñ‚Ð²Ð¾ Ð Ð¾Ñ�Ñ�Ð¸Ð¸'
    >>> restore_lost_bytes(broken)
    'Правительство России'
    """
    try:
        buf = bytearray(text.replace("\ufffd", "\x00").encode("cp1252"))
    except UnicodeEncodeError:
        return None
    holes = [i for i, byte in enumerate(buf) if byte == 0]
    by_character: dict[int, list[int]] = {}
    for hole in holes:
        start = hole
        while start > 0 and hole - start < 3 and (0x80 <= buf[start - 1] <= 0xBF or buf[start - 1] == 0):
            start -= 1
        start -= 1
        if start >= 0 and hole < start + _utf8_length(buf[start]):
            by_character.setdefault(start, []).append(hole)
    # the page as pieces of bytes between the characters that lost bytes, and those characters' candidates
    pieces: list[bytes] = []
    candidates: list[list[bytes]] = []
    position = 0
    for start, char_holes in sorted(by_character.items()):
        found = _candidates(buf, start, char_holes)
        if found:
            pieces.append(bytes(buf[position:start]))
            candidates.append(found)
            position = start + len(found[0])
    pieces.append(bytes(buf[position:]))
    folded = [_fold(_ends(piece.decode("utf-8", errors="replace"))) for piece in pieces]
    chosen = _choose(folded, [[_fold(c.decode("utf-8")) for c in found] for found in candidates])
    output = b"".join(piece + (candidates[k][chosen[k]] if k < len(candidates) else b"")
                      for k, piece in enumerate(pieces))
    try:
        return output.replace(b"\x00", _REPLACEMENT_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _signs_of(encoding: str) -> tuple[str, str]:
    """The characters that lead and follow a sign of UTF-8 read as ``encoding`` (``_OTHER_ENCODINGS``)."""
    leads = bytes(_LEAD_BYTES).decode(encoding, errors="ignore")
    followers = bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore")
    followers = "".join(c for c in followers if not unicodedata.name(c, "").startswith(("CYRILLIC", "GREEK")))
    return leads, followers


@lru_cache(maxsize=1)
def _character_marks() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane, whether it can lead a sign of mojibake
    or follow the lead, for each encoding, or is invisible (the bits of ``_LEADS``, ``_FOLLOWERS``,
    ``_HIDDEN``); found once."""
    every = "".join(map(chr, range(0x10000)))
    marks = np.zeros(0x10000, dtype=np.uint32)
    for pattern, bit in ((_SIGN_LEAD, 1 << 1), (_SIGN_FOLLOWER, 1 << 2), (_INVISIBLE.pattern, _HIDDEN), (_C1, _CONTROL)):
        marks[[m.start() for m in re.finditer(pattern, every)]] |= bit
    for e, encoding in enumerate(_OTHER_ENCODINGS, start=1):
        leads, followers = _signs_of(encoding)
        marks[[ord(c) for c in leads if ord(c) < 0x10000]] |= 1 << (1 + 2 * e)
        marks[[ord(c) for c in followers if ord(c) < 0x10000]] |= 1 << (2 + 2 * e)
    return marks


def _marks(text: str) -> np.ndarray:
    """``_character_marks`` of each character of ``text``: one table lookup over its code points,
    where a regular expression's search asks a set of a hundred characters at every place (a page is
    read twice, once by each pass of a batch: the two searches were some 3% of a page's time). A
    code point beyond the table takes the mark of U+FFFF: none, as no class holds one."""
    return np.take(_character_marks(), code_points(text), mode="clip")


def shows_mojibake(text: str, marks: np.ndarray | None = None) -> bool:
    """Whether a lead of a sign of mojibake stands right before a follower, or the text holds a
    replacement character or a C1 control. ``marks``: the text's ``_marks``, when the caller has them.

    >>> shows_mojibake("Itâ€™s"), shows_mojibake("It’s the café"), shows_mojibake("lost: \\ufffd")
    (True, False, True)
    """
    if "\ufffd" in text:
        return True
    marks = _marks(text) if marks is None else marks
    return bool(((marks[:-1] << 1) & marks[1:] & _FOLLOWERS).any() or (marks & _CONTROL).any())


def holds_invisible(text: str, marks: np.ndarray | None = None) -> bool:
    """Whether ``text`` holds a character of ``_INVISIBLE``. ``marks``: the text's ``_marks``, when
    the caller has them.

    >>> holds_invisible("zero\\u200bwidth"), holds_invisible("tab\\tand newline\\n")
    (True, False)
    """
    return bool(((_marks(text) if marks is None else marks) & _HIDDEN).any())


def fix_mojibake(text: str, marks: np.ndarray | None = None) -> tuple[str, bool]:
    """Undo mojibake with ftfy where the text shows signs of it; say whether anything changed.
    ``marks``: the text's ``_marks``, when the caller has them.

    >>> fix_mojibake("Itâ€™s the Syrian governmentâ€™s plan")
    ('It’s the Syrian government’s plan', True)
    >>> fix_mojibake("plain text")
    ('plain text', False)
    """
    if not shows_mojibake(text, marks):
        return text, False
    original = text
    if "\ufffd" in text:
        text = restore_lost_bytes(text) or text
    fixed = fix_text(text)
    return fixed, fixed != original


def _left_alone(line: str) -> bool:
    return line.isascii() and not _FTFY_CHANGES_ASCII.search(line)


def fix_text(text: str) -> str:
    """``ftfy.fix_text`` with our options, without handing it the lines it leaves as they are.

    On a page with mojibake three lines in four are plain ASCII, and ftfy ran its dozen fixers over
    each (some 8% of the text path's time under cProfile). ftfy fixes a text one line at a time, so
    the runs of other lines fixed apart give the same text; the one thing ftfy carries from line to
    line, that after a line holding "<" it unescapes no more HTML entities, is carried over.
    """
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + [lines[-1]]
    fixed = []
    after_tag = False  # (ftfy's "auto" HTML unescaping, turned off by the first "<")
    for left_alone, run in itertools.groupby(lines, key=_left_alone):
        part = "".join(run)
        fixed.append(part if left_alone else ftfy.fix_text(part, unescape_html=False if after_tag else "auto",
                                                           **FTFY_OPTIONS))
        after_tag = after_tag or "<" in part
    return "".join(fixed)


def repair_text(doc: Document, ctx: RunContext) -> Document:
    """Newlines, mojibake and invisible characters, then the text is cut into its lines."""
    repairs = list(doc.repairs)
    text = normalize_newlines(doc.text)
    if text != doc.text:
        repairs.append("newlines")
    # the characters' marks, looked up once for both questions: a text that ftfy left alone has the
    # same invisible characters once its tabs are spaces (neither is one)
    marks = _marks(text)
    text, fixed = fix_mojibake(text, marks)
    if fixed:
        repairs.append("mojibake")
    cleaned = text.replace("\t", "    ")
    if holds_invisible(cleaned, None if fixed else marks):
        cleaned = _INVISIBLE.sub("", cleaned)
    if cleaned != text:
        repairs.append("invisible_characters")
    if not cleaned.strip():  # (a page of zero-width spaces: nothing a reader sees)
        raise InputRejected("empty", "the input shows no text, only invisible characters")
    lines = tuple(map(str.rstrip, cleaned.split("\n")))
    return replace(doc, text=cleaned, lines=lines, repairs=tuple(repairs))
