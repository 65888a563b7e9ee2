"""Seeded generator of sample data for a fictional province.

The sample lets people try the app before loading real figures; every file it writes is listed in
``data/sample/manifest.yaml`` with ``sample: true`` so the app can label it as sample data
wherever it shows. Values are typed the way staff type them ("97,5", "98.2%", "312.085/328.813",
"Hoàn thành tốt", "KAD"), so the sample also exercises the value reader. The same seed always gives
the same files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from parindex.criteria import kind_of, load_criteria_set
from parindex.criteria import model as m
from parindex.files import to_csv_bytes, write_atomic

PROVINCE = "Tỉnh Bình An (giả định)"
PROVINCE_EN = "Binh An Province (fictional)"

DEPARTMENTS = (
    "Văn phòng UBND tỉnh",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Ban Quản lý Khu kinh tế",
    "Sở Du lịch",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
    "Ban Dân tộc tỉnh",
    "Sở Lao động và Việc làm",
    "Đài Phát thanh và Truyền hình tỉnh",
)
COMMUNE_NAMES = (
    "An Phú",
    "Tân Lập",
    "Hòa Bình",
    "Phú Thịnh",
    "Thạnh Lợi",
    "Mỹ Hòa",
    "Bình Minh",
    "Long Hưng",
    "Tân Hiệp",
    "Đông Thạnh",
    "Vĩnh Phước",
    "Phước Lộc",
    "Hưng Điền",
    "Thái Hòa",
    "Quang Trung",
    "Trung Hòa",
    "Tân Tiến",
    "Đại Đồng",
    "Hiệp Phước",
    "Nhơn Hòa",
    "Gia Lộc",
    "Cẩm Giang",
    "Thuận An",
    "Kim Sơn",
    "Bắc Sơn",
    "Lạc Hồng",
    "Tam Hiệp",
    "Phong Điền",
    "Ngọc Lâm",
    "Xuân Lộc",
    "Hải Châu",
    "Thanh Khê",
    "Sơn Trà",
    "Lê Lợi",
    "Hồng Hà",
    "Mỹ Xuyên",
    "Đức Hòa",
    "Bến Lức",
    "Cần Giuộc",
    "Thủ Thừa",
)
WARDS = 14  # the first names are wards (phường), the rest communes (xã)


@dataclass(frozen=True)
class SampleUnit:
    name: str
    unit_type: str


def sample_units(unit_type: str) -> list[SampleUnit]:
    if unit_type == "so":
        return [SampleUnit(name, "so") for name in DEPARTMENTS]
    if unit_type == "xa":
        return [SampleUnit(f"{'Phường' if i < WARDS else 'Xã'} {name}", "xa") for i, name in enumerate(COMMUNE_NAMES)]
    return [SampleUnit(f"Đơn vị mẫu {i + 1:02d}", unit_type) for i in range(63)]


def leaf_value(leaf: m.Leaf, quality: float, rng: np.random.Generator) -> str:
    """One raw value for ``leaf`` from a unit whose performance is ``quality`` (0..1), typed by its rule kind."""
    kind = kind_of(leaf.rule)
    p = float(np.clip(quality + rng.normal(0, 0.12), 0.0, 1.0))
    if leaf.part in (m.BONUS, m.PENALTY):
        chance = 0.25 if leaf.part == m.BONUS else 0.15
        if rng.random() > chance:
            return ""
        award = kind.sample_extra(leaf, rng)
        if award is not None:
            return award
        p = float(rng.random()) * 0.6  # a yes/no or level item: modest awards are the common ones
    elif leaf.na_allowed and leaf.part != m.SURVEY_PART and rng.random() < 0.015:
        return "KAD"
    return kind.sample(leaf, p, rng)


def generate_values(
    criteria_set: m.CriteriaSet,
    units: list[SampleUnit],
    qualities: np.ndarray,
    rng: np.random.Generator,
    year: int | None = None,
) -> pd.DataFrame:
    """A values table (strings, as typed) for ``units`` under ``criteria_set``."""
    rows = []
    survey_leaves = [leaf for leaf in criteria_set.leaves if leaf.part == m.SURVEY_PART]
    for unit, quality in zip(units, qualities, strict=True):
        row: dict[str, str | int] = {"unit": unit.name, "unit_type": unit.unit_type}
        if year is not None:
            row["year"] = year
        skip_survey = criteria_set.without_survey == "rescale" and bool(survey_leaves) and rng.random() < 0.06
        for leaf in criteria_set.columns:
            if skip_survey and leaf.part == m.SURVEY_PART:
                row[leaf.id] = ""
            else:
                row[leaf.id] = leaf_value(leaf, float(quality), rng)
        rows.append(row)
    return pd.DataFrame(rows)


def generate_years(
    criteria_set: m.CriteriaSet, units: list[SampleUnit], years: list[int], seed: int
) -> dict[int, pd.DataFrame]:
    """Several years for the same units; each unit's performance drifts a little each year."""
    rng = np.random.default_rng(seed)
    qualities = rng.beta(6, 2.2, size=len(units))
    tables = {}
    for year in years:
        tables[year] = generate_values(criteria_set, units, qualities, rng, year)
        qualities = np.clip(qualities + rng.normal(0.02, 0.05, size=len(units)), 0.05, 0.99)
    return tables


SAMPLE_PLAN = (("so-2025.yaml", "so", (2025, 2026)), ("xa-2025.yaml", "xa", (2025, 2026)))


def write_sample_data(indicators: str | Path, out: str | Path, seed: int = 2025) -> list[Path]:
    """Write the sample CSV files and their manifest; return the paths written."""
    indicators, out = Path(indicators), Path(out)
    written, manifest = [], []
    for offset, (rules_file, unit_type, years) in enumerate(SAMPLE_PLAN):
        criteria_set = load_criteria_set(indicators / rules_file)
        tables = generate_years(criteria_set, sample_units(unit_type), list(years), seed + offset)
        for year, table in tables.items():
            path = out / f"{criteria_set.id}-{unit_type}-{year}.csv"
            write_atomic(path, to_csv_bytes(table))
            written.append(path)
            manifest.append(
                {
                    "file": path.name,
                    "rules": rules_file,
                    "year": year,
                    "unit_type": unit_type,
                    "units": len(table),
                    "sample": True,
                }
            )
    header = {
        "province": PROVINCE,
        "province_en": PROVINCE_EN,
        "sample": True,
        "seed": seed,
        "note": "Dữ liệu mẫu do chương trình tạo ra (python -m parindex sample); không phải số liệu thật.",
        "note_en": "Sample data made by a seeded generator (python -m parindex sample); not real figures.",
        "datasets": manifest,
    }
    manifest_path = out / "manifest.yaml"
    write_atomic(manifest_path, yaml.safe_dump(header, allow_unicode=True, sort_keys=False).encode("utf-8"))
    written.append(manifest_path)
    return written
