"""Import benchmark: 10,000 employees across ~40 units into a fresh SQLite database.

    .venv/bin/python benchmarks/bench_import.py [--rows 10000] [--units 40] [--out FILE]

Prints rows/s, seconds and peak memory for a first import, an idempotent re-import and a
full import that deactivates 1%, plus reading the same file as XLSX; writes the figures to
benchmarks/results/import.json (or --out). Peak memory: tracemalloc's peak of Python allocations
during the first import (measured in a second, traced run, since tracing slows things
down) and the process's peak RSS."""
from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.org.org_import import ImportResult, run_import
from handlers.org.tabular import Table, read_table, write_table
from storage.engine import make_engine, session_factory
from storage.migrate import upgrade
from storage.repos.org_import import Counts
from storage.uow import UnitOfWorkFactory

UNIT_HEADERS = ["code", "name", "kind", "parent_code", "head_nip"]
EMPLOYEE_HEADERS = ["nip", "name", "jabatan_name", "jabatan_kind", "jenjang", "golongan", "education", "unit_code",
                    "rater_nip", "phone"]
FIRST = ["Agus", "Budi", "Dewi", "Rina", "Sri", "Joko", "Andi", "Siti", "Yoga", "Rudi", "Maya", "Intan", "Fajar",
         "Nurul", "Hendra", "Wulan"]
LAST = ["Santoso", "Lestari", "Wijaya", "Saputra", "Rahmawati", "Hidayat", "Kurniawan", "Pratama", "Nugroho",
        "Handayani"]
JF = [("Pranata Komputer Ahli Pertama", "Ahli Pertama", "III/a", "S1"), ("Analis Kebijakan Ahli Muda", "Ahli Muda",
      "III/c", "S2"), ("Arsiparis Terampil", "Terampil", "II/c", "D3")]


def nip(rng: random.Random, taken: set[str], born_from: int = 1965) -> str:
    while True:
        born = dt.date(rng.randint(born_from, 2000), rng.randint(1, 12), rng.randint(1, 28))
        value = f"{born:%Y%m%d}{min(born.year + rng.randint(23, 30), 2024)}{rng.randint(1, 12):02d}" \
                f"{rng.choice('12')}{rng.randint(1, 999):03d}"
        if value not in taken:
            taken.add(value)
            return value


def generate(rows: int, unit_count: int, seed: int = 7) -> tuple[list[list[str]], list[list[str]]]:
    """~unit_count units (agencies of 10: one Dinas and nine Bidang), their heads, and staff
    rated by the head of their unit."""
    rng, taken = random.Random(seed), set[str]()
    units, people = [], []
    agencies = max(1, unit_count // 10)
    for a in range(agencies):
        code = f"PD{a + 1:02d}"
        head = nip(rng, taken, 1965)
        units.append([code, f"Dinas {a + 1}", "dinas", "", head])
        people.append([head, f"Kepala Dinas {a + 1}", f"Kepala Dinas {a + 1}", "JPT Pratama", "", "IV/c", "S2",
                       code, "", ""])
        for b in range(1, 10):
            sub, sub_head = f"{code}.B{b}", nip(rng, taken, 1970)
            units.append([sub, f"Bidang {b} Dinas {a + 1}", "bidang", code, sub_head])
            people.append([sub_head, f"Kepala Bidang {b}", f"Kepala Bidang {b}", "Administrator", "", "IV/a", "S2",
                           sub, head, ""])
    heads = {u[0]: u[4] for u in units}
    sub_units = [u[0] for u in units if u[3]]
    while len(people) < rows:
        unit = rng.choice(sub_units)
        if rng.random() < 0.6:
            jabatan, jenjang, gol, edu = rng.choice(JF)
            kind = "Fungsional"
        else:
            jabatan, jenjang, gol, edu, kind = "Pengadministrasi Perkantoran", "", "II/a", "SMA", "Pelaksana"
        people.append([nip(rng, taken, 1975), f"{rng.choice(FIRST)} {rng.choice(LAST)}", jabatan, kind, jenjang, gol,
                       edu, unit, heads[unit], f"08{rng.randint(10**9, 10**10 - 1)}"])
    return units, people


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows(rows)


async def _import(url: str, kind: str, table: Table, **kw: Any) -> ImportResult:
    engine = make_engine(url)
    try:
        return await run_import(UnitOfWorkFactory(session_factory(engine)), kind, table, **kw)
    finally:
        await engine.dispose()


def timed(url: str, kind: str, path: Path, **kw: Any) -> tuple[float, Counts]:
    """Seconds for reading the file and importing it, and what the import wrote."""
    start = time.perf_counter()
    result = asyncio.run(_import(url, kind, read_table(path), **kw))  # reading the file is part of it
    seconds = time.perf_counter() - start
    assert result.written and not result.errors and result.counts is not None, result.errors[:5]
    return seconds, result.counts


def fresh_db(folder: Path, name: str, units_csv: Path) -> str:
    url = f"sqlite:///{folder / name}"
    upgrade(url)
    timed(url, "units", units_csv)
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "import.json")
    args = parser.parse_args(argv)
    units, people = generate(args.rows, args.units)
    figures: dict[str, Any] = {"rows": len(people), "units": len(units), "python": platform.python_version(),
                                  "sqlite": __import__("sqlite3").sqlite_version, "when": dt.date.today().isoformat()}
    with tempfile.TemporaryDirectory(prefix="sikerja-bench-") as tmp:
        folder = Path(tmp)
        units_csv, people_csv = folder / "units.csv", folder / "employees.csv"
        write_csv(units_csv, UNIT_HEADERS, units)
        write_csv(people_csv, EMPLOYEE_HEADERS, people)

        url = fresh_db(folder, "a.db", units_csv)
        seconds, counts = timed(url, "employees", people_csv)
        assert counts.added == len(people)
        figures["first_import"] = {"seconds": round(seconds, 3), "rows_per_s": round(len(people) / seconds)}

        seconds, counts = timed(url, "employees", people_csv)
        assert counts.unchanged == len(people)
        figures["reimport_unchanged"] = {"seconds": round(seconds, 3), "rows_per_s": round(len(people) / seconds)}

        kept = people[: len(people) - len(people) // 100]
        write_csv(folder / "kept.csv", EMPLOYEE_HEADERS, kept)
        seconds, counts = timed(url, "employees", folder / "kept.csv", full=True)
        assert counts.deactivated == len(people) - len(kept)
        figures["full_import_deactivating_1pct"] = {"seconds": round(seconds, 3), "deactivated": counts.deactivated}

        xlsx = folder / "employees.xlsx"
        cells: list[list[object]] = [[*p] for p in people]
        write_table(xlsx, EMPLOYEE_HEADERS, cells)
        start = time.perf_counter()
        assert len(read_table(xlsx).rows) == len(people)
        figures["xlsx_read_seconds"] = round(time.perf_counter() - start, 3)

        url = fresh_db(folder, "b.db", units_csv)
        tracemalloc.start()
        timed(url, "employees", people_csv)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        figures["peak_python_alloc_mb"] = round(peak / 2**20, 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux

    first = figures["first_import"]
    print(f"{figures['rows']} employees, {figures['units']} units, Python {figures['python']}, "
          f"SQLite {figures['sqlite']}")
    print(f"  first import      {first['seconds']:7.2f} s  {first['rows_per_s']:>7} rows/s")
    print(f"  re-import (same)  {figures['reimport_unchanged']['seconds']:7.2f} s  "
          f"{figures['reimport_unchanged']['rows_per_s']:>7} rows/s")
    print(f"  full, 1% missing  {figures['full_import_deactivating_1pct']['seconds']:7.2f} s")
    print(f"  XLSX read         {figures['xlsx_read_seconds']:7.2f} s")
    print(f"  peak memory       {figures['peak_python_alloc_mb']} MB Python allocations (tracemalloc), "
          f"{figures['peak_rss_mb']} MB process RSS")
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
