#!/usr/bin/env python3
"""Reads a Hamish export in another tool's format the way that tool's Python users would, and checks
every span against Hamish's own JSONL export of the same selection (the reference).

  check_export.py REFERENCE.jsonl prodigy FILE.jsonl
  check_export.py REFERENCE.jsonl doccano FILE.jsonl
  check_export.py REFERENCE.jsonl labelstudio FOLDER    (tasks.json, labeling-config.xml)
  check_export.py REFERENCE.jsonl brat FOLDER           (.txt and .ann per document)
  check_export.py REFERENCE.jsonl conll FILE.conll      (lines only: see check_conll)

Every span is sliced out of its text by code points (Python's text[start:end]) and must be a span
of the reference: same document, annotator (where the format keeps one), range, label and text.
Every reference span must be found once. Prodigy's hashes are recomputed as Hamish documents them.
Claim cards (brat events, doccano and Label Studio relations) must be the reference's `claims`:
same claim, stance and roles, each role's spans in their order; a card asserted with no role is
no card. brat's files are also checked as brat's verify_annotations checks them.
Exits 0 with a one-line summary, or 1 listing every problem on stderr.
"""
import json
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import unquote

from check_spans import report


def murmurhash3(data, seed=0):
    """MurmurHash3 x86 32-bit of bytes, as a signed 32-bit int (Prodigy's hash)."""
    c1, c2, mask = 0xCC9E2D51, 0x1B873593, 0xFFFFFFFF
    h = seed & mask
    rotl = lambda x, r: ((x << r) | (x >> (32 - r))) & mask
    blocks = len(data) // 4
    for (k,) in struct.iter_unpack("<I", data[: blocks * 4]):
        k = rotl((k * c1) & mask, 15) * c2 & mask
        h = (rotl(h ^ k, 13) * 5 + 0xE6546B64) & mask
    tail = data[blocks * 4 :]
    if tail:
        k = int.from_bytes(tail, "little")
        h ^= rotl((k * c1) & mask, 15) * c2 & mask
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & mask
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


def read_jsonl(path):
    with open(path, encoding="utf-8", newline="\n") as lines:
        return [json.loads(line) for line in lines if line.strip() and "manifest" not in json.loads(line)]


class Checker:
    def __init__(self, reference):
        self.problems = []
        self.documents = {doc["id"]: doc for doc in reference}
        # (document, annotator or None, start, end, LABEL, text) -> how many the reference has
        self.expected = Counter()
        for doc in reference:
            for s in doc["spans"]:
                self.expected[(doc["id"], s["annotator"], s["start"], s["end"], s["label"].upper(), s["text"])] += 1
        self.found = Counter()
        self.spans = 0
        self.expected_cards = Counter()
        for doc in reference:
            by_id = {s["id"]: s for s in doc["spans"]}
            for c in doc.get("claims", []):
                claim = by_id[c["span"]]
                roles = [(r["role"], by_id[r["span"]]["start"], by_id[r["span"]]["end"]) for r in c["roles"]]
                self.expected_cards[card_key(doc["id"], c["annotator"], (claim["start"], claim["end"]), c["stance"], roles)] += 1
        self.found_cards = Counter()
        self.cards = 0

    def card(self, document_id, annotator, claim, stance, roles):
        """A card read from the format: the claim's (start, end), its stance, its roles as (role, start, end) in order."""
        key = card_key(document_id, annotator, claim, stance, roles)
        if key is not None:
            self.cards += 1
            self.found_cards[key] += 1

    def problem(self, where, message):
        self.problems.append(f"{where}: {message}")

    def document(self, where, document_id, text):
        doc = self.documents.get(document_id)
        if doc is None:
            self.problem(where, f"document {document_id!r} is not in the reference")
        elif text != doc["text"]:
            self.problem(where, f"the text of {document_id!r} differs from the reference")
        return doc is not None

    def span(self, where, document_id, annotator, text, start, end, label, claimed_text=None):
        """A span read from the format: sliced by code points, it must be one of the reference's."""
        self.spans += 1
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            self.problem(where, f"bad range {start!r}-{end!r} (text has {len(text)} code points)")
            return
        sliced = text[start:end]
        if claimed_text is not None and claimed_text != sliced:
            self.problem(where, f"text[{start}:{end}] is {sliced!r}, the span says {claimed_text!r}")
        self.found[(document_id, annotator, start, end, label, sliced)] += 1

    def finish(self, keeps_annotator=True):
        expected = self.expected
        if not keeps_annotator:
            expected = Counter()
            for (doc, _annotator, *rest), n in self.expected.items():
                expected[(doc, None, *rest)] += n
        for key in (expected - self.found):
            self.problems.append(f"reference span missing: {key}")
        for key in (self.found - expected):
            self.problems.append(f"span not in the reference: {key}")
        expected_cards = Counter()
        for (doc, annotator, *rest), n in self.expected_cards.items():
            expected_cards[(doc, annotator if keeps_annotator else None, *rest)] += n
        del expected_cards[None]
        found_cards = self.found_cards
        for key in (expected_cards - found_cards):
            self.problems.append(f"reference card missing: {key}")
        for key in (found_cards - expected_cards):
            self.problems.append(f"card not in the reference: {key}")


def card_key(document_id, annotator, claim, stance, roles):
    """A card as compared: roles in card order, each role's spans in theirs; an empty asserted card is none (None)."""
    if stance == "asserted" and not roles:
        return None
    order = ["source", "via", "location", "date"]
    ranked = sorted(enumerate(roles), key=lambda item: (order.index(item[1][0]), item[0]))
    return (document_id, annotator, tuple(claim), stance, tuple(role for _, role in ranked))


def check_prodigy(checker, path):
    for number, task in enumerate(read_jsonl(path), 1):
        where = f"line {number}"
        document_id, text = task["meta"]["id"], task["text"]
        if not checker.document(where, document_id, text):
            continue
        input_hash = murmurhash3(text.encode("utf-8"))
        if task.get("_input_hash") != input_hash:
            checker.problem(where, f"_input_hash {task.get('_input_hash')} is not murmurhash3(text) {input_hash}")
        spans = [[s["start"], s["end"], s["label"]] for s in task["spans"]]
        task_hash = murmurhash3(json.dumps([input_hash, spans], separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
        if task.get("_task_hash") != task_hash:
            checker.problem(where, f"_task_hash {task.get('_task_hash')} is not {task_hash}")
        if task.get("answer") != "accept":
            checker.problem(where, f"answer is {task.get('answer')!r}")
        for s in task["spans"]:
            checker.span(where, document_id, task.get("_annotator_id"), text, s["start"], s["end"], s["label"], s.get("text"))


def check_doccano(checker, path):
    # doccano reads the file with pandas and stores every field but the text and labels in a JSON
    # field, which refuses NaN: what pandas gives a key that the line lacks.
    import math
    import pandas

    frame = pandas.read_json(path, lines=True)
    for number, record in enumerate(frame.to_dict(orient="records"), 1):
        meta = {key: value for key, value in record.items() if key not in ("text", "entities", "relations")}
        missing = sorted(key for key, value in meta.items() if isinstance(value, float) and math.isnan(value))
        if missing:
            checker.problem(f"line {number}", f"pandas reads NaN for {missing}, which doccano's JSON field refuses")
    for number, line in enumerate(read_jsonl(path), 1):
        where = f"line {number}"
        document_id, text = line["document_id"], line["text"]
        if not checker.document(where, document_id, text):
            continue
        entities = {}
        for entity in line["entities"]:
            if entity["id"] in entities:
                checker.problem(where, f"entity id {entity['id']} twice")
            entities[entity["id"]] = entity
            checker.span(where, document_id, line["annotator"], text, entity["start_offset"], entity["end_offset"], entity["label"])
        cards = {}
        for relation in line["relations"]:
            if relation["from_id"] not in entities or relation["to_id"] not in entities:
                checker.problem(where, f"relation {relation['id']} joins entities the line does not have")
                continue
            cards.setdefault(relation["from_id"], []).append(relation)
        stances = {int(key): value for key, value in line.get("stances", {}).items()}
        for claim in sorted(set(cards) | set(stances)):
            roles = [(r["type"], entities[r["to_id"]]["start_offset"], entities[r["to_id"]]["end_offset"]) for r in cards.get(claim, [])]
            if claim not in entities:
                checker.problem(where, f"a stance for entity {claim}, which the line does not have")
                continue
            span = entities[claim]
            checker.card(document_id, line["annotator"], (span["start_offset"], span["end_offset"]), stances.get(claim, "asserted"), roles)


def converter_outputs(task):
    """What Label Studio's converter (label-studio-converter, Converter.annotation_result_from_task
    and get_data) makes of a task: one item per annotation not cancelled, newest first by
    created_at, each with the task's id, its data, the results by from_name and completed_by."""
    annotations = task["annotations"] if "annotations" in task else task["completions"]
    if not annotations:
        yield {"id": task["id"], "input": task["data"], "output": {}, "completed_by": {}}
        return
    annotations = [a for a in annotations if not (a.get("skipped", False) or a.get("was_cancelled", False))]
    for annotation in sorted(annotations, key=lambda a: a.get("created_at", 0), reverse=True):
        outputs = {}
        for result in annotation["result"]:
            # The converter keeps the results of control tags; a relation has none.
            if "from_name" in result:
                outputs.setdefault(result["from_name"], []).append(dict(result["value"], type=result["type"]))
        yield {"id": task["id"], "input": task["data"], "output": outputs, "completed_by": annotation.get("completed_by", {})}


def check_labelstudio(checker, folder):
    config = ET.parse(os.path.join(folder, "labeling-config.xml")).getroot()
    labels_tags = config.findall(".//Labels")
    text_tags = config.findall(".//Text")
    if len(labels_tags) != 1 or len(text_tags) != 1:
        checker.problem("labeling-config.xml", "wants one <Labels> and one <Text>")
        return
    from_name, to_name = labels_tags[0].get("name"), text_tags[0].get("name")
    if labels_tags[0].get("toName") != to_name or text_tags[0].get("value") != "$text":
        checker.problem("labeling-config.xml", "<Labels> must point at <Text value=\"$text\">")
    values = {label.get("value") for label in labels_tags[0].findall("Label")}
    relation_values = {relation.get("value") for relation in config.findall(".//Relations/Relation")}
    choices_tags = {tag.get("name"): tag for tag in config.findall(".//Choices")}
    with open(os.path.join(folder, "tasks.json"), encoding="utf-8") as file:
        tasks = json.load(file)
    if not isinstance(tasks, list):
        checker.problem("tasks.json", "is not a list of tasks")
        return
    ids = [task.get("id") for task in tasks]
    if len(set(ids)) != len(ids) or not all(isinstance(i, int) for i in ids):
        checker.problem("tasks.json", f"task ids are not distinct whole numbers: {ids}")
    for number, task in enumerate(tasks):
        where = f"task {number}"
        data = task["data"]
        document_id, text = data["document_id"], data["text"]
        if not checker.document(where, document_id, text):
            continue
        for annotation in task["annotations"]:
            regions = {r["id"]: r for r in annotation["result"] if r.get("type") == "labels"}
            relations, stances = {}, {}
            for result in annotation["result"]:
                if result.get("type") == "relation":
                    # Label Studio's relation: between two regions of the annotation, labelled by <Relations>.
                    if result.get("from_id") not in regions or result.get("to_id") not in regions:
                        checker.problem(where, f"a relation joins {result.get('from_id')} and {result.get('to_id')}, not both regions")
                    elif result.get("direction") not in ("right", "left", "bi") or not set(result.get("labels", [])) <= relation_values:
                        checker.problem(where, f"relation {result!r} does not match <Relations> {sorted(relation_values)}")
                    else:
                        relations.setdefault(result["from_id"], []).append(result)
                    continue
                if result.get("type") == "choices":
                    tag = choices_tags.get(result.get("from_name"))
                    choices = {c.get("value") for c in tag.findall("Choice")} if tag is not None else set()
                    if tag is None or tag.get("perRegion") != "true" or result["id"] not in regions:
                        checker.problem(where, f"result {result['id']}: a choice that is no per-region <Choices> of a region")
                    elif not set(result["value"]["choices"]) <= choices:
                        checker.problem(where, f"result {result['id']}: choices {result['value']['choices']} not in {sorted(choices)}")
                    else:
                        stances[result["id"]] = result["value"]["choices"][0]
                    continue
                if (result["from_name"], result["to_name"], result["type"]) != (from_name, to_name, "labels"):
                    checker.problem(where, f"result {result['id']} does not match the labeling config")
                if len(result["value"]["labels"]) != 1 or result["value"]["labels"][0] not in values:
                    checker.problem(where, f"result {result['id']} has labels {result['value']['labels']} (config: {sorted(values)})")
            for claim in sorted(set(relations) | set(stances)):
                value = regions[claim]["value"]
                roles = [(r["labels"][0], regions[r["to_id"]]["value"]["start"], regions[r["to_id"]]["value"]["end"]) for r in relations.get(claim, [])]
                checker.card(document_id, annotation.get("completed_by", {}).get("first_name"), (value["start"], value["end"]), stances.get(claim, "asserted"), roles)
            if annotation.get("ground_truth") is not (annotation.get("completed_by", {}).get("first_name") == "gold"):
                checker.problem(where, "ground_truth is the gold layer's annotation, and only it")
        try:
            outputs = list(converter_outputs(task))
        except KeyError as error:
            checker.problem(where, f"the converter fails: KeyError: {error}")
            continue
        for output in outputs:
            if not task["annotations"]:
                continue
            completed_by = output["completed_by"]
            annotator = completed_by.get("first_name") if isinstance(completed_by, dict) else None
            if annotator is None:
                checker.problem(where, f"an annotation has no annotator the converter keeps: {completed_by!r}")
            elif completed_by.get("email") != email_of(annotator):
                checker.problem(where, f"{completed_by!r}: the email is not the name's")
            for value in output["output"].get(from_name, []):
                checker.span(where, document_id, annotator, text, value["start"], value["end"], value["labels"][0], value["text"])


def email_of(name):
    """Hamish's email for an annotator: all but [A-Za-z0-9_-] as %XX of its UTF-8 bytes."""
    return "".join(c if re.fullmatch(r"[A-Za-z0-9_-]", c) else "".join(f"%{b:02X}" for b in c.encode()) for c in name) + "@hamish.invalid"


def read_conf(checker, folder, name):
    """A brat configuration file: its sections, each a list of (name, rest) lines, comments left out."""
    sections, section = {}, None
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        checker.problem(name, "missing")
        return sections
    with open(path, encoding="utf-8") as file:
        for line in file.read().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = sections.setdefault(line[1:-1], [])
                continue
            name, _, rest = line.partition("\t") if "\t" in line else line.partition(" ")
            section.append((name.strip(), rest.strip()))
    return sections


class BratConfig:
    """annotation.conf and visual.conf as brat's projectconfig reads the parts a verifier needs."""

    def __init__(self, checker, folder):
        annotation = read_conf(checker, folder, "annotation.conf")
        self.entities = [name for name, _ in annotation.get("entities", [])]
        # event type -> role -> (fewest, most, allowed types), from "CLAIM Source*:ACTOR, Via{1-2}:ACTOR"
        self.events = {}
        for name, rest in annotation.get("events", []):
            roles = {}
            for arg in filter(None, (a.strip() for a in rest.split(","))):
                role, types = arg.split(":", 1)
                bounds = re.fullmatch(r"(\w+?)(\?|\*|\+|\{(\d+)-(\d+)\})?", role)
                base, card = bounds.group(1), bounds.group(2) or ""
                fewest, most = {"": (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}.get(card, (None, None))
                if fewest is None:
                    fewest, most = int(bounds.group(3)), int(bounds.group(4))
                roles[base] = (fewest, most, set(types.split("|")))
            self.events[name] = roles
        # attribute -> (event or entity types it takes, values)
        self.attributes = {}
        for name, rest in annotation.get("attributes", []):
            args = dict(arg.strip().split(":", 1) for arg in rest.split(","))
            self.attributes[name] = (set(args["Arg"].split("|")), set(args.get("Value", "").split("|")))
        # (inner, outer) -> overlap types, from "<OVERLAP> Arg1:A|B, Arg2:C, <OVL-TYPE>:contain|cross"
        self.overlaps = {}
        for name, rest in annotation.get("relations", []):
            if name != "<OVERLAP>":
                continue
            args = dict(arg.strip().split(":", 1) for arg in rest.split(","))
            for inner in args["Arg1"].split("|"):
                for outer in args["Arg2"].split("|"):
                    self.overlaps.setdefault((inner, outer), set()).update(args["<OVL-TYPE>"].split("|"))
        visual = read_conf(checker, folder, "visual.conf")
        labels = {name: [form.strip() for form in rest.lstrip("|").split("|")] for name, rest in visual.get("labels", [])}
        colours = {name: rest for name, rest in visual.get("drawing", [])}
        for entity in self.entities + list(self.events):
            if len(labels.get(entity, [])) < 1 or not labels[entity][0]:
                checker.problem("visual.conf", f"no display name for {entity}")
            if not colours.get(entity, "").startswith("bgColor:#"):
                checker.problem("visual.conf", f"no bgColor for {entity}")
        self.labels = labels
        for roles in self.events.values():
            for role in roles:
                if not labels.get(role, [""])[0]:
                    checker.problem("visual.conf", f"no display name for the {role} argument")

    def verify_events(self, where, textbounds, events, attributes):
        """brat's verify_triggers, verify_missing_arguments, verify_disallowed_arguments,
        verify_extra_arguments and verify_attributes (and its parser's refusals)."""
        referenced = Counter(trigger for _type, trigger, _args in events.values())
        for tid, label, _s, _e in textbounds.values():
            if label in self.events and referenced[tid] != 1:
                yield f"{where}: {tid}: Warning: trigger referenced from {referenced[tid]} events"
        for eid, (etype, trigger, args) in events.items():
            if etype not in self.events:
                yield f"{where}: {eid}: Error: {etype} is not a known event type"
                continue
            if trigger not in textbounds or textbounds[trigger][1] != etype:
                yield f"{where}: {eid}: Error: trigger {trigger} is not a {etype} text-bound"
                continue
            counts = Counter()
            for role, target in args:
                base = re.sub(r"\d+$", "", role)
                allowed = self.events[etype].get(base)
                if allowed is None:
                    yield f"{where}: {eid}: Error: {etype} cannot take a {base} argument"
                    continue
                counts[base] += 1
                # brat names the n-th argument of a role role + n, from 2
                if role != (base if counts[base] == 1 else f"{base}{counts[base]}"):
                    yield f"{where}: {eid}: Error: argument {role} where brat writes {base}{counts[base] if counts[base] > 1 else ''}"
                if target not in textbounds:
                    yield f"{where}: {eid}: Error: argument {target} is no text-bound"
                elif textbounds[target][1] not in allowed[2]:
                    yield f"{where}: {eid}: Error: {base} argument {target} cannot be of type {textbounds[target][1]}"
            for role, (fewest, most, _types) in self.events[etype].items():
                if counts[role] < fewest:
                    yield f"{where}: {eid}: Incomplete: missing {role} argument"
                if most is not None and counts[role] > most:
                    yield f"{where}: {eid}: Error: {etype} cannot take more than {most} {role} arguments"
        for aid, (atype, target, value) in attributes.items():
            if atype not in self.attributes:
                yield f"{where}: {aid}: Error: {atype} is not a known attribute"
                continue
            kinds, values = self.attributes[atype]
            target_type = events[target][0] if target in events else textbounds[target][1] if target in textbounds else None
            if target_type not in kinds:
                yield f"{where}: {aid}: Error: {target_type} cannot take a {atype} attribute"
            elif value not in values:
                yield f"{where}: {aid}: Error: {value} is not a value of {atype} ({sorted(values)})"

    def allows(self, t1, t2, kind):
        """brat's span_can_contain (t1 inside t2), spans_can_be_equal and spans_can_cross."""
        one, other = self.overlaps.get((t1, t2), set()), self.overlaps.get((t2, t1), set())
        if kind == "contain":
            return "contain" in one or "<ANY>" in one or "<ANY>" in other
        return bool({kind, "<ANY>"} & (one | other))

    def verify(self, where, textbounds):
        """brat's verify_entity_overlap: every overlapping pair must be one the configuration allows."""
        for id1, t1, s1, e1 in textbounds:
            for id2, t2, s2, e2 in textbounds:
                if id1 == id2 or not (s2 < e1 and e2 > s1):
                    continue
                if (s1, e1) == (s2, e2):
                    ok, what = self.allows(t1, t2, "equal"), f"{t1} cannot have identical span with {t2} {id2}"
                elif s2 <= s1 and e1 <= e2:
                    ok, what = self.allows(t1, t2, "contain"), f"{t1} cannot be contained in {t2} ({id2})"
                elif s1 <= s2 and e2 <= e1:
                    ok, what = self.allows(t2, t1, "contain"), f"{t1} cannot contain {t2} ({id2})"
                else:
                    ok, what = self.allows(t1, t2, "cross"), f"annotation cannot have crossing span with {id2}"
                if not ok:
                    yield f"{where}: {id1}: Error: {what}"


def check_brat(checker, folder):
    config = BratConfig(checker, folder)
    reference_notes = {}
    for doc in checker.documents.values():
        for s in doc["spans"]:
            if s["note"] is not None:
                reference_notes[(doc["id"], s["start"], s["end"], s["label"].upper())] = " ".join(s["note"].split())
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith(".ann"):
                continue
            with open(os.path.join(root, name[:-4] + ".txt"), encoding="utf-8", newline="") as file:
                text = file.read()
            document_id = next((d for d, doc in checker.documents.items() if doc["text"] == text), None)
            where = os.path.relpath(os.path.join(root, name), folder)
            if document_id is None:
                checker.problem(where, "its .txt is no document of the reference")
                continue
            textbounds, notes, events, attributes = {}, [], {}, {}
            # brat reads a .ann file a line at a time with Python's line splitting (codecs), and
            # refuses a line that is not "ID<TAB>DATA<TAB>TEXT" (events and attributes: "ID<TAB>DATA").
            with open(os.path.join(root, name), encoding="utf-8", newline="") as file:
                for number, line in enumerate(file.read().splitlines(), 1):
                    if re.match(r"[EA]\d+\t", line):
                        aid, data = line.split("\t", 1)
                        data = data.split("\t", 1)[0]
                        if aid.startswith("E"):
                            # annotation.py's _parse_event_annotation: TYPE:TRIGGER, then ROLE:ID split at white space
                            head, _, tail = data.partition(" ")
                            if head.count(":") != 1 or any(arg.count(":") != 1 for arg in tail.split()):
                                checker.problem(where, f"line {number} does not parse as brat reads it: {line!r}")
                                continue
                            etype, trigger = head.split(":")
                            events[aid] = (etype, trigger, [tuple(arg.split(":")) for arg in tail.split()])
                        else:
                            parts = data.split(" ")
                            if len(parts) != 3:
                                checker.problem(where, f"line {number} does not parse as brat reads it: {line!r}")
                                continue
                            attributes[aid] = tuple(parts)
                        continue
                    fields = line.split("\t", 2)
                    if len(fields) != 3 or not re.fullmatch(r"[T#]\d+", fields[0]):
                        checker.problem(where, f"line {number} does not parse as brat reads it: {line!r}")
                        continue
                    tid, middle, claimed = fields
                    if tid.startswith("#"):
                        kind, _, target = middle.partition(" ")
                        if kind != "AnnotatorNotes":
                            checker.problem(where, f"line {number}: {kind} is not AnnotatorNotes")
                        notes.append((number, target, claimed))
                        continue
                    label, _, ranges = middle.partition(" ")
                    if label not in config.entities and label not in config.events:
                        checker.problem(where, f"line {number}: {label} is not an entity or event of annotation.conf")
                    try:
                        fragments = [tuple(map(int, r.split(" "))) for r in ranges.split(";")]
                    except ValueError:
                        checker.problem(where, f"line {number}: offsets {ranges!r}")
                        continue
                    pieces = [text[s:e] for s, e in fragments]
                    if " ".join(pieces) != claimed:
                        checker.problem(where, f"{line!r}: the fragments read {' '.join(pieces)!r}")
                    if any(p.splitlines() != [p] for p in pieces):
                        checker.problem(where, f"{line!r}: a fragment holds a line break")
                    start, end = fragments[0][0], fragments[-1][1]
                    textbounds[tid] = (tid, label, start, end)
                    checker.span(where, document_id, None, text, start, end, label)
            for number, target, note in notes:
                if target not in textbounds:
                    checker.problem(where, f"line {number}: the note is on {target}, which is not a T line")
                    continue
                _, label, start, end = textbounds[target]
                expected = reference_notes.get((document_id, start, end, label))
                if expected is None or " ".join(note.split()) != expected:
                    checker.problem(where, f"line {number}: note {note!r} is not the reference's {expected!r}")
            for issue in config.verify(where, list(textbounds.values())):
                checker.problems.append(issue)
            for issue in config.verify_events(where, textbounds, events, attributes):
                checker.problems.append(issue)
            stances = {target: value for atype, target, value in attributes.values() if atype == "Stance"}
            for eid, (_etype, trigger, args) in events.items():
                if trigger not in textbounds or any(target not in textbounds for _role, target in args):
                    continue
                roles = [(re.sub(r"\d+$", "", role).lower(), *textbounds[target][2:]) for role, target in args]
                checker.card(document_id, None, textbounds[trigger][2:], stances.get(eid, "asserted"), roles)


def check_conll(checker, path):
    """A CoNLL file split into lines as Python's str.splitlines does: every line has the first line's
    columns, and the -DOCSTART- lines name the reference's documents, in order."""
    with open(path, encoding="utf-8", newline="") as file:
        lines = file.read().splitlines()
    columns = len(lines[0].split("\t"))
    named = []
    for number, line in enumerate(lines, 1):
        if line == "":
            continue
        fields = line.split("\t")
        if len(fields) != columns:
            checker.problem(f"line {number}", f"{len(fields)} columns, not {columns}: {line!r}")
        if fields[0].startswith("-DOCSTART-"):
            named.append(unquote(fields[0][len("-DOCSTART- "):]))
            continue
        checker.spans += 1
        if fields[0] == "" or fields[0].split() != [fields[0]]:
            checker.problem(f"line {number}", f"the token {fields[0]!r} is empty or holds white space")
    if named != list(checker.documents):
        checker.problem(path, f"-DOCSTART- names {named}, the reference has {list(checker.documents)}")


CHECKS = {
    "prodigy": (check_prodigy, True),
    "doccano": (check_doccano, True),
    "labelstudio": (check_labelstudio, True),
    "brat": (check_brat, False),
    "conll": (check_conll, None),
}


def main(argv):
    if len(argv) != 4 or argv[2] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    checker = Checker(read_jsonl(argv[1]))
    check, keeps_annotator = CHECKS[argv[2]]
    check(checker, argv[3])
    if keeps_annotator is None:
        return report(checker.problems, f"{len(checker.documents)} documents, {checker.spans} tokens")
    checker.finish(keeps_annotator)
    return report(checker.problems, f"{checker.spans} spans" + (f", {checker.cards} cards" if checker.cards else ""))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
