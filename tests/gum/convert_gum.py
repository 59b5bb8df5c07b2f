"""Convert GUM's Wikinews news and interview documents into korjp's corpus and gold format.

    python tests/gum/convert_gum.py --gum /path/to/gum [--out tests/data/gum]

`--gum` is either a bare git mirror of https://github.com/amir-zeldes/gum (files are read
from HEAD with `git show`) or a normal checkout. Only the Python standard library is used and
the output is deterministic: the same GUM commit gives byte-identical files.

What is read per document: xml/DOC.xml (tokens and TEI-like markup), dep/DOC.conllu
(spacing, lemmas, parts of speech), rst/rstweb/DOC.rs4 (attributions and their source
signals) and coref/gum/conll/DOC.conll (entities, with Wikipedia identities).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEECH_VERBS = ROOT / "korjp" / "data" / "speech_verbs.txt"

# GUM's dev and test documents: scored blind, never used for tuning.
BLIND = (
    "GUM_news_homeopathic",
    "GUM_news_iodine",
    "GUM_news_nasa",
    "GUM_news_sensitive",
    "GUM_interview_cyclone",
    "GUM_interview_gaming",
    "GUM_interview_hill",
    "GUM_interview_libertarian",
)

# <sp who> ids of the interviewing side: Wikinews itself and Wikinews reporters.
INTERVIEWERS = {"Wikinews", "Wikinew", "DavidShankbone", "MichaelDranove", "WilliamSSaturn", "WilliamSaturn"}

# Elements that make a paragraph of their own, and elements whose start or end ends a paragraph.
BLOCKS = {"p", "head", "item", "caption"}
BREAKS = BLOCKS | {"sp", "figure", "list", "lg", "text"}
QUOTE_TAGS = {"q", "quote"}

# Attribution predicates that report a mental state or a perception rather than speech: their
# quotes are optional even when the verb is also listed as a speech verb (`hope`).
COGNITIVE = {
    "think", "believe", "feel", "know", "hope", "expect", "want", "wonder", "see", "find", "show",
    "seem", "consider", "fear", "estimate",
}  # fmt: skip
PERSONAL_TYPES = {"person", "organization"}
PRONOUNS = {
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it",
    "its", "itself", "they", "them", "their", "theirs", "themselves", "this", "that", "these",
    "those", "who", "whom", "whose", "which", "one", "what",
}  # fmt: skip
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "rev", "reverend", "sen",
    "senator", "rep", "gov", "governor", "president", "minister", "emeritus", "chairman", "judge",
    "justice", "general", "gen", "captain", "capt", "lt", "col", "colonel", "sgt", "officer",
    "detective", "mayor", "king", "queen", "prince", "princess", "pope", "father", "bishop",
    "archbishop", "cardinal", "chancellor", "premier", "secretary", "ambassador", "commissioner",
    "chief", "deputy", "vice", "prime", "foreign", "home", "state", "councillor", "councilor", "mp",
    "major", "lieutenant", "admiral", "sergeant", "undersecretary", "coach",
}  # fmt: skip
QUOTE_MARKS = "\"'“”‘’«»`„"
DETERMINERS = ("the ", "a ", "an ")


# ---------------------------------------------------------------------------------------------
# Reading GUM


class Gum:
    """GUM files from a bare git mirror (read from HEAD) or from a checkout."""

    def __init__(self, path: Path):
        self.path = path
        self.bare = not (path / "xml").is_dir()
        if self.bare and not (path / "HEAD").is_file():
            sys.exit(f"{path}: neither a GUM checkout (no xml/ folder) nor a bare git directory")

    def _git(self, *args: str) -> str:
        cmd = ["git", "--git-dir", str(self.path)] if self.bare else ["git", "-C", str(self.path)]
        done = subprocess.run(cmd + list(args), capture_output=True, check=False)
        if done.returncode:
            raise FileNotFoundError(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout.decode("utf-8")

    def read(self, name: str) -> str:
        if self.bare:
            return self._git("show", f"HEAD:{name}")
        return (self.path / name).read_text(encoding="utf-8")

    def documents(self) -> list[str]:
        if self.bare:
            names = self._git("ls-tree", "--name-only", "HEAD", "xml/").split()
        else:
            names = [f"xml/{p.name}" for p in (self.path / "xml").glob("*.xml")]
        docs = [Path(n).stem for n in names]
        return sorted(d for d in docs if d.startswith(("GUM_news_", "GUM_interview_")))

    def commit(self) -> str:
        try:
            return self._git("log", "-1", "--format=%H (%cs)").strip()
        except (FileNotFoundError, OSError):
            return "unknown (not a git checkout)"


# ---------------------------------------------------------------------------------------------
# Tokens and markup


@dataclass
class Token:
    form: str
    lemma: str
    upos: str
    head: int  # document index of the syntactic head, -1 for the root
    sent: int
    xpos: str = ""
    deprel: str = ""
    space_after: bool = True
    start: int = -1
    end: int = -1

    @property
    def word(self) -> bool:
        return self.upos not in ("PUNCT", "SYM")


@dataclass
class Element:
    name: str
    attrs: dict[str, str]
    start: int  # first token
    end: int = -1  # one past the last token
    parent: Element | None = None


@dataclass
class Block:
    kind: str  # p, head, item, caption or "run" for sentences outside any paragraph tag
    tokens: list[int] = field(default_factory=list)
    turn: Element | None = None  # the <sp> it belongs to
    label: str = ""  # "Name: " added before an interview turn's first paragraph
    label_start: int = -1
    start: int = -1
    end: int = -1


@dataclass
class Doc:
    name: str
    meta: dict[str, str]
    tokens: list[Token]
    elements: list[Element]
    blocks: list[Block] = field(default_factory=list)
    title_added: bool = False  # no <head> opens the document: its title attribute is the first line
    text: str = ""
    sentence_texts: list[str] = field(default_factory=list)

    @property
    def genre(self) -> str:
        return self.name.split("_")[1]

    @property
    def article(self) -> str:
        return f"{self.genre}_{self.name.split('_', 2)[2]}.txt"

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of tokens first..last (inclusive)."""
        return self.tokens[first].start, self.tokens[last].end


ATTR = re.compile(r'([\w:.-]+)="([^"]*)"')


def parse_conllu(text: str) -> tuple[list[Token], list[str]]:
    tokens: list[Token] = []
    sentences: list[str] = []
    mwt_end = -1
    mwt_space = True
    base = 0
    for line in text.split("\n"):
        if line.startswith("# text = "):
            sentences.append(line[len("# text = ") :])
            base = len(tokens)
            mwt_end = -1
            continue
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        misc = cols[9].split("|")
        if "-" in cols[0]:
            mwt_end = int(cols[0].split("-")[1])
            mwt_space = "SpaceAfter=No" not in misc
            continue
        if "." in cols[0]:
            continue
        index = int(cols[0])
        head = int(cols[6])
        tok = Token(
            cols[1], cols[2], cols[3], base + head - 1 if head else -1, len(sentences) - 1, cols[4], cols[7]
        )
        if index < mwt_end:
            tok.space_after = False
        elif index == mwt_end:
            tok.space_after = mwt_space
        else:
            tok.space_after = "SpaceAfter=No" not in misc
        tokens.append(tok)
    return tokens, sentences


def parse_xml(text: str, tokens: list[Token], name: str) -> tuple[dict[str, str], list[Element], list]:
    """The root's attributes, every element with its token range (checked against the conllu), and
    the document as a stream of ("open", element), ("close", element) and ("token", index)."""
    meta: dict[str, str] = {}
    elements: list[Element] = []
    events: list = []
    stack: list[Element] = []
    count = 0
    for line in text.split("\n"):
        if not line:
            continue
        if "\t" in line or not line.startswith("<"):
            form = html.unescape(line.split("\t")[0])
            if count >= len(tokens) or tokens[count].form != form:
                got = tokens[count].form if count < len(tokens) else "END"
                raise ValueError(f"{name}: xml token {count} {form!r} != conllu {got!r}")
            events.append(("token", count))
            count += 1
            continue
        if line.startswith("</"):
            el = stack.pop()
            if line[2:-1] != el.name:
                raise ValueError(f"{name}: </{line[2:-1]}> closes <{el.name}>")
            el.end = count
            events.append(("close", el))
            continue
        m = re.match(r"<([\w:]+)", line)
        attrs = {k: html.unescape(v) for k, v in ATTR.findall(line)}
        el = Element(m.group(1), attrs, count, parent=stack[-1] if stack else None)
        if el.name == "text":
            meta = attrs
        elements.append(el)
        events.append(("open", el))
        if line.endswith("/>"):
            el.end = count
            events.append(("close", el))
        else:
            stack.append(el)
    if count != len(tokens) or stack:
        raise ValueError(f"{name}: {count} xml tokens, {len(tokens)} conllu tokens")
    return meta, elements, events


def build_blocks(events: list, doc: Doc) -> None:
    """Group tokens into paragraphs: one per <p>, <head>, <item> or <caption>, and one per run of
    sentences that sit outside any of these (a run ends at a turn, figure, list or stanza)."""
    stack: list[Element] = []
    current: Block | None = None
    for kind, item in events:
        if kind == "token":
            if current is None:
                block_el = next((e for e in reversed(stack) if e.name in BLOCKS), None)
                turn = next((e for e in reversed(stack) if e.name == "sp"), None)
                current = Block(block_el.name if block_el else "run", turn=turn)
                doc.blocks.append(current)
            current.tokens.append(item)
            continue
        if kind == "open":
            stack.append(item)
        else:
            stack.pop()
        if item.name in BREAKS:
            current = None


def camel_name(who: str) -> str:
    """`TinaMcKenzie` -> `Tina McKenzie`, `WilliamSSaturn` -> `William S. Saturn`."""
    parts = re.findall(r"Ma?c[A-Z][a-z]+|[A-Z][a-z]*|[a-z]+", who)
    return " ".join(p + "." if len(p) == 1 else p for p in parts)


def label_turns(doc: Doc, coref: Coref) -> None:
    """Give the first paragraph of every interview turn a `Name: ` label, as Wikinews prints it."""
    seen: set[int] = set()
    for block in doc.blocks:
        if block.turn is None or id(block.turn) in seen or block.kind in ("caption", "head"):
            continue
        seen.add(id(block.turn))
        name = turn_speaker(doc, coref, block.turn)
        words = [doc.tokens[i].form for i in block.tokens[:6]]
        if ":" in words and alnum(" ".join(words[: words.index(":")])) in (
            alnum(name),
            alnum(who_id(block.turn)),
        ):
            continue  # the text already has its label
        block.label = f"{name}: "


def alnum(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def who_id(turn: Element) -> str:
    return turn.attrs.get("who", "").lstrip("#")


def build_text(doc: Doc) -> None:
    """The article text, and every token's character offsets in it."""
    out: list[str] = []
    pos = 0
    if doc.blocks[0].kind != "head":
        doc.title_added = True
        out.append(doc.meta["title"] + "\n\n")
        pos = len(out[0])
    for n, block in enumerate(doc.blocks):
        if n:
            out.append("\n\n")
            pos += 2
        block.start = pos
        if block.label:
            block.label_start = pos
            out.append(block.label)
            pos += len(block.label)
        for k, i in enumerate(block.tokens):
            tok = doc.tokens[i]
            if k:
                prev = doc.tokens[block.tokens[k - 1]]
                if prev.space_after or prev.sent != tok.sent or block.tokens[k - 1] != i - 1:
                    out.append(" ")
                    pos += 1
            tok.start = pos
            out.append(tok.form)
            pos += len(tok.form)
            tok.end = pos
        block.end = pos
    out.append("\n")
    doc.text = "".join(out)


# ---------------------------------------------------------------------------------------------
# Coreference


@dataclass
class Entity:
    key: str
    etype: str
    identity: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges, inclusive


@dataclass
class Coref:
    entities: dict[str, Entity]

    def mentions(self):
        for ent in self.entities.values():
            for m in ent.mentions:
                yield ent, m

    def entity_for(self, first: int, last: int) -> Entity | None:
        """The entity with a mention that covers tokens first..last (the tightest), else the one
        whose mention overlaps them most."""
        best = None
        for ent, (a, b) in self.mentions():
            if a <= first and last <= b:
                score = (2, -(b - a))
            else:
                overlap = min(b, last) - max(a, first) + 1
                if overlap <= 0:
                    continue
                score = (1, overlap / (max(b, last) - min(a, first) + 1))
            if best is None or score > best[0]:
                best = (score, ent)
        return best[1] if best else None


ENTITY = re.compile(r"(\()?([a-z]+)-(\d+)(?:-([^()]+))?(\))?")


def parse_coref(text: str, ntokens: int, name: str) -> Coref:
    entities: dict[str, Entity] = {}
    open_at: dict[str, list[int]] = {}
    rows = [line.split("\t") for line in text.split("\n") if line and not line.startswith("#")]
    if len(rows) != ntokens:
        raise ValueError(f"{name}: coref has {len(rows)} tokens, expected {ntokens}")
    for n, row in enumerate(rows):
        if int(row[0]) != n:
            raise ValueError(f"{name}: coref token number {row[0]} at position {n}")
        if row[2] == "_":
            continue
        for opens, etype, num, identity, closes in ENTITY.findall(row[2]):
            key = f"{etype}-{num}"
            ent = entities.setdefault(key, Entity(key, etype, None))
            if identity:
                ent.identity = identity
            if opens:
                open_at.setdefault(key, []).append(n)
            if closes:
                ent.mentions.append((open_at[key].pop(), n))
    if any(open_at.values()):
        raise ValueError(f"{name}: unclosed coref mentions {open_at}")
    return Coref(entities)


# ---------------------------------------------------------------------------------------------
# RST


@dataclass
class Node:
    id: str
    parent: str | None
    relname: str
    first: int = -1  # token range of a segment
    last: int = -1
    children: list[Node] = field(default_factory=list)


@dataclass
class Rst:
    nodes: dict[str, Node]
    multinuc: set[str]
    signals: list[tuple[str, str, str, list[int]]]  # source, type, subtype, 0-based tokens

    def tokens(self, node: Node) -> set[int]:
        out = set(range(node.first, node.last + 1)) if node.first >= 0 else set()
        for child in node.children:
            out |= self.tokens(child)
        return out

    def satellite(self, node: Node) -> bool:
        return node.relname != "span" and node.relname not in self.multinuc

    def ancestors(self, node: Node):
        while node.parent:
            node = self.nodes[node.parent]
            yield node


def parse_rs4(text: str, tokens: list[Token], name: str) -> Rst:
    multinuc = {n for n, t in re.findall(r'<rel name="([^"]+)" type="([^"]+)"', text) if t == "multinuc"}
    nodes: dict[str, Node] = {}
    segments: list[tuple[int, Node, str]] = []
    for tag, attrs, body in re.findall(r"<(segment|group) ([^>]*?)/?>(?:([^<]*)</segment>)?", text):
        a = dict(ATTR.findall(attrs))
        node = Node(a["id"], a.get("parent"), a.get("relname", ""))
        nodes[node.id] = node
        if tag == "segment":
            segments.append((int(node.id), node, html.unescape(body)))
    pos = 0
    for _, node, body in sorted(segments, key=lambda s: s[0]):
        words = body.split()
        node.first, node.last = pos, pos + len(words) - 1
        if [t.form for t in tokens[pos : pos + len(words)]] != words:
            raise ValueError(f"{name}: rs4 segment {node.id} does not match the tokens at {pos}")
        pos += len(words)
    if pos != len(tokens):
        raise ValueError(f"{name}: rs4 segments cover {pos} of {len(tokens)} tokens")
    for node in nodes.values():
        if node.parent:
            nodes[node.parent].children.append(node)
    signals = []
    for attrs in re.findall(r"<signal ([^>]*?)/>", text):
        a = dict(ATTR.findall(attrs))
        toks = [int(t) - 1 for t in a.get("tokens", "").split(",") if t]
        signals.append((a["source"], a["type"], a["subtype"], toks))
    return Rst(nodes, multinuc, signals)


# ---------------------------------------------------------------------------------------------
# Speakers


def clean_identity(identity: str) -> str:
    name = urllib.parse.unquote(identity).replace("_", " ")
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip()


def strip_honorifics(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return words


def name_word(t: Token) -> bool:
    return t.upos == "PROPN" or (t.upos in ("ADJ", "NOUN", "NUM") and t.form[:1].isupper())


def name_run(doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
    """The proper name around token i, within tokens lo..hi: the neighbouring proper nouns
    (capitalised words, inner `.` and `-`) that the syntax joins to it, by a head link or as flat
    siblings (`CEO of the Refugee Council Enver Solomon` gives `Enver Solomon`)."""
    toks = doc.tokens

    def part(k: int) -> bool:
        return toks[k].sent == toks[i].sent and (name_word(toks[k]) or toks[k].form in ("-", "."))

    a, b = i, i
    while a > lo and part(a - 1):
        a -= 1
    while b < hi and part(b + 1):
        b += 1
    keep = {i}
    grown = True
    while grown:
        grown = False
        for j in range(a, b + 1):
            if j not in keep and any(
                toks[j].head == k
                or toks[k].head == j
                or (toks[j].head == toks[k].head and toks[j].deprel == toks[k].deprel == "flat")
                for k in keep
            ):
                keep.add(j)
                grown = True
    a, b = i, i
    while a - 1 in keep:
        a -= 1
    while b + 1 in keep:
        b += 1
    return a, b


def person_name(doc: Doc, a: int, b: int) -> str:
    while a < b and doc.tokens[a].upos != "PROPN":  # `Biologist Nick Bos`
        a += 1
    return " ".join(strip_honorifics(join_tokens(doc.tokens[a : b + 1]).split()))


def proper_name(doc: Doc, ent: Entity) -> str | None:
    """The entity's best proper name: the name run ending each mention (a whole mention, or two
    or more words ending a longer one); the one with the most proper nouns, then the longest, then
    the first; a person's without honorifics."""
    best: tuple[tuple[int, int], int, int] | None = None
    for a, b in sorted(ent.mentions):
        if doc.tokens[a].upos == "DET" and a < b:
            a += 1
        if doc.tokens[b].upos != "PROPN":
            continue
        start, _ = name_run(doc, b, a, b)
        if ent.etype == "person":
            while doc.tokens[start].upos != "PROPN":
                start += 1
        if (
            start == b
            and a != b
            and not (
                doc.tokens[b].deprel in ("appos", "flat", "compound")
                or doc.tokens[b].head not in range(a, b + 1)
            )
        ):
            continue  # one proper noun in a phrase ending a longer mention (`posts from Friday`)
        score = (sum(t.upos == "PROPN" for t in doc.tokens[start : b + 1]), b - start)
        if best is None or score > best[0]:
            best = (score, start, b)
    if best is None:
        return None
    if ent.etype == "person":
        return person_name(doc, best[1], best[2])
    return join_tokens(doc.tokens[best[1] : best[2] + 1])


def join_tokens(toks: list[Token]) -> str:
    """Tokens as the text spells them (before the text itself exists)."""
    return "".join(t.form + (" " if t.space_after else "") for t in toks).strip()


def mention_text(doc: Doc, first: int, last: int) -> str:
    return doc.text[doc.tokens[first].start : doc.tokens[last].end]


def resolve(doc: Doc, ent: Entity | None, fallback: str, pronoun: bool = False) -> str | None:
    """A speaker name: the Wikipedia identity, else the longest proper name, else the mention
    (for a pronoun, the entity's first other mention; None if it has none); no leading
    determiner."""
    name = None
    if ent is not None and ent.identity:
        name = clean_identity(ent.identity)
    elif ent is not None:
        name = proper_name(doc, ent)
    if not name and pronoun:
        others = (
            [m for m in sorted(ent.mentions) if not is_pronoun(doc, *m) and m[1] - m[0] < 6] if ent else []
        )
        name = join_tokens(doc.tokens[others[0][0] : others[0][1] + 1]) if others else None
    elif not name:
        name = fallback
    for det in DETERMINERS:
        if name and name.lower().startswith(det):
            return name[len(det) :]
    return name


def is_pronoun(doc: Doc, first: int, last: int) -> bool:
    toks = doc.tokens[first : last + 1]
    return all(t.upos == "PRON" or t.form.lower() in PRONOUNS for t in toks)


def aliases(doc: Doc, ent: Entity | None, speaker: str | None) -> list[str]:
    out: list[str] = []
    if ent is not None:
        for a, b in sorted(ent.mentions):
            text = mention_text(doc, a, b)
            if not is_pronoun(doc, a, b) and "\n" not in text and text not in out:
                out.append(text)
    if speaker and ent is not None and ent.etype == "person" and " " in speaker:
        last = speaker.split()[-1]
        if last not in out:
            out.append(last)
    return out


def turn_speaker(doc: Doc, coref: Coref, turn: Element) -> str:
    """A display name for an <sp who="#Id">: the name as the text writes it, else the person
    coref links to a mention of that name, else the id split at its capitals."""
    who = WHO_FIXES.get((doc.name, who_id(turn)), who_id(turn))
    if who in ("Wikinews", "Wikinew"):
        return "Wikinews"
    key = who.lower()
    toks = doc.tokens
    for i in range(len(toks)):
        joined = ""
        for j in range(i, min(i + 5, len(toks))):
            if toks[j].upos != "PROPN" and toks[j].form != ".":
                break
            joined += alnum(toks[j].form)
            if joined == key and j > i:
                return join_tokens(toks[i : j + 1])
            if not key.startswith(joined):
                break
    names = []  # proper names holding the id (`Simon` in `Simon Li`)
    for i, tok in enumerate(toks):
        if tok.form == who and tok.upos == "PROPN":
            a, b = name_run(doc, i, 0, len(toks) - 1)
            names.append((a - b, a, person_name(doc, a, b)))
    if names:
        return min(names)[2]
    return camel_name(who)


# GUM's <sp who> ids that do not name the person the document is about.
WHO_FIXES = {("GUM_interview_herrick", "JackHarris"): "JackHerrick"}


# ---------------------------------------------------------------------------------------------
# Quotes


def speech_lexicon() -> set[str]:
    lemmas = set()
    for line in SPEECH_VERBS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lemmas.add(line.split("|")[0].strip())
    return lemmas


def trim(doc: Doc, start: int, end: int, direct: bool) -> tuple[int, int]:
    """Offsets without enclosing quote marks (one at each end), surrounding whitespace, or one
    trailing comma or period (also `;` and `:`); `?`, `!` and an ellipsis stay. In an indirect
    piece a quote mark at an end is dropped only when it has no partner inside the piece."""
    text = doc.text
    strip_marks = direct or sum(text.count(m, start, end) for m in '"“”«»„') % 2 == 1
    opened = closed = stopped = False
    while True:
        before = (start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if strip_marks and not opened and start < end and text[start] in QUOTE_MARKS:
            start += 2 if text.startswith("``", start) else 1
            opened = True
        if strip_marks and not closed and end > start and text[end - 1] in QUOTE_MARKS:
            end -= 2 if text.endswith("''", start, end) else 1
            closed = True
        if not stopped and end > start and text[end - 1] in ",.;:" and not text[start:end].endswith("..."):
            end -= 1
            stopped = True
        if (start, end) == before:
            return start, end


@dataclass
class Analysis:
    """Everything the gold needs from one document."""

    doc: Doc
    coref: Coref
    rst: Rst
    block_of: dict[int, int] = field(default_factory=dict)
    quoted: set[int] = field(default_factory=set)  # tokens inside a quotation
    quote_spans: list[tuple[int, int, str]] = field(default_factory=list)  # first, last, how found
    stats: Counter = field(default_factory=Counter)

    def __post_init__(self):
        for n, block in enumerate(self.doc.blocks):
            for i in block.tokens:
                self.block_of[i] = n
        spans = {(el.start, el.end - 1): el.name for el in self.doc.elements if el.name in QUOTE_TAGS}
        # GUM marks many quotations only with their quote marks: pair them within a paragraph
        # (a straight `"` closes an open double mark, else opens one; its PTB tag is not reliable);
        # an opening mark left open runs to the paragraph's end.
        for block in self.doc.blocks:
            opened: list[tuple[int, bool]] = []  # token, double mark
            for i in block.tokens:
                tok = self.doc.tokens[i]
                if tok.upos != "PUNCT":
                    continue
                double = tok.form in ('"', "“", "”", "``", "''", "„", "«", "»")
                if tok.form == '"':
                    closing = bool(opened) and opened[-1][1]
                elif double:
                    closing = tok.form in ("”", "''", "»")
                elif tok.form in ("'", "‘", "’", "`"):
                    if tok.xpos not in ("``", "''"):
                        continue
                    closing = tok.xpos == "''"
                else:
                    continue
                if not closing:
                    opened.append((i, double))
                elif opened:
                    spans.setdefault((opened.pop()[0], i), "marks")
            for i, _double in opened:
                spans.setdefault((i, block.tokens[-1]), "marks")
        for (a, b), how in sorted(spans.items()):
            self.quote_spans.append((a, b, how))
            self.quoted.update(range(a, b + 1))

    def pieces(self, tokens: set[int]) -> list[list[int]]:
        """Contiguous runs of tokens, split at paragraph ends."""
        runs: list[list[int]] = []
        for i in sorted(tokens):
            if runs and runs[-1][-1] == i - 1 and self.block_of[i] == self.block_of[i - 1]:
                runs[-1].append(i)
            else:
                runs.append([i])
        return runs

    def turn_of(self, i: int) -> Element | None:
        return self.doc.blocks[self.block_of[i]].turn


def quote_item(doc: Doc, first: int, last: int, **extra) -> dict | None:
    start, end = trim(doc, *doc.span(first, last), direct=extra.get("kind") != "indirect")
    if end <= start:
        return None
    item = {"text": doc.text[start:end], "start": start, "end": end}
    item.update(extra)
    return item


def attribution_verb(an: Analysis, sat: Node, lexicon: set[str]) -> str | None:
    toks = an.doc.tokens
    span = sorted(an.rst.tokens(sat))
    inside = set(span)
    for i in span:
        if toks[i].lemma.lower() == "accord" and i + 1 < len(toks) and toks[i + 1].form.lower() == "to":
            return "according to"
    signalled = [
        i
        for source, _type, subtype, ids in an.rst.signals
        if source == sat.id and subtype in ("indicative_word", "indicative_phrase")
        for i in ids
    ]
    verbs = [i for i in span if toks[i].upos == "VERB"]
    for group in (
        [i for i in signalled if i in verbs],
        [i for i in verbs if toks[i].head not in inside],
        verbs,
    ):
        if group:
            i = group[0]
            lemma = toks[i].lemma.lower()
            if i + 1 < len(toks) and f"{lemma} {toks[i + 1].lemma.lower()}" in lexicon:
                return f"{lemma} {toks[i + 1].lemma.lower()}"
            return lemma
    return None


def speaking(verb: str | None, ent: Entity | None, lexicon: set[str]) -> bool:
    if verb is None:
        return False
    if verb == "according to":
        return True
    if verb == "suggest":  # `the data suggest` reports evidence, `the minister suggested` speech
        return ent is not None and ent.etype in PERSONAL_TYPES
    return verb in lexicon and verb not in COGNITIVE


def source_of(an: Analysis, sat: Node) -> list[int] | None:
    """The first contiguous run of the satellite's attribution_source signal tokens."""
    for source, _type, subtype, ids in an.rst.signals:
        if source == sat.id and subtype == "attribution_source" and ids:
            ids = sorted(ids)
            run = [ids[0]]
            for i in ids[1:]:
                if i != run[-1] + 1:
                    break
                run.append(i)
            return run
    return None


@dataclass
class Attribution:
    sat: Node
    sat_tokens: set[int]
    content: set[int]
    speaker: str | None = None
    mention: str | None = None
    entity: Entity | None = None
    source: list[int] | None = None
    verb: str | None = None
    required: bool = False
    depth: int = 0  # how many other attributions' contents hold this one's satellite


def find_attributions(an: Analysis, lexicon: set[str]) -> list[Attribution]:
    """Every attribution-positive/-negative satellite S with the span it attributes: the tokens
    under its nucleus P minus the subtrees of P's satellites (S among them)."""
    doc, rst = an.doc, an.rst
    found: list[Attribution] = []
    for sat in sorted(rst.nodes.values(), key=lambda n: int(n.id)):
        if not sat.relname.startswith("attribution"):
            continue
        an.stats["attributions"] += 1
        target = rst.nodes[sat.parent]
        if any(n.relname.startswith("attribution") for n in [target, *rst.ancestors(target)]):
            # `According to A, quoting B, X`: B's attribution of `quoting B` lies inside A's source
            an.stats["attributions whose span lies inside another source (skipped)"] += 1
            continue
        content = rst.tokens(target)
        for child in target.children:
            if rst.satellite(child):
                content -= rst.tokens(child)
        att = Attribution(sat, rst.tokens(sat), content)
        att.source = source_of(an, sat)
        if att.source:
            first, last = att.source[0], att.source[-1]
            att.entity = an.coref.entity_for(first, last)
            att.mention = mention_text(doc, first, last)
            att.speaker = resolve(doc, att.entity, att.mention, is_pronoun(doc, first, last))
            turn = an.turn_of(first)
            if turn is not None and att.mention.lower() in FIRST_PERSON:
                att.speaker = turn_speaker(doc, an.coref, turn)
        else:
            an.stats["attributions without a source signal"] += 1
        att.verb = attribution_verb(an, sat, lexicon)
        words = [i for i in att.sat_tokens if doc.tokens[i].word]
        att.required = (
            att.speaker is not None
            and speaking(att.verb, att.entity, lexicon)
            and sat.relname == "attribution-positive"
            and not all(i in an.quoted for i in words)  # `"... he told me X ...," Kim said`
        )
        found.append(att)
    for att in found:
        att.depth = sum(1 for other in found if other is not att and att.sat_tokens <= other.content)
    return found


def quote_runs(an: Analysis, first: int, last: int) -> list[tuple[int, int]]:
    """Outermost quotations that start within tokens first..last (the last may run past it),
    adjacent ones merged."""
    runs: list[tuple[int, int]] = []
    for a, b, _how in an.quote_spans:
        if not first <= a <= last or (runs and b <= runs[-1][1]):
            continue
        if runs and a <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def quoted_kind(an: Analysis, first: int) -> str:
    """`direct` for a quotation that is a sentence of its own (it starts with a capital, or after
    a comma, a colon or the sentence start), else `partial` (a quoted fragment)."""
    toks = an.doc.tokens
    word = next(i for i in range(first, len(toks)) if toks[i].word)
    before = next((i for i in range(first - 1, -1, -1) if toks[i].form not in QUOTE_MARKS), None)
    if toks[word].form[:1].isupper() or before is None or toks[before].sent != toks[word].sent:
        return "direct"
    return "direct" if toks[before].form in (",", ":") else "partial"


def piece_quotes(an: Analysis, att: Attribution, piece: list[int]) -> list[dict]:
    """Gold quotes for one contiguous piece of an attributed span."""
    doc, toks = an.doc, an.doc.tokens
    common = {
        "speaker": att.speaker,
        "aliases": aliases(doc, att.entity, att.speaker) if att.speaker else [],
        "mention": att.mention,
    }
    if att.source:
        common["mention_start"] = toks[att.source[0]].start
        common["mention_end"] = toks[att.source[-1]].end
    common["verb"] = att.verb
    common["origin"] = "rst attribution"
    out: list[dict] = []

    def words(a: int, b: int) -> int:
        return sum(toks[i].word for i in range(a, b + 1))

    def add(a: int, b: int, kind: str, required: bool) -> None:
        item = quote_item(doc, a, b, kind=kind, **common, required=required and kind != "partial")
        if item:
            out.append(item)

    def opener(i: int) -> bool:  # punctuation (not a quote mark) or `that` before the clause
        tok = toks[i]
        return (not tok.word and tok.form not in QUOTE_MARKS) or (
            tok.lemma.lower() == "that" and tok.upos == "SCONJ"
        )

    first, last = piece[0], piece[-1]
    that = False
    while first < last and opener(first):
        that = that or toks[first].word
        first += 1  # the clause after `that`
    text_words = [i for i in range(first, last + 1) if toks[i].word]
    if all(i in an.quoted for i in text_words):
        # the whole quotation the piece lies in (`"I think X," said Kim`: RST gives Kim only X)
        around = [(b - a, a, b) for a, b, _ in an.quote_spans if a <= text_words[0] and text_words[-1] <= b]
        if around:
            _size, first, last = min(around)
        add(first, last, quoted_kind(an, first), att.required)
        return out
    runs = quote_runs(an, first, last)
    if runs and runs[0][0] == first and runs[0][1] < last and toks[runs[0][1] + 1].form == ",":
        # `"Ozone harms plants", highlighting ...`: the quotation opens the piece
        a, b = runs.pop(0)
        if words(a, b) >= 2:
            add(a, b, quoted_kind(an, a), att.required)
        first = b + 2
        while first < last and opener(first):
            first += 1
    if runs and runs[-1][0] > first and all(not toks[i].word for i in range(runs[-1][1] + 1, last + 1)):
        # (a quotation may run on past the attributed span: it is taken whole)
        a, b = runs[-1]
        if toks[a - 1].form in (",", ":") or toks[a - 1].sent != toks[a].sent:
            # `X said the plan was ready, "We will start tomorrow."`: a quotation closes the piece
            runs.pop()
            if words(a, b) >= 2:
                add(a, b, quoted_kind(an, a), att.required)
            last = a - 1
    if words(first, last) >= 2:
        # reported speech without `that` (`Kim said the talks went well`) is optional, as in the
        # wire set's conventions
        add(first, last, "indirect", att.required and (that or att.verb == "according to"))
    for a, b in runs:
        if a >= first and b <= last and words(a, b):
            add(a, b, "partial", False)
    return out


def attribution_quotes(an: Analysis, lexicon: set[str]) -> tuple[list[dict], set[int]]:
    """Gold quotes from the RST attributions, and every token some attribution covers."""
    doc = an.doc
    atts = find_attributions(an, lexicon)
    by_span: dict[tuple[int, int], tuple[int, dict]] = {}
    covered: set[int] = set()
    for att in atts:
        covered |= att.content
        framing: set[int] = set()  # `Key said he believes X`: `he believes` is not what Key said
        for other in atts:
            if other is not att and other.sat_tokens <= att.content:
                if not all(i in an.quoted for i in other.sat_tokens if doc.tokens[i].word):
                    framing |= other.sat_tokens
        for piece in an.pieces(att.content - framing):
            if sum(doc.tokens[i].word for i in piece) < 2:
                an.stats["pieces under 2 words (dropped)"] += 1
                continue
            for item in piece_quotes(an, att, piece):
                key = (item["start"], item["end"])
                if key in by_span:
                    depth, kept = by_span[key]
                    other = item
                    if (att.depth > depth and item["speaker"]) or kept["speaker"] is None:
                        # the nearer source said it: `A reported B said X`
                        kept, other = item, kept
                        by_span[key] = (att.depth, kept)
                    if other["required"] and not kept["required"] and kept["speaker"]:
                        kept["required"], kept["verb"] = True, other["verb"]
                    an.stats["quotes given by two attributions (merged)"] += 1
                else:
                    by_span[key] = (att.depth, item)
    quotes = [item for _depth, item in by_span.values()]
    return quotes, covered


def other_quotes(
    an: Analysis, covered: set[int], taken: set[tuple[int, int]]
) -> tuple[list[dict], list[dict]]:
    """Quotations no attribution covers: 5+ words are optional direct quotes with no speaker,
    shorter ones (terms, titles, scare quotes) are listed as not quotes."""
    doc = an.doc
    quotes: list[dict] = []
    not_quotes: list[dict] = []
    outer = [
        (a, b, how)
        for a, b, how in an.quote_spans
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _ in an.quote_spans)
    ]
    for a, b, how in outer:
        words = [i for i in range(a, b + 1) if doc.tokens[i].word]
        if not words or all(i in covered for i in words):
            continue
        if len(words) >= 5:
            item = quote_item(doc, a, b, kind="direct", speaker=None, required=False, origin="quotation")
            if item and (item["start"], item["end"]) not in taken:
                quotes.append(item)
            continue
        start, end = trim(doc, *doc.span(a, b), direct=True)
        what = "a term, title or scare quote (GUM <q>)" if how == "q" else "a short quoted fragment"
        why = f"{what} of {len(words)} word{'s' * (len(words) > 1)} with no attribution in GUM's RST"
        not_quotes.append({"text": doc.text[start:end], "start": start, "end": end, "why": why})
    return quotes, not_quotes


def turn_quotes(an: Analysis) -> list[dict]:
    """Every paragraph of an interview turn is a direct quote of its speaker (optional for the
    interviewer's questions)."""
    doc = an.doc
    quotes = []
    for block in doc.blocks:
        if block.turn is None or block.kind in ("caption", "head"):
            continue
        name = turn_speaker(doc, an.coref, block.turn)
        extra: dict = {"speaker": name, "aliases": [name.split()[-1]] if " " in name else []}
        if block.label:
            extra.update(
                mention=name, mention_start=block.label_start, mention_end=block.label_start + len(name)
            )
        else:
            extra["mention"] = None
        interviewer = who_id(block.turn) in INTERVIEWERS
        start, end = trim(doc, doc.tokens[block.tokens[0]].start, block.end, direct=False)
        if sum(doc.tokens[i].word for i in block.tokens) == 0 or end <= start:
            continue
        quotes.append(
            {
                "text": doc.text[start:end],
                "start": start,
                "end": end,
                "kind": "direct",
                **extra,
                "required": not interviewer,
                "origin": "interview turn",
            }
        )
        an.stats["interviewer paragraphs" if interviewer else "interviewee paragraphs"] += 1
    return quotes


# ---------------------------------------------------------------------------------------------
# Dates


def nearest_year(month: int, day: int, anchor: date) -> int:
    """The year that puts month/day nearest the anchor date."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append((abs((date(year, month, min(day, 28)) - anchor).days), year))
        except ValueError:
            continue
    return min(options)[1]


def iso(value: str, anchor: date) -> str | None:
    """A GUM date attribute as ISO 8601 (day, month or year); a yearless `--MM(-DD)` takes the
    year nearest the article date, a time of day is dropped."""
    value = value.split("T")[0]
    if re.fullmatch(r"-\d{4}(-\d\d){0,2}", value):  # `-2009-03-13`: a stray minus in GUM
        value = value[1:]
    m = re.fullmatch(r"--(\d\d)(?:-(\d\d))?", value)
    if m:
        year = nearest_year(int(m.group(1)), int(m.group(2) or 1), anchor)
        value = f"{year}-{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    if re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
        return value
    return None


def widen(start: str, end: str) -> tuple[str, str]:
    """Both ends of a range at the finer of their precisions (`1979` to `2013-10-14` gives
    `1979-01-01/2013-10-14`)."""
    size = max(len(start), len(end))
    if len(start) < size:
        start = (start + "-01-01")[:size]
    if len(end) < size:
        year = int(end[:4])
        month = int(end[5:7]) if len(end) > 4 else 12
        last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
        end = (f"{year:04d}-{month:02d}-{last:02d}")[:size]
    return start, end


def date_value(attrs: dict[str, str], anchor: date) -> tuple[str, str] | str:
    """(value, granularity) for a <date> tag, or the reason it has no usable value."""
    if "when" in attrs:
        value = iso(attrs["when"], anchor)
        if value is None:
            return f"unreadable when={attrs['when']!r}"
        return value, {10: "day", 7: "month", 4: "year"}[len(value)]
    for low, high in (("from", "to"), ("notBefore", "notAfter")):
        if low in attrs or high in attrs:
            if low not in attrs or high not in attrs:
                return f"open-ended ({low} or {high} missing)"
            if attrs[low].startswith("--") and attrs[high].startswith("--") and attrs[low] > attrs[high]:
                return "yearless range across a new year (a season)"
            start, end = iso(attrs[low], anchor), iso(attrs[high], anchor)
            if start is None or end is None:
                return f"unreadable {low}/{high}"
            start, end = widen(start, end)
            if start > end:
                return "range ends before it starts"
            return f"{start}/{end}", "range"
    return "no date attribute"


def date_events(an: Analysis, anchor: date) -> list[dict]:
    doc = an.doc
    out = []
    for el in doc.elements:
        if el.name != "date":
            continue
        value = date_value(el.attrs, anchor)
        raw = " ".join(el.attrs.get(k, "") for k in ("when", "from", "to", "notBefore", "notAfter"))
        if not isinstance(value, str):
            if re.search(r"(^|\s)--\d", raw):
                an.stats["date tags: yearless, given the year nearest the article date"] += 1
            if re.search(r"(^|\s)-\d{4}", raw):
                an.stats["date tags: stray minus before the year dropped"] += 1
            if "T" in raw:
                an.stats["date tags: time of day dropped"] += 1
        if el.end <= el.start:
            value = "no tokens"
        if isinstance(value, str):
            an.stats[f"date tags skipped: {value}"] += 1
            continue
        start, end = doc.span(el.start, el.end - 1)
        evidence = doc.text[start:end]
        item = {"date": value[0], "granularity": value[1], "evidence": evidence, "start": start, "end": end}
        # a bare time of day (`22:30`) is not an event in korjp's conventions
        item["required"] = not re.fullmatch(r"\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?", evidence)
        out.append(item)
        an.stats[f"events: {value[1]}"] += 1
    return out


# ---------------------------------------------------------------------------------------------
# One document


def load(gum: Gum, name: str) -> Analysis:
    tokens, sentences = parse_conllu(gum.read(f"dep/{name}.conllu"))
    meta, elements, stream = parse_xml(gum.read(f"xml/{name}.xml"), tokens, name)
    doc = Doc(name, meta, tokens, elements, sentence_texts=sentences)
    coref = parse_coref(gum.read(f"coref/gum/conll/{name}.conll"), len(tokens), name)
    rst = parse_rs4(gum.read(f"rst/rstweb/{name}.rs4"), tokens, name)
    build_blocks(stream, doc)
    label_turns(doc, coref)
    build_text(doc)
    return Analysis(doc, coref, rst)


def check_sentences(an: Analysis) -> None:
    """Every sentence inside one paragraph must read as the conllu `# text` line."""
    doc = an.doc
    firsts: dict[int, int] = {}
    lasts: dict[int, int] = {}
    for i, tok in enumerate(doc.tokens):
        firsts.setdefault(tok.sent, i)
        lasts[tok.sent] = i
    for sent, first in firsts.items():
        last = lasts[sent]
        an.stats["sentences checked against the conllu # text"] += 1
        if an.block_of[first] != an.block_of[last]:
            an.stats["sentences split across paragraphs"] += 1
        elif mention_text(doc, first, last) != doc.sentence_texts[sent]:
            an.stats["sentences not matching the conllu # text"] += 1


def find_dateline(an: Analysis) -> dict | None:
    """A place line opening the first paragraphs (`Preston, Victoria, Australia On Saturday, ...`):
    GUM tags it as a fragment sentence of proper nouns and commas."""
    doc = an.doc
    sentences = {el.start: el for el in doc.elements if el.name == "s"}
    for block in doc.blocks[1:4]:
        first = block.tokens[0]
        el = sentences.get(first)
        if block.kind != "p" or el is None or el.attrs.get("type") != "frag" or el.end > block.tokens[-1]:
            continue
        toks = doc.tokens[first : el.end]
        if all(t.upos in ("PROPN", "PUNCT") for t in toks) and "," in (t.form for t in toks):
            text = mention_text(doc, first, el.end - 1)
            return {"text": text, "place": text.split(",")[0], "date": None, "source": None}
    return None


def article_gold(an: Analysis, lexicon: set[str]) -> dict:
    doc = an.doc
    anchor = date.fromisoformat(doc.meta["dateCreated"])
    quotes, covered = attribution_quotes(an, lexicon)
    taken = {(q["start"], q["end"]) for q in quotes}
    unattributed, not_quotes = other_quotes(an, covered, taken)
    quotes += unattributed
    if doc.genre == "interview":
        quotes += turn_quotes(an)
    quotes.sort(key=lambda q: (q["start"], q["end"], q["kind"]))
    for q in quotes:
        an.stats[f"quotes: {q['kind']}"] += 1
        an.stats["quotes required" if q["required"] else "quotes optional"] += 1
        an.stats["quotes with speaker null"] += q["speaker"] is None
    an.stats["not_quotes"] += len(not_quotes)
    an.stats["paragraphs"] += len(doc.blocks) + doc.title_added
    an.stats["documents"] += 1
    check_sentences(an)
    title = doc.text.split("\n", 1)[0]
    return {
        "title": title,
        "published": doc.meta["dateCreated"],
        "dateline": find_dateline(an),
        "quotes": quotes,
        "not_quotes": not_quotes,
        "events": date_events(an, anchor),
    }


ABOUT = (
    "Converted by tests/gum/convert_gum.py from GUM (Zeldes 2017, CC BY 4.0): the {n} {split} "
    "documents of GUM's Wikinews news and interview genres (texts CC BY 2.5; see LICENSE.md). "
    "Nobody tunes on the blind set (GUM's dev and test documents). TEXT: rebuilt from GUM's "
    "tokens with the conllu SpaceAfter; one paragraph per <p>, <head>, <item>, <caption>, stanza, "
    "or run of sentences outside them; an interview turn's first paragraph starts with a "
    "'Name: ' label. All 'start'/'end' (and 'mention_start'/'mention_end') are character "
    "offsets into the article. QUOTES from GUM's RST (rst/rstweb rs4): one per satellite S "
    "with relname attribution-positive or attribution-negative. The attributed span is every "
    "token under S's parent P minus the subtrees of P's satellite children (S among them). This "
    "is GUM's rs4 convention, checked on examples (GUM_news_korea, _flag, _warhol, _crane): a "
    "satellite's parent is its nucleus, and a span group is the nucleus of the satellites "
    "attached to it, so the nucleus's own satellites sit in its subtree. Two exceptions found: "
    "an attribution whose P lies inside another attribution satellite ('According to A, quoting "
    "B, X': 'quoting B' is part of A's source) is skipped; and another attribution's satellite "
    "inside the span is framing, not content, and is cut out ('X said he believes Y'). The span "
    "is cut into contiguous pieces per paragraph; pieces under 2 words are dropped; a span given "
    "by two attributions is kept once, with the nearer source as speaker. A piece whose words "
    "are all quoted (GUM <q>/<quote>, or quote marks paired within the paragraph, since many "
    "quotations in GUM carry no tag) is taken as the whole quotation it lies in (RST often "
    "leaves an inner 'I think' out) and is 'direct', or 'partial' when it is a lowercase "
    "fragment inside a sentence. Otherwise the piece is 'indirect' without a leading 'that'; a "
    "quotation that opens it before a comma, or closes it after a comma, colon or sentence end, "
    "is split off as its own direct/partial quote, and every other quotation inside it is an "
    "optional 'partial'. Texts are trimmed of enclosing quote marks, whitespace and one trailing "
    "comma, period, semicolon or colon. SPEAKER: the coref entity of S's attribution_source "
    "signal (first run of its tokens; 'mention' is their text): its Wikipedia identity, else its "
    "longest proper name (honorifics dropped), else the mention without a determiner (for a "
    "pronoun, the entity's first other mention, else null); a first-person source in an "
    "interview turn is the turn's speaker; 'aliases' lists the entity's non-pronoun mentions. "
    "REQUIRED is false when there is no speaker, when the verb ('verb': conllu lemma of the "
    "satellite's signalled or main verb) is not in korjp/data/speech_verbs.txt or is cognitive "
    "(think, believe, hope, know, ..., 'suggest' unless said by a person or organisation), for "
    "attribution-negative, when S itself is inside quoted text, for partial quotes, and for "
    "indirect quotes without 'that' (reported speech without 'that' is optional, as in "
    "tests/data/wire/ANNOTATION.md); 'according to' counts as speech. Quotations covered by no "
    "attribution: 5+ words are optional direct quotes with a null speaker (korjp may attribute "
    "them, and a speaker it finds will count as a speaker mismatch), shorter ones are "
    "not_quotes. INTERVIEWS: every paragraph of a turn is a direct quote of the turn's speaker "
    "(name from the text or the <sp who> id), optional for the interviewer (Wikinews and its "
    "reporters). EVENTS: one per GUM <date>: 'when' (day, month or year), or 'from/to' or "
    "'notBefore/notAfter' as a range (both ends widened to the finer precision); a yearless "
    "--MM(-DD) takes the year nearest the article date; open-ended tags and yearless seasons "
    "across a new year are skipped; a bare time of day is optional. 'origin' says where an item "
    "came from."
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def license_text(docs: list[Analysis], commit: str) -> str:
    lines = [
        "# Sources and licences of the GUM gold set",
        "",
        "## Texts",
        "",
        "The article texts in `corpus/` are from English Wikinews (https://en.wikinews.org),",
        "licensed under the Creative Commons Attribution 2.5 licence",
        "(https://creativecommons.org/licenses/by/2.5/). Authors: Wikinews contributors.",
        "",
    ]
    for an in docs:
        lines.append(f"- `{an.doc.article}`: {an.doc.meta['title']} ({an.doc.meta['dateCreated']}),")
        lines.append(f"  <{an.doc.meta['sourceURL']}>")
    lines += [
        "",
        "## Annotations",
        "",
        "Tokenisation, paragraphs, quotation and date markup, discourse (RST) attributions and",
        "coreference come from the GUM corpus by Amir Zeldes and contributors, licensed under",
        "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/):",
        "",
        '> Zeldes, Amir (2017). "The GUM Corpus: Creating Multilayer Resources in the Classroom".',
        "> Language Resources and Evaluation 51(3), 581-612.",
        "",
        f"Read from https://github.com/amir-zeldes/gum at commit {commit}.",
        "",
        "## What the converter changed",
        "",
        "- The text is rebuilt from GUM's tokens and spacing, not copied from Wikinews: formatting,",
        "  links, images and anything GUM left out are gone, and the paragraph breaks are GUM's.",
        "- Interview turns start with a `Name: ` speaker label that is not a GUM token (the name is",
        "  taken from the text or from GUM's `<sp who>` id).",
        "- A document without a `<head>` gets its GUM `title` as the first line.",
        "- The gold files are derived from GUM's annotations by rules (see their `about` string);",
        "  quote texts are trimmed of enclosing quote marks and a trailing comma or period, and",
        "  speaker names are normalised (Wikipedia identity, proper names without honorifics).",
        "- The rebuilt texts stay under Wikinews' CC BY 2.5 and the gold files, derived from GUM's",
        "  annotations, under GUM's CC BY 4.0, with the attributions above.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gum", required=True, type=Path, help="GUM: a bare git mirror or a checkout")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "gum", help="output folder")
    args = parser.parse_args(argv)
    gum = Gum(args.gum)
    lexicon = speech_lexicon()
    names = gum.documents()
    missing = set(BLIND) - set(names)
    if missing:
        sys.exit(f"GUM has no {sorted(missing)}")
    done: list[Analysis] = []
    gold: dict[str, dict] = {"tune": {}, "blind": {}}
    for name in names:
        an = load(gum, name)
        split = "blind" if name in BLIND else "tune"
        gold[split][an.doc.article] = article_gold(an, lexicon)
        write(args.out / "corpus" / an.doc.article, an.doc.text)
        done.append(an)
    catalog = []
    for an in done:
        catalog += [
            f"[articles.{toml_string(an.doc.article)}]",
            f"published = {toml_string(an.doc.meta['dateCreated'])}",
            'source = "Wikinews"',
            f"url = {toml_string(an.doc.meta['sourceURL'])}",
            "",
        ]
    write(args.out / "corpus" / "corpus.toml", "\n".join(catalog))
    for split, articles in gold.items():
        data = {
            "about": ABOUT.format(n=len(articles), split=split),
            "speakers": [],
            "articles": dict(sorted(articles.items())),
        }
        write(args.out / f"gold_{split}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    write(args.out / "LICENSE.md", license_text(done, gum.commit()))
    for split in ("tune", "blind"):
        total = Counter()
        for an in done:
            if (an.doc.name in BLIND) == (split == "blind"):
                total.update(an.stats)
        print(f"== {split}")
        for key, value in sorted(total.items()):
            print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
