#!/usr/bin/env bash
# Lists, as file:line, every public or open declaration of the embedding API (Sources/Wisp,
# Sources/WispFormat, Sources/WispWASI, Sources/WispText) without a `///` or `/** */` doc
# comment right above it, and exits 1 if there is any: issue #23, "every public symbol
# documented". Lines of attributes or modifiers may come between the comment and the
# declaration; an #if line may not (the compiler does not attach a comment above `#if` to a
# declaration inside it). No build: it reads the sources, in well under a second. Arguments,
# if any, replace the four folders (files or folders). Generated files are checked like the
# others: a public symbol there needs its comment from the generator.
#
# What counts as public: declarations marked `public` or `open` whose enclosing types are
# public too; members of a `public extension` and requirements of a `public protocol`
# without their own access modifier; the cases of a public enum (one doc comment above
# `case a, b, c` documents all three); and extensions of another module's type that add public
# members (`extension Int32: WasmValue`), since DocC gives the extended type a page whose
# abstract is the extension's doc comment.
#
# Exempt, because DocC shows them with the documentation they inherit: members that implement
# a documented requirement of a protocol declared in the same module, in a type or extension
# that declares the conformance (or in an extension of the protocol or of one refining it),
# such as `Int32.valueType` for `WasmValue.valueType`; and `override`s of a documented member
# of a superclass declared in the same module, such as `SystemAllocator.primitiveAllocate`.
# Nothing else: the symbol graph carries docs inherited from other modules too (the standard
# library's `==`, `hash(into:)`, `description`), but DocC drops those by default, so
# implementations of the standard library's protocols need a comment of their own.
# Synthesized members (`!=`, `hashValue`, a raw-value enum's `init(rawValue:)`) have no
# declaration in the sources and are not this script's business.
set -euo pipefail
caller_dir=$PWD
cd "$(dirname "$0")/.."
DOC_CHECK_CALLER_DIR=$caller_dir exec "${PYTHON:-python3}" - "$@" <<'PYTHON'
import os
import re
import sys

# Arguments are relative to the caller's directory; the defaults, to the repository's.
def from_caller(path):
    path = os.path.abspath(os.path.join(os.environ.get("DOC_CHECK_CALLER_DIR", "."), path))
    inside = os.path.commonpath([path, os.getcwd()]) == os.getcwd()
    return os.path.relpath(path) if inside else path


ROOTS = [from_caller(a) for a in sys.argv[1:]] \
    or ["Sources/Wisp", "Sources/WispFormat", "Sources/WispWASI", "Sources/WispText"]


def blank_code(text):
    """The text with comments and the contents of string literals replaced by spaces (newlines
    kept), so that braces, parentheses and keywords can be found by position."""
    out = list(text)
    n = len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    def code(i, closer):
        # Scans code from i; returns the index just past `closer` (a ")" ending an
        # interpolation) or n.
        depth = 0
        while i < n:
            c = text[i]
            if text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j < 0 else j
                blank(i, j)
                i = j
            elif text.startswith("/*", i):
                j, nest = i + 2, 1
                while j < n and nest:
                    if text.startswith("/*", j):
                        nest, j = nest + 1, j + 2
                    elif text.startswith("*/", j):
                        nest, j = nest - 1, j + 2
                    else:
                        j += 1
                blank(i, j)
                i = j
            elif c == '"' or (c == "#" and re.match(r'#+"', text[i:i + 8])):
                i = string(i)
            elif closer and c == "(":
                depth += 1
                i += 1
            elif closer and c == ")":
                if depth == 0:
                    return i + 1
                depth -= 1
                i += 1
            else:
                i += 1
        return n

    def string(i):
        hashes = 0
        while text[i] == "#":
            hashes += 1
            i += 1
        multi = text.startswith('"""', i)
        quote = '"""' if multi else '"'
        start = i = i + len(quote)
        end = quote + "#" * hashes
        escape = "\\" + "#" * hashes
        while i < n:
            if text.startswith(escape + "(", i):
                blank(start, i)
                i = code(i + len(escape) + 1, True)
                start = i
            elif text.startswith(escape, i):
                i += len(escape) + 1
            elif text.startswith(end, i):
                blank(start, i)
                return i + len(end)
            elif text[i] == "\n" and not multi:
                break
            else:
                i += 1
        blank(start, i)
        return i

    code(0, False)
    return "".join(out)


MODIFIERS = (r"(?:public|open|internal|private|fileprivate|package|static|class|final|override|"
             r"mutating|nonmutating|nonisolated|convenience|required|dynamic|lazy|weak|unowned|"
             r"indirect|consuming|borrowing|__consuming|prefix|postfix|infix|distributed|optional)"
             r"(?:\s*\([^)]*\))?")
ATTRIBUTE = r"@[\w.]+(?:\s*\((?:[^()]|\([^()]*\))*\))?"
DECL = re.compile(r"^((?:%s\s*)*)((?:%s\s+)*)(func|var|let|init|deinit|subscript|struct|class|enum|"
                  r"protocol|actor|extension|typealias|associatedtype|case|macro|operator|"
                  r"precedencegroup)\b" % (ATTRIBUTE, MODIFIERS))
PREFIX_ONLY = re.compile(r"^((%s|%s)\s*)+$" % (ATTRIBUTE, MODIFIERS))
TYPE_KINDS = {"struct", "class", "enum", "protocol", "actor", "extension"}
DIRECTIVE = re.compile(r"^#(if|elseif|else|endif)\b")


def access_of(modifiers):
    m = re.search(r"\b(public|open|package|internal|fileprivate|private)\b(?!\s*\(set\))", modifiers)
    return m.group(1) if m else None


def signature_key(kind, rest):
    """`name(label:label:)` for functions, initializers and subscripts; the name otherwise."""
    m = re.match(r"\s*([`\w]+|[^\s(<]+)?", rest)
    name = (m.group(1) or "") if kind not in ("init", "subscript") else kind
    name = name.strip("`")
    if kind not in ("func", "init", "subscript"):
        return name
    i = rest.find("(")
    if i < 0:
        return name + "()"
    depth, j, params, cur = 0, i, [], ""
    while j < len(rest):
        c = rest[j]
        if c in "([<":
            depth += 1
            if depth == 1:
                j += 1
                continue
        elif c in ")]>":
            depth -= 1
            if depth == 0:
                break
        if depth == 1 and c == ",":
            params.append(cur)
            cur = ""
        else:
            cur += c
        j += 1
    if cur.strip():
        params.append(cur)
    labels = []
    for p in params:
        head = p.split(":")[0].split()
        if head:
            labels.append(head[0].strip("`") + ":")
    return name + "(" + "".join(labels) + ")"


class Decl:
    def __init__(self, path, line, kind, key, access, explicit, modifiers, inherits, extended):
        self.path, self.line, self.kind, self.key = path, line, kind, key
        self.access, self.explicit, self.modifiers = access, explicit, modifiers
        self.inherits, self.extended = inherits, extended
        self.documented = False
        self.parent = None
        self.members = []


def module_of(path):
    parts = os.path.normpath(path).split(os.sep)
    return parts[parts.index("Sources") + 1] if "Sources" in parts else os.path.dirname(path)


def scan(path):
    text = open(path, encoding="utf-8").read()
    src = text.split("\n")
    code = blank_code(text).split("\n")
    decls = []
    # The scope stack: each open brace is a Decl (a type or extension body) or None (any other
    # body: a function, an accessor, a closure, a switch).
    stack = []
    saved = []          # brace depth at each enclosing #if, restored at #else and #elseif
    paren = 0           # () and [] depth, so the lines of a multi-line signature are not decls
    pending = None      # the last type declaration whose `{` has not been seen yet
    carry = ""          # attributes and modifiers from lines of their own above
    for i, line in enumerate(code):
        s = line.strip()
        if DIRECTIVE.match(s):
            kw = DIRECTIVE.match(s).group(1)
            if kw == "if":
                saved.append(len(stack))
            elif kw in ("else", "elseif") and saved:
                del stack[saved[-1]:]
            elif kw == "endif" and saved:
                saved.pop()
            continue
        in_decl_scope = all(isinstance(x, Decl) for x in stack)
        if in_decl_scope and paren == 0 and s and PREFIX_ONLY.match(s):
            # Attributes or modifiers on a line of their own belong to the next declaration.
            carry += " " + s
            s = ""
        elif carry:
            s, carry = (carry + " " + s).strip(), ""
        m = DECL.match(s) if in_decl_scope and paren == 0 else None
        if m:
            modifiers, kind = m.group(2), m.group(3)
            rest = s[m.end():]
            if kind == "class" and re.match(r"\s+(func|var|let|subscript|init)\b", rest):
                m = None  # `class func`: `class` is a modifier here
            elif kind == "case" and not (stack and stack[-1].kind == "enum"):
                m = None
        if m:
            parent = stack[-1] if stack else None
            explicit = access_of(modifiers)
            access = explicit
            if access is None:
                if parent and parent.kind == "protocol":
                    access = parent.access
                elif parent and parent.kind == "enum" and kind == "case":
                    access = parent.access
                elif parent and parent.kind == "extension" and parent.explicit:
                    access = parent.explicit
                else:
                    access = "internal"
            # A member is no more visible than the types around it (an extension's visibility
            # is its members' own).
            for scope in stack:
                if scope.kind != "extension" and scope.access not in ("public", "open"):
                    access = "internal"
                if scope.kind == "extension" and scope.explicit in ("private", "fileprivate", "internal", "package"):
                    access = "internal"
            if kind == "case":
                key = s[m.end():].strip()
            else:
                # The signature up to its body, over as many lines as it takes.
                sig = rest
                k = i + 1
                while sig.count("(") > sig.count(")") and k < len(code):
                    sig += " " + code[k].strip()
                    k += 1
                key = signature_key(kind, sig)
            inherits, extended = [], None
            if kind in TYPE_KINDS:
                hm = re.match(r"\s*([\w.]+)\s*(?:<[^{]*?>)?\s*(?::\s*([^{]*?))?\s*(?:where\b[^{]*)?(?:\{|$)", rest)
                if hm:
                    extended = hm.group(1).split(".")[-1]
                    if hm.group(2):
                        inherits = [t.strip().split("<")[0].split(".")[-1] for t in hm.group(2).split(",")]
            d = Decl(path, i + 1, kind, key, access, explicit, modifiers, inherits, extended)
            d.parent = parent
            if parent:
                parent.members.append(d)
            # The doc comment: the nearest line above that is not only attributes or modifiers
            # (`@inlinable`, `nonisolated(nonsending)`). Not across an #if line: the compiler
            # does not attach a comment above `#if` to the declaration inside it.
            j = i - 1
            while j >= 0 and PREFIX_ONLY.match(code[j].strip()):
                j -= 1
            above = src[j].strip() if j >= 0 else ""
            if above.startswith("///"):
                d.documented = True
            elif above.endswith("*/"):
                k = j
                while k >= 0 and "/*" not in src[k]:
                    k -= 1
                d.documented = k >= 0 and "/**" in src[k]
            decls.append(d)
            pending = d if kind in TYPE_KINDS else None
        for c in line:
            if c in "([":
                paren += 1
            elif c in ")]":
                paren = max(0, paren - 1)
            elif c == "{":
                if pending is not None and in_decl_scope and paren == 0:
                    stack.append(pending)
                else:
                    stack.append(None)
                pending = None
                in_decl_scope = all(isinstance(x, Decl) for x in stack)
            elif c == "}":
                if stack:
                    stack.pop()
                in_decl_scope = all(isinstance(x, Decl) for x in stack)
    return decls


def main():
    files = []
    for root in ROOTS:
        if os.path.isfile(root):
            files.append(root)
        for dp, dn, fn in os.walk(root):
            dn.sort()
            files += [os.path.join(dp, f) for f in sorted(fn) if f.endswith(".swift")]
    decls = [d for f in files for d in scan(f)]

    # Per module: its protocols and classes, by name, with their members' keys and doc status.
    protocols, classes = {}, {}
    for d in decls:
        mod = module_of(d.path)
        if d.kind == "protocol":
            protocols[(mod, d.extended)] = d
        elif d.kind == "class":
            classes[(mod, d.extended)] = d

    def protocol_closure(mod, names):
        seen, todo = set(), list(names)
        while todo:
            p = todo.pop()
            if p in seen or (mod, p) not in protocols:
                continue
            seen.add(p)
            todo += protocols[(mod, p)].inherits
        return [protocols[(mod, p)] for p in seen]

    def inherited(d):
        parent, mod = d.parent, module_of(d.path)
        if parent is None:
            return False
        if "override" in d.modifiers:
            cls = classes.get((mod, parent.extended)) if parent.kind == "class" else None
            seen = set()
            while cls is not None and cls.inherits and cls.extended not in seen:
                seen.add(cls.extended)
                sup = classes.get((mod, cls.inherits[0]))
                if sup is None:
                    break
                if any(m.key == d.key and m.documented for m in sup.members):
                    return True
                cls = sup
            return False
        names = list(parent.inherits)
        if parent.kind == "extension" and (mod, parent.extended) in protocols:
            names.append(parent.extended)
        for p in protocol_closure(mod, names):
            if any(m.key == d.key and m.documented for m in p.members):
                return True
        return False

    # An extension of another module's type that adds public members (`extension Int32:
    # WasmValue`) gets a page of its own in DocC, whose abstract is the extension's doc comment.
    declared = {(module_of(d.path), d.extended) for d in decls if d.kind in TYPE_KINDS and d.kind != "extension"}

    def needs_doc(d):
        if d.kind != "extension":
            return d.access in ("public", "open")
        return ((module_of(d.path), d.extended) not in declared
                and any(m.access in ("public", "open") for m in d.members))

    checked = [d for d in decls if needs_doc(d)]
    missing = [d for d in checked if not d.documented and not inherited(d)]
    for d in missing:
        print("%s:%d: undocumented public %s %s" % (d.path, d.line, d.kind, d.key))
    public = len(checked)
    if missing:
        print("doc check: %d of %d public declarations have no doc comment" % (len(missing), public), file=sys.stderr)
        sys.exit(1)
    print("doc check: all %d public declarations documented" % public)


main()
PYTHON
