"""Look at a draft the way a reader will: LibreOffice converts it to PDF, poppler renders pages.

Used by the tests (the draft must open in LibreOffice, not only in python-docx) and by the
screenshots (a page preview for the guide). Each conversion uses its own throw-away LibreOffice
profile, so it neither waits for nor disturbs a LibreOffice the user has open. Missing tools
raise ``ConversionUnavailable`` with the package to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class ConversionUnavailable(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, outdir: Path, timeout: float = 180) -> Path:
    exe = soffice()
    if exe is None:
        raise ConversionUnavailable(
            "LibreOffice (soffice) 未安装 / not installed: libreoffice-writer-nogui"
        )
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wb-lo-profile-") as profile:
        result = subprocess.run(
            [
                exe,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.is_file():
        raise RuntimeError(f"LibreOffice could not convert {docx}: {result.stdout} {result.stderr}")
    return pdf


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext), to find where a chapter or figure landed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise ConversionUnavailable("pdftotext 未安装 / not installed: poppler-utils")
    out = subprocess.run(
        [exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    pages = out.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def render_pages(
    pdf: Path, pages: list[int], outdir: Path, dpi: int = 60, prefix: str = "page"
) -> list[Path]:
    """PNG files of the 1-based ``pages`` (pdftoppm)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ConversionUnavailable("pdftoppm 未安装 / not installed: poppler-utils")
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for n in pages:
        stem = outdir / f"{prefix}-{n}"
        subprocess.run(
            [
                exe,
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(n),
                "-l",
                str(n),
                "-singlefile",
                str(pdf),
                str(stem),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        written.append(stem.with_suffix(".png"))
    return written
