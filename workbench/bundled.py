"""Where bundled data lives, so core, io and ui agree on one place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
GAZETTEER_DIR = RESOURCES / "gazetteer"
SAMPLE_PROJECTS = ROOT / "sample_projects"
SAMPLE_PROJECT = SAMPLE_PROJECTS / "chengyu_15th_fyp_sample.wbp"
# The user guide (使用指南) ships inside the package (package-data): zh.md, en.md, img/*.png.
GUIDE_DIR = Path(__file__).resolve().parent / "guide"
