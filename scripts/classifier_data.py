"""Blocks of the dev bench with their features and gold labels, for ``train_classifier.py``.

Every page of a variant goes through the pipeline's steps up to the classifier (decode, repair,
unwrap) with the batch statistics of its whole variant, exactly as ``predict_bench.py`` runs it.
A block is labelled body when at least half of the 4-gram shingles touching it are in the gold
body (tokens as ``score.py`` cuts them). Held-out pages (``bench_split.py``) are skipped: they are
never labelled, never trained on. Each page keeps its kind (``classify.page_kind``), for the
per-kind thresholds. The html variant is not built: an HTML page is read as its WET dump
(``html.py``), which the wet variant already is.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalizer.bench_split import is_heldout, site  # noqa: E402

from normalizer.batch_run import batch_context  # noqa: E402
from normalizer.classify import page_kind  # noqa: E402
from normalizer.context import DEFAULT_CONTEXT  # noqa: E402
from normalizer.decode import decode_input  # noqa: E402
from normalizer.document import InputRejected  # noqa: E402
from normalizer.evaluate import read_input  # noqa: E402
from normalizer.features import block_features  # noqa: E402
from normalizer.html import extract_html  # noqa: E402
from normalizer.repair import repair_text  # noqa: E402
from normalizer.unwrap import unwrap_hard_breaks  # noqa: E402

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
TOKEN = re.compile(rf"[{CJK}]|[^\W{CJK}]+", re.UNICODE)  # as score.py


def shingle_labels(texts: list[str], gold_body: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Per block: the share of shingles touching it that are in the gold, the number of shingles
    starting in it that are in the gold, and of shingles starting in it; and the gold's count."""
    gold_toks = TOKEN.findall(gold_body)
    gold = {tuple(gold_toks[i:i + 4]) for i in range(max(0, len(gold_toks) - 3))}
    toks: list[str] = []
    bounds = []
    for t in texts:
        start = len(toks)
        toks.extend(TOKEN.findall(t))
        bounds.append((start, len(toks)))
    m = max(0, len(toks) - 3)
    in_gold = np.fromiter((tuple(toks[i:i + 4]) in gold for i in range(m)), dtype=bool, count=m)
    share = np.zeros(len(texts))
    good = np.zeros(len(texts))
    count = np.zeros(len(texts))
    for b, (s, e) in enumerate(bounds):
        if e == s:
            continue
        touch = in_gold[max(0, s - 3):min(e, m)]
        share[b] = touch.mean() if len(touch) else 0.0
        own = in_gold[s:min(e, m)]
        good[b], count[b] = own.sum(), len(own)
    return share, good, count, max(0, len(gold_toks) - 3)


def fold_of(key: str, salt: str, k: int) -> int:
    return int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest(), 16) % k


def build(bench: Path, variants=("wet", "lynx", "crop"), only: str | None = None) -> dict:
    manifest = [json.loads(l) for l in open(bench / "manifest.jsonl", encoding="utf-8")]
    golds: dict[str, dict] = {}
    cols: dict[str, list] = {k: [] for k in ("X", "share", "good", "count", "page", "block")}
    pages = []
    for variant in variants:
        rows = [m for m in manifest if m["variant"] == variant and (not only or re.search(only, m["name"]))]

        def documents():
            for r in rows:
                yield read_input(bench, r["name"])

        ctx = batch_context(documents, DEFAULT_CONTEXT)
        for r in rows:
            doc_id = r["doc"]
            if doc_id not in golds:
                golds[doc_id] = json.loads((bench / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
            g = golds[doc_id]
            if is_heldout(g.get("url"), doc_id):
                continue
            doc = read_input(bench, r["name"])
            try:
                for step in (decode_input, extract_html, repair_text, unwrap_hard_breaks):
                    doc = step(doc, ctx)
            except InputRejected:
                continue
            if not doc.blocks:
                continue
            feats = block_features(doc, ctx)
            share, good, count, gold_n = shingle_labels([b.text for b in doc.blocks], g["body"])
            page_no = len(pages)
            pages.append({"name": r["name"], "doc": doc_id, "variant": variant, "site": site(g.get("url")) or doc_id,
                          "kind": page_kind(doc), "gold_shingles": gold_n, "dataset": r["dataset"]})
            n = len(doc.blocks)
            cols["X"].append(feats.matrix)
            cols["share"].append(share)
            cols["good"].append(good)
            cols["count"].append(count)
            cols["page"].append(np.full(n, page_no))
            cols["block"].append(np.arange(n))
        print(f"{variant}: {len(pages)} pages so far", file=sys.stderr)
    data = {k: np.concatenate(v) for k, v in cols.items()}
    data["pages"] = pages
    return data
