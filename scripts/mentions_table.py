#!/usr/bin/env python3
"""Prints the mention-detection table of docs/data.md from docs/results/mentions-{test,train}.json."""
import json

print("| split | messages | gold | detected | correct | precision | recall | precision, conversation level | recall: Title (Year) / Title / lower case |")
print("|---|--:|--:|--:|--:|--:|--:|--:|---|")
for split, label in (("test", "**test**"), ("train", "train (tuning)")):
    d = json.load(open(f"docs/results/mentions-{split}.json"))
    forms = " / ".join(f"{v['recall']:.3f}" for v in d["recallByForm"].values())
    print(f"| {label} | {d['messages']:,} | {d['gold']:,} | {d['predicted']:,} | {d['truePositives']:,} | "
          f"**{d['precision']:.3f}** | **{d['recall']:.3f}** | {d['precisionConversationLevel']:.3f} | {forms} |")
d = json.load(open("docs/results/mentions-test.json"))
print()
print(f"Measured at commit {d['gitCommit']} (dirty: {d['gitDirty']}) by `{d['command']}` and the same with `--split train`.")
