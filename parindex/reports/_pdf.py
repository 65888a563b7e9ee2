"""The A4 document every published report is printed on: fonts, heading block, tables, signature.

Vietnamese needs a font with every precomposed letter (ỦỶẠ…). DejaVu Sans has them all and ships inside
matplotlib (``mpl-data/fonts/ttf``), which the charts need anyway, so the same font file is embedded in
every PDF and used in every chart, and nothing is downloaded on an offline intranet. fpdf2 embeds only
the glyphs used. Text is normalised to NFC first, so a decomposed letter from Excel (e + combining
marks) is drawn as the one precomposed glyph the font has, and extracted from the PDF as typed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import TableBordersLayout
from fpdf.fonts import FontFace

from parindex.i18n import format_date, nfc, t

FONT_FAMILY = "DejaVu"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
HEADER_FILL = (232, 236, 241)
ACCENT = (138, 28, 28)


def font_path(style: str = "") -> Path:
    """The TTF file of ``style`` ("", "B" or "I")."""
    return FONT_DIR / FONT_FILES[style]


@dataclass(frozen=True)
class Heading:
    """Who issues the document and under which number and date (from ``config.yaml``)."""

    province: str = ""
    authority: str = "Ủy ban nhân dân"
    place: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    signer_title: str = ""
    sample: bool = False  # the figures are sample data: every page says so

    @classmethod
    def from_settings(cls, settings: object, sample: bool = False) -> Heading:
        return cls(
            province=getattr(settings, "province", ""),
            authority=getattr(settings, "authority", "Ủy ban nhân dân"),
            place=getattr(settings, "place", ""),
            decision_number=getattr(settings, "decision_number", ""),
            decision_date=getattr(settings, "decision_date", None),
            signer_title=getattr(settings, "signer_title", ""),
            sample=sample,
        )

    def naming(self, province: str) -> Heading:
        """This heading issued by ``province`` (the one chosen in the app) instead of the configured one.

        The configured place is a town of the configured province, so it is dropped ("…, ngày …") when
        the province changes: a brief for Long An must not be dated from Bình An.
        """
        if not province or nfc(province).strip() == nfc(self.province).strip():
            return self
        return dataclasses.replace(self, province=nfc(province).strip(), place="")

    def issuer(self) -> str:
        """``Ủy ban nhân dân tỉnh Bình An``: the province's name joins the sentence in lower case."""
        province = self.province.strip()
        if province[:1].isupper() and province.split(" ", 1)[0] in ("Tỉnh", "Thành", "Thành phố"):
            province = province[:1].lower() + province[1:]
        return nfc(f"{self.authority} {province}".strip())

    def date_text(self, lang: str = "vi") -> str:
        return format_date(self.decision_date, lang) if self.decision_date else "…"

    def number_text(self) -> str:
        return self.decision_number or "…"


def place_and_date(heading: Heading, lang: str = "vi") -> str:
    day = heading.decision_date
    place = heading.place or "…"
    if day is None:
        return t("report.place_date", lang, place=place, day="…", month="…", year="…", date="…")
    return t(
        "report.place_date",
        lang,
        place=place,
        day=f"{day.day:02d}",
        month=f"{day.month:02d}",
        year=day.year,
        date=format_date(day, lang),
    )


class ReportPDF(FPDF):
    """A4 with the margins of an administrative document, DejaVu fonts and a page number in the footer."""

    def __init__(self, lang: str = "vi", orientation: str = "P", footer_note: str = ""):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.report_lang = lang  # FPDF.set_lang keeps its own ``lang``
        self.footer_note = nfc(footer_note)
        for style, name in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(FONT_DIR / name))
        self.set_margins(20, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.alias_nb_pages()
        self.set_font(FONT_FAMILY, size=10)
        self.set_creator("parindex")
        self.set_lang("vi-VN" if lang == "vi" else "en")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT_FAMILY, "I", 7.5)
        self.set_text_color(110, 110, 110)
        if self.footer_note:
            self.cell(0, 4, self.footer_note, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 4, t("report.page", self.report_lang, page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(0, 0, 0)

    # -- text ------------------------------------------------------------------------------------

    def text_line(self, text: str, size: float = 10, style: str = "", align: str = "L", height: float | None = None):
        """A paragraph that wraps, in NFC."""
        self.set_font(FONT_FAMILY, style, size)
        self.multi_cell(0, height or size * 0.5, nfc(text), align=align, new_x="LMARGIN", new_y="NEXT")

    def subheading(self, text: str) -> None:
        """A bold line kept with what follows it."""
        if self.will_page_break(16):
            self.add_page()
        self.text_line(text, 10, "B")

    def section(self, text: str) -> None:
        if self.will_page_break(20):
            self.add_page()
        self.ln(2.5)
        self.set_text_color(*ACCENT)
        self.text_line(text, 11.5, "B")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    # -- heading block and signature ------------------------------------------------------------

    def heading_block(self, heading: Heading, number: bool = True) -> None:
        """Left: the issuing authority (and number); right: the national motto, place and date."""
        lang = self.report_lang
        top = self.get_y()
        left_w = 75
        right_x = self.l_margin + left_w + 2
        right_w = self.w - self.r_margin - right_x
        self.set_font(FONT_FAMILY, "", 10)
        self.set_xy(self.l_margin, top)
        self.multi_cell(left_w, 5, nfc(heading.authority).upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font(FONT_FAMILY, "B", 10)
        self.multi_cell(left_w, 5, nfc(heading.province).upper() or "…", align="C", new_x="LMARGIN", new_y="NEXT")
        y = self.get_y() + 0.8
        self.line(self.l_margin + left_w / 2 - 15, y, self.l_margin + left_w / 2 + 15, y)
        if number:
            self.set_xy(self.l_margin, y + 1.5)
            self.set_font(FONT_FAMILY, "", 10)
            self.multi_cell(left_w, 5, t("report.number", lang, number=heading.number_text()), align="C")
        left_bottom = self.get_y()
        self.set_xy(right_x, top)
        self.set_font(FONT_FAMILY, "B", 10)
        self.multi_cell(right_w, 5, t("report.nation", lang), align="C", new_x="LEFT", new_y="NEXT")
        self.set_font(FONT_FAMILY, "B", 11)
        motto = t("report.motto", lang)
        self.multi_cell(right_w, 5.5, motto, align="C", new_x="LEFT", new_y="NEXT")
        y = self.get_y() + 0.5
        half = self.get_string_width(motto) / 2
        middle = right_x + right_w / 2
        self.line(middle - half, y, middle + half, y)
        self.set_xy(right_x, y + 1.5)
        self.set_font(FONT_FAMILY, "I", 10)
        self.multi_cell(right_w, 5, place_and_date(heading, lang), align="C")
        self.set_xy(self.l_margin, max(left_bottom, self.get_y()) + 5)
        self.set_font(FONT_FAMILY, "", 10)

    def signature(self, heading: Heading) -> None:
        """The signer's block on the right; the name is left blank to be signed by hand."""
        if self.will_page_break(35):
            self.add_page()
        self.ln(5)
        width = 80
        x = self.w - self.r_margin - width
        self.set_x(x)
        self.set_font(FONT_FAMILY, "B", 10)
        lines = [t("report.on_behalf", self.report_lang, authority=nfc(heading.authority).upper())]
        if heading.signer_title:
            lines.append(nfc(heading.signer_title))
        self.multi_cell(width, 5, "\n".join(lines), align="C", new_x="LEFT", new_y="NEXT")
        self.set_font(FONT_FAMILY, "I", 9)
        self.multi_cell(
            width, 5, t("report.signature_hint", self.report_lang), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(18)

    # -- tables ---------------------------------------------------------------------------------

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        align: Sequence[str] | None = None,
        size: float = 8.5,
        bold_rows: set[int] | None = None,
    ) -> None:
        """A table whose heading row repeats on every page; ``widths`` are fractions, ``align`` per column."""
        align = list(align or ["L"] * len(headings))
        bold_rows = bold_rows or set()
        self.set_font(FONT_FAMILY, "", size)
        style = FontFace(emphasis="BOLD", fill_color=HEADER_FILL, size_pt=size - 0.5)
        with self.table(
            col_widths=tuple(widths),
            text_align="CENTER",
            align="LEFT",
            headings_style=style,
            line_height=size * 0.48,
            padding=(0.55, 1.0),
            borders_layout=TableBordersLayout.ALL,
            repeat_headings=1,
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(nfc(text), align="C")
            for i, values in enumerate(rows):
                row = table.row(style=FontFace(emphasis="BOLD") if i in bold_rows else None)
                for j, text in enumerate(values):
                    row.cell(nfc(str(text)), align=align[j])
        self.ln(1.5)

    def image_png(self, png: bytes, width: float) -> None:
        import io

        if self.will_page_break(width * 0.55):
            self.add_page()
        self.image(io.BytesIO(png), x=self.l_margin + (self.epw - width) / 2, w=width)
        self.ln(2)


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())
