#!/usr/bin/env python3
"""Checks Hamish's agreement report against scikit-learn and NLTK on the same tokens.

Usage: check_agreement.py EXPORT.conll REPORT.json

EXPORT.conll is `hamish export --format conll --annotators A,B,...` (whole-word tokens): after the
token, an entities and a claims column for each annotator in turn. REPORT.json is
`hamish agreement --json --annotators A,B,...` on the same documents. An annotator put a token in a
label when the token's tag in their column is B-LABEL or I-LABEL: the export widens a span to every
token it overlaps, the rule the report uses.

For every document and for the corpus (all documents pooled), for each label and for all labels
(each token judged once per label), the report's token measures must equal:
  each pair   kappa: sklearn.metrics.cohen_kappa_score     alpha: nltk AnnotationTask.alpha()
  overall     mean kappa: AnnotationTask.kappa() (Cohen's kappa averaged over pairs)
              Fleiss' kappa: AnnotationTask.pi() (Fleiss 1971, "multi-pi")
              alpha: AnnotationTask.alpha() (Krippendorff, nominal)
Where the reference is undefined (sklearn's nan, NLTK dividing by zero, or only one value seen,
for which NLTK's alpha returns 1), the report must say null.

Exits 0 printing "ok: N comparisons", or 1 listing every mismatch on stderr.
"""
import json
import math
import sys
import warnings

from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from check_spans import report

TOLERANCE = 1e-9


def read_conll(path, annotators):
    """[document][annotator][label] -> list of 0/1, one per token."""
    documents = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line == "":
                continue
            token, *tags = line.split("\t")
            if len(tags) != 2 * len(annotators):
                raise SystemExit(f"{path}: {len(tags)} tag columns, expected {2 * len(annotators)}")
            if token.startswith("-DOCSTART-"):
                documents.append({a: {} for a in annotators})
                continue
            for a, annotator in enumerate(annotators):
                entities, claims = tags[2 * a], tags[2 * a + 1]
                for label in LABELS:
                    column = claims if label == "claim" else entities
                    inside = column[2:] == label.upper()
                    documents[-1][annotator].setdefault(label, []).append(1 if inside else 0)
    return documents


LABELS = ["claim", "actor", "location", "date"]


def undefined_on_zero(measure):
    try:
        return measure()
    except ZeroDivisionError:
        return None


def reference(vectors, annotators):
    """The reference values for one document or the corpus, one label or all: {pair: (kappa, alpha)}, overall."""
    values = {v for vector in vectors.values() for v in vector}
    one_value = len(values) < 2

    def task(coders):
        return AnnotationTask(data=[(c, i, v) for c in coders for i, v in enumerate(vectors[c])])

    pairs = {}
    for i, a in enumerate(annotators):
        for b in annotators[i + 1:]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                kappa = cohen_kappa_score(vectors[a], vectors[b])
            pair_values = set(vectors[a]) | set(vectors[b])
            alpha = None if len(pair_values) < 2 else task([a, b]).alpha()
            pairs[(a, b)] = (None if math.isnan(kappa) else kappa, alpha)
    everyone = task(annotators)
    defined = [k for k, _ in pairs.values() if k is not None]
    overall = {
        # AnnotationTask.kappa() divides by zero when any pair is undefined; the report averages the defined ones.
        "kappa": everyone.kappa() if len(defined) == len(pairs) else (sum(defined) / len(defined) if defined else None),
        "fleissKappa": None if one_value else undefined_on_zero(everyone.pi),
        "alpha": None if one_value else everyone.alpha(),
    }
    return pairs, overall


def compare(where, expected, actual, problems):
    if expected is None or actual is None:
        if expected is not actual:
            problems.append(f"{where}: report says {actual!r}, reference {expected!r}")
    elif abs(expected - actual) > TOLERANCE:
        problems.append(f"{where}: report says {actual!r}, reference {expected!r}")


def check_section(name, section, vectors_by_label, annotators, problems):
    count = 0
    for row in section["labels"]:
        label = row["label"]
        labels = LABELS if label == "all" else [label]
        vectors = {a: [v for l in labels for v in vectors_by_label[a][l]] for a in annotators}
        pairs, overall = reference(vectors, annotators)
        for scores in row["pairs"]:
            a, b = scores["annotators"]
            kappa, alpha = pairs[(a, b)]
            compare(f"{name} {label} {a}/{b} kappa", kappa, scores["kappa"], problems)
            compare(f"{name} {label} {a}/{b} alpha", alpha, scores["alpha"], problems)
            count += 2
        compare(f"{name} {label} mean kappa", overall["kappa"], row["overall"]["mean"]["kappa"], problems)
        compare(f"{name} {label} Fleiss' kappa", overall["fleissKappa"], row["overall"]["fleissKappa"], problems)
        compare(f"{name} {label} alpha", overall["alpha"], row["overall"]["alpha"], problems)
        count += 3
    return count


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], encoding="utf-8") as file:
        agreement = json.load(file)
    annotators = agreement["annotators"]
    documents = read_conll(argv[1], annotators)
    problems = []
    if len(documents) != len(agreement["documents"]):
        problems.append(f"{len(documents)} documents in the export, {len(agreement['documents'])} in the report")
        return report(problems, "0 comparisons")
    count = 0
    for document, section in zip(documents, agreement["documents"]):
        count += check_section(f"document {section['id']}", section, document, annotators, problems)
    corpus = {a: {l: [v for d in documents for v in d[a][l]] for l in LABELS} for a in annotators}
    count += check_section("corpus", agreement["corpus"], corpus, annotators, problems)
    return report(problems, f"{count} comparisons")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
