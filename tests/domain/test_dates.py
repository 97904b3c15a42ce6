"""Dates as people type them in Indonesian offices; periods by their names; names shortened
at a word boundary."""
from __future__ import annotations

import datetime as dt

import pytest

from domain.dates import PeriodName, find_dates, parse_date, period_name
from domain.errors import DomainError
from domain.periods import MONTHLY, QUARTERLY, Cadence, period_of
from domain.text import shorten
from handlers.core.formatting import day, period
from handlers.core.i18n import translator

NEW_YEARS_EVE = dt.date(2026, 12, 31)


@pytest.mark.parametrize("text", ["31-12-2026", "31/12/2026", "31.12.2026", "2026-12-31", "31 Des 2026",
                                  "31 Desember 2026", "31 des. 2026", "31 DESEMBER 2026", "31 Dec 2026",
                                  "  31 December 2026 ", "tanggal 31-12-2026"])
def test_the_common_forms_of_a_date(text):
    assert parse_date(text) == NEW_YEARS_EVE


def test_month_names_and_abbreviations_people_write():
    assert find_dates("1 Jan 2027 s.d. 28 Pebruari 2027") == [dt.date(2027, 1, 1), dt.date(2027, 2, 28)]
    assert find_dates("17 Agt 2026, 17 Agustus 2026, 5 Mei 2026, 1 Nop 2026") == [
        dt.date(2026, 8, 17), dt.date(2026, 8, 17), dt.date(2026, 5, 5), dt.date(2026, 11, 1)]
    assert find_dates("1-12-2026 sampai 30-6-2027") == [dt.date(2026, 12, 1), dt.date(2027, 6, 30)]


@pytest.mark.parametrize("text", ["", "besok", "31-12-26", "12/2026", "2026", "31 Desemberr 2026", "131-12-2026"])
def test_what_is_not_a_date(text):
    assert parse_date(text) is None


def test_a_date_that_does_not_exist_is_refused_not_guessed():
    with pytest.raises(DomainError) as err:
        find_dates("31-02-2026")
    assert err.value.code == "dates_expected"
    assert parse_date("31 Februari 2026") is None
    assert parse_date("1-12-2026 31-12-2026") is None  # two dates where one is asked


@pytest.mark.parametrize(("key", "name"), [
    ("2026-Q4", PeriodName("quarter", 4, 2026)), ("2026-12", PeriodName("month", 12, 2026)),
    ("2026-W48", PeriodName("week", 48, 2026)), ("2026-P1of2", PeriodName("6", 1, 2026)),
    ("2026-P3of3", PeriodName("4", 3, 2026)), ("2026-P6of6", PeriodName("2", 6, 2026)),
    ("2026-P1of1", PeriodName("year", 1, 2026))])
def test_period_keys_name_their_parts(key, name):
    assert period_name(key) == name


@pytest.mark.parametrize(("key", "id_", "en"), [
    ("2026-Q4", "Triwulan IV 2026", "Quarter IV 2026"),
    ("2027-Q1", "Triwulan I 2027", "Quarter I 2027"),
    ("2026-P1of2", "Semester I 2026", "Semester I 2026"),
    ("2026-P2of3", "Caturwulan II 2026", "Four-month period II 2026"),
    ("2026-P3of6", "Dwibulan III 2026", "Two-month period III 2026"),
    ("2026-12", "Desember 2026", "December 2026"),
    ("2026-W48", "Minggu ke-48 tahun 2026", "Week 48 of 2026"),
    ("2026-P1of1", "Tahun 2026", "Year 2026"),
])
def test_periods_are_shown_by_their_names_in_both_languages(key, id_, en):
    assert period(translator("id"), key) == id_
    assert period(translator("en"), key) == en


def test_every_period_the_cadences_make_has_a_name():
    for months in (0, 1, 2, 3, 4, 6, 12):
        for month in range(1, 13):
            key = period_of(Cadence(months), dt.date(2026, month, 15)).key
            assert period_name(key) is not None, key
    assert period(translator("id"), period_of(QUARTERLY, NEW_YEARS_EVE).key) == "Triwulan IV 2026"
    assert period(translator("id"), period_of(MONTHLY, NEW_YEARS_EVE).key) == "Desember 2026"
    assert period(translator("id"), "not-a-key") == "not-a-key"


def test_a_date_is_shown_one_way():
    assert day(translator("id"), NEW_YEARS_EVE) == "31 Desember 2026"
    assert day(translator("en"), dt.date(2026, 5, 3)) == "3 May 2026"


@pytest.mark.parametrize(("text", "limit", "short"), [
    ("Rencana Kerja Sub Kegiatan Layanan", 17, "Rencana Kerja…"),
    ("Siti Rahmawati, S.I.Kom., M.Kes.", 20, "Siti Rahmawati…"),
    ("Tim Satu Data", 40, "Tim Satu Data"),
    ("Tim   Satu\nData", 40, "Tim Satu Data"),
    ("Supercalifragilistic", 8, "Superca…"),
    ("Satu Data", 9, "Satu Data"),
    ("Satu Data Indonesia", 10, "Satu Data…"),
])
def test_names_are_shortened_at_a_word_boundary(text, limit, short):
    assert shorten(text, limit) == short and len(shorten(text, limit)) <= limit
