"""Loads Winnow's DPO and SFT exports with Hugging Face `datasets`, as TRL's trainers do.

Usage: load_exports.py DPO.jsonl DPO_CONVERSATIONAL.jsonl SFT.jsonl
Exit 0 and "ok ..." when every file loads with the expected columns and types; exit 1 with the
reason otherwise; exit 77 with "skip: ..." when `datasets` is not installed.
"""
import sys

try:
    from datasets import load_dataset
except ImportError as error:  # the XCTest reports this as a skip, with this reason
    print(f"skip: the Python package `datasets` is not importable ({error}); install it with `python3 -m pip install datasets`")
    sys.exit(77)


def fail(message):
    print(f"fail: {message}")
    sys.exit(1)


def load(path):
    return load_dataset("json", data_files=path, split="train")


def expect_string_columns(dataset, names, label):
    for name in names:
        if name not in dataset.column_names:
            fail(f"{label}: no column {name} (columns: {dataset.column_names})")
        feature = dataset.features[name]
        if getattr(feature, "dtype", None) != "string":
            fail(f"{label}: column {name} is {feature}, not a string")


def expect_messages(dataset, name, roles, label):
    if name not in dataset.column_names:
        fail(f"{label}: no column {name}")
    for row in dataset:
        messages = row[name]
        if [m["role"] for m in messages] != roles:
            fail(f"{label}: {name} has roles {[m['role'] for m in messages]}, expected {roles}")
        if not all(isinstance(m["content"], str) and m["content"] for m in messages):
            fail(f"{label}: {name} has an empty or non-string content")


def main():
    dpo_path, conversational_path, sft_path = sys.argv[1:4]
    dpo = load(dpo_path)
    if len(dpo) == 0:
        fail("dpo: no rows")
    expect_string_columns(dpo, ["prompt", "chosen", "rejected", "source", "event_hash"], "dpo")
    if dpo.features["weight"].dtype not in ("float64", "float32"):
        fail(f"dpo: weight is {dpo.features['weight']}")
    if dpo.features["item_id"].dtype != "int64":
        fail(f"dpo: item_id is {dpo.features['item_id']}")
    for row in dpo:
        if not row["chosen"] or not row["rejected"]:
            fail("dpo: a pair has an empty side")

    conversational = load(conversational_path)
    expect_messages(conversational, "prompt", ["user"], "dpo --conversational")
    expect_messages(conversational, "chosen", ["assistant"], "dpo --conversational")
    expect_messages(conversational, "rejected", ["assistant"], "dpo --conversational")

    sft = load(sft_path)
    expect_messages(sft, "messages", ["user", "assistant"], "sft")
    print(f"ok: dpo {len(dpo)} rows, conversational {len(conversational)} rows, sft {len(sft)} rows")


main()
