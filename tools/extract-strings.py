#!/usr/bin/env python3
"""Extract the UI strings of CanadaKoreaMatch.Web and check the translation files.

The web app localizes with a JSON localizer keyed by the English text
(src/CanadaKoreaMatch.Web/Common/Localization/JsonStringLocalizer.cs), so the keys
are the string literals passed to a localizer:

  * T["..."] / t["..."] and any other identifier declared as an IStringLocalizer
    (`@inject IStringLocalizer<SharedResource> T` in _ViewImports.cshtml, page-model
    constructor parameters such as `IStringLocalizer<SharedResource> t`, fields),
    including Razor `@T["..."]` and calls with format arguments `T["Page {0} of {1}", a, b]`;
  * literals assigned to TempData["Flash"], which _Layout.cshtml shows through T[flash];
  * the role names (Domain/Roles.cs), which pages show through T[role];
  * refusal templates, which pages show in their language (docs/decisions/016): the literal template of
    .WithMessage("...") and .WithRefusal("...", ...) in validators, new Refusal("...", ...),
    new ConflictException("...", ...) and InputException.For(field, "...", ...). When the template is
    an expression (a ternary, a switch), the literals it may evaluate to are taken. An interpolated
    template ($"...") cannot be translated: --check fails on it; use {0} and pass the value as an argument.

Usage:
  python3 tools/extract-strings.py            # print the sorted unique keys as a JSON array
  python3 tools/extract-strings.py --check    # exit 1 if a key is missing from strings.fr.json
                                              # or strings.ko.json (or a translation drops a
                                              # {0} placeholder, or is empty)
  python3 tools/extract-strings.py --missing fr   # print a JSON object of the keys missing from
                                              # strings.fr.json, each mapped to "", for a translator
  add --verbose to list where each key comes from and every non-literal localizer call.

Keys are sorted by ordinal (code point) order, the same as `json.dumps(sort_keys=True)` and `jq -S`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "CanadaKoreaMatch.Web"
RESOURCES = WEB / "Resources"
LANGUAGES = ("fr", "ko")
SKIP_DIRS = {"bin", "obj", "node_modules", "wwwroot"}

# Localizer names that are always recognised, whatever the declarations say.
DEFAULT_LOCALIZERS = {"T", "t"}
# TempData entries whose string values are shown through the localizer.
FLASH_KEYS = {"Flash"}
# Keys built at run time as "prefix." + value (e.g. T["status." + m.Status]). Each prefix maps to
# the C# enum whose member names complete it (looked up anywhere under src/), or to an explicit
# list of members. A prefix not listed here is reported by --check; add it when you add one.
# A (enum, [members to leave out]) pair skips members that deliberately have no key.
KEY_FAMILIES: dict[str, str | list[str] | tuple[str, list[str]]] = {
    "status.": "MatchStatus",
    "outcome.": "MatchOutcome",
    "sort.": "MatchSort",
    # Pages/Matches/Details.cshtml: buttons for the next statuses a trade official may choose.
    "action.": ["UnderReview", "Approved", "Meeting"],
    # Forums (Pages/Forums): a forum's status, the statuses an organiser may move it to, runs, requests, priorities.
    "forum.": "ForumStatus",
    "forum.to.": ["Draft", "Open", "Scheduling", "Closed"],
    "run.": "ScheduleRunStatus",
    "request.": ("MeetingRequestStatus", []),
    "priority.": "MeetingPriority",
    # Follow-ups (Pages/Forums/FollowUps.cshtml, Pages/Notifications): their kinds and statuses.
    "followup.": "FollowUpKind",
    "followup.status.": "FollowUpStatus",
    # Pages/Feedback: whether a forum meeting took place.
    "attendance.": "MeetingAttendance",
    # Pages/Companies/Suggestions.cshtml: why a representative is not interested in a suggested firm.
    "notinterested.": "NotInterestedReason",
}
# Calls whose argument at the given index is a refusal template (an English key with {0}-style placeholders).
REFUSAL_CALLS = [
    (re.compile(r"\.WithMessage\s*\(\s*"), 0),
    (re.compile(r"\.WithRefusal\s*\(\s*"), 0),
    (re.compile(r"\bnew\s+Refusal\s*\(\s*"), 0),
    (re.compile(r"\bnew\s+ConflictException\s*\(\s*"), 0),
    (re.compile(r"\bInputException\s*\.\s*For\s*\(\s*"), 1),
]
CHAR_LITERAL = re.compile(r"'(?:\\.|[^'\\\n])+'")
# Fallback if Domain/Roles.cs cannot be read.
DEFAULT_ROLES = ("CompanyRepresentative", "TradeOfficial", "ForumOrganiser", "Administrator")

# A C# string literal: regular "...", verbatim @"..." (or $@ / @$ interpolated variants).
# Verbatim first, so that @"..." is not read as a regular literal.
LITERAL = re.compile(
    r'(?P<vprefix>\$@|@\$|@)"(?P<vbody>(?:""|[^"])*)"'
    r'|(?P<prefix>\$)?"(?P<body>(?:\\.|[^"\\\n])*)"'
)
RAZOR_COMMENT = re.compile(r"@\*.*?\*@", re.S)
LOCALIZER_DECL = re.compile(r"\bIStringLocalizer(?:\s*<[^<>;(){}]*(?:<[^<>]*>)?[^<>;(){}]*>)?\s+@?(?P<name>[A-Za-z_]\w*)")
FLASH_ASSIGN = re.compile(r'\bTempData\s*\[\s*"(?P<key>[^"]+)"\s*\]\s*=(?!=)')
ENUM_DECL = re.compile(r"\benum\s+(?P<name>\w+)\s*(?::\s*\w+\s*)?\{(?P<body>[^}]*)\}")
ROLE_CONST = re.compile(r'\bconst\s+string\s+(?P<name>\w+)\s*=\s*(?:nameof\(\s*(?P<nameof>\w+)\s*\)|"(?P<lit>[^"]*)")')

SIMPLE_ESCAPES = {"'": "'", '"': '"', "\\": "\\", "0": "\0", "a": "\a", "b": "\b",
                  "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{1,4}|.)", re.S)


def unescape_regular(body: str) -> str:
    def repl(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "uUx" and len(e) > 1:
            return chr(int(e[1:], 16))
        return SIMPLE_ESCAPES.get(e, e)

    return ESCAPE.sub(repl, body)


def decode(m: re.Match) -> tuple[str | None, str]:
    """Return (value, source text); value is None for interpolated strings."""
    if m.group("vbody") is not None:
        prefix, value = m.group("vprefix"), m.group("vbody").replace('""', '"')
    else:
        prefix, value = m.group("prefix") or "", unescape_regular(m.group("body"))
    return (None if "$" in (prefix or "") else value), m.group(0)


def source_files() -> list[Path]:
    files = []
    for pattern in ("*.cshtml", "*.cs"):
        for path in WEB.rglob(pattern):
            if not SKIP_DIRS.intersection(path.relative_to(WEB).parts[:-1]):
                files.append(path)
    return sorted(files)


def read(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".cshtml":
        # Blank out Razor comments but keep the line numbers.
        text = RAZOR_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def skip_expression(text: str, start: int) -> int:
    """Index of the `;` (or end of a Razor code block) ending the expression at start."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        m = LITERAL.match(text, i) if c in '"@$' else None
        if m:
            i = m.end()
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif c == ";" and depth == 0:
            return i
        i += 1
    return i


def call_arguments(text: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) spans of the top-level arguments of the call whose "(" ends just before start."""
    spans, depth, i, begin = [], 0, start, start
    while i < len(text):
        c = text[i]
        m = LITERAL.match(text, i) if c in '"@$' else CHAR_LITERAL.match(text, i) if c == "'" else None
        if m:
            i = m.end()
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                spans.append((begin, i))
                return [s for s in spans if text[s[0]:s[1]].strip()]
            depth -= 1
        elif c == "," and depth == 0:
            spans.append((begin, i))
            begin = i + 1
        i += 1
    return spans


def result_literals(text: str, start: int, end: int) -> list[re.Match]:
    """The string literals an expression may evaluate to: those outside any call's parentheses or an indexer
    (the branches of a ternary or a switch expression), not the arguments of a call inside it."""
    found, stack, i = [], [], start
    while i < end:
        c = text[i]
        m = LITERAL.match(text, i, end) if c in '"@$' else CHAR_LITERAL.match(text, i, end) if c == "'" else None
        if m:
            if all(b == "{" for b in stack):
                found.append(m)
            i = m.end()
            continue
        if c in "([{":
            stack.append(c)
        elif c in ")]}" and stack:
            stack.pop()
        i += 1
    return found


def refusal_templates(rel: str, text: str, keys: dict[str, list[str]], notes: list[str]) -> None:
    for pattern, index in REFUSAL_CALLS:
        for m in pattern.finditer(text):
            where = f"{rel}:{line_of(text, m.start())}"
            spans = call_arguments(text, m.end())
            if len(spans) <= index:
                continue
            start, end = spans[index]
            expression = text[start:end].strip()
            whole = LITERAL.fullmatch(expression)
            for lit in ([whole] if whole else result_literals(text, start, end)):
                value, source = decode(lit)
                if value is None:
                    notes.append(f"{where}: UNTRANSLATABLE interpolated refusal template {source}: use {{0}} and pass the value as an argument")
                    untranslatable.append(where)
                else:
                    keys[value].append(where)


def roles() -> list[str]:
    path = WEB / "Domain" / "Roles.cs"
    found = []
    if path.exists():
        for m in ROLE_CONST.finditer(path.read_text(encoding="utf-8-sig")):
            found.append(m.group("lit") if m.group("lit") is not None else m.group("nameof"))
    return sorted(set(found) | set(DEFAULT_ROLES))


def enum_members() -> dict[str, list[str]]:
    enums: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src").rglob("*.cs")):
        if SKIP_DIRS.intersection(path.relative_to(ROOT).parts[:-1]):
            continue
        for m in ENUM_DECL.finditer(path.read_text(encoding="utf-8-sig")):
            body = re.sub(r"//[^\n]*|/\*.*?\*/|\[[^\]]*\]", "", m.group("body"), flags=re.S)
            members = [part.split("=")[0].strip() for part in body.split(",")]
            enums.setdefault(m.group("name"), [x for x in members if re.fullmatch(r"@?\w+", x)])
    return enums


def family_keys(prefix: str, enums: dict[str, list[str]]) -> list[str] | None:
    spec = KEY_FAMILIES.get(prefix)
    if spec is None:
        return None
    if isinstance(spec, list):
        members = spec
    else:
        name, skip = spec if isinstance(spec, tuple) else (spec, [])
        members = [x for x in enums.get(name, []) if x.lstrip("@") not in skip] if name in enums else None
    if members is not None:
        family_members.update(prefix + x.lstrip("@") for x in members)
    return None if members is None else [prefix + x.lstrip("@") for x in members]


unresolved: list[str] = []
untranslatable: list[str] = []
family_members: set[str] = set()


def extract(verbose: bool = False) -> tuple[dict[str, list[str]], list[str]]:
    """Map each key to its source locations; also return notes on non-literal localizer calls."""
    files = source_files()
    texts = {path: read(path) for path in files}

    # Names injected in _ViewImports.cshtml apply to every view below it; keep it simple and
    # treat them as global (they are conventionally T).
    global_names = set(DEFAULT_LOCALIZERS)
    for path, text in texts.items():
        if path.name == "_ViewImports.cshtml":
            global_names.update(m.group("name") for m in LOCALIZER_DECL.finditer(text))

    keys: dict[str, list[str]] = defaultdict(list)
    families: dict[str, list[str]] = defaultdict(list)
    notes: list[str] = []

    for path, text in texts.items():
        rel = path.relative_to(ROOT).as_posix()
        names = global_names | {m.group("name") for m in LOCALIZER_DECL.finditer(text)}
        call = re.compile(r"(?<![\w.$])(?:" + "|".join(sorted(map(re.escape, names))) + r")\s*\[\s*")

        for m in call.finditer(text):
            where = f"{rel}:{line_of(text, m.start())}"
            lit = LITERAL.match(text, m.end())
            after = text[lit.end():lit.end() + 200].lstrip() if lit else ""
            if lit and after.startswith("+") and decode(lit)[0] is not None:
                # "prefix." + value: a family of keys completed by enum members.
                families[decode(lit)[0]].append(where)
            elif lit and decode(lit)[0] is None and not lit.group(0).startswith(('$"{', '$@"{', '@$"{')):
                # $"prefix.{value}"
                source = lit.group(0)
                prefix = re.match(r'[$@]+"([^{]*)', source).group(1)
                families[prefix].append(where)
            elif lit and not (after.startswith("]") or after.startswith(",")):
                notes.append(f"{where}: key expression starting with {lit.group(0)} is not a plain literal; check it by hand")
                keys[decode(lit)[0] or ""].append(where)
            elif lit:
                value, source = decode(lit)
                if value is None:
                    notes.append(f"{where}: interpolated key {source} cannot be extracted; use a {{0}} key with format arguments")
                else:
                    keys[value].append(where)
            else:
                end = skip_expression(text, m.end())
                expr = " ".join(text[m.end():end].split())
                # The argument may be a non-literal that still contains literals (e.g. a ternary).
                for inner in LITERAL.finditer(text, m.end(), end):
                    value, _ = decode(inner)
                    if value is not None:
                        keys[value].append(where)
                notes.append(f"{where}: non-literal key [{expr}] (roles and flash messages are collected separately)")

        if path.suffix == ".cs":
            refusal_templates(rel, text, keys, notes)

        for m in FLASH_ASSIGN.finditer(text):
            if m.group("key") not in FLASH_KEYS:
                continue
            where = f"{rel}:{line_of(text, m.start())}"
            end = skip_expression(text, m.end())
            literals = [decode(x) for x in LITERAL.finditer(text, m.end(), end)]
            for value, source in literals:
                if value is None:
                    notes.append(f"{where}: interpolated flash message {source} cannot be translated")
                else:
                    keys[value].append(where)
            if not literals:
                notes.append(f"{where}: flash message is not a literal: {' '.join(text[m.end():end].split())}")

    for role in roles():
        keys[role].append("src/CanadaKoreaMatch.Web/Domain/Roles.cs (role name)")

    enums = enum_members()
    for prefix, wheres in sorted(families.items()):
        members = family_keys(prefix, enums)
        if members is None:
            notes.append(f"{wheres[0]}: UNRESOLVED key family \"{prefix}\" + ...: add it to KEY_FAMILIES in tools/extract-strings.py")
            unresolved.append(prefix)
            continue
        for key in members:
            keys[key].append(f"{wheres[0]} (\"{prefix}\" + {KEY_FAMILIES[prefix] if isinstance(KEY_FAMILIES[prefix], str) else KEY_FAMILIES[prefix][0] if isinstance(KEY_FAMILIES[prefix], tuple) else 'value'})")

    keys.pop("", None)
    return dict(sorted(keys.items())), notes


def placeholders(s: str) -> list[str]:
    """The placeholders of a template with their alignment and format ({0}, {1:yyyy-MM-dd}): a translation keeps both."""
    return sorted(set(re.findall(r"\{(\d+(?:,[^:}]*)?(?::[^}]*)?)\}", s.replace("{{", "").replace("}}", ""))))


def load(lang: str) -> dict[str, str]:
    path = RESOURCES / f"strings.{lang}.json"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def reference_placeholders(key: str) -> list[str]:
    found = set()
    for lang in LANGUAGES:
        try:
            value = load(lang).get(key)
        except json.JSONDecodeError:
            value = None
        if value:
            found.update(placeholders(value))
    return sorted(found)


def check(keys: dict[str, list[str]]) -> int:
    failed = bool(unresolved or untranslatable)
    for where in untranslatable:
        print(f"{where}: an interpolated refusal template cannot be translated: use {{0}} and pass the value as an argument")
    for prefix in unresolved:
        print(f"key family \"{prefix}\" + ... is not in KEY_FAMILIES in tools/extract-strings.py, so its keys cannot be checked")
    for lang in LANGUAGES:
        path = RESOURCES / f"strings.{lang}.json"
        try:
            table = load(lang)
        except json.JSONDecodeError as e:
            print(f"{path.relative_to(ROOT)}: invalid JSON: {e}")
            failed = True
            continue
        missing = [k for k in keys if k not in table]
        # An English key carries its own placeholders; a "prefix.Member" key is a template whose
        # placeholders must agree across the languages instead.
        bad = [k for k in keys if k in table and placeholders(table[k]) != (
            placeholders(k) if k not in family_members else reference_placeholders(k))]
        empty = [k for k in keys if k in table and not table[k].strip()]
        stale = [k for k in table if k not in keys]
        rel = path.relative_to(ROOT)
        for k in missing:
            print(f"{rel}: missing {json.dumps(k, ensure_ascii=False)}  ({keys[k][0]})")
        for k in bad:
            print(f"{rel}: placeholders differ for {json.dumps(k, ensure_ascii=False)}: {json.dumps(table[k], ensure_ascii=False)}")
        for k in empty:
            print(f"{rel}: empty translation for {json.dumps(k, ensure_ascii=False)}")
        for k in stale:
            print(f"{rel}: warning: unused key {json.dumps(k, ensure_ascii=False)}", file=sys.stderr)
        if list(table) != sorted(table):
            print(f"{rel}: warning: keys are not sorted", file=sys.stderr)
        failed |= bool(missing or bad or empty)
        print(f"{rel}: {len(keys) - len(missing)}/{len(keys)} keys translated", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail if a key is missing from a strings file")
    mode.add_argument("--missing", metavar="LANG", choices=LANGUAGES, help="print the keys missing from strings.LANG.json")
    parser.add_argument("--verbose", action="store_true", help="show key locations and non-literal localizer calls")
    args = parser.parse_args()

    keys, notes = extract()
    if args.verbose:
        for key, where in keys.items():
            print(f"{json.dumps(key, ensure_ascii=False)}: {', '.join(sorted(set(where)))}", file=sys.stderr)
        for note in notes:
            print(f"note: {note}", file=sys.stderr)

    if args.check:
        return check(keys)
    if args.missing:
        table = load(args.missing)
        print(json.dumps({k: "" for k in keys if k not in table}, ensure_ascii=False, indent=2))
        return 0
    print(json.dumps(list(keys), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
