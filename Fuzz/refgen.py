"""Random modules that exercise typed function references, for difftest.py --generator refs.

wasm-tools smith has no switch for typed function references without GC, and its GC modules
are nearly all GC types, so this generator writes its own: function types that refer to each
other, typed tables (one with an initializer), typed globals, non-nullable locals, and bodies
built from call_ref, return_call_ref, br_on_null, br_on_non_null, ref.as_non_null, ref.is_null
and typed select over i32 arithmetic. A function calls through references only to functions
defined before it (tables and globals are filled so), so every call terminates; null references
and ref.as_non_null of null trap, as they should in both runtimes.
"""

OPS = ["i32.add", "i32.sub", "i32.mul", "i32.xor", "i32.and", "i32.or", "i32.shl", "i32.shr_u", "i32.rotl"]


class Gen:
    def __init__(self, r):
        self.r = r
        self.nu = r.randint(3, 8)  # functions of type $u: (i32) -> i32
        self.table = [None] * r.randint(2, 8)  # $tu's entries: a $u index or None (null)
        for k in range(len(self.table)):
            if r.random() < 0.7:
                self.table[k] = r.randrange(self.nu)
        self.table_order = sorted(range(len(self.table)), key=lambda k: (self.table[k] is None, self.table[k] or 0))
        self.gk = r.randrange(self.nu)  # $gk: (ref $u), an immutable global
        self.gu = r.choice([None] + list(range(self.nu)))  # $gu: (ref null $u), mutable

    def const(self):
        return str(self.r.choice([0, 1, -1, 2, 7, 31, 0x7FFFFFFF, -0x80000000, self.r.getrandbits(32) - (1 << 31)]))

    def ref(self, i, depth, nullable=True):
        """A reference to a $u function callable from function i (index below i), as an
        expression; None when there is none."""
        r = self.r
        choices = []
        if i > 0:
            choices.append(lambda: f"(ref.func $u{r.randrange(i)})")
        below = [k for k in range(len(self.table)) if self.table[k] is not None and self.table[k] < i]
        nulls = [k for k in range(len(self.table)) if self.table[k] is None]
        if below or (nullable and nulls):
            pool = below + (nulls if nullable else [])
            if nullable:
                choices.append(lambda: f"(table.get $tu (i32.const {r.choice(pool)}))")
            else:  # (the entry is a function: the cast cannot trap)
                choices.append(lambda: f"(ref.as_non_null (table.get $tu (i32.const {r.choice(pool)})))")
        if self.gk < i:
            choices.append(lambda: "(global.get $gk)")
        if nullable and (self.gu is None or self.gu < i):
            choices.append(lambda: "(global.get $gu)")
        if nullable:
            choices.append(lambda: "(ref.null $u)")
        if i > 0 and depth > 0 and nullable:
            choices.append(lambda: f"(select (result (ref null $u)) {self.ref(i, depth - 1)} {self.ref(i, depth - 1)} {self.expr(i, depth - 1)})")
        if not choices:
            return None
        return r.choice(choices)()

    def expr(self, i, depth):
        r = self.r
        if depth <= 0:
            return r.choice(["(local.get 0)", f"(i32.const {self.const()})"])
        k = r.randrange(10)
        if k < 3:
            return f"({r.choice(OPS)} {self.expr(i, depth - 1)} {self.expr(i, depth - 1)})"
        if k == 3:
            return "(local.get 0)"
        if k == 4 and i > 0:
            ref = self.ref(i, depth - 1, nullable=r.random() < 0.2)
            if ref:
                return f"(call_ref $u {self.expr(i, depth - 1)} {ref})"
        if k == 5 and i > 0:
            # br_on_null: a null carries the default to the label, else the reference is called.
            ref = self.ref(i, depth - 1)
            if ref:
                return (f"(block $l{depth} (result i32) {self.expr(i, depth - 1)} {ref} (br_on_null $l{depth}) "
                        f"(call_ref $u))")
        if k == 6 and i > 0:
            # br_on_non_null: a reference carries the argument and itself to the label, where it
            # is called; a null falls through to a default.
            ref = self.ref(i, depth - 1)
            if ref:
                return (f"(block $o{depth} (result i32) (call_ref $u (block $n{depth} (type $pair) "
                        f"{self.expr(i, depth - 1)} {ref} (br_on_non_null $n{depth}) (drop) "
                        f"(br $o{depth} {self.expr(i, depth - 1)}))))")
        if k == 7 and i > 0:
            ref = self.ref(i, depth - 1)
            if ref:
                return f"(call_ref $u {self.expr(i, depth - 1)} (ref.as_non_null {ref}))"
        if k == 8:
            ref = self.ref(i, depth - 1)
            if ref:
                return f"(ref.is_null {ref})"
        if k == 9 and self.has_local[i]:
            return f"(call_ref $u {self.expr(i, depth - 1)} (local.get $r))"
        return f"(i32.const {self.const()})"

    def function(self, i):
        r = self.r
        body = self.expr(i, r.randint(1, 4))
        locals_ = ""
        if self.has_local[i]:
            locals_ = f"(local $r (ref $u)) (local.set $r {self.ref(i, 1, nullable=False)}) "
        if i > 0 and r.random() < 0.3:
            ref = self.ref(i, 1)
            if ref:
                return f"  (func $u{i} (export \"f{i}\") (type $u) {locals_}(drop {body}) (return_call_ref $u {self.expr(i, 2)} {ref}))"
        return f"  (func $u{i} (export \"f{i}\") (type $u) {locals_}{body})"

    def module(self):
        r = self.r
        self.has_local = [i > 0 and self.ref(i, 0, nullable=False) is not None and r.random() < 0.4 for i in range(self.nu)]
        out = ["(module",
               "  (type $u (func (param i32) (result i32)))",
               "  (type $pair (func (result i32 (ref $u))))",
               "  (type $h (func (param (ref null $u) i32) (result i32)))",
               f"  (table $tu {len(self.table)} (ref null $u))",
               f"  (table $tn 2 (ref $u) (ref.func $u{r.randrange(self.nu)}))",
               f"  (global $gk (ref $u) (ref.func $u{self.gk}))",
               "  (global $gu (mut (ref null $u)) "
               + ("(ref.null $u))" if self.gu is None else f"(ref.func $u{self.gu}))"),
               "  (elem declare func " + " ".join(f"$u{i}" for i in range(self.nu)) + ")"]
        items = " ".join("(ref.null $u)" if f is None else f"(ref.func $u{f})" for f in self.table)
        out.append(f"  (elem (table $tu) (i32.const 0) (ref null $u) {items})")
        for i in range(self.nu):
            out.append(self.function(i))
        # A higher-order function, called with each function of $tu, and a reader of $tn. (No
        # typed table, global or parameter is exported: Wasmtime's C API cannot pass them.)
        out.append("  (func $apply (type $h) (block $null (result i32) (local.get 1) (local.get 0) "
                   "(br_on_null $null) (call_ref $u)))")
        out.append("  (func (export \"applyAll\") (param i32) (result i32) (local $k i32) (local $sum i32) "
                   "(loop $next (local.set $sum (i32.add (local.get $sum) (call $apply (table.get $tu (local.get $k)) "
                   "(i32.add (local.get 0) (local.get $k))))) (local.set $k (i32.add (local.get $k) (i32.const 1))) "
                   f"(br_if $next (i32.lt_u (local.get $k) (i32.const {len(self.table)})))) (local.get $sum))")
        out.append("  (func (export \"viaTn\") (param i32) (result i32) "
                   "(call_ref $u (local.get 0) (table.get $tn (i32.and (local.get 0) (i32.const 1)))))")
        out.append(")")
        return "\n".join(out)


def module_text(r):
    """A random module (WebAssembly text) drawn from the random.Random `r`."""
    return Gen(r).module()
