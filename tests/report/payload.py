#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# tests/report/payload.py - reads what kmetrics-report wrote, without a
# browser, and checks it against the other tools (tests/report/run.sh):
#
#   payload.py html REPORT              one self-contained page: the data and
#                                       the script inline, nothing fetched
#   payload.py columns REPORT CSV       every column of every row as
#                                       kmetrics-merge --format=csv wrote it
#   payload.py diff REPORT DIFF.json    each row's status as kmetrics-diff
#                                       --format=json --all says (changed:
#                                       worsened, improved or changed)
#   payload.py calls REPORT NAME [CALLEE...]   NAME's callees, exactly
#   payload.py get REPORT KEY           a member of the data, as JSON
#   payload.py names REPORT             the functions' names, one a line
#
# The data's blocks (format 2, scripts/report/report_json.c) are decoded
# here on their own, a second reading beside the page's web/decode.js:
# `get` answers as format 1 did (a column a list, calls {n, to, addr, ext}).
#
# Exits 1 with the first difference on stderr.
import base64
import csv
import json
import re
import struct
import sys
import zlib

OPEN = '<script id="km-data" type="application/json">'
OPEN_REST = '<script id="km-data-rest" type="application/json">'


def fail(msg):
    sys.stderr.write(msg + '\n')
    sys.exit(1)


class Block:
    """A block's bytes and a place in them."""

    def __init__(self, b):
        self.raw = zlib.decompress(base64.b64decode(b['z'], validate=True))
        if len(self.raw) != b['raw']:
            fail(f'a block of {len(self.raw)} bytes says {b["raw"]}')
        self.at = 0

    def varint(self):
        v, shift = 0, 0
        while True:
            c = self.raw[self.at]
            self.at += 1
            v |= (c & 0x7f) << shift
            shift += 7
            if c < 0x80:
                return v

    def strings(self):
        n, size = self.varint(), self.varint()
        text = self.raw[self.at:self.at + size].decode('utf-8')
        self.at += size
        return text.split('\0') if n else []

    def codes(self, table, n):
        out, k = [], 0
        for _ in range(n):
            c = self.varint()
            if c == 1:
                k += 1
            out.append(None if c == 0 else table[k - 1] if c == 1 else table[c - 2])
        return out

    def end(self):
        if self.at != len(self.raw):
            fail(f'a block has {len(self.raw) - self.at} bytes past its end')


def unzig(u):
    return (u >> 1) ^ -(u & 1)


def decode_column(kind, b, n):
    blk = Block(b)
    if kind == 'text':
        out = blk.codes(blk.strings(), n)
    elif kind == 'int':
        out = []
        for _ in range(n):
            u = blk.varint()
            out.append(None if u == 0 else unzig(u - 1))
    else:
        nulls, row = set(), 0
        for _ in range(blk.varint()):
            row += blk.varint()
            nulls.add(row)
            row += 1
        out = []
        for i in range(n):
            if i in nulls:
                out.append(None)
            else:
                out.append(struct.unpack_from('<d', blk.raw, blk.at)[0])
                blk.at += 8
    blk.end()
    return out


def decode_calls(b, nfuncs):
    blk = Block(b)
    n = [blk.varint() for _ in range(nfuncs)]
    to = []
    for row, k in enumerate(n):
        for _ in range(k):
            u = blk.varint()
            to.append(row + unzig(u >> 1) if u % 2 == 0 else -1 - (u >> 1))
    addr, at = [], 0
    for _ in range(blk.varint()):
        at += blk.varint()
        addr.append(at)
        at += 1
    names = blk.strings()
    files = blk.codes(blk.strings(), len(names))
    blk.end()
    return {'n': n, 'to': to, 'addr': addr, 'ext': {'name': names, 'file': files}}


def decode(data):
    if data.get('format') != 2:
        fail(f'data of format {data.get("format")}, not 2')
    kinds = {c['key']: c['type'] for c in data['columns']}
    data['values'] = {k: decode_column(kinds[k], b, data['rows'])
                      for k, b in data['values'].items()}
    data['calls'] = decode_calls(data['calls'], data['functions'])
    return data


def element(html, opening):
    i = html.index(opening) + len(opening)
    return json.loads(html[i:html.index('</script>', i)])


def load(path, blocks=True):
    """The data's two parts (before the script and after it) as one."""
    html = open(path, encoding='utf-8').read()
    data, rest = element(html, OPEN), element(html, OPEN_REST)
    if set(data['values']) & set(rest['values']):
        fail(f'{path}: a column in both parts of the data')
    data['values'].update(rest['values'])
    data['calls'] = rest['calls']
    return html, decode(data) if blocks else data


def column(data, key):
    return data['values'][key]


def as_csv(v):
    if v is None:
        return ''
    if isinstance(v, float):
        return repr(v)
    return str(v)


def check_html(path):
    html, data = load(path)
    if html.count('</script>') != 3 or html.lower().count('<script') != 3:
        fail(f'{path}: not exactly three script elements (the data, the bundle, the data)')
    if html.index(OPEN) > html.index('<script>') or html.index(OPEN_REST) < html.index('<script>'):
        fail(f'{path}: the data\'s parts not before and after the bundle')
    if re.search(r'<(script|link|img|iframe)[^>]*\s(src|href)=', html[:html.index(OPEN)]):
        fail(f'{path}: an element that loads something')
    if "content=\"default-src 'none'" not in html:
        fail(f'{path}: no Content-Security-Policy that forbids fetching')
    for k in ('format', 'columns', 'values', 'calls', 'provenance', 'limits', 'baseline'):
        if k not in data:
            fail(f'{path}: the data has no {k}')


def check_columns(path, csv_path):
    _, data = load(path)
    rows = list(csv.DictReader(open(csv_path, encoding='utf-8', newline='')))
    if data['functions'] != len(rows):
        fail(f'{data["functions"]} functions, the csv has {len(rows)}')
    keys = [c['key'] for c in data['columns']]
    for key in rows[0].keys():
        vals = [as_csv(v) for v in column(data, key)] if key in keys else [''] * len(rows)
        for i, r in enumerate(rows):
            if vals[i] != r[key]:
                fail(f'row {i} ({r["name"]}) {key}: report {vals[i]!r}, csv {r[key]!r}')


def check_diff(path, diff_path):
    _, data = load(path)
    b = data['baseline']
    names, files = column(data, 'name'), column(data, 'file')
    mine = {(files[i], names[i]): b['status'][i] for i in range(len(names))}
    letters = {'added': 'a', 'removed': 'r', 'unchanged': 'u', 'changed': 'wic'}
    theirs = json.load(open(diff_path, encoding='utf-8'))
    if len(theirs) != len(mine):
        fail(f'kmetrics-diff lists {len(theirs)} functions, the report {len(mine)}')
    for p in theirs:
        s = mine.get((p['file'], p['name']))
        if s is None or s not in letters[p['status']]:
            fail(f'{p["name"]}: kmetrics-diff says {p["status"]}, the report {s}')


def check_calls(path, name, want):
    _, data = load(path)
    names = column(data, 'name')
    row = names.index(name)
    calls = data['calls']
    start = sum(calls['n'][:row])
    got = []
    for t in calls['to'][start:start + calls['n'][row]]:
        got.append(names[t] if t >= 0 else calls['ext']['name'][-1 - t])
    if sorted(got) != sorted(want):
        fail(f'{name} calls {sorted(got)}, expected {sorted(want)}')


def main(argv):
    cmd, path = argv[1], argv[2]
    if cmd == 'html':
        check_html(path)
    elif cmd == 'columns':
        check_columns(path, argv[3])
    elif cmd == 'diff':
        check_diff(path, argv[3])
    elif cmd == 'calls':
        check_calls(path, argv[3], argv[4:])
    elif cmd == 'names':
        for n in column(load(path)[1], 'name'):
            print(n)
    elif cmd == 'get':
        blocks = argv[3] in ('values', 'calls')
        print(json.dumps(load(path, blocks)[1][argv[3]], sort_keys=True))
    else:
        fail(f'unknown command {cmd}')


if __name__ == '__main__':
    main(sys.argv)
