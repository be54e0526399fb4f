#!/usr/bin/env python3
"""Compare language detectors on the dev bench: accuracy against the gold language, and time a page.

Usage: python scripts/compare_language_detectors.py ../shared/bench [--variants wet,lynx,crop] [--chars 2000]

For each page the pipeline runs up to the metadata step (as ``detect_language`` sees the document),
and each detector reads the same sample: the first ``--chars`` characters of the body (the whole
text when no body is left). The gold language was detected by lingua (high accuracy, all
languages) on the gold body, so lingua has a home advantage on this set; the rows that matter most
are the per-page cost and the errors on non-English pages. Pages with no gold language (the
Readability lorem-ipsum pages) are skipped. Timings are per call, on this machine, single thread,
after a warm-up call (model loading is not counted, and reported separately).
"""
import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path


def detectors():
    """name -> (load, detect(text) -> code) ."""
    out = {}

    def langdetect_():
        from langdetect import DetectorFactory, detect_langs
        DetectorFactory.seed = 0

        def detect(text):
            try:
                return detect_langs(text)[0].lang.split("-")[0]
            except Exception:
                return None
        return detect
    out["langdetect 1.0.9"] = langdetect_

    def py3langid_():
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
        ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
        return lambda text: ident.classify(text)[0]
    out["py3langid 0.4.0"] = py3langid_

    def ours():
        from normalizer.language import detect as detect_
        return lambda text: detect_(text)[0]
    out["normalizer.language (py3langid, 68 languages)"] = ours

    def lingua_(low):
        def load():
            from lingua import LanguageDetectorBuilder
            b = LanguageDetectorBuilder.from_all_languages()
            if low:
                b = b.with_low_accuracy_mode()
            det = b.with_preloaded_language_models().build()

            def detect(text):
                lang = det.detect_language_of(text)
                return lang.iso_code_639_1.name.lower() if lang else None
            return detect
        return load
    out["lingua 2.1 high accuracy"] = lingua_(False)
    out["lingua 2.1 low accuracy"] = lingua_(True)
    return out


def samples(bench, variants, chars):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from normalizer import pipeline
    from normalizer.batch_run import batch_context
    from normalizer.document import InputRejected
    from normalizer.evaluate import read_input
    manifest = [json.loads(l) for l in open(bench / "manifest.jsonl", encoding="utf-8")]
    steps = pipeline.STEPS[: pipeline.STEPS.index(pipeline.detect_language)]
    out = []
    for variant in variants:
        rows = [m for m in manifest if m["variant"] == variant]

        def documents():
            for m in rows:
                yield read_input(bench, m["name"])
        ctx = batch_context(documents)
        for m, doc in zip(rows, documents()):
            gold = json.loads((bench / "gold" / f"{m['doc']}.json").read_text(encoding="utf-8"))
            if not gold.get("language"):
                continue
            try:
                for step in steps:
                    doc = step(doc, ctx)
            except InputRejected:
                continue
            text = doc.body[:chars] or "\n".join(doc.lines)[:chars]
            out.append((m["name"], gold["language"], text))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("--variants", default="wet,lynx,crop")
    ap.add_argument("--chars", type=int, default=2000)
    ap.add_argument("--only", help="run only the detectors whose name contains this")
    args = ap.parse_args()
    pages = samples(Path(args.bench), args.variants.split(","), args.chars)
    langs = Counter(g for _, g, _ in pages)
    print(f"{len(pages)} pages, gold languages: {dict(langs.most_common())}, sample {args.chars} chars\n")
    print("| detector | accuracy | accuracy, non-English pages | ms a page (mean) | ms a page (p95) | load s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, load in detectors().items():
        if args.only and args.only not in name:
            continue
        t0 = time.perf_counter()
        detect = load()
        detect("warm up the detector with a sentence")
        load_s = time.perf_counter() - t0
        hits, other, other_hits, times = 0, 0, 0, []
        wrong = defaultdict(Counter)
        for page, gold, text in pages:
            t = time.perf_counter()
            got = detect(text)
            times.append(time.perf_counter() - t)
            hits += got == gold
            if gold != "en":
                other += 1
                other_hits += got == gold
            if got != gold:
                wrong[gold][got] += 1
        times.sort()
        print(f"| {name} | {hits / len(pages):.4f} | {other_hits / max(1, other):.3f} ({other_hits}/{other}) "
              f"| {1000 * sum(times) / len(times):.3f} | {1000 * times[int(0.95 * len(times))]:.3f} | {load_s:.1f} |")
        print(f"  errors: {dict((g, dict(c)) for g, c in wrong.items())}", file=sys.stderr)


if __name__ == "__main__":
    main()
