#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
tests/layout/circles.py - circles between the files of each program: file A
uses a symbol file B defines, and B (directly or through others) one of A's.
Read from the objects' symbol tables (nm), so a call through a header's
inline function or a macro counts where it lands.

  circles.py ALLOWED GROUP: OBJ... [-- GROUP: OBJ...]...

Each GROUP is one program (the plugin, kmetrics-merge, ...): names are
unique inside it, not across programs (each tool has its main). An object
is named by its source (build/pic/plugin/gcc/walk.o is plugin/gcc/walk.c).
ALLOWED lists circles that may stay, one a line (their files, any order),
'#' comments. Prints each other circle with the symbols that close it;
exits 1 when there is one.
"""
import re
import subprocess
import sys


def source_of(obj):
    m = re.search(r'/((?:lib|plugin|scripts)/.*)\.o$', obj)
    return (m.group(1) if m else obj) + '.c'


def symbols(obj):
    defs, uses = set(), set()
    out = subprocess.run(['nm', obj], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in 'TDBRVWGS':
            defs.add(p[2])
        elif len(p) == 2 and p[0] == 'U':
            uses.add(p[1])
    return defs, uses


def components(graph):
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index, low, on, stack, out, n = {}, {}, set(), [], [], 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = n
        n += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = n
                    n += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    allowed = set()
    with open(argv[1]) as f:
        for line in f:
            line = line.split('#')[0].split()
            if line:
                allowed.add(frozenset(line))
    groups, cur = [], None
    for a in argv[2:]:
        if a == '--':
            cur = None
        elif cur is None:
            cur = (a.rstrip(':'), [])
            groups.append(cur)
        else:
            cur[1].append(a)
    bad = 0
    for name, objs in groups:
        defs, uses = {}, {}
        for o in objs:
            defs[source_of(o)], uses[source_of(o)] = symbols(o)
        owner = {}
        for src, d in defs.items():
            for s in d:
                owner.setdefault(s, src)
        graph = {src: {owner[s] for s in uses[src] if owner.get(s, src) != src} for src in defs}
        found = 0
        for comp in components(graph):
            if frozenset(comp) in allowed:
                print(f'layout: {name}: allowed circle: {" ".join(comp)}')
                continue
            found = bad = 1
            print(f'layout: FAIL: {name}: files that call each other: {" ".join(comp)}')
            for a in comp:
                for b in comp:
                    if b in graph[a]:
                        syms = sorted(s for s in uses[a] if owner.get(s) == b)
                        print(f'    {a} -> {b}: {" ".join(syms[:5])}')
        if not found:
            print(f'layout: ok: {name}: {len(objs)} files, none calls back into one that calls it (but the allowed)')
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv))
