#!/usr/bin/env python3
"""Builds rarec's fetch manifest (src/main/resources/dev/rarec/data/fetch/manifest.tsv) from the data
folder's SOURCES.tsv: the same rows, plus the derivation rarec's code applies to each layout file.

    python3 scripts/fetch_manifest.py ../shared/data/SOURCES.tsv > src/main/resources/dev/rarec/data/fetch/manifest.tsv

Rows of one layout file keep SOURCES.tsv's order, except that the partial ReDial train copies are put
in merge priority order (copies in the original message format first, the pre-merged iEvaLM copy
last), because the merge takes each conversation from the first copy that has it.
"""
import csv
import sys

DERIVED = {
    "movie_metadata/tmdb_5000/tmdb_5000_movies.csv.gz": "unzip-member",
    "movielens/ml-100k/u.data.gz": "drop-fake-user",
    "movielens/ml-1m/sequences_lrurec_min5.tsv.gz": "lrurec-split",
    "reddit_movie/reddit_v2_catalog/gt_catalog.tsv": "reddit-catalogue",
    "redial/mention_sequences_vachonni/Train_LIST.csv.gz": "public-original",
    "redial/mention_sequences_vachonni/Val_LIST.csv.gz": "public-original",
    "redial/mention_sequences_vachonni/redorid_index.tsv": "redorid-index",
    "redial/train_partial/train_partial_merged.jsonl.gz": "redial-train-merge",
}
MERGE_ORDER = ["Lancelot39/KGSF/", "baazouziwiem/Kepler-aSI-CRS/ccf16d3a1f6bdb7a33fdc2a311650c3bde4a84f5/train_data",
               "baazouziwiem/Kepler-aSI-CRS/ccf16d3a1f6bdb7a33fdc2a311650c3bde4a84f5/valid_data",
               "Tamizh2907/KGSF---movie-recommender-system/e91320ef960ed1141a19e7794630bf6cc71b9896/KGSF_redial_without_history/data/train",
               "Tamizh2907/KGSF---movie-recommender-system/e91320ef960ed1141a19e7794630bf6cc71b9896/KGSF_redial_without_history/data/valid",
               "tnt305/iEvaLM-CRS/"]


def merge_rank(row):
    for i, prefix in enumerate(MERGE_ORDER):
        if prefix in row["url"]:
            return i
    raise SystemExit("no merge priority for " + row["url"])


rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
out.writerow(["layout_path", "derivation", "url", "sha256", "bytes", "layout_sha256", "note"])
merge = [r for r in rows if DERIVED.get(r["layout_path"]) == "redial-train-merge"]
merge.sort(key=merge_rank)
emitted_merge = False
for r in rows:
    relation = r["relation"]
    derivation = relation if relation in ("gzip", "identical") else DERIVED[r["layout_path"]]
    if derivation == "redial-train-merge":
        if emitted_merge:
            continue
        emitted_merge = True
        group = merge
    else:
        group = [r]
    for g in group:
        out.writerow([g["layout_path"], derivation, g["url"], g["sha256"], g["bytes"], g["layout_sha256"], g["note"]])
