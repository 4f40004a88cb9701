"""成渝微核规划工作台 — Chengdu–Chongqing micro-core planning workbench."""

import os

__version__ = "0.1.0"

# numpy asks Linux for transparent huge pages on every array of 4 MB or more. Where the kernel
# then compacts memory to find them (THP "madvise" with defrag on madvise, common on servers and
# VMs), the first touch of each fresh array stalls: 1,000 Monte Carlo draws of the sample spent
# 0.6–2.0 s of system time faulting in ~100 MB, against 0.2–0.3 s without (bench_uncertainty;
# the 5,000-candidate run was faster too). Our large arrays are short-lived, so first touch is
# what they cost. numpy reads this documented switch when it is imported, so it is set here,
# before any workbench module imports numpy; a value the user set wins. No effect off Linux.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
