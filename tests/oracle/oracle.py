#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tests/oracle/oracle.py - kmetrics against an independent oracle.

For each compile command: make the .i with the same compiler and flags
plus -E, let the Clang plugin (tests/oracle/clang/, build/oracle/km-oracle.so)
measure every function with a body in the main source file on Clang's tree,
compile the same command with the kmetrics plugin (or read the sidecar a
build already wrote), and compare record by record: C1, C2, C8, C9, C10 and
fan_out (the companion's direct edges). Prints a table of agreement per
file and each difference as file:line, function, column, both values.
Differences listed in tests/oracle/known.txt are shown as known; any other
makes the exit status 1.

  oracle.py cmd [OPTIONS] -- gcc ... -c -o x.o x.c     one compile command
  oracle.py kobj [OPTIONS] KDIR OBJ...                 kernel objects (kbuild's .cmd)
  oracle.py gen [OPTIONS] [--count N] [--seed S]       random programs at -O0 -O1 -O2 -Os
  oracle.py cases [FILE...]                            tests/oracle/cases/: the oracle against
                                                       their worked-out values, then kmetrics

Options: --plugin SO (build/kmetrics.so), --oracle SO (build/oracle/km-oracle.so),
--work DIR (build/oracle/work), --known FILE, -j N, --sidecars (kobj: read
the sidecars the build wrote next to the objects), --verbose (also the
functions only one side has), --bcp-unknown (README: "The readings"). Exit: 0 agreement, 1 differences, 2 usage.
"""
import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare    # noqa: E402
import command    # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


class Progress:
    """A line every few seconds on a terminal, nothing when piped."""

    def __init__(self, total):
        self.total, self.done, self.last = total, 0, time.time()
        self.tty = sys.stderr.isatty()

    def step(self, label):
        self.done += 1
        if self.tty and time.time() - self.last >= 3:
            self.last = time.time()
            print('oracle: %d/%d (%s)' % (self.done, self.total, label), file=sys.stderr)


def run_jobs(jobs, args):
    """Run command.measure over jobs (Job objects), in parallel; results in order."""
    prog = Progress(len(jobs))

    def one(job):
        try:
            res = command.measure(job, args)
        except command.Failure as e:
            res = compare.Result(job.label, job.source)
            res.error = str(e)
        prog.step(job.label)
        return res

    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        return list(ex.map(one, jobs))


def cmd_jobs(args):
    if not args.command:
        raise command.Usage('cmd: no compile command after --')
    return [command.job_from_command(os.getcwd(), args.command, args.work, args.label)]


def kobj_jobs(args):
    if not args.objects:
        raise command.Usage('kobj: KDIR and at least one object')
    kdir = os.path.abspath(args.kdir)
    return [command.job_from_kbuild(kdir, o, args.work, args.sidecars) for o in args.objects]


CASES = os.path.join(REPO, 'tests/oracle/cases')


def case_files(args):
    files = args.files or sorted(f for f in os.listdir(CASES) if f.endswith('.c'))
    files = [f if os.path.exists(f) else os.path.join(CASES, f) for f in files]
    for f in files:
        if not os.path.isfile(f):
            raise command.Usage('%s: no such case' % f)
    return [os.path.abspath(f) for f in files]


def cases_jobs(args):
    out = []
    for f in case_files(args):
        for level in args.levels.split(','):
            out.append(command.Job(os.path.dirname(f), 'gcc', [level, '-w'], os.path.basename(f),
                                   os.path.join(args.work, 'cases'), '%s %s' % (os.path.basename(f), level)))
    return out


def check_expectations(args, results, out):
    """The oracle against the values worked out in each case's comments
    (lines "expect NAME COLUMN=VALUE ..."); True when one differs."""
    bad = False
    for f in case_files(args):
        name = os.path.basename(f)
        got = next((r.oracle for r in results if r.source == name and not r.error), None)
        with open(f) as fh:
            for n, line in enumerate(fh, 1):
                words = line.replace('*/', ' ').split()
                if 'expect' not in words[:2]:
                    continue
                words = words[words.index('expect') + 1:]
                func, pairs = words[0], [w.split('=') for w in words[1:]]
                o = (got or {}).get(func)
                for col, want in pairs:
                    if o is None or o.get(col) != int(want):
                        print('%s:%d: oracle: %s: %s worked out %s, the oracle says %s' % (
                            name, n, func, col, want, '-' if o is None else o.get(col)), file=out)
                        bad = True
    return bad


def gen_jobs(args):
    import gen    # noqa: E402
    return gen.jobs(args)


def parse_args(argv):
    p = argparse.ArgumentParser(prog='oracle.py', description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--plugin', default=os.path.join(REPO, 'build/kmetrics.so'), help='the kmetrics plugin')
    p.add_argument('--oracle', default=os.path.join(REPO, 'build/oracle/km-oracle.so'),
                   help='the Clang plugin (make build/oracle/km-oracle.so)')
    p.add_argument('--work', default=os.path.join(REPO, 'build/oracle/work'),
                   help='where the .i files, objects and sidecars go')
    p.add_argument('--known', default=os.path.join(REPO, 'tests/oracle/known.txt'),
                   help='the differences decided by hand')
    p.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2, help='files at once')
    p.add_argument('--verbose', action='store_true', help='also name the functions only one side has')
    p.add_argument('--bcp-unknown', action='store_true',
                   help='__builtin_constant_p of a non-constant has no value (not the reading: '
                        'shows which differences that reading makes)')
    sub = p.add_subparsers(dest='mode', required=True)
    c = sub.add_parser('cmd', help='one compile command, after --')
    c.add_argument('--label', help='name in the table (default: the source)')
    c.add_argument('command', nargs=argparse.REMAINDER)
    k = sub.add_parser('kobj', help='kernel objects, by their kbuild .cmd files')
    k.add_argument('--sidecars', action='store_true',
                   help='read the sidecars the build wrote instead of compiling again')
    k.add_argument('kdir')
    k.add_argument('objects', nargs='*')
    c = sub.add_parser('cases', help='tests/oracle/cases/*.c: the oracle against their worked-out '
                       'values, kmetrics against the oracle at each level')
    c.add_argument('--levels', default='-O0,-O1,-O2,-Os')
    c.add_argument('files', nargs='*')
    g = sub.add_parser('gen', help='random programs (tests/oracle/gen.py) and csmith')
    g.add_argument('--count', type=int, default=6, help='generated files (default 6)')
    g.add_argument('--seed', type=int, default=1)
    g.add_argument('--csmith', type=int, default=2, help='csmith programs (default 2)')
    g.add_argument('--levels', default='-O0,-O1,-O2,-Os')
    try:
        args = p.parse_args(argv)
    except SystemExit as e:
        sys.exit(0 if e.code == 0 else 2)
    if args.mode == 'cmd' and args.command[:1] == ['--']:
        args.command = args.command[1:]
    args.label = getattr(args, 'label', None)
    # the commands run in their own directories
    args.plugin, args.oracle, args.work = map(os.path.abspath, (args.plugin, args.oracle, args.work))
    return args


def main(argv):
    args = parse_args(argv)
    try:
        for f in (args.plugin, args.oracle):
            if not os.path.isfile(f):
                raise command.Usage('%s is missing (make %s)' % (f, os.path.relpath(f, REPO)))
        known = compare.read_known(args.known)
        jobs = {'cmd': cmd_jobs, 'kobj': kobj_jobs, 'gen': gen_jobs, 'cases': cases_jobs}[args.mode](args)
    except command.Usage as e:
        print('oracle: error: %s' % e, file=sys.stderr)
        return 2
    results = run_jobs(jobs, args)
    failed = compare.report(results, known, args.verbose, sys.stdout)
    if args.mode == 'cases' and check_expectations(args, results, sys.stdout):
        print('oracle: the oracle itself disagrees with a case worked out by hand', file=sys.stdout)
        failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
