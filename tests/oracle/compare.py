# SPDX-License-Identifier: GPL-2.0
"""tests/oracle/compare.py - the oracle's lines against kmetrics' sidecar.

The oracle (tests/oracle/clang/) prints, for every function with a body in
the main source file, "F name file line record C1 C2 C8 C9 C10 fan_out
callees" (record: the object's roots reach it). kmetrics writes records in
the sidecar (SPEC.md's format) and direct edges in the companion (E and X
lines: fan_out). Functions both sides have are compared column by column;
the others are counted: records the oracle does not expect (only-kmetrics),
reachable functions without a record (only-oracle).

known.txt lists differences decided by hand, one a line:

  SOURCE FUNCTION COLUMN ORACLE KMETRICS REASON...

SOURCE is the compiled file as the command names it (or *); a difference
that matches is reported as known, any other is a failure.
"""
import os

COLUMNS = ('C1', 'C2', 'C8', 'C9', 'C10', 'fan_out')


class Result:
    def __init__(self, label, source):
        self.label, self.source = label, source
        self.error = None
        self.clang_errors = 0
        self.records = 0            # kmetrics' records
        self.both = 0               # functions compared
        self.agree = {c: 0 for c in COLUMNS}
        self.diffs = []             # (line, function, column, oracle, kmetrics, note)
        self.only_kmetrics = []     # records the oracle expects none of
        self.only_oracle = []       # reachable functions without a record
        self.unparsed = []          # functions Clang reported errors in: not compared
        self.oracle = {}            # the oracle's own lines, by function


def parse_oracle(text):
    funcs, errors = {}, 0
    for line in text.splitlines():
        f = line.split('\t')
        if f[0] == 'F' and len(f) == 13:
            funcs[f[1]] = {'line': int(f[3]), 'record': f[4] == '1',
                           'C1': int(f[5]), 'C2': int(f[6]), 'C8': int(f[7]), 'C9': int(f[8]),
                           'C10': int(f[9]), 'fan_out': int(f[10]),
                           'callees': set() if f[11] == '-' else set(f[11].split(',')),
                           'errors': int(f[12])}
        elif f[0] == 'errors':
            errors = int(f[1])
    return funcs, errors


def parse_sidecar(path):
    """Records by name: {name: {C1.., 'index'}}, in the sidecar's order."""
    recs = {}
    with open(path, encoding='utf-8') as f:
        for i, line in enumerate(f):
            head = line.rstrip('\n').split(' \uff1a')[0]
            v = head.split(' : ')
            if len(v) != 12:
                raise ValueError('%s:%d: not a record' % (path, i + 1))
            recs[v[0]] = {'index': i, 'C1': int(v[1]), 'C2': int(v[2]), 'C8': int(v[8]),
                          'C9': int(v[9]), 'C10': int(v[10])}
    return recs


def parse_companion(path, recs):
    """Adds each record's line and fan_out (its E and X targets) from the companion."""
    names, by_rec, targets = {}, {}, {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            v = line.rstrip('\n').split('\t')
            if v[0] == 'F' and len(v) == 8:
                names[v[1]] = v[2]
                if v[7] != '-':
                    by_rec[int(v[7])] = (v[1], int(v[5]))
            elif v[0] == 'E' and len(v) == 4:
                targets.setdefault(v[1], set()).add(names.get(v[3], '#' + v[3]))
            elif v[0] == 'X' and len(v) == 5:
                targets.setdefault(v[1], set()).add(v[4])
    for r in recs.values():
        idx, line = by_rec.get(r['index'], (None, 0))
        r['line'] = line
        r['callees'] = targets.get(idx, set())
        r['fan_out'] = len(r['callees'])


def compare(label, source, oracle_text, sidecar):
    res = Result(label, source)
    funcs, res.clang_errors = parse_oracle(oracle_text)
    res.oracle = funcs
    recs = parse_sidecar(sidecar)
    parse_companion(sidecar + '.graph', recs)
    res.records = len(recs)
    for name, r in recs.items():
        o = funcs.get(name)
        if o is None or not o['record']:
            res.only_kmetrics.append((r['line'], name, 'not in the source' if o is None else 'unreached'))
            if o is None:
                continue
        if o['errors']:
            res.unparsed.append((o['line'], name, 'Clang reported %d errors in it' % o['errors']))
            continue
        res.both += 1
        for c in COLUMNS:
            if o[c] == r[c]:
                res.agree[c] += 1
                continue
            note = ''
            if c == 'fan_out':
                note = 'oracle only: %s; kmetrics only: %s' % (
                    ','.join(sorted(o['callees'] - r['callees'])) or '-',
                    ','.join(sorted(r['callees'] - o['callees'])) or '-')
            res.diffs.append((o['line'], name, c, o[c], r[c], note))
    for name, o in funcs.items():
        if o['record'] and name not in recs:
            res.only_oracle.append((o['line'], name, 'no record'))
    return res


def read_known(path):
    known = {}
    if not os.path.exists(path):
        return known
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            v = line.split(None, 5)
            if len(v) < 6 or v[2] not in COLUMNS:
                raise ValueError('%s:%d: expected SOURCE FUNCTION COLUMN ORACLE KMETRICS REASON' % (path, n))
            known[tuple(v[:5])] = v[5]
    return known


def is_known(known, res, d):
    for src in (res.source, res.label, '*'):
        if (src, d[1], d[2], str(d[3]), str(d[4])) in known:
            return True
    return False


def print_table(results, out):
    head = ['file', 'records', 'compared'] + list(COLUMNS) + ['only-kmetrics', 'only-oracle']
    rows = []
    tot = [0] * (len(head) - 1)
    for r in results:
        if r.error:
            rows.append([r.label, 'error'] + [''] * (len(head) - 2))
            continue
        vals = [r.records, r.both] + [r.agree[c] for c in COLUMNS] + \
               [len(r.only_kmetrics), len(r.only_oracle)]
        tot = [a + b for a, b in zip(tot, vals)]
        rows.append([r.label] + vals)
    if len(results) > 1:
        rows.append(['total'] + tot)
    widths = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
    fmt = lambda row: '  '.join(str(x).ljust(w) if i == 0 else str(x).rjust(w)
                                for i, (x, w) in enumerate(zip(row, widths)))
    print(fmt(head), file=out)
    for row in rows:
        print(fmt(row), file=out)


def report(results, known, verbose, out):
    """The table, then the differences (one line for all the -O levels
    that give the same pair); True when any is not known."""
    print_table(results, out)
    failed, nknown = False, 0
    lines = {}      # (source, line, function, column, oracle, kmetrics, note) -> variants
    for r in results:
        variant = r.label[len(r.source):].strip() if r.label.startswith(r.source) else r.label
        if r.error:
            print('%s: error: %s' % (r.label, r.error), file=out)
            failed = True
            continue
        for line, name, why in r.unparsed:
            lines.setdefault((r.source, line, name, '-', 0, 0, 'not compared: ' + why), []).append(variant)
        for d in r.diffs:
            if is_known(known, r, d):
                nknown += 1
                continue
            lines.setdefault((r.source,) + tuple(d), []).append(variant)
        if verbose:
            for line, name, why in r.only_kmetrics + r.only_oracle:
                print('%s:%d: %s: %s' % (r.source, line, name, why), file=out)
    for (src, line, name, col, o, k, note), variants in sorted(lines.items()):
        failed = True
        where = ' [%s]' % ' '.join(v for v in variants if v) if any(variants) else ''
        if col == '-':
            print('%s:%d: %s: %s%s' % (src, line, name, note, where), file=out)
            continue
        print('%s:%d: %s: %s oracle %d kmetrics %d%s%s' % (src, line, name, col, o, k,
                                                          ' (%s)' % note if note else '', where), file=out)
    if nknown:
        print('known differences (known.txt): %d' % nknown, file=out)
    return failed
