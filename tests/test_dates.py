"""Dates as pages print them, read into ISO dates without inventing a time zone or a year."""
from normalizer.dates import find_dates, find_relative


def iso(text, **kw):
    return [d.iso for d in find_dates(text, **kw)]


def test_the_formats_news_pages_use():
    assert iso("| 2016-04-28 13:49:48") == ["2016-04-28T13:49:48"]
    assert iso("06. 01. 2026, 14:59 Uhr") == ["2026-01-06T14:59:00"]
    assert iso("28 December 2024") == ["2024-12-28"]
    assert iso("Dec. 18, 2025") == ["2025-12-18"]
    assert iso("Thu 3 Jan 2019 02.00 EST") == ["2019-01-03T02:00:00"]
    assert iso("March 13, 2015 9:00PM") == ["2015-03-13T21:00:00"]
    assert iso("2024年12月28日") == ["2024-12-28"]
    # a theme's publication and modification dates glued together (dev page wcxb/4819)
    assert iso("May 21, 2025April 24, 2025 by The Ritualist") == ["2025-05-21", "2025-04-24"]
    # the month first, its day's ending in capitals, no comma, a line break before the year
    assert iso("UPDATED DECEMBER 28TH\n2024, 10:15") == ["2024-12-28T10:15:00"]


def test_month_names_in_other_languages():
    assert iso("28. Dezember 2024") == ["2024-12-28"]
    assert iso("Publié le 3 février 2025") == ["2025-02-03"]
    assert iso("1 de diciembre de 2017 3:00 AM") == ["2017-12-01T03:00:00"]
    assert iso("Опубликовано 28 декабря 2024") == ["2024-12-28"]
    assert iso("12 października 2023") == ["2023-10-12"]
    assert iso("15 Μαρτίου 2024") == ["2024-03-15"]


def test_numeric_day_month_order():
    assert iso("28/12/2024") == ["2024-12-28"]          # decides itself
    assert iso("12/28/2024") == ["2024-12-28"]
    assert iso("04/05/2024") == ["2024-05-04"]          # day first by default
    assert iso("04/05/2024", month_first=True) == ["2024-04-05"]
    assert iso("08.04.2015 12:46") == ["2015-04-08T12:46:00"]  # dots: day first


def test_the_cue_says_what_kind_of_date_it_is():
    cues = lambda text: [(d.iso, d.cue) for d in find_dates(text)]
    assert cues("Published on December 18, 2025") == [("2025-12-18", "published")]
    assert cues("Last updated: Jul 22, 2021") == [("2021-07-22", "updated")]
    assert cues("Thu 3 Jan 2019 Last modified on Wed 16 Jan 2019") == [("2019-01-03", ""), ("2019-01-16", "updated")]
    assert cues("Copyright 2015 - 2025, March 3, 2025 ©") == [("2025-03-03", "copyright")]
    # the labels of Polish, Japanese and Chinese pages
    assert cues("Ostatnia aktualizacja: 22.11.2026 09:00 Data publikacji: 21.11.2026 14:35") == [
        ("2026-11-22T09:00:00", "updated"), ("2026-11-21T14:35:00", "published")]
    # a bare noun is no label: "election date", "after the publication"
    assert cues("Дата выборов: 8 сентября 2024 года.") == [("2024-09-08", "")]
    assert cues("Após a publicação, em 3 de maio de 2024, o governo recuou") == [("2024-05-03", "")]
    assert cues("配信日：2026年11月21日") == [("2026-11-21", "published")]
    assert cues("最終更新日：2026年11月22日") == [("2026-11-22", "updated")]
    assert cues("发表时间：2026-11-21 14:35") == [("2026-11-21T14:35:00", "published")]


def test_no_date_without_a_year_or_in_plain_numbers():
    assert iso("Jan 4") == []
    assert iso("28 December") == []              # seed 004: no year, no date
    assert iso("5.3 million people, 12.5 points") == []
    assert iso("Call 866-908-4748") == []
    assert iso("2024-02-30") == []               # not a day of the calendar


def test_relative_dates_need_the_capture_time():
    assert find_relative("Posted 2 days ago", "2024-05-03T10:00:00Z") == ("2024-05-01", "2 days ago")
    assert find_relative("vor 3 Stunden", "2024-05-03T10:00:00") == ("2024-05-03", "vor 3 Stunden")
    assert find_relative("hace 1 semana", "2024-05-03") == ("2024-04-26", "hace 1 semana")
    assert find_relative("Posted 2 days ago", "not a date") is None


def test_on_is_a_publication_cue_in_a_byline_not_in_a_sentence():
    # real lines of the dev pages: a byline's "on" dates the article, a sentence's "on" an event
    cue = lambda text: find_dates(text)[0].cue
    assert cue("Posted by BeauHD on Friday December 19, 2025 @08:00PM from the skewed-job-market dept.") == "published"
    assert cue("Reviewed by Justin C. Meserole, Trial Attorney at Morgan & Morgan, on December 9, 2024.") == "published"
    assert cue("On January 12, 2025January 22, 2025 By Gabby BoucherIn Budget Travel") == "published"
    assert cue("2. We are continuing to reduce hosted-runners prices by up to 39% on January 1, 2026.") == ""
    assert cue("My story begins on Friday, November 7, 2025, when Discord announced a brand new update") == ""
    assert cue("By Corey Kilgannon Feb. 21, 2019") == ""    # "on" inside a name is no cue


def test_full_width_digits_and_greek_months_in_any_case():
    """Japanese and Chinese pages write dates in full-width digits; Greek month names carry a
    diaeresis that case folding decomposes ("Μαΐου"), and lose their accents in capitals."""
    assert [(d.iso, d.raw) for d in find_dates("２０２６年１月６日")] == [("2026-01-06", "２０２６年１月６日")]
    assert [d.iso for d in find_dates("6 Μαΐου 2026")] == ["2026-05-06"]
    assert [d.iso for d in find_dates("6 ΙΑΝΟΥΑΡΙΟΥ 2026")] == ["2026-01-06"]
