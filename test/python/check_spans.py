#!/usr/bin/env python3
"""Reads a Hamish JSONL export the way a Python consumer would and checks that it holds together.

For every document: offset_unit is "codepoint" and text_sha256 is the SHA-256 of the UTF-8 text.
For every span: 0 <= start < end <= len(text) and text[start:end] == span["text"].

Usage: check_spans.py EXPORT.jsonl
Exits 0 and prints a one-line summary when all is well; exits 1 listing every mismatch on stderr.
"""
import hashlib
import json
import sys


def check(path):
    problems = []
    documents = spans = 0
    with open(path, encoding="utf-8", newline="\n") as lines:
        for number, line in enumerate(lines, 1):
            where = f"line {number}"
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error})")
                continue
            documents += 1
            where = f"line {number} (document {doc.get('id')!r})"
            text = doc.get("text")
            if not isinstance(text, str):
                problems.append(f"{where}: no text")
                continue
            if doc.get("offset_unit") != "codepoint":
                problems.append(f"{where}: offset_unit is {doc.get('offset_unit')!r}, not 'codepoint'")
            try:
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            except UnicodeEncodeError as error:
                problems.append(f"{where}: text is not encodable as UTF-8 ({error})")
                digest = None
            if digest is not None and digest != doc.get("text_sha256"):
                problems.append(f"{where}: text_sha256 {doc.get('text_sha256')!r} but the text hashes to {digest!r}")
            for span in doc.get("spans", []):
                spans += 1
                start, end = span.get("start"), span.get("end")
                label = f"{where} span {span.get('id')!r}"
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                    problems.append(f"{label}: bad range {start!r}-{end!r} (text has {len(text)} code points)")
                    continue
                if text[start:end] != span.get("text"):
                    problems.append(f"{label}: text[{start}:{end}] is {text[start:end]!r}, span text is {span.get('text')!r}")
    return documents, spans, problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    documents, spans, problems = check(argv[1])
    return report(problems, f"{documents} documents, {spans} spans")


def report(problems, counted):
    """Lists the problems and a summary on stderr (exit code 1), or says "ok: COUNTED" (exit code 0)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problems in {counted}", file=sys.stderr)
        return 1
    print(f"ok: {counted}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
