#!/usr/bin/env python3
"""Print the benchmark table and the targets of issue 8 from one run's results.

Usage:  report.py OUT     (OUT: bench/out, as written by bench/run.sh)

Reads OUT/results.tsv, OUT/versions.txt, OUT/callgrind.tsv and OUT/j-compare.txt
when present, and prints Markdown on standard output. Standard library only.
"""

import csv
import os
import sys

DOCS = (("rtp", "RTP"), ("soa", "SoA"), ("policies", "20 policies"), ("all", "full pack"))
OTHERS = ("floor", "floor_t", "typst", "fop", "weasyprint")
MIB_LIMIT = 160
FLOOR_LIMIT = 1.5
TYPST_LIMIT = 0.25
GROWTH_LIMIT = 10.5
EXAMPLE_LIMIT = 0.3
REBUILD_LIMIT = 0.020
J_LIMIT = 1.6


def secs(x):
    if x is None:
        return ""
    if x < 10:
        return f"{x:.3f}"
    if x < 100:
        return f"{x:.2f}"
    return f"{x:.1f}"


def thousands(n):
    return f"{int(n):,}".replace(",", " ")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "out")
    rows = list(csv.DictReader(open(os.path.join(out, "results.tsv")), delimiter="\t"))
    by = {}
    for r in rows:
        r["med"] = float(r["wall_median_s"]) if r["wall_median_s"] else None
        r["min"] = float(r["wall_min_s"]) if r["wall_min_s"] else None
        r["max"] = float(r["wall_max_s"]) if r["wall_max_s"] else None
        r["rss"] = float(r["peak_rss_mib"]) if r["peak_rss_mib"] else None
        r["pages_n"] = int(r["pages"]) if r["pages"] else 0
        by[(r["tool"], r["doc"], r["scale"])] = r

    def med(tool, doc, scale):
        r = by.get((tool, doc, str(scale)))
        return r["med"] if r else None

    def missing(*keys):
        """Why a target could not be read: a job that failed or was skipped, else not run."""
        for k in keys:
            r = by.get(k)
            if r and r["note"]:
                return f"{r['id']}: {r['note']}"
        return "not measured in this run"

    def failed(*keys):
        """An ismsc job of the target failed: the target is not met."""
        return False if any(k[0] == "ismsc" and by.get(k) and by[k]["note"] for k in keys) else None

    print("# ismsc benchmark\n")
    vpath = os.path.join(out, "versions.txt")
    if os.path.exists(vpath):
        for line in open(vpath):
            print(f"- {line.strip()}")
        print()

    # ------------------------------------------------------------ all jobs
    print("## Jobs\n")
    print("Wall: median and min-max of the measured runs, whole process, input files to PDFs on disk. "
          "Peak RSS: largest process of the pipeline. `ismsc ÷ this`: ismsc's median for the same "
          "document and scale divided by this row's. Load: the 1-minute load average when the job started "
          "(2 CPUs: above about 0.5, something else was running).\n")
    print("| job | risks | pages | wall median s | min-max s | peak RSS MiB | pages/s | ismsc ÷ this | load | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")

    def line(label, r, ratio=""):
        pages = r["pages_n"] or ""
        pps = f"{r['pages_n'] / r['med']:.1f}" if r["med"] and r["pages_n"] else ""
        mm = f"{secs(r['min'])}-{secs(r['max'])}" if r["min"] is not None else ""
        rss = f"{r['rss']:.0f}" if r["rss"] is not None else ""
        scale = r["scale"].replace("-", "") if r["scale"] != "-" else ""
        scale = thousands(scale) if scale else ""
        print(f"| {label} | {scale} | {pages} | {secs(r['med'])} | {mm} | {rss} | {pps} | {ratio} | {r['load']} | {r['note']} |")

    special = (("-", "overhead", "measurement overhead (`true`)"),
               ("ismsc", "example", "ismsc: the example (`policies/`), whole build"),
               ("ismsc", "rebuild", "ismsc: the example, no-change rebuild"))
    for tool, doc, label in special:
        r = by.get((tool, doc, "-"))
        if r:
            line(label, r)
    scales = sorted({r["scale"] for r in rows if r["scale"] != "-"}, key=int)
    for s in scales:
        for doc, name in DOCS:
            ism = by.get(("ismsc", doc, s))
            if ism:
                line(f"{name}: **ismsc**", ism)
            for t in OTHERS:
                r = by.get((t, doc, s))
                if not r:
                    continue
                ratio = ""
                if ism and ism["med"] and r["med"]:
                    ratio = f"{ism['med'] / r['med']:.2f}×"
                line(f"{name}: {t}", r, ratio)
        for r in rows:
            if r["scale"] == s and r["doc"].startswith("all-j"):
                line(f"full pack, ismsc -j {r['doc'][5:]}", r)

    # ------------------------------------------------------------ ratio matrix
    present = [t for t in OTHERS if any(r["tool"] == t for r in rows)]
    if present:
        print("\n## ismsc ÷ each tool, wall median (below 1: ismsc is faster)\n")
        print("| document | risks | ismsc s | " + " | ".join(present) + " |")
        print("|---|---:|---:|" + "---:|" * len(present))
        for doc, name in DOCS:
            for s in scales:
                m = med("ismsc", doc, s)
                if m is None:
                    continue
                cells = []
                for t in present:
                    p = med(t, doc, s)
                    cells.append(f"{m / p:.2f}×" if p else "")
                if any(cells):
                    print(f"| {name} | {thousands(s)} | {secs(m)} | " + " | ".join(cells) + " |")

    # ------------------------------------------------------------ targets
    print("\n## Targets (issue 8, item 2)\n")
    print("```")
    results = []

    def target(ok, text):
        mark = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        results.append(mark)
        print(f"{mark}  {text}")

    for s in ("1000", "10000"):
        m, f = med("ismsc", "rtp", s), med("floor_t", "rtp", s)
        what = f"RTP, {thousands(s)} risks: ismsc <= {FLOOR_LIMIT}x floor_t (\"Page X of Y\")"
        if m is None or f is None:
            keys = (("ismsc", "rtp", s), ("floor_t", "rtp", s))
            target(failed(*keys), f"{what}: " + missing(*keys))
        else:
            target(m <= FLOOR_LIMIT * f, f"{what}: {secs(m)} s / {secs(f)} s = {m / f:.2f}x")
    for doc, name in (("soa", "SoA"), ("policies", "20 policies")):
        pairs = [(s, med("ismsc", doc, s), med("typst", doc, s)) for s in scales]
        pairs = [(s, m, t) for s, m, t in pairs if m is not None and t is not None]
        what = f"{name}: ismsc <= {TYPST_LIMIT}x Typst"
        if not pairs:
            keys = [(t, doc, s) for s in scales for t in ("ismsc", "typst")]
            target(failed(*keys), f"{what}: " + missing(*keys))
        for s, m, t in pairs:
            target(m <= TYPST_LIMIT * t,
                   f"{what}, {thousands(s)} risks: {secs(m)} s / {secs(t)} s = {m / t:.2f}x")
    big = [r for r in rows if r["tool"] == "ismsc" and r["scale"] == "10000" and r["rss"] is not None]
    if big:
        top = max(big, key=lambda r: r["rss"])
        target(top["rss"] <= MIB_LIMIT,
               f"peak RSS, 10 000 risks: <= {MIB_LIMIT} MiB: {top['rss']:.0f} MiB ({top['doc']}; "
               + ", ".join(f"{r['doc']} {r['rss']:.0f}" for r in big) + ")")
    else:
        keys = [("ismsc", d, "10000") for d, _ in DOCS]
        target(failed(*keys), f"peak RSS, 10 000 risks: <= {MIB_LIMIT} MiB: " + missing(*keys))
    a, b = by.get(("ismsc", "rtp", "1000")), by.get(("ismsc", "rtp", "10000"))
    if a and b and a["rss"] and b["rss"]:
        target(b["rss"] / a["rss"] <= 10,
               f"peak RSS grows no faster than linearly, RTP 1 000 -> 10 000 risks (<= 10x): "
               f"{a['rss']:.0f} -> {b['rss']:.0f} MiB = {b['rss'] / a['rss']:.2f}x")
    else:
        target(None, "peak RSS grows no faster than linearly, 1 000 -> 10 000 risks: not measured in this run")
    for doc, name in (("rtp", "RTP"), ("all", "full pack")):
        a, b = med("ismsc", doc, "1000"), med("ismsc", doc, "10000")
        what = f"time growth, {name} 1 000 -> 10 000 risks: <= {GROWTH_LIMIT}x"
        if a is None or b is None:
            keys = (("ismsc", doc, "1000"), ("ismsc", doc, "10000"))
            target(failed(*keys), f"{what}: " + missing(*keys))
        else:
            target(b / a <= GROWTH_LIMIT, f"{what}: {secs(a)} -> {secs(b)} s = {b / a:.2f}x")
    m = med("ismsc", "example", "-")
    what = f"the example's whole build < {EXAMPLE_LIMIT} s"
    target(failed(("ismsc", "example", "-")) if m is None else m < EXAMPLE_LIMIT,
           f"{what}: " + (missing(("ismsc", "example", "-")) if m is None else f"{secs(m)} s"))
    m = med("ismsc", "rebuild", "-")
    o = med("-", "overhead", "-")
    what = f"no-change rebuild of the example < {REBUILD_LIMIT * 1000:.0f} ms"
    target(failed(("ismsc", "rebuild", "-")) if m is None else m < REBUILD_LIMIT,
           f"{what}: " + (missing(("ismsc", "rebuild", "-")) if m is None else
                          f"{m * 1000:.1f} ms (the second of two identical builds"
                          + (f"; measurement overhead {o * 1000:.1f} ms" if o is not None else "") + ")"))
    j1 = [r for r in rows if r["doc"] == "all-j1" and r["med"]]
    j2 = [r for r in rows if r["doc"] == "all-j2" and r["med"]]
    cmp_path = os.path.join(out, "j-compare.txt")
    what = f"-j 2 full pack >= {J_LIMIT}x faster than -j 1, byte-identical"
    if j1 and j2 and os.path.exists(cmp_path):
        same = open(cmp_path).read().strip() == "identical"
        sp = j1[0]["med"] / j2[0]["med"]
        target(same and sp >= J_LIMIT,
               f"{what}, {thousands(j1[0]['scale'])} risks: {secs(j1[0]['med'])} / {secs(j2[0]['med'])} s "
               f"= {sp:.2f}x, outputs {'identical' if same else 'DIFFER'}")
    else:
        target(None, f"{what}: not measured (ismsc build has no -j option yet)")
    print("```")
    print(f"\ntargets: {results.count('PASS')} PASS, {results.count('FAIL')} FAIL, "
          f"{results.count('n/a ')} not measured")

    # ------------------------------------------------------------ instructions
    cpath = os.path.join(out, "callgrind.tsv")
    if os.path.exists(cpath):
        c = next(csv.DictReader(open(cpath), delimiter="\t"))
        if c["instructions"] and c["pages"]:
            ir, pages = int(c["instructions"]), int(c["pages"])
            print(f"\n## Instruction count (callgrind)\n\n"
                  f"`ismsc build --only rtp`, {thousands(c['scale'])} risks: "
                  f"{thousands(ir)} instructions for {pages} pages = "
                  f"**{thousands(round(ir / pages))} instructions per page**")


if __name__ == "__main__":
    main()
