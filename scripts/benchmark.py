#!/usr/bin/env python3
"""How fast is normalizer, beside trafilatura, on the same pages? And where does its time go?

Usage: python scripts/benchmark.py [BENCH_DIR] [--pages N] [--scale N ...] [--profile] [--json FILE]

Five measurements, each in a fresh child process (so each has its own peak RSS and warm-up),
on pages of the dev bench (``BENCH_DIR``, default ``../shared/bench``):

* text, normalizer: the plain-text path as ``normalizer clean`` runs it: each variant one batch
  through both passes (``batch_run.normalize_batch_with_inputs``), every record and raw input
  written to a fresh archive (``archive.VersionWriter``, fsync and all), the version committed.
* text, normalizer --jobs 2: the same with two worker processes, which also store the records and
  raw inputs (wall time is what it saves; the CPU of the workers is counted too, and the parent's
  own: reading the inputs and writing the manifest, which bounds the speed-up).
* text, dask: the same batches with ``--engine dask`` on a local cluster of two worker processes
  (started, and each worker's models loaded, before the clock): the workers read the input files
  themselves and store the records and raw inputs in the archive; the driver writes the manifest.
  Its CPU counts the workers'.
* text, trafilatura: ``bare_extraction(with_metadata=True)`` on the same pages, each line of the
  dump wrapped in ``<p>`` (the way the bench's reference figures were made).
* html, normalizer and html, trafilatura: the same on the bench's original HTML pages.

The text sample takes the same documents from each of the wet, lynx and crop variants; the html
sample the same documents' HTML. Inputs are read into memory before the clock starts; the clock
covers the processing (and the archive writes). The machine is shared, so pages/s is given both
by wall-clock time and by the process's own CPU time, which other processes disturb far less.

``--scale N`` (repeatable) adds the peak memory of a synthetic batch of N pages through both passes
into an archive (``measure_scale``): memory must stay flat in the number of pages.

``--profile`` then runs our pipeline step by step under cProfile (one profiler per step, so a
function's time is charged to the step that called it) and prints, per step, its ms/page and its
top functions by own time.
"""
from __future__ import annotations

import argparse
import cProfile
import contextlib
import gzip
import hashlib
import html
import json
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

TEXT_VARIANTS = ("wet", "lynx", "crop")
MEASUREMENTS = ("text-normalizer", "text-normalizer-j2", "text-dask", "text-trafilatura", "html-normalizer",
                "html-trafilatura")
DASK_WORKERS = 2
RUNNING = contextlib.ExitStack()  # what a measurement keeps running until its process ends


# --- the sample ----------------------------------------------------------------------------------

def sample_docs(bench: Path, pages: int) -> tuple[str, list[str]]:
    """A warm-up doc and ``pages`` doc ids spread over the bench's datasets: the docs ordered by a
    hash of their id (a fixed shuffle), so the sample is the same from run to run and not one
    dataset's first pages. The warm-up page is run before the clock starts, so that one-time costs
    (compiling regexes, loading models) are not charged to the pages."""
    docs = {json.loads(line)["doc"] for line in open(bench / "manifest.jsonl", encoding="utf-8")}
    ordered = sorted(docs, key=lambda d: hashlib.sha256(d.encode()).hexdigest())
    return ordered[0], ordered[1:pages + 1]


def read_inputs(bench: Path, path: str, docs: list[str]) -> dict[str, list[tuple[str, bytes]]]:
    """Raw inputs by batch (variant): ``{variant: [(name, bytes), ...]}``, HTML gunzipped."""
    if path == "html":
        return {"html": [(f"html/{d}.html.gz", gzip.decompress((bench / "inputs" / "html" / f"{d}.html.gz")
                                                                .read_bytes())) for d in docs]}
    return {v: [(f"{v}/{d}.txt", (bench / "inputs" / v / f"{d}.txt").read_bytes()) for d in docs]
            for v in TEXT_VARIANTS}


def lines_as_html(raw: bytes) -> str:
    """A text dump as HTML for trafilatura: each line a paragraph."""
    text = raw.decode("utf-8", errors="replace")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{body}</body></html>"


# --- one measurement (child process) -------------------------------------------------------------

def write_results(writer, results, counts: dict) -> None:
    """Each record and its raw input into the archive being written, as ``normalizer clean`` does."""
    from normalizer.cli import write_results as write

    tally = write(writer, results)
    counts["records"] += sum(tally.outcomes.values())
    counts["rejected"] = len(writer.rejections)


def with_raw(results):
    """``normalize_batch_with_inputs``'s ``(doc, result)`` pairs as ``(raw, result)``."""
    return ((doc and doc.raw, result) for doc, result in results)


def run_normalizer(batches: dict[str, list[tuple[str, bytes]]], archive_dir: Path, jobs: int = 1) -> dict:
    from normalizer.archive import Archive
    from normalizer.batch_run import normalize_batch_with_inputs
    from normalizer.document import Document

    counts = defaultdict(int)
    with Archive(archive_dir).writer("benchmark") as writer:
        for variant, inputs in batches.items():
            fmt = "html" if variant == "html" else "text"

            def documents(inputs=inputs, fmt=fmt):
                return (Document(raw=raw, name=name, format=fmt) for name, raw in inputs)

            write_results(writer, with_raw(normalize_batch_with_inputs(documents, jobs=jobs, archive=writer.archive)),
                          counts)
        writer.commit()
    return dict(counts)


def input_files(bench: Path, path: str, docs: list[str]) -> dict[str, list]:
    """The sample as ``readers.InputFile``s by batch (variant), named as ``read_inputs`` names them."""
    from normalizer.readers import InputFile

    return {v: [InputFile(f"{v}/{d}.txt", (bench / "inputs" / v / f"{d}.txt").absolute(), "text") for d in docs]
            for v in TEXT_VARIANTS}


def run_dask(batches: dict[str, list], archive_dir: Path, client) -> dict:
    """``run_normalizer`` with the Dask engine: each variant one batch, on the cluster."""
    from normalizer.archive import Archive
    from normalizer.context import DEFAULT_CONTEXT
    from normalizer.dask_engine import ClusterBatch

    counts = defaultdict(int)
    with Archive(archive_dir).writer("benchmark") as writer:
        for inputs in batches.values():
            batch = ClusterBatch(inputs, DEFAULT_CONTEXT.config.max_input_bytes)
            write_results(writer, batch.results(client, DEFAULT_CONTEXT, writer.archive), counts)
            counts["duplicates"] += len(batch.duplicates)  # (not normalized again, as in `clean`)
        writer.commit()
    return dict(counts)


def local_cluster(warm_up: dict[str, list]):
    """A Dask client of ``DASK_WORKERS`` worker processes on this machine, as ``clean --engine
    dask`` starts them, each warmed up on the warm-up pages (as the local measurements' processes
    are), and a function that says their CPU seconds so far. The cluster lives as long as this
    process."""
    from normalizer.dask_engine import dask_client

    client = RUNNING.enter_context(dask_client(None, DASK_WORKERS))
    client.run(warm_up_worker, [item.path for inputs in warm_up.values() for item in inputs])

    def workers_cpu() -> float:
        return sum(client.run(own_cpu).values())
    return client, workers_cpu


def warm_up_worker(paths: list[Path]) -> None:
    from normalizer.batch_run import load_models, normalize_page
    from normalizer.context import DEFAULT_CONTEXT
    from normalizer.document import Document

    load_models(DEFAULT_CONTEXT)
    for path in paths:
        normalize_page(Document(raw=path.read_bytes(), name=path.name), DEFAULT_CONTEXT)


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_trafilatura(pages: list[str]) -> dict:
    import trafilatura

    counts = defaultdict(int)
    for page in pages:
        result = trafilatura.bare_extraction(page, with_metadata=True)
        counts["records" if result is not None and (result.text or "").strip() else "empty"] += 1
    return dict(counts)


def measure(bench: Path, name: str, pages: int) -> dict:
    """One measurement, in this process: pages/s and peak RSS."""
    path, tool, *jobs = name.split("-")
    jobs = int(jobs[0][1:]) if jobs else 1
    warm_up, docs = sample_docs(bench, pages)
    warm_up_batches, batches = read_inputs(bench, path, [warm_up]), read_inputs(bench, path, docs)
    n = sum(len(inputs) for inputs in batches.values())
    other_cpu = children_cpu  # CPU seconds of processes that work for this one
    with tempfile.TemporaryDirectory() as tmp:
        if tool == "dask":
            warm_up_arguments = (input_files(bench, path, [warm_up]), "warm-up")
            client, workers_cpu = local_cluster(warm_up_arguments[0])
            other_cpu = lambda: children_cpu() + workers_cpu()  # noqa: E731

            def run(batches, archive):
                return run_dask(batches, Path(tmp) / archive, client)
            arguments = (input_files(bench, path, docs), "archive")
        elif tool == "normalizer":
            def run(batches, archive):
                return run_normalizer(batches, Path(tmp) / archive, jobs)
            arguments, warm_up_arguments = (batches, "archive"), (warm_up_batches, "warm-up")
        else:
            def run(pages):
                return run_trafilatura(pages)

            def as_pages(batches):  # the <p> wrapping is done before the clock starts
                return [[raw.decode("utf-8", errors="replace") if path == "html" else lines_as_html(raw)
                         for inputs in batches.values() for _, raw in inputs]]
            arguments, warm_up_arguments = as_pages(batches), as_pages(warm_up_batches)
        # before the clock: the warm-up page and, for our pipeline, every table it loads on first
        # use that the page may not reach (``load_models``: repair's letter frequencies alone take
        # 0.1 s), as a long run loads them once; trafilatura's side loads its tables on the page
        # (both html rows still pay for dateparser's locales: see the README's "Speed")
        if tool == "normalizer":  # (the Dask workers load them in ``warm_up_worker``)
            from normalizer.batch_run import load_models
            from normalizer.context import DEFAULT_CONTEXT

            load_models(DEFAULT_CONTEXT)
        run(*warm_up_arguments)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall, cpu = time.perf_counter(), time.process_time()
        others = other_cpu()
        counts = run(*arguments)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        parent_cpu = cpu
        cpu += other_cpu() - others  # the worker processes of --jobs (counted once they end) or of Dask
    return {"measurement": name, "pages": n, "wall_s": wall, "cpu_s": cpu, "parent_cpu_s": parent_cpu, "counts": counts,
            "rss_before_mb": rss_before / 1024, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_scale(bench: Path, pages: int) -> dict:
    """Peak memory of one batch of ``pages`` synthetic pages, through both passes into an archive.

    The pages are the dev set's text inputs over and over, each made a page of its own: one of 500
    sites (so lines repeat within a site), and a line of its own added (so ids and records
    differ, and the batch's distinct lines grow with it, as in a real batch). They are made one
    at a time, on each pass, so the inputs take no memory of their own."""
    from normalizer.document import Document

    sources = sorted((bench / "inputs" / v / f"{d}.txt") for d in sample_docs(bench, 10**6)[1]
                     for v in TEXT_VARIANTS)

    def documents():
        for i in range(pages):
            raw = sources[i % len(sources)].read_bytes() + f"\nFiled as story {i} of the batch.\n".encode()
            yield Document(raw=raw, name=f"page-{i}.txt", source={"url": f"https://site{i % 500}.example/{i}"})

    with tempfile.TemporaryDirectory() as tmp:
        from normalizer.archive import Archive
        from normalizer.batch_run import normalize_batch_with_inputs

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall, cpu = time.perf_counter(), time.process_time()
        counts = defaultdict(int)
        with Archive(Path(tmp) / "archive").writer("benchmark") as writer:
            write_results(writer, with_raw(normalize_batch_with_inputs(documents)), counts)
            writer.commit()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"measurement": f"scale-{pages}", "pages": pages, "wall_s": wall, "cpu_s": cpu, "counts": dict(counts),
            "rss_before_mb": rss_before / 1024, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


# --- the profile -----------------------------------------------------------------------------------

def profile_pipeline(bench: Path, path: str, pages: int, top: int = 6) -> list[str]:
    """Our pipeline on the sample, one cProfile per step; lines of a report."""
    from normalizer import __version__
    from normalizer.archive import Archive
    from normalizer.batch_run import batch_context, load_models, normalize_batch, resume
    from normalizer.context import DEFAULT_CONTEXT
    from normalizer.document import Document, InputRejected
    from normalizer.record import build_record

    warm_up, docs = sample_docs(bench, pages)
    batches = read_inputs(bench, path, docs)
    load_models(DEFAULT_CONTEXT)
    for variant, inputs in read_inputs(bench, path, [warm_up]).items():
        list(normalize_batch(lambda: (Document(raw=raw, name=name, format="html" if variant == "html" else "text")
                                      for name, raw in inputs)))
    n = sum(len(inputs) for inputs in batches.values())
    profiles = defaultdict(lambda: cProfile.Profile(time.process_time))
    seconds = defaultdict(float)
    wall_seconds = defaultdict(float)

    def timed(label, function, *args):
        profile = profiles[label]
        start, wall = time.process_time(), time.perf_counter()
        profile.enable()
        try:
            return function(*args)
        finally:
            profile.disable()
            seconds[label] += time.process_time() - start
            wall_seconds[label] += time.perf_counter() - wall

    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "archive").writer("profile") as writer:
        cache = Path(tmp) / "cache"
        cache.mkdir()
        for variant, inputs in batches.items():
            fmt = "html" if variant == "html" else "text"
            docs = [Document(raw=raw, name=name, format=fmt) for name, raw in inputs]
            ctx = timed("pass one (decode, html, repair, count)", lambda: batch_context(lambda: iter(docs), cache=cache))
            for doc in docs:
                try:
                    doc, steps = resume(doc, cache)  # (a page whose reading pass one kept is not read again)
                    for step in steps:
                        doc = timed(step.__name__, step, doc, ctx)
                except InputRejected:
                    continue
                record = timed("build_record", build_record, doc, __version__)
                timed("archive: write record and raw", writer.add, record, doc.raw)
        timed("archive: commit", writer.commit)

    total = sum(seconds.values())
    lines = [f"### profile, {path} path: {n} pages, {1000 * total / n:.1f} ms/page of CPU under cProfile "
             f"(cProfile slows Python code down: compare shares, not absolute times; wall includes I/O waits)"]
    for label in sorted(seconds, key=seconds.get, reverse=True):
        lines.append(f"{label:<40} {1000 * seconds[label] / n:8.2f} ms/page CPU {100 * seconds[label] / total:5.1f}%"
                     f"   {1000 * wall_seconds[label] / n:8.2f} ms/page wall")
        stats = pstats.Stats(profiles[label])
        entries = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
        for (file, line, function), (_, _, own, _, _) in entries:
            where = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else "built-in"
            lines.append(f"    {1000 * own / n:8.2f} ms/page own  {function[:40]:<40} {where}")
    return lines


# --- the report ------------------------------------------------------------------------------------

def machine() -> str:
    model = platform.processor() or "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"machine: {model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load} (shared machine: trust the CPU columns more than the wall ones)")


def format_results(results: list[dict]) -> list[str]:
    header = (f"{'path':<5} {'tool':<34} {'pages':>5} {'wall s':>7} {'pages/s':>8} {'cpu s':>7} "
              f"{'pages/s':>8} {'ms/page':>8} {'peak RSS':>9}")
    lines = [header, f"{'':<5} {'':<34} {'':>5} {'':>7} {'(wall)':>8} {'':>7} {'(cpu)':>8} {'(cpu)':>8} "
                     f"{'MB':>9}"]
    names = {"normalizer": "normalizer (2 passes + archive)", "trafilatura": "trafilatura bare_extraction",
             "dask": f"--engine dask, {DASK_WORKERS} workers (wall)"}
    for r in results:
        path, tool, *jobs = r["measurement"].split("-")
        if path == "scale":
            label = f"normalizer, synthetic batch of {tool}"
        else:
            label = names[tool] if not (path == "text" and tool == "trafilatura") else "trafilatura (lines in <p>)"
        if jobs:
            label = f"normalizer --jobs {jobs[0][1:]} (wall pages/s)"
        lines.append(f"{path:<5} {label:<34} {r['pages']:>5} {r['wall_s']:>7.1f} {r['pages'] / r['wall_s']:>8.1f} "
                     f"{r['cpu_s']:>7.1f} {r['pages'] / r['cpu_s']:>8.1f} {1000 * r['cpu_s'] / r['pages']:>8.1f} "
                     f"{r['peak_rss_mb']:>9.0f}")
    return lines


def ratios(results: list[dict]) -> list[str]:
    """The bar's ratios, from the measurements that were run."""
    by = {r["measurement"]: r for r in results}
    per_page = {name: r["cpu_s"] / r["pages"] for name, r in by.items()}
    lines = []
    for path in ("text", "html"):
        if f"{path}-normalizer" in by and f"{path}-trafilatura" in by:
            lines.append(f"{path}: normalizer is {per_page[f'{path}-trafilatura'] / per_page[f'{path}-normalizer']:.2f}x "
                         f"as fast as trafilatura per page (CPU)")
    if "text-normalizer" in by and "text-normalizer-j2" in by:
        j1, j2 = by["text-normalizer"], by["text-normalizer-j2"]
        lines.append(f"--jobs 2 is {j1['wall_s'] / j2['wall_s']:.2f}x as fast as --jobs 1 (wall, on this shared "
                     f"machine); its CPU: {j2['cpu_s']:.1f} s in all ({j1['cpu_s']:.1f} s with one job), "
                     f"{j2['parent_cpu_s']:.1f} s of it in the parent (reading, manifest): on two idle cores "
                     f"at most {j1['cpu_s'] / max(j2['cpu_s'] / 2, j2['parent_cpu_s']):.2f}x")
    if "text-dask" in by:
        dask = by["text-dask"]
        if "text-normalizer" in by:
            lines.append(f"--engine dask ({DASK_WORKERS} workers) is {by['text-normalizer']['wall_s'] / dask['wall_s']:.2f}x "
                         f"as fast as --jobs 1 (wall)")
        if "text-normalizer-j2" in by:
            local = by["text-normalizer-j2"]
            lines.append(f"--engine dask ({DASK_WORKERS} workers) has {local['wall_s'] / dask['wall_s']:.2f}x the throughput "
                         f"of --jobs {DASK_WORKERS} (wall): Dask adds "
                         f"{1000 * (dask['wall_s'] - local['wall_s']) / dask['pages']:.1f} ms/page of wall time and "
                         f"{1000 * (dask['cpu_s'] - local['cpu_s']) / dask['pages']:.1f} ms/page of CPU (driver and "
                         f"scheduler: {dask['parent_cpu_s']:.1f} s, against {local['parent_cpu_s']:.1f} s in the parent "
                         f"of --jobs {DASK_WORKERS})")
    scales = sorted((r for r in results if r["measurement"].startswith("scale-")), key=lambda r: r["pages"])
    if len(scales) > 1:
        lines.append(f"peak RSS, {scales[-1]['pages']} pages / {scales[0]['pages']} pages: "
                     f"{scales[-1]['peak_rss_mb'] / scales[0]['peak_rss_mb']:.2f}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", nargs="?", default="../shared/bench")
    ap.add_argument("--pages", type=int, default=100, help="documents in the sample (text: x3 variants)")
    ap.add_argument("--only", choices=MEASUREMENTS, action="append", help="run only these measurements")
    ap.add_argument("--scale", type=int, action="append",
                    help="also measure peak memory on a synthetic batch of this many pages (repeatable)")
    ap.add_argument("--profile", action="store_true", help="also profile our pipeline step by step")
    ap.add_argument("--profile-only", action="store_true", help="only the profile")
    ap.add_argument("--json", help="write the measurements here as JSON")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    bench = Path(args.bench)

    if args.child:
        if args.child.startswith("scale-"):
            print(json.dumps(measure_scale(bench, int(args.child.split("-")[1]))))
        else:
            print(json.dumps(measure(bench, args.child, args.pages)))
        RUNNING.close()
        return

    print(machine())
    results = []
    if not args.profile_only:
        for name in (args.only or list(MEASUREMENTS)) + [f"scale-{n}" for n in args.scale or ()]:
            child = subprocess.run([sys.executable, __file__, str(bench), "--pages", str(args.pages), "--child", name],
                                   capture_output=True, text=True)
            if child.returncode:
                sys.exit(f"{name} failed:\n{child.stderr}")
            results.append(json.loads(child.stdout.strip().splitlines()[-1]))
            print(f"  {name}: {results[-1]['counts']}", file=sys.stderr)
        print("\n".join(format_results(results)))
        print("\n".join(ratios(results)))
    if args.profile or args.profile_only:
        for path in ("text", "html"):
            print()
            print("\n".join(profile_pipeline(bench, path, args.pages)))
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "results": results}, indent=1))


if __name__ == "__main__":
    main()
