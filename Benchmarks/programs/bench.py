# A Python workload for the real-program benchmark (Benchmarks/programs.py): JSON, regular
# expressions, string building, dictionaries, sorting and integer arithmetic, the kind of work
# scripts do. Prints a checksum so every runtime's output can be compared.
import json, re, hashlib

def words(n):
    out, x = [], 12345
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out.append("w%d_%s" % (x % 997, "abcdefghij"[x % 10] * (1 + x % 5)))
    return out

ws = words(40000)
counts = {}
for w in ws:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:50]
doc = json.dumps({"top": top, "n": len(ws), "keys": sorted(counts)[:2000]})
back = json.loads(doc)
pat = re.compile(r"w(\d+)_([a-j]+)")
digits = sum(int(m.group(1)) + len(m.group(2)) for m in pat.finditer(" ".join(ws[:20000])))
fib = [0, 1]
for i in range(2000):
    fib.append(fib[-1] + fib[-2])
text = "".join(str(v % 1000) for v in fib)
h = hashlib.sha256((doc + text).encode()).hexdigest()
print(len(back["keys"]), back["n"], digits, h[:16])
