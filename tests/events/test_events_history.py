"""The history parser: layouts of tracking pages, dates both ways, bad input."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parcel_doctor.diagnosis.diagnose import diagnose
from parcel_doctor.events.history import (
    A_POST,
    DESTINATION_POST,
    LOCAL_CARRIER,
    MAX_CHARS,
    ORIGIN_CARRIER,
    ORIGIN_POST,
    History,
    HistoryError,
    decode,
    posts_on_route,
)
from parcel_doctor.events.read import merge, places, read_history, read_line
from parcel_doctor.events.timestamps import find_dates
from parcel_doctor.knowledge.loader import KnowledgeBase
from parcel_doctor.text import plain

TODAY = dt.date(2026, 11, 25)
DATA = Path(__file__).resolve().parents[1] / "data" / "events"


def read(kb: KnowledgeBase, text: str, order: str | None = None) -> History:
    return read_history(kb, text, TODAY, order)


def stages(history: History) -> list[tuple[str, str | None]]:
    return [(e.stamp(), e.stage) for e in history.events]


def test_one_event_a_line_newest_first(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026-10-20 14:02 Arrival at inward office of exchange, FRANKFURT, GERMANY\n"
        "2026-10-04 09:12 Departed from outward office of exchange, GUANGZHOU\n"
        "2026-10-01 10:00 Posting/Collection, SHENZHEN, CHINA\n",
    )
    assert stages(history) == [
        ("2026-10-01 10:00", "accepted"),
        ("2026-10-04 09:12", "export"),
        ("2026-10-20 14:02", "arrived-destination"),
    ]
    assert history.answers == {
        "last_event_on": dt.date(2026, 10, 20),
        "last_event": "arrived-destination",
        "shipped_on": dt.date(2026, 10, 1),
        "origin": "CN",
        "destination": "DE",
    }
    assert history.basis["shipped_on"].startswith("line 3: 2026-10-01 10:00 Posting/Collection")
    assert history.notes == [] and history.skipped == []


def test_description_then_date_then_place_with_a_heading(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "Tracking Number: 9400111899223397623910\n\n"
        "Delivered, In/At Mailbox\nNovember 4, 2026, 11:27 am\nBROOKLYN, NY 11201\n\n"
        "Out for Delivery\nNovember 4, 2026, 7:10 am\nBROOKLYN, NY 11201\n\n"
        "Arrived at USPS Regional Destination Facility\nNovember 3, 2026, 9:40 pm\n"
        "JERSEY CITY NJ NETWORK DISTRIBUTION CENTER\n",
    )
    assert stages(history) == [
        ("2026-11-03 21:40", "in-destination-network"),
        ("2026-11-04 07:10", "out-for-delivery"),
        ("2026-11-04 11:27", "delivered"),
    ]
    assert history.events[-1].text == "Delivered, In/At Mailbox"
    assert history.events[-1].place == "BROOKLYN, NY 11201"
    assert [s.line for s in history.skipped] == [1]


def test_date_line_then_time_then_description_then_place(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026-11-04\n09:12\nDeparted from outward office of exchange\nGUANGZHOU\n"
        "2026-11-02\n10:00\nPosting/Collection\nSHENZHEN\n",
    )
    assert stages(history) == [("2026-11-02 10:00", "accepted"), ("2026-11-04 09:12", "export")]
    assert history.events[1].place == "GUANGZHOU"
    assert history.events[1].lines == (1, 2, 3, 4)


def test_day_headings_with_timed_lines(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "Wednesday, 4 November 2026\n"
        "09:12  Item out for physical delivery\n"
        "07:30  Arrival at delivery office\n"
        "Tuesday, 3 November 2026\n"
        "18:00  Item held by customs\n",
    )
    assert stages(history) == [
        ("2026-11-03 18:00", "customs"),
        ("2026-11-04 07:30", "in-destination-network"),
        ("2026-11-04 09:12", "out-for-delivery"),
    ]


def test_table_rows_copied_with_tabs(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026/11/01 10:00\tPosting/Collection\t\tTOKYO INTERNATIONAL\t100-8799\n"
        "2026/11/02 12:00\tDispatch from outward office of exchange\t\tTOKYO INTERNATIONAL\n",
    )
    assert [e.stage for e in history.events] == ["accepted", "export"]


def test_chinese_lines(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026-11-05 08:00:00 【法兰克福】到达寄达地处理中心\n"
        "2026-10-28 21:13:00 【广州】已出口直封\n"
        "2026-10-26 15:40:00 【深圳】已收寄\n",
    )
    assert [e.stage for e in history.events] == ["accepted", "export", "arrived-destination"]
    assert history.events[0].place == "深圳"


def test_a_line_read_two_ways_is_settled_by_the_stages_before_it(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026/11/01 10:00 引受\n2026/11/02 12:00 国際交換局から発送\n"
        "2026/11/12 09:00 国際交換局に到着\n",
    )
    last = history.events[-1]
    assert last.reading.stage is None and last.stage == "arrived-destination" and last.by_context


def test_two_way_dates_settled_by_a_day_above_twelve(kb: KnowledgeBase) -> None:
    history = read(
        kb, "04/11/2026 Departed from outward office of exchange\n28/10/2026 Posting/Collection\n"
    )
    assert [e.day for e in history.events] == [dt.date(2026, 10, 28), dt.date(2026, 11, 4)]
    assert any("day/month/year" in note for note in history.notes)


def test_two_way_dates_settled_by_the_page_order(kb: KnowledgeBase) -> None:
    # Day-first the page runs 10 Nov, 3 Nov, 5 Oct (newest first); month-first it would
    # jump from 11 Oct back to 11 Mar and on to 10 May.
    history = read(kb, "10/11/2026 Delivered\n03/11/2026 Out for delivery\n05/10/2026 Posted\n")
    assert [e.day for e in history.events] == [
        dt.date(2026, 10, 5),
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 10),
    ]
    assert history.answers["last_event"] == "delivered"


def test_the_date_order_note_says_what_settled_it(kb: KnowledgeBase) -> None:
    """review16 E-R31: dates that keep the page in order read either way (5-6 March or
    3 May-3 June) were noted as settled by "the page's other dates and their order"; the
    closer dates decided, and the note says so and how to give the order."""
    page = "5/3/2025 13:02 Posted\n6/3/2025 09:26 In transit\n6/3/2025 10:24 Delivered\n"
    told = read_history(kb, page, dt.date(2025, 8, 1))
    assert told.events[0].day == dt.date(2025, 3, 5)
    assert any("read so its dates lie closer together" in n and "(mdy)" in n for n in told.notes)
    ordered = read(kb, "10/11/2026 Delivered\n03/11/2026 Out for delivery\n05/10/2026 Posted\n")
    assert any("only so are the page's dates in order" in n for n in ordered.notes)


def test_two_way_dates_left_unread_without_help(kb: KnowledgeBase) -> None:
    text = "04/11/2026 Delivered\n"
    history = read(kb, text)
    assert history.events == [] and "last_event_on" not in history.answers
    assert history.skipped[0].why.startswith("its date 04/11/2026 reads two ways")
    given_order = read(kb, text, order="mdy")
    assert given_order.answers["last_event_on"] == dt.date(2026, 4, 11)


def test_future_dates_are_skipped_and_said(kb: KnowledgeBase) -> None:
    history = read(kb, "2026-12-30 Delivered\n2026-11-20 Out for delivery\n")
    assert history.answers["last_event"] == "out-for-delivery"
    assert history.skipped[0].line == 1 and "after today (2026-11-25)" in history.skipped[0].why


def test_a_date_a_century_old_is_another_calendar_s_and_skipped_with_that_said(
    kb: KnowledgeBase,
) -> None:
    """review19 E-R46: Iran Post writes Solar Hijri dates (1405/08/28 is 2026-11-19); read as
    the common era's year 1405 they made a parcel posted last week "probably lost". A date
    more than a century before today is skipped, saying so; an Islamic 1447 and a mistyped
    0026 too."""
    history = read(
        kb,
        "1405/09/01 10:12 Departure from outward office of exchange\n"
        "1405/08/28 09:00 Posting/Collection\n"
        "1447/05/06 10:00 Delivered\n"
        "0026-11-20 10:00 Delivered\n"
        "2026-11-21 09:00 Posting/Collection\n",
    )
    assert [s.line for s in history.skipped] == [1, 2, 3, 4]
    assert all("more than 100 years before today" in s.why for s in history.skipped)
    assert "Solar Hijri" in history.skipped[0].why
    assert history.answers["last_event"] == "accepted"
    assert history.answers["shipped_on"] == dt.date(2026, 11, 21)


def test_digits_of_other_scripts_are_read_as_digits(kb: KnowledgeBase) -> None:
    """review19 E-R46: Persian digits (Iran Post) in a date and a time; the time was left in
    the event's text."""
    history = read(
        kb,
        "\u06f2\u06f0\u06f2\u06f6/\u06f1\u06f1/\u06f2\u06f0 \u06f1\u06f0:\u06f1\u06f2 Delivered\n",
    )
    assert stages(history) == [("2026-11-20 10:12", "delivered")]
    assert history.events[0].text == "Delivered"


def test_a_buddhist_era_year_is_read_in_the_common_era(kb: KnowledgeBase) -> None:
    """review14 E-R26: Thailand Post writes its dates in the Buddhist era (a real EMS reply,
    EB315050240TH: "28/05/2563 ... รับฝาก", accepted; "29/05/2563 ... นำจ่ายสำเร็จ",
    delivered): 2563 is 2020, read so with a note, not every line refused as after today.
    A date a year or two ahead stays refused."""
    page = "29/05/2563 10:23:23+07:00 นำจ่ายสำเร็จ\n28/05/2563 14:36:00+07:00 รับฝาก\n"
    history = read_history(kb, page, dt.date(2020, 6, 5))
    assert [e.when.date() for e in history.events] == [dt.date(2020, 5, 28), dt.date(2020, 5, 29)]
    assert history.answers["last_event_on"] == dt.date(2020, 5, 29) and not history.skipped
    assert any("Buddhist-era years (2563 is 2020)" in note for note in history.notes)
    ahead = read_history(kb, page.replace("2563", "2021"), dt.date(2020, 6, 5))
    assert not ahead.events and "after today" in ahead.skipped[0].why


def test_thailand_post_s_statuses_are_read(kb: KnowledgeBase) -> None:
    """review14 E-R26's second half: the same real EMS reply's Thai statuses read as their
    stages (Thailand Post's item statuses, facts/stages.toml): รับฝาก (103) accepted, the
    posting date; นำจ่ายสำเร็จ (501) delivered. Before, the tokeniser cut Thai words at
    their vowel marks and nothing was read; each Thai character is now a word, as a
    Chinese one is, and a delivery that failed (401, นำจ่ายไม่สำเร็จ) is no delivery."""
    page = "29/05/2563 10:23:23+07:00 นำจ่ายสำเร็จ\n28/05/2563 14:36:00+07:00 รับฝาก\n"
    history = read_history(kb, page, dt.date(2020, 6, 5))
    assert [e.stage for e in history.events] == ["accepted", "delivered"]
    assert history.answers["shipped_on"] == dt.date(2020, 5, 28)
    failed = read_history(kb, page.replace("นำจ่ายสำเร็จ", "นำจ่ายไม่สำเร็จ"), dt.date(2020, 6, 5))
    assert failed.answers["last_event"] == "delivery-attempted"


def test_an_event_one_day_ahead_is_read_as_today(kb: KnowledgeBase) -> None:
    """review12 E-R10: pages print an event in its place's local time, so a seller in the
    Americas in the evening sees tomorrow's date on an event in Europe: one day ahead is
    today (said in a note), two days ahead is skipped."""
    page = (
        "2026-11-21 08:00 Arrival at inward office of exchange FRANKFURT\n"
        "2026-10-28 08:00 Departure from outward office of exchange\n"
    )
    history = read_history(kb, page, dt.date(2026, 11, 20))
    assert history.answers["last_event"] == "arrived-destination"
    assert history.answers["last_event_on"] == dt.date(2026, 11, 20)
    assert not history.skipped and any("read as today" in n for n in history.notes)
    later = read_history(kb, page.replace("2026-11-21", "2026-11-22"), dt.date(2026, 11, 20))
    assert later.answers["last_event"] == "export" and later.skipped[0].line == 1


def test_a_date_written_wrong_is_skipped_with_what_is_wrong(kb: KnowledgeBase) -> None:
    history = read(kb, "31/02/2026 10:00 Delivered\n2026-13-01 12:00 Accepted\n")
    assert [s.why for s in history.skipped] == [
        "no date for this line: '31/02/2026' is not a date in the calendar",
        "no date for this line: '2026-13-01' is not a date in the calendar",
    ]


def test_minutes_before_a_word_like_a_month_are_no_day(kb: KnowledgeBase) -> None:
    """ "05 Out" after "10:" is the time's minutes, not 5 October (Portuguese "out")."""
    history = read(kb, "2026-11-21 10:05 Out for delivery\n2026-11-20 09:00 Accepted\n")
    assert stages(history)[-1] == ("2026-11-21 10:05", "out-for-delivery")
    assert history.answers["last_event"] == "out-for-delivery" and history.skipped == []


def test_dates_going_both_ways_are_sorted_and_said(kb: KnowledgeBase) -> None:
    history = read(
        kb,
        "2026-11-04 Out for delivery\n2026-11-01 Posting/Collection\n2026-11-06 Delivered\n",
    )
    assert [e.stage for e in history.events] == ["accepted", "out-for-delivery", "delivered"]
    assert any("backwards and forwards" in note for note in history.notes)


def test_events_of_one_moment_are_ordered_by_the_stages_they_name(kb: KnowledgeBase) -> None:
    # The Royal Mail app's reply (heldout6.toml): newest first, every time set to one
    # instant. Taking the page's order as oldest first read the posting as the last event.
    newest_first = (
        "2023-07-18T12:19:25+01:00 Delivered by London DO\n"
        "2023-07-18T12:19:25+01:00 Item Received Norfolk MC\n"
        "2023-07-18T12:19:25+01:00 Sender despatching item\n"
    )
    history = read_history(kb, newest_first, dt.date(2023, 7, 19))
    assert [e.stage for e in history.events] == ["label-created", None, "delivered"]
    assert history.answers["last_event"] == "delivered"
    assert any("share one date and time" in note for note in history.notes)
    # the same lines oldest first stay in the page's order
    oldest_first = "\n".join(reversed(newest_first.splitlines()))
    history = read_history(kb, oldest_first, dt.date(2023, 7, 19))
    assert history.answers["last_event"] == "delivered"
    # a page of one day without times, newest first, likewise
    history = read(kb, "2026-11-05 Delivered\n2026-11-05 Out for delivery\n")
    assert [e.stage for e in history.events] == ["out-for-delivery", "delivered"]


def test_an_iso_time_takes_its_t_and_utc_offset(kb: KnowledgeBase) -> None:
    history = read_history(
        kb, "2023-07-18T12:19:25+01:00 Delivered by London DO\n", dt.date(2023, 7, 19)
    )
    (event,) = history.events
    assert event.text == "Delivered by London DO"
    assert event.when == dt.datetime(2023, 7, 18, 12, 19, 25)
    (event,) = read(kb, "2026-11-04T09:12:00Z Posting/Collection, GUANGZHOU\n").events
    assert event.text == "Posting/Collection, GUANGZHOU"


def test_an_eight_digit_date_and_its_four_digit_time(kb: KnowledgeBase) -> None:
    # China Post's table as a travel site's FAQ prints it (named_histories.toml)
    table = (
        "RB*********CN 2013 Departure from outward office of exchange Shanghai US 20130510 1312\n"
        "RB*********CN 2013 Final delivery US US 20130520 1200\n"
    )
    history = read_history(kb, table, dt.date(2013, 5, 21))
    assert [e.stamp() for e in history.events] == ["2013-05-10 13:12", "2013-05-20 12:00"]
    assert history.answers["last_event"] == "delivered"
    (found,) = find_dates("Item 20130507T104200 accepted", TODAY)
    assert found.readings == (dt.date(2013, 5, 7),)
    # no month 13, no date inside a longer number or a code
    assert find_dates("Order 20131399 placed", TODAY) == []
    assert find_dates("Item 1201305071 or CN20130507 or 20130507A", TODAY) == []


def test_eight_digits_beside_a_date_written_otherwise_are_a_number(kb: KnowledgeBase) -> None:
    # a Brazilian postal code (CEP, eight digits) before the line's own date was read as
    # 2001-09-01, so the newest event became the posting
    page = (
        "RIO DE JANEIRO CEP 20010901 12/11/2026 10:42 Objeto saiu para entrega ao destinatario\n"
        "SAO PAULO 10/11/2026 08:00 Objeto postado\n"
    )
    history = read_history(kb, page, dt.date(2026, 11, 26), order="dmy")
    assert [e.stamp() for e in history.events] == ["2026-11-10 08:00", "2026-11-12 10:42"]
    assert history.answers["last_event"] == "out-for-delivery"
    assert [f.written for f in find_dates("CEP 20010901 12/11/2026", TODAY)] == ["12/11/2026"]


def test_events_without_dates(kb: KnowledgeBase) -> None:
    history = read(kb, "Delivered\nOut for delivery\n")
    assert history.events == [] and "last_event" not in history.answers
    assert [s.why for s in history.skipped] == ["no date for this line"] * 2
    assert "cannot be told" in history.notes[0]


def test_one_undated_status_still_tells_the_stage(kb: KnowledgeBase) -> None:
    history = read(kb, "Not found\n")
    assert history.answers == {"last_event": "none"}
    assert "no line has a date" in history.notes[0]


def test_no_recognisable_event(kb: KnowledgeBase) -> None:
    history = read(kb, "2026-11-04 09:12 Lorem ipsum dolor\n")
    assert history.events[0].stage is None
    assert "last_event" not in history.answers
    assert any("names no stage" in note or "not read" in note for note in history.notes)


def test_newest_line_unread_keeps_its_date_but_not_a_stage(kb: KnowledgeBase) -> None:
    history = read(kb, "2026-11-10 Lorem ipsum\n2026-11-01 Posting/Collection\n")
    assert history.answers["last_event"] == "accepted"
    assert history.answers["last_event_on"] == dt.date(2026, 11, 10)
    assert any("the newest line" in note for note in history.notes)


def test_control_characters_and_long_lines_are_skipped(kb: KnowledgeBase) -> None:
    history = read(kb, "2026-11-01 Posted\x07\n" + "x" * 3000 + "\n2026-11-02 Delivered\n")
    assert [s.line for s in history.skipped] == [1, 2]
    assert history.answers["last_event"] == "delivered"


def test_too_large_and_binary_input() -> None:
    with pytest.raises(HistoryError, match=r"10\.0 MB"):
        decode(b"a" * 10 * 1_048_576, "paste.txt")
    with pytest.raises(HistoryError, match="read up to 256 KB"):
        decode(b"x" * (MAX_CHARS + 1))
    with pytest.raises(HistoryError, match="binary data"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(HistoryError, match="not UTF-8"):
        decode(b"Zustellung \xfcber")
    assert decode("\ufeff2026-11-01 Posted".encode()) == "2026-11-01 Posted"
    assert decode("2026-11-01 Posted".encode("utf-16")) == "2026-11-01 Posted"


def test_the_sellers_answers_win(kb: KnowledgeBase) -> None:
    history = read(kb, "2026-11-01 Posting/Collection\n2026-11-02 Item held by customs\n")
    answers, differ = merge({"last_event": "delivered", "origin": "CN"}, history)
    assert answers["last_event"] == "delivered" and answers["shipped_on"] == dt.date(2026, 11, 1)
    assert differ == ["last_event"]


_LINE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "2026-11-04 09:12 Departed from outward office of exchange",
            "04/11/2026",
            "13/11/2026 Delivered",
            "November 4, 2026, 9:12 am",
            "09:12",
            "Out for Delivery",
            "【广州】已出口直封",
            "",
            "2027-01-01 Delivered",
            "Tuesday",
        ]
    ),
)


def test_day_and_month_without_a_year_before_a_time(kb: KnowledgeBase) -> None:
    # Yamato's table layout (github nayutaya/packtrack, tracker/yamato/package/fixtures):
    # status, MM/DD, time, store; the year is the latest not after today.
    history = read_history(
        kb,
        "伝票番号 2253-0341-5632\n"
        "荷物状況 日付 時刻 担当店名\n"
        "荷物受付 06/24 14:11 北九州物流システム支店\n"
        "発送 06/24 14:11 北九州物流システム支店\n"
        "持戻（ご不在） 06/25 09:51 広島東原センター\n"  # noqa: RUF001 (the page's own brackets)
        "配達完了 06/27 09:48 広島東原センター\n",
        dt.date(2009, 6, 28),
    )
    assert history.answers["last_event_on"] == dt.date(2009, 6, 27)
    assert history.answers["shipped_on"] == dt.date(2009, 6, 24)
    assert history.answers["last_event"] == "delivered"
    # A day and month with no time after them is no date: "1/2" in a text stays text.
    assert find_dates("Paket 1/2 ist unterwegs", TODAY) == []
    assert find_dates("伝票番号 2253-0341-5632", TODAY) == []


def test_a_day_month_name_and_year_joined_by_dashes(kb: KnowledgeBase) -> None:
    # Korea Post's EMS page prints the time, then the date as DD-Mon-YYYY
    history = read_history(
        kb,
        "11:36 30-Jun-2016 Posting/Collection SEOUL\n"
        "09:05 04-JUL-2016 Final Delivery KUALA LUMPUR\n",
        dt.date(2016, 8, 1),
    )
    assert history.answers["last_event_on"] == dt.date(2016, 7, 4)
    assert history.answers["shipped_on"] == dt.date(2016, 6, 30)
    assert find_dates("30-Foo-2016", TODAY) == []


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("2019 Feb 18", "2019 Feb 18 11:27 Delivered"),
        ("2019-Feb-18", "2019-Feb-18 11:27 Delivered"),
        ("18-Feb-19", "18-Feb-19 11:27 Delivered"),
        ("2019. február 18.", "2019. február 18. 11:27 Kézbesítve"),  # Hungarian (E-R37)
        ("2019. febr. 18.", "2019. febr. 18. 11:27 Kézbesítve"),
        ("2019년 2월 18일", "2019년 2월 18일 11:27 배달완료"),  # Korean (E-R37)
        ("2월 18일", "2월 18일 11:27 배달완료"),
    ],
)
def test_a_year_first_named_or_korean_date_is_one_date(written: str, text: str) -> None:
    """review17 E-R37: a year-first date with a month's name ("2019. február 18.") left
    "2019.  ." in the event's text, and a Korean date (년 월 일) or a day, month's name and
    two-digit year joined by dashes gave no date at all: the line was skipped."""
    (found,) = find_dates(text, dt.date(2019, 2, 20))
    assert (found.written, found.readings) == (written, (dt.date(2019, 2, 18),))


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=TODAY),
    st.sampled_from(["/", "-", "."]),
    st.times(),
)
def test_a_yearless_date_before_a_time_is_the_latest_not_after_today(
    day: dt.date, sep: str, at: dt.time
) -> None:
    month_first = f"{day.month:02d}{sep}{day.day:02d} {at:%H:%M} Delivered"
    (found,) = find_dates(month_first, TODAY)
    assert not found.year_given
    assert all(d <= TODAY for d in found.readings)
    latest = max(
        d
        for y in range(TODAY.year - 8, TODAY.year + 1)
        if (d := _date_or_none(y, day.month, day.day)) and d <= TODAY
    )
    if sep != "." and (day.day > 12 or day.day == day.month):
        assert found.readings == (latest,)
    else:
        assert latest in found.readings


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=12), st.sampled_from([None, "dmy", "mdy"]))
def test_parser_never_fails_and_accounts_for_every_line(
    kb: KnowledgeBase, lines: list[str], order: str | None
) -> None:
    text = "\n".join(lines)
    history = read(kb, text, order)
    raw = text.splitlines()
    used = {n for e in history.events for n in e.lines}
    skipped = {s.line for s in history.skipped}
    # blank as the parser sees it: a line of invisible characters only (a soft hyphen) is
    blank = {n for n, line in enumerate(raw, start=1) if not plain(line).strip()}
    assert not used & skipped
    assert used | skipped | blank == set(range(1, len(raw) + 1))
    assert all(e.day <= TODAY for e in history.events)
    assert [e.when for e in history.events] == sorted(e.when for e in history.events)


def test_two_way_dates_settled_by_how_close_they_lie(kb: KnowledgeBase) -> None:
    # Both readings keep the page in order; day-first the events span three days,
    # month-first five months: one parcel's history is the short one.
    history = read(
        kb, "08-10-2026 Item Leaving the UK\n06-10-2026 We've got it\n05-10-2026 Posted\n"
    )
    assert [e.day for e in history.events] == [
        dt.date(2026, 10, 5),
        dt.date(2026, 10, 6),
        dt.date(2026, 10, 8),
    ]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_to_text_or_a_clear_refusal(data: bytes) -> None:
    try:
        text = decode(data, "paste.bin")
    except HistoryError as error:
        assert "paste.bin" in str(error)
    else:
        assert isinstance(text, str)


def test_month_and_day_in_cjk_characters_without_a_year(kb: KnowledgeBase) -> None:
    # Yamato's history rows (August): status, MM月DD日, time, office; the columns carry
    # no punctuation, so the status is read alone (返品, returned) and the year is the
    # latest not after today.
    history = read_history(
        kb,
        "荷物受付 08月10日 16:13 埼玉日高営業所\n"
        "調査中 08月19日 07:50 宜野湾営業所\n"
        "返品 08月20日 14:52 宜野湾営業所\n",
        dt.date(2026, 8, 22),
    )
    assert stages(history) == [
        ("2026-08-10 16:13", "accepted"),
        ("2026-08-19 07:50", "exception"),
        ("2026-08-20 14:52", "returning"),
    ]
    assert history.events[-1].text == "返品   宜野湾営業所"
    # a year written before them is the date's own; no 13th month
    assert [f.readings for f in find_dates("2025年08月06日", TODAY)] == [(dt.date(2025, 8, 6),)]
    assert find_dates("13月06日", TODAY) == []
    # December read on 25 November is last December's
    assert find_dates("12月06日 配達完了", TODAY)[0].readings == (dt.date(2025, 12, 6),)


@pytest.mark.parametrize(
    ("line", "text"),
    [
        (
            "24.08.2021 klo 17:41 Lähetys on luovutettu vastaanottajalle.",
            "Lähetys on luovutettu vastaanottajalle.",
        ),
        ("14/11/2025 09:07 hs. Pendiente de ingreso", "Pendiente de ingreso"),
        ("18.03.2016 10:02 Uhr Die Sendung wurde zugestellt", "Die Sendung wurde zugestellt"),
    ],
)
def test_the_words_around_a_time_are_the_times(kb: KnowledgeBase, line: str, text: str) -> None:
    # Finnish "klo" before a time, Spanish "hs." and German "Uhr" after it are not the
    # event's words ("=lähetys on luovutettu" counts only as the whole first clause)
    history = read(kb, line, "dmy")
    assert [e.text for e in history.events] == [text]


BR_FEE = (  # github mauriciomutte/track-correios PR #1: Correios events 17 and 21, 2021
    "01/10/2021 13:41 Aguardando pagamento CENTRO INTERNACIONAL PR - CURITIBA/PR\n"
    "30/09/2021 09:00 Encaminhado para fiscalização aduaneira CENTRO INTERNACIONAL PR\n"
)


def test_the_newest_event_suggests_an_answer_by_a_choice_s_wording(kb: KnowledgeBase) -> None:
    # review9 E2: facts/questions.toml lists "Aguardando pagamento" as the wording of
    # customs_notice's fee-to-pay choice; the page that says it suggests that answer
    history = read_history(kb, BR_FEE, dt.date(2021, 10, 4))
    assert history.answers["last_event"] == "customs"
    assert history.answers["customs_notice"] == "fee-to-pay"
    assert history.basis["customs_notice"].startswith("line 1: 2021-10-01 13:41 Aguardando")
    # an answer the seller gave wins over the suggestion
    answers, differ = merge({"customs_notice": "none"}, history)
    assert answers["customs_notice"] == "none" and differ == ["customs_notice"]
    # the history's answers alone start the diagnosis with the recipient's payment
    given = {"tracking_number": "LB123456785CN", "destination": "BR"}
    report = diagnose(kb, {**history.answers, **given}, dt.date(2021, 10, 4))
    assert report.advice[0].id == "recipient-pays-charges"


@pytest.mark.parametrize(
    ("newest", "older", "suggested"),
    [
        ("Returned to sender: Refused by addressee", "Notice left", {"return_reason": "refused"}),
        ("Moved", "Notice left", {"return_reason": "address"}),
        # a refusal worded as carriers word it, the line before the return (UPS's, DHL's)
        ("Returned to sender", "The receiver refused the delivery.", {"return_reason": "refused"}),
        ("Return to sender", "Refused by the recipient", {"return_reason": "refused"}),
        ("Returned to sender", "Delivery Refused", {"return_reason": "refused"}),
        # DHL Parcel PL: the recipient's refusal of the parcel ("odbiór", its receipt)
        (
            "Returned to sender",
            "Pick-up refused \u2013 invalid payer",
            {"return_reason": "refused"},
        ),
        # other languages' refusals, each carrier's own text (EV-21c): Correios BDE 4, Nova
        # Poshta 103, Speedy 123
        (
            "Objeto devolvido ao remetente",
            "A entrega não pode ser efetuada - Cliente recusou-se a receber",
            {"return_reason": "refused"},
        ),
        (
            "Відмова одержувача (отримувач відмовився від відправлення)",
            "Прибув на відділення",
            {"return_reason": "refused"},
        ),
        ("Отказано от получателя", "Неуспешна доставка", {"return_reason": "refused"}),
        # a collection the courier refused is no recipient's refusal
        ("Returned to sender", "Pickup order refused by the courier", {}),
        # a one-word wording counts only as the whole first clause; negations turn it off
        ("Item moved to the next facility", "Arrived at facility", {}),
        ("Fee to pay not yet raised", "Arrived at facility", {}),
        # a line before a newer stage is history
        ("Delivered", "Notice left", {}),
        # a newer line that names no stage leaves the last stage's line speaking (R-R55):
        # the fee asked for at customs is still to pay
        ("Arrived at Facility", "Aguardando pagamento", {"customs_notice": "fee-to-pay"}),
    ],
)
def test_the_latest_events_wording_suggests(
    kb: KnowledgeBase, newest: str, older: str, suggested: dict[str, str]
) -> None:
    history = read(kb, f"2026-11-20 10:00 {newest}\n2026-11-19 10:00 {older}\n")
    got = {k: v for k, v in history.answers.items() if k in ("return_reason", "customs_notice")}
    assert got == suggested


# DHL Express HK -> US, a real history (sailrish/shipit pull request #44, 2019-01-31:
# shipit's reply for 2628987793, newest first), laid out place first as the review pasted
# it (review10 E8), and status first with the place after a comma.
DHL_HK_PLACE_FIRST = (
    "2019-01-31 02:24 Hong Kong, HKG Departed Facility\n"
    "2019-01-31 01:51 Hong Kong, HKG Processed\n"
    "2019-01-30 20:42 Hong Kong, HKG Arrived at Sort Facility\n"
    "2019-01-30 18:39 Los Angeles, CA, USA Customs status updated\n"
    "2019-01-30 15:12 Hong Kong, HKG Shipment picked up\n"
)
DHL_HK_STATUS_FIRST = (
    "2019-01-31 02:24 Departed Facility, Hong Kong, HKG\n"
    "2019-01-31 01:51 Processed, Hong Kong, HKG\n"
    "2019-01-30 20:42 Arrived at Sort Facility, Hong Kong, HKG\n"
    "2019-01-30 18:39 Customs status updated, Los Angeles, CA, USA\n"
    "2019-01-30 15:12 Shipment picked up, Hong Kong, HKG\n"
)


@pytest.mark.parametrize(
    ("text", "given"),
    [
        (DHL_HK_PLACE_FIRST, {"destination": "US"}),  # the seller's destination
        (DHL_HK_PLACE_FIRST, {"destination": "United States", "origin": "Hong Kong"}),
        (DHL_HK_STATUS_FIRST, {}),  # the page's own: Los Angeles, USA is the customs line's
    ],
)
def test_lines_at_the_origin_after_the_destination_s_customs_say_it_has_not_left(
    kb: KnowledgeBase, text: str, given: dict[str, str]
) -> None:
    history = read_history(kb, text, dt.date(2019, 2, 12), given=given)
    assert history.answers["last_event"] == "accepted"  # not customs (review10 E8)
    assert history.basis["last_event"].startswith("line 1: 2019-01-31 02:24")
    assert [e.stage for e in history.events] == ["accepted", "customs", *["accepted"] * 3]
    assert [e.by_context for e in history.events] == [False, False, True, True, True]
    assert any("the parcel had not arrived there" in note for note in history.notes)
    assert any("outside the destination (US)" in note for note in history.notes)


def test_without_a_destination_the_origin_s_lines_after_customs_say_it_has_not_left(
    kb: KnowledgeBase,
) -> None:
    """review10 E8 with no destination given: the place-first page names the customs
    line's country ("Los Angeles, CA, USA Customs status updated"), and a page whose
    customs line names none still shows the parcel at the origin after it: customs says
    the parcel is not domestic. A domestic parcel (destination = origin) is left as read."""
    history = read_history(kb, DHL_HK_PLACE_FIRST, dt.date(2019, 2, 12))
    assert (history.answers["last_event"], history.answers["destination"]) == ("accepted", "US")
    unnamed = DHL_HK_STATUS_FIRST.replace(
        "Customs status updated, Los Angeles, CA, USA", "Customs status updated"
    )
    history = read_history(kb, unnamed, dt.date(2019, 2, 12))
    assert history.answers["last_event"] == "accepted"
    assert "destination" not in history.answers
    assert any("at the origin (HK)" in n and "at its destination" in n for n in history.notes)
    domestic = read_history(
        kb, DHL_HK_PLACE_FIRST, dt.date(2019, 2, 12), given={"destination": "HK"}
    )
    assert domestic.answers["last_event"] == "customs"


def test_without_a_destination_an_arrival_is_no_border(kb: KnowledgeBase) -> None:
    """A domestic page's "Arrived at Destination" is no sign the parcel crossed a border:
    a later line naming the origin's country keeps no stage (only customs says it)."""
    page = (
        "2020-06-03 10:00 Departed facility, NORMAN, OK 73069\n"
        "2020-06-02 10:00 Arrived at Destination, NORMAN, OK 73069\n"
        "2020-06-01 10:00 Shipment picked up, Houston, TX 77001\n"
    )
    history = read_history(kb, page, dt.date(2020, 6, 5))
    assert [e.stage for e in history.events] == ["accepted", "arrived-destination", None]


def test_a_us_place_with_its_state_and_zip_code_is_in_the_us(kb: KnowledgeBase) -> None:
    """review E14: USPS's "BONAIRE, GA 31005" (named_histories3's Mentor -> Bonaire
    page) is Bonaire, Georgia: the state and ZIP Code say the US (facts/countries.toml
    address_pattern), so the town is not read as the island (BQ); nor is JERSEY CITY NJ
    Jersey (JE); a ZIP+4 or "NC, 28445" reads the same."""
    page = (
        "Your item was delivered in or at the mailbox at 12:41 pm on June 26, 2020 in "
        "BONAIRE, GA 31005.\n"
        "Out for Delivery, 06/26/2020, 8:55 am, BONAIRE, GA 31005-1234\n"
        "USPS in possession of item, June 23, 2020, 8:21 am, HOLLY RIDGE, NC, 28445\n"
    )
    history = read_history(kb, page, dt.date(2020, 6, 27))
    assert (history.answers["origin"], history.answers["destination"]) == ("US", "US")
    assert history.answers["last_event"] == "delivered"
    # the commas the date and time stood between are shown once
    assert history.events[1].text == "Out for Delivery, BONAIRE, GA 31005-1234"
    # Sendle's page (histories.toml): "in transit with the carrier. - JERSEY CITY NJ
    # NETWORK DISTRIBUTION CENTER", then the delivery in NEW YORK, NY
    sendle = (DATA / "histories" / "sendle.txt").read_text(encoding="utf-8")
    assert "destination" not in read_history(kb, sendle, dt.date(2023, 4, 6)).answers
    # every address form in the facts is a regular expression that compiles
    forms = [c["address_pattern"] for c in kb.countries.values() if c.get("address_pattern")]
    assert forms and all(re.compile(form) for form in forms)


def test_customs_outside_the_destination_is_that_country_s_clearance(kb: KnowledgeBase) -> None:
    """A constructed DHL Express page (its wording as in lines.toml) from Dhaka to Manila
    through Hong Kong: Hong Kong's clearance is the transit's, not the Philippines' (read
    as export: on its way), and a Hong Kong line after the Philippines' pre-clearance
    says it has not arrived; a return ends the reading."""
    page = (
        "2022-04-08 16:03 Shipment has departed from a DHL facility HONG KONG - HONG KONG\n"
        "2022-04-08 15:15 Customs status updated, MANILA - PHILIPPINES, THE\n"
        "2022-04-07 21:22 Clearance processing complete at HONG KONG - HONG KONG\n"
        "2022-04-07 03:07 Shipment has departed from a DHL facility DHAKA - BANGLADESH\n"
        "2022-04-06 21:54 Shipment Accepted, DHAKA - BANGLADESH\n"
    )
    history = read_history(kb, page, dt.date(2022, 4, 9))
    assert [e.stage for e in history.events] == [
        "accepted",
        None,
        "export",  # not customs-released
        "customs",
        "export",  # not in the Philippines yet
    ]
    assert history.answers["last_event"] == "export"
    assert history.answers["destination"] == "PH"
    returned = read_history(
        kb,
        "2022-04-09 10:00 Returned to shipper, DHAKA - BANGLADESH\n" + page,
        dt.date(2022, 4, 10),
    )
    assert returned.answers["last_event"] == "returning"


def test_austrian_post_s_date_labels_and_status_texts(kb: KnowledgeBase) -> None:
    """Austrian Post's page (histories/post-at-in-transit.txt, review10 E10): each event
    under a "Datum: ..." line; the label is no event, its German status texts are read."""
    text = (DATA / "histories" / "post-at-in-transit.txt").read_text(encoding="utf-8")
    history = read_history(kb, text, dt.date(2018, 12, 21))
    assert [e.text for e in history.events][-1] == "Sendung in Bearbeitung Österreich; PLZ AT"
    assert [e.stage for e in history.events] == [
        "accepted",
        "accepted",
        "arrived-destination",
        "in-destination-network",
    ]
    assert history.answers["shipped_on"] == dt.date(2018, 12, 17)
    assert history.answers["last_event"] == "in-destination-network"


def test_japan_post_s_office_of_exchange_after_customs_in_japan(kb: KnowledgeBase) -> None:
    """review11 E12: Japan Post prints 国際交換局から発送 (sent from the office of exchange)
    at both ends; after customs in Japan it is the inward office sending the item on to
    the delivery office (EMSEVT EMF), not the export: the last event does not go back."""
    page = (
        "2026/11/02 10:12 Acceptance LOS ANGELES CA\n"
        "2026/11/10 13:00 通関手続中 川崎東郵便局\n"
        "2026/11/13 09:00 国際交換局から発送 川崎東郵便局\n"
    )
    history = read_history(kb, page, dt.date(2026, 11, 26))
    assert history.answers["last_event"] == "in-destination-network"
    assert history.events[-1].by_context
    outbound = read_history(kb, "2026/11/02 引受 東京\n2026/11/03 国際交換局から発送 東京\n", TODAY)
    assert outbound.answers["last_event"] == "export"


def test_blocks_between_blank_lines_each_keep_their_own_date(kb: KnowledgeBase) -> None:
    """review12 E-R5: a USPS page pasted in blocks (status, place, date), one block with a
    category line above its status ("Moving Through Network"): each block's date is its
    own, not the next block's; every line is used and the release is the last stage."""
    page = (
        "Moving Through Network\nIn Transit to Next Facility\nNovember 2, 2026\n\n"
        "Inbound Out of Customs\nCHICAGO, IL 60666\nOctober 28, 2026, 6:40 am\n\n"
        "Inbound Into Customs\nCHICAGO, IL 60666\nOctober 27, 2026, 9:02 pm\n\n"
        "Departed\nGUANGZHOU, CHINA\nOctober 20, 2026, 11:00 pm\n\n"
        "Origin Post is Preparing Shipment\nOctober 15, 2026, 10:00 am\n"
    )
    history = read_history(kb, page, dt.date(2026, 11, 20), given={"destination": "US"})
    assert [(e.day.isoformat(), e.text.split()[0]) for e in history.events] == [
        ("2026-10-15", "Origin"),
        ("2026-10-20", "Departed"),
        ("2026-10-27", "Inbound"),
        ("2026-10-28", "Inbound"),
        ("2026-11-02", "Moving"),
    ]
    assert not history.skipped
    assert history.answers["last_event"] == "customs-released"
    assert history.answers["shipped_on"] == dt.date(2026, 10, 15)
    # a block whose date stands between its status and its place is no such page
    usps = "Delivered\nOctober 28, 2026, 2:40 pm\nCHICAGO, IL 60666\n\nOut for Delivery\n"
    usps += "October 28, 2026, 8:00 am\nCHICAGO, IL 60666\n"
    assert read_history(kb, usps, dt.date(2026, 11, 20)).answers["last_event"] == "delivered"


def test_a_line_in_the_destination_before_its_arrival_was_read_is_the_arrival(
    kb: KnowledgeBase,
) -> None:
    """review12 E-R3: USPS's "Processed Through Facility ISC LOS ANGELES CA(USPS)" names no
    stage, but with the destination the US (given) and the origin China ("SHENZHEN, CHINA
    518000"), a line naming the destination (its post, "(USPS)") before any arrival there
    was read is the arrival: the ePacket is no longer "idle at the origin". The operator's
    name says where an event happened, not the journey's ends: without the destination
    nothing changes, and USPS's inbound page hints no US origin."""
    page = (
        "October 22, 2026, 4:10 am\tProcessed Through Facility\tISC LOS ANGELES CA(USPS)\n"
        "October 14, 2026, 9:30 pm\tAcceptance\tSHENZHEN, CHINA 518000\n"
    )
    today = dt.date(2026, 11, 20)
    history = read_history(kb, page, today, given={"destination": "US"})
    assert [(e.stage, e.by_context) for e in history.events] == [
        ("accepted", False),
        ("arrived-destination", True),
    ]
    assert history.answers["origin"] == "CN"
    assert read_history(kb, page, today).answers["last_event"] == "accepted"
    inbound = (DATA / "histories" / "usps-inbound.txt").read_text(encoding="utf-8")
    assert "origin" not in read_history(kb, inbound, dt.date(2018, 1, 2)).answers


def test_a_line_opening_with_the_origin_s_post_is_at_the_origin(kb: KnowledgeBase) -> None:
    """review13 E-R18, a real China Post history (geartrack's test, RF622875135CN to
    Portugal): "China Post Group city eCommerce dept. customs scan" is China Post's office
    scanning the item for export, not the destination's customs. A part that opens with a
    postal operator's name happened in that operator's country, so with the origin and
    destination known the customs line is the origin's; without them nothing changes."""
    page = (
        "2017-03-29 17:35:17 leaving China Post Group city eCommerce dept. ,next station center\n"
        "2017-03-29 17:32:10 China Post Group city eCommerce dept. customs scan\n"
        "2017-03-29 15:50:16 China Post Group city eCommerce dept. received\n"
    )
    today = dt.date(2017, 4, 25)
    told = read_history(kb, page, today, given={"origin": "CN", "destination": "PT"})
    assert told.answers["last_event"] == "accepted"
    assert told.events[1].by_context
    assert any("outside the destination (PT)" in note for note in told.notes)
    assert read_history(kb, page, today).answers["last_event"] == "customs"
    # review14's E-R18 follow-up: the seller gives the number, not the origin (the usual
    # case); RF622875135CN was issued in China, so that is where the events happened
    number = {"tracking_number": "RF622875135CN", "destination": "PT"}
    assert read_history(kb, page, today, given=number).answers["last_event"] == "accepted"
    alone = read_history(kb, page, today, given={"tracking_number": "RF622875135CN"})
    assert alone.answers["last_event"] == "accepted"


def test_a_hand_over_to_a_post_is_read_by_what_that_post_is_on_the_route(
    kb: KnowledgeBase,
) -> None:
    """review12 E-R4: "Received by Australia Post" is the posting of a parcel posted in
    Australia (heldout5's real history inside Western Australia) and Australia Post's
    receipt of one sent there from abroad (or of one injected there by a consolidator); alone
    it is neither. With the route known, the post's name is read as the origin's or the
    destination's post; with no end known, the destination's post and no origin, or the
    name another country's post's on a known route, the line stays unread ("handed to La
    Poste" names France's post, not Poste Italiane's "Poste", on a parcel from Italy). With
    the destination known and the origin not (EV-22d, session 23), a post that is not the
    destination's takes an item bound elsewhere: the posting."""
    page = (
        "2016-12-29 16:53 Received by Australia Post Carlisle, WA\n"
        "2016-12-30 09:00 Item Received by Royal Mail\n"
    )
    today = dt.date(2017, 1, 3)
    posted = read_history(kb, page, today, given={"origin": "AU", "destination": "AU"})
    assert stages(posted) == [("2016-12-29 16:53", "accepted"), ("2016-12-30 09:00", None)]
    assert posted.events[0].by_context and posted.answers["shipped_on"] == dt.date(2016, 12, 29)
    assert any("named is the origin's (AU) post: read as accepted" in n for n in posted.notes)
    sent = read_history(kb, page, today, given={"origin": "GB", "destination": "Australia"})
    assert stages(sent) == [
        ("2016-12-29 16:53", "arrived-destination"),
        ("2016-12-30 09:00", "accepted"),
    ]
    for route in ({}, {"destination": "AU"}, {"origin": "NZ", "destination": "US"}):
        assert stages(read_history(kb, page, today, given=route))[0][1] is None
    assert read_line(kb, "Received by Australia Post").stage is None
    bound = read_history(kb, page, today, given={"destination": "US"})
    assert stages(bound) == [("2016-12-29 16:53", "accepted"), ("2016-12-30 09:00", "accepted")]
    assert bound.answers["shipped_on"] == dt.date(2016, 12, 29)
    france = "2016-12-29 16:53 Your item has been handed to La Poste\n"
    assert stages(read_history(kb, france, today, given={"origin": "IT"}))[0][1] is None
    assert stages(read_history(kb, france, today, given={"origin": "FR"}))[0][1] == "accepted"
    an_post = "2016-12-29 16:53 Your item has been handed to An Post\n"
    assert stages(read_history(kb, an_post, today, given={"origin": "IE"}))[0][1] == "accepted"
    assert (
        stages(read_history(kb, an_post, today, given={"origin": "GB", "destination": "IE"}))[0][1]
        == "arrived-destination"
    )


_NO_NAME = st.text(alphabet="0123456789 ,.:;-/()", max_size=20)


@settings(max_examples=60, deadline=None)
@given(before=_NO_NAME, after=_NO_NAME)
def test_a_post_s_name_is_written_as_what_it_is_on_the_route(
    kb: KnowledgeBase, before: str, after: str
) -> None:
    """EV-22d: `posts_on_route` writes a postal operator's name, and only that, as what the
    post is: the origin's, the destination's (the origin another country) or, with the
    destination known and the origin not, a post that is not the destination's (`A_POST`);
    the text around it is kept as it is."""
    found = places(kb)
    text = f"{before} Australia Post {after}"
    assert posts_on_route(before + after, found, None, "US") == before + after
    assert posts_on_route(text, found, None, "US") == f"{before} {A_POST} {after}"
    assert posts_on_route(text, found) == text  # no end known: a posting or an injection
    assert posts_on_route(text, found, "AU", "US") == f"{before} {ORIGIN_POST} {after}"
    assert posts_on_route(text, found, "GB", "AU") == f"{before} {DESTINATION_POST} {after}"
    assert posts_on_route(text, found, None, "AU") == text  # a posting or an arrival
    assert posts_on_route(text, found, "NZ", "US") == text  # a third country's post


@settings(max_examples=60, deadline=None)
@given(before=_NO_NAME, after=_NO_NAME)
def test_a_last_mile_carrier_s_name_is_written_as_what_it_is_on_the_route(
    kb: KnowledgeBase, before: str, after: str
) -> None:
    """EV-22d: a last-mile carrier's name (facts/carriers.toml: GLS delivers in Germany and
    the Netherlands, not in Britain) is written as the origin's carrier where it delivers in
    the origin, as the destination's local one where it delivers there and not in a known
    origin; with the origin unknown it stays (the posting or the last mile)."""
    found = places(kb)
    text = f"{before} GLS {after}"
    assert posts_on_route(text, found, "GB", "NL") == f"{before} {LOCAL_CARRIER} {after}"
    assert posts_on_route(text, found, "DE", "NL") == f"{before} {ORIGIN_CARRIER} {after}"
    assert posts_on_route(text, found, None, "NL") == text
    assert posts_on_route(text, found, "GB", "US") == text


def test_a_hand_over_to_a_last_mile_carrier_is_read_by_what_it_is_on_the_route(
    kb: KnowledgeBase,
) -> None:
    """EV-22d: "The parcel was handed over to GLS." names no stage alone (GLS's own first
    scan, and a consolidator's hand-over to GLS for the last mile). On a route from Britain
    to the Netherlands GLS is the local delivery company: the hand-over to it (with a note);
    on one from Germany it collects the parcel there: the posting."""
    page = (
        "2024-12-17 09:18 International transit to destination country, GB\n"
        "2024-12-23 15:29 The parcel was handed over to GLS. Essen, DE\n"
    )
    today = dt.date(2024, 12, 27)
    assert read_line(kb, "The parcel was handed over to GLS.").stage is None
    sent = read_history(kb, page, today, given={"origin": "GB", "destination": "NL"})
    assert stages(sent)[-1] == ("2024-12-23 15:29", "handed-to-local-carrier")
    assert any("a local one of the destination (NL)" in note for note in sent.notes)
    posted = read_history(kb, page, today, given={"origin": "DE", "destination": "NL"})
    assert stages(posted)[-1] == ("2024-12-23 15:29", "accepted")
    assert stages(read_history(kb, page, today, given={"destination": "NL"}))[-1][1] is None


def test_newer_events_after_a_label_show_the_carrier_has_the_parcel(kb: KnowledgeBase) -> None:
    """review16 E-R28: FedEx's sandbox answer for its published test number
    61292701078443410536 (a SmartPost parcel in transit) and a UPS page captured from its
    public web API: the label is the only line read, the newer hub scans are not, and the
    page was read as a parcel the carrier never received ("ask the courier, check the
    number"). Newer events prove at least the acceptance: the first of them is read so,
    and dates the posting; a page whose label is the newest event keeps it."""
    fedex = (
        "2015-03-03T10:57:12-05:00 In transit OREGONIA, OH\n"
        "2015-03-02T22:24:34-05:00 Departed FedEx location FEDEX SMARTPOST INDIANAPOLIS, IN\n"
        "2015-03-02T21:41:54-05:00 Arrived at FedEx location FEDEX SMARTPOST INDIANAPOLIS, IN\n"
        "2015-03-02T06:16:40-05:00 Shipment information sent to FedEx\n"
    )
    told = read_history(kb, fedex, dt.date(2015, 3, 20))
    assert stages(told) == [
        ("2015-03-02 06:16", "label-created"),
        ("2015-03-02 21:41", "accepted"),
        ("2015-03-02 22:24", None),
        ("2015-03-03 10:57", None),
    ]
    assert told.answers["last_event"] == "accepted" and told.events[1].by_context
    assert told.answers["shipped_on"] == dt.date(2015, 3, 2)
    assert any("the carrier has the parcel" in note for note in told.notes)
    ups = (
        "07/12/2026 7:03 A.M. Riverside, CA, United States Arrived at Facility\n"
        "07/11/2026 2:31 P.M. El Paso, TX, United States Departed from Facility\n"
        "07/10/2026 3:26 A.M. United States Shipper created a label, UPS has not received "
        "the package yet.\n"
    )
    assert read_history(kb, ups, dt.date(2026, 7, 20)).answers["last_event"] == "accepted"
    label_only = (
        "07/10/2026 3:26 A.M. Shipper created a label, UPS has not received the package yet.\n"
    )
    assert (
        read_history(kb, label_only, dt.date(2026, 7, 20)).answers["last_event"] == "label-created"
    )


def test_status_place_date_runs_each_make_one_event(kb: KnowledgeBase) -> None:
    """review16 E-R29: USPS's page copied without blank lines, status, place, date for
    every event (some with a detail line more). A status the reader cannot tell
    ("Departed") above a facility's name that names a stage ("... DISTRIBUTION CENTER")
    was glued to the event before ("Out for Delivery CHICAGO, IL 60601  Departed"), the
    facility left as an event of its own. With nothing after the last date, the lines
    before each date are all its event's."""
    page = (
        "Delivery Attempt: Action Needed\nPlease reschedule\nCHICAGO, IL 60601\n"
        "November 14, 2026, 10:31 am\n"
        "Out for Delivery\nCHICAGO, IL 60601\nNovember 14, 2026, 6:10 am\n"
        "Departed\nCHICAGO INTERNATIONAL DISTRIBUTION CENTER\nNovember 12, 2026, 1:00 pm\n"
        "Acceptance\nCHINA\nNovember 2, 2026, 10:00 am\n"
    )
    told = read(kb, page)
    assert [e.text for e in told.events] == [
        "Acceptance CHINA",
        "Departed CHICAGO INTERNATIONAL DISTRIBUTION CENTER",
        "Out for Delivery CHICAGO, IL 60601",
        "Delivery Attempt: Action Needed Please reschedule CHICAGO, IL 60601",
    ]
    assert told.answers["last_event"] == "delivery-attempted"


def test_a_destination_side_scan_in_a_third_country_is_no_arrival(kb: KnowledgeBase) -> None:
    """review16 E-R30: a parcel for Austria whose page ends in Australia (the classic
    missort) was read as arrived in the destination ("track it with Austrian Post"), and
    with a delivery there as delivered ("keep the page as your proof of delivery"). With
    both ends known, an arrival in a third country is a stop on the way (export) and a
    delivery there a missort; a territory the destination's post serves is no third
    country (Guadeloupe's lines may say FRANCE)."""
    arrival = (
        "2026-11-10 09:00 Arrival at inward office of exchange, SYDNEY, AUSTRALIA\n"
        "2026-11-03 10:00 Departure from outward office of exchange, FRANKFURT, GERMANY\n"
    )
    route = {"origin": "DE", "destination": "AT"}
    told = read_history(kb, arrival, TODAY, given=route)
    assert told.answers["last_event"] == "export" and told.events[-1].by_context
    assert any("neither the origin (DE) nor the destination (AT)" in n for n in told.notes)
    delivered = "2026-11-12 09:00 Delivered, SYDNEY NSW, AUSTRALIA\n" + arrival
    assert read_history(kb, delivered, TODAY, given=route).answers["last_event"] == "missent"
    to_australia = {"origin": "DE", "destination": "AU"}
    assert read_history(kb, delivered, TODAY, given=to_australia).answers["last_event"] == (
        "delivered"
    )
    assert read_history(kb, delivered, TODAY).answers["last_event"] == "delivered"
    # the country's name at the end of the line, with no comma before it (review16)
    for line, stage in (
        ("Arrival at inward office of exchange SYDNEY AUSTRALIA", "export"),
        ("Delivered SYDNEY NSW AUSTRALIA", "missent"),
        ("Delivered SOUTH JORDAN", "delivered"),  # a town in Utah, not Jordan
        ("Delivered ALBUQUERQUE NEW MEXICO", "delivered"),
        ("Delivered SAVANNAH GEORGIA", "delivered"),  # also a US state's name (review17 E-R39)
    ):
        bare = read_history(kb, f"2026-11-12 09:00 {line}\n" + arrival, TODAY, given=route)
        assert bare.answers["last_event"] == stage, line
    # review17 E-R38: a country's name before another part is a town's (FedEx's "CITY, ST")
    to_us = {"origin": "GB", "destination": "US"}
    for line, stage in (
        ("Delivered JAMAICA, NY", "delivered"),
        ("On FedEx vehicle for delivery PERU, IN", "out-for-delivery"),
        ("Delivered ATLANTA, GEORGIA", "delivered"),  # a region's name too (review17 E-R39)
    ):
        town = read_history(kb, f"2026-11-12 09:00 {line}\n" + arrival, TODAY, given=to_us)
        assert town.answers["last_event"] == stage, line
    # a stop on the way read so only by its country is no hint of the origin
    sydney = "2026-11-10 09:00 Arrival at inward office of exchange SYDNEY AUSTRALIA\n"
    strayed = read_history(kb, sydney, TODAY, given={"origin": "CN", "destination": "US"})
    assert strayed.answers["last_event"] == "export" and "origin" not in strayed.answers
    overseas = "2026-11-12 09:00 Delivered, POINTE-A-PITRE, FRANCE\n"
    to_guadeloupe = {"origin": "DE", "destination": "GP"}
    assert read_history(kb, overseas, TODAY, given=to_guadeloupe).answers["last_event"] == (
        "delivered"
    )


def test_a_country_standing_for_the_destination_is_no_third_country(kb: KnowledgeBase) -> None:
    """review17 E-R39b/c: "KINSHASA, CONGO" for the Democratic Republic of the Congo was
    read in the Republic of the Congo (a third country: a stop on the way, a missort), and
    Chinese pages' "MACAU, CHINA", "TAIPEI TAIWAN CHINA", "HONG KONG, CHINA" for Macao,
    Taiwan, Hong Kong in China. A name another country's ISO name begins ("Congo, The
    Democratic Republic of the") and a country whose ISO 3166-2 subdivisions list the
    destination (CN-MO, CN-TW, CN-HK) may stand for the destination; an unambiguous name
    does not ("DR CONGO" for the Republic of the Congo, TAIWAN for China)."""
    posted = (
        "2026-11-03 10:00 Departure from outward office of exchange FRANKFURT\n"
        "2026-11-01 10:00 Posting/Collection BERLIN\n"
    )
    for destination, line, stage in (
        ("CD", "Arrival at inward office of exchange KINSHASA, CONGO", "arrived-destination"),
        ("CD", "Arrival at inward office of exchange KINSHASA CONGO", "arrived-destination"),
        ("CD", "Delivered KINSHASA, CONGO", "delivered"),
        ("CG", "Delivered BRAZZAVILLE, CONGO", "delivered"),
        ("CG", "Delivered KINSHASA, DR CONGO", "missent"),
        ("MO", "Delivered MACAU, CHINA", "delivered"),
        ("MO", "Arrival at inward office of exchange MACAU CHINA", "arrived-destination"),
        ("TW", "Arrival at inward office of exchange TAIPEI TAIWAN CHINA", "arrived-destination"),
        ("TW", "Delivered TAIPEI TAIWAN CHINA", "delivered"),
        ("HK", "Delivered HONG KONG, CHINA", "delivered"),
        ("HK", "Held by customs HONG KONG, CHINA", "customs"),
        ("CN", "Delivered TAIPEI, TAIWAN", "missent"),
    ):
        route = {"origin": "DE", "destination": destination}
        told = read_history(kb, f"2026-11-20 09:00 {line}\n" + posted, TODAY, given=route)
        assert told.answers["last_event"] == stage, (destination, line)


def test_a_weekday_before_a_date_is_no_place(kb: KnowledgeBase) -> None:
    """review16 E-R34, a real UPS payload (Canada to Hong Kong, RFC 2822 dates): "Mon, 26
    Aug 2024 02:21:35 Order created at VerykShip" kept "Mon," in the event's text, read as
    a place: the Isle of Man as the origin. A weekday's name right before a date is part of
    it; and the acceptance read only because a newer event followed the label names no
    origin (it was Hong Kong, the destination)."""
    page = (
        "Mon, 26 Aug 2024 02:21:35 Order created at VerykShip\n"
        "Thu, 29 Aug 2024 13:32:00 Arrived at Facility Chek Lap Kok, Hong Kong SAR China\n"
    )
    told = read_history(kb, page, dt.date(2024, 9, 10))
    assert told.events[0].text == "Order created at VerykShip"
    assert "origin" not in told.answers
    assert read(kb, "Lundi 2 novembre 2026 Colis livré\n").events[0].text == "Colis livré"


@pytest.mark.parametrize(
    "line",
    [
        "poniedziałek, luty 18, 2019 11:27 Przesyłka doręczona",  # DHL Express PL (E-R37)
        "poniedziałek 18.02.2019 11:27 Przesyłka doręczona",
        "Pon. 18.02.2019 11:27 Przesyłka doręczona",
        "Mo., 18.02.2019 11:27 Zugestellt",  # CLDR's short forms
        "пн, 18.02.2019 11:27 Вручено",
        "Pzt., 18.02.2019 11:27 Teslim edildi",
        "понедельник, 18 февраля 2019 11:27 Вручено",
        "18 Şubat 2019 Pazartesi 11:27 Teslim edildi",
        "segunda-feira, 18/02/2019 11:27 Objeto entregue",
        "2019/02/18(月) 11:27 お届け済み",
        "2019-02-18 (월) 11:27 배달완료",
        "2019-02-18 星期一 11:27 已签收",
        "Delivered Monday, February 18, 2019 at 11:27",
    ],
)
def test_a_date_s_weekday_in_any_language_is_no_event_text(kb: KnowledgeBase, line: str) -> None:
    """A weekday's name right before or after a date, wide or short as CLDR writes it in
    the vocabulary's languages (Polish, German, Russian, Turkish ...), in brackets after it
    (Japanese and Korean pages), or Chinese, is the date's, so it is not left in the event's text
    ("poniedziałek  Przesyłka doręczona"); nor is the "at" before a time. A word that is not
    that date's weekday stays: 18 February 2019 was a Monday."""
    today = dt.date(2019, 2, 20)
    event = read_history(kb, line + "\n", today).events[0]
    text = "Delivered" if line.startswith("Delivered") else line.split("11:27 ")[1]
    assert (event.stamp(), event.text) == ("2019-02-18 11:27", text)
    kept = read_history(kb, "Tuesday 18.02.2019 11:27 Delivered\n", today)
    assert kept.events[0].text == "Tuesday  Delivered"


def test_japan_post_s_place_column_after_a_status_names_the_destination(
    kb: KnowledgeBase,
) -> None:
    """review12 E-R3 addendum, a real Japan Post history (surviveoverseas.com): "到着 USA"
    (arrival, then the place column) names no stage; with --to US, after the export, it is
    the arrival, though the page's own places (福岡県) name no origin. Without the
    destination nothing changes; a Latin status's last column is not read so (a table's
    destination column, "Shanghai US")."""
    page = (
        "2020/12/07 07:21 到着 USA\n"
        "2020/10/07 16:10 国際交換局から発送 神奈川県\n"
        "2020/10/05 11:36 引受 福岡県\n"
    )
    today = dt.date(2020, 12, 7)
    told = read_history(kb, page, today, given={"destination": "US"})
    assert told.answers["last_event"] == "arrived-destination"
    assert told.events[-1].by_context and "origin" not in told.answers
    assert read_history(kb, page, today).answers["last_event"] == "export"
    table = "2013-05-10 13:12 Departure from outward office of exchange Shanghai US\n"
    assert "origin" not in read_history(kb, table, dt.date(2013, 5, 21)).answers


def test_a_line_read_two_ways_fits_no_stage_past_the_next_one(kb: KnowledgeBase) -> None:
    """review12: Japan Post's 国際交換局に到着 (arrival at the office of exchange, outward or
    inward) between the acceptance and the export is the outward one: the acceptance."""
    page = (
        "2020/10/07 16:10 国際交換局から発送 神奈川県\n"
        "2020/10/06 10:00 国際交換局に到着 神奈川県\n"
        "2020/10/05 11:36 引受 福岡県\n"
    )
    history = read_history(kb, page, dt.date(2020, 10, 8))
    assert [(e.stage, e.by_context) for e in history.events] == [
        ("accepted", False),
        ("accepted", True),
        ("export", False),
    ]
    # after the export, with nothing read after it, it is still the arrival abroad
    inward = "2020/10/08 10:00 国際交換局に到着 USA\n2020/10/07 16:10 国際交換局から発送 神奈川県\n"
    assert read_history(kb, inward, dt.date(2020, 10, 9)).answers["last_event"] == (
        "arrived-destination"
    )


def test_a_destination_side_line_naming_a_post_names_the_destination(kb: KnowledgeBase) -> None:
    """review16 E-R32: a Correios history ("Objeto recebido pelos Correios do Brasil")
    named no destination, so the steps could name no destination post. A line from the
    arrival to the delivery that names one country's post names that country; a name of
    several countries' posts (Correos: Spain, Ceuta and Melilla, the Canaries) names none,
    and a line before the arrival names no destination."""
    page = (
        "12/11/2026 14:21 Objeto saiu para entrega ao destinatário - CURITIBA - PR\n"
        "03/11/2026 22:10 Objeto recebido pelos Correios do Brasil - CURITIBA - PR\n"
        "25/10/2026 10:00 Objeto postado - CHINA\n"
    )
    told = read(kb, page)
    assert (told.answers["origin"], told.answers["destination"]) == ("CN", "BR")
    assert "Correios do Brasil" in told.basis["destination"]
    usps = "2026-11-12 10:00 Accepted at USPS Destination Facility\n"
    assert read(kb, usps).answers.get("destination") == "US"
    for line in (
        "2026-11-12 10:00 Delivered by Correos\n",
        "2026-11-12 10:00 Posted at Correios do Brasil\n",
    ):
        assert "destination" not in read(kb, line).answers


def test_a_newer_line_of_the_final_leg_keeps_the_parcel_past_customs(kb: KnowledgeBase) -> None:
    """review18's LOW note: UPS's "The shipment is in transit for final delivery" (LY)
    names the last leg, in the destination's network; read as nothing, the stage fell back
    to the older "Import Scan" and the parcel was told to be at the destination's door
    of entry, where customs hold parcels."""
    history = read(
        kb,
        "2025-06-12 10:00 The shipment is in transit for final delivery. Delivery is scheduled "
        "in approximately 1-2 days.\n"
        "2025-06-10 09:00 Import Scan\n"
        "2025-06-09 15:00 Origin Scan\n",
    )
    assert history.answers["last_event"] == "in-destination-network"
    assert history.basis["last_event"].startswith("line 1: 2025-06-12 10:00")


def test_a_weekday_glued_to_a_year_month_day_date_is_the_date_s(kb: KnowledgeBase) -> None:
    """review R21-15, a Chinese courier's history in English as copied into an issue
    (github.com/bobc/bobc_hardware/issues/34): "2018-Aug-27Mon.16:05:25[Jiaxing City] ...",
    the weekday glued to the day, later lines of the day with their time only: every line
    read. A word glued to the day that is not its weekday makes no date (27 August 2018 was a
    Monday)."""
    page = (
        "2018-Aug-27Mon.16:05:25[Jiaxing City] Express has been collected\n"
        "21:31:50[Jiaxing City] Express has arrived at Jiaxing Transit Department\n"
    )
    told = read_history(kb, page, dt.date(2018, 9, 10))
    assert [e.stamp() for e in told.events] == ["2018-08-27 16:05", "2018-08-27 21:31"]
    assert told.events[0].text == "[Jiaxing City] Express has been collected"
    assert not read_history(kb, "2018-Aug-27Tue.16:05:25 Delivered\n", dt.date(2018, 9, 10)).events
