# A second Python workload for the real-program benchmark (Benchmarks/programs.py), of a different
# kind from bench.py: pure-Python objects and control flow, where CPython's time is in its own
# evaluation loop rather than in C library code. A tokenizer and recursive-descent parser for
# arithmetic, an evaluator over the tree with classes and method calls, generators, closures,
# a heap-based shortest path on a grid, and f-strings. Prints a checksum line.
import heapq

class Num:
    __slots__ = ("v",)
    def __init__(self, v): self.v = v
    def eval(self, env): return self.v

class Var:
    __slots__ = ("name",)
    def __init__(self, name): self.name = name
    def eval(self, env): return env[self.name]

class Bin:
    __slots__ = ("op", "a", "b")
    def __init__(self, op, a, b): self.op, self.a, self.b = op, a, b
    def eval(self, env):
        x, y = self.a.eval(env), self.b.eval(env)
        if self.op == "+": return x + y
        if self.op == "-": return x - y
        if self.op == "*": return x * y
        return x // y if y else 0

def tokens(src):
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and src[j].isdigit(): j += 1
            yield ("num", int(src[i:j])); i = j
        elif c.isalpha():
            j = i
            while j < len(src) and src[j].isalnum(): j += 1
            yield ("var", src[i:j]); i = j
        else:
            yield ("op", c); i += 1

class Parser:
    def __init__(self, src):
        self.toks = list(tokens(src)) + [("end", None)]
        self.i = 0
    def peek(self): return self.toks[self.i]
    def next(self):
        t = self.toks[self.i]; self.i += 1; return t
    def expr(self):
        e = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            e = Bin(self.next()[1], e, self.term())
        return e
    def term(self):
        e = self.atom()
        while self.peek() in (("op", "*"), ("op", "/")):
            e = Bin(self.next()[1], e, self.atom())
        return e
    def atom(self):
        kind, v = self.next()
        if kind == "num": return Num(v)
        if kind == "var": return Var(v)
        e = self.expr(); self.next(); return e

def make_source(seed, depth):
    def gen(d):
        nonlocal seed
        seed = (seed * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        r = seed >> 33
        if d == 0 or r % 5 == 0:
            return str(r % 97) if r & 1 else "xyzw"[r % 4]
        return "(" + gen(d - 1) + " +-*/"[1 + r % 4] + gen(d - 1) + ")"
    return gen(depth)

total = 0
for k in range(60):
    tree = Parser(make_source(k + 1, 7)).expr()
    for x in range(40):
        total = (total * 31 + tree.eval({"x": x, "y": k, "z": x * k, "w": 7})) % 1000000007

def grid_paths(n, seed):
    cost = [[(seed * (i + 1) * (j + 3)) % 9 + 1 for j in range(n)] for i in range(n)]
    dist = {(0, 0): cost[0][0]}
    heap = [(cost[0][0], 0, 0)]
    while heap:
        d, i, j = heapq.heappop(heap)
        if d > dist[(i, j)]: continue
        for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a, b = i + di, j + dj
            if 0 <= a < n and 0 <= b < n:
                nd = d + cost[a][b]
                if nd < dist.get((a, b), 1 << 60):
                    dist[(a, b)] = nd
                    heapq.heappush(heap, (nd, a, b))
    return dist[(n - 1, n - 1)]

paths = sum(grid_paths(60, s) for s in range(1, 6))
squares = sum(v for v in (i * i % 1013 for i in range(200000)) if v & 1)
labels = ",".join(f"{i:04x}:{i % 7}" for i in range(3000))
print(total, paths, squares, len(labels), labels[-20:])
