# SPDX-License-Identifier: GPL-2.0
"""tests/oracle/command.py - one compile command, measured both ways.

A Job is a compile command (kbuild's .cmd line of a kernel object, or one
the caller gives) with what the oracle must not pass on stripped: the
kmetrics plugin and its arguments (and kbuild's stamp of it), dependency
outputs, -c and -o. measure() runs, in the command's directory:

  CC FLAGS -E -o WORK/x.i SRC                    the code as compiled
  clang-14 -fsyntax-only (the Clang plugin) x.i  the oracle's numbers
  CC FLAGS -fplugin=PLUGIN -c -o WORK/x.o SRC    kmetrics' sidecar

(the last one skipped when a build already wrote the sidecar) and hands the
outputs to compare.compare().
"""
import os
import shlex
import subprocess

import compare


class Failure(Exception):
    """A step failed: the message names the command and its output's end."""


class Usage(Exception):
    """Bad arguments or a missing input: exit status 2."""


class Job:
    def __init__(self, cwd, cc, flags, source, work, label, sidecar=None):
        self.cwd, self.cc, self.flags, self.source = cwd, cc, flags, source
        self.work, self.label, self.sidecar = work, label or source, sidecar


# Options that take the next word as their value: dropped with it.
DROP_WITH_VALUE = {'-o', '-MF', '-MT', '-MQ'}


def strip_flags(words):
    """The compile command less what the oracle must control: returns (cc, flags, source)."""
    cc, flags, source = words[0], [], None
    skip = False
    for w in words[1:]:
        if skip:
            skip = False
            continue
        if w in DROP_WITH_VALUE:
            skip = True
        elif w in ('-c', '-S', '-E', '-MD', '-MMD', '-MP') or w.startswith('-save-temps'):
            pass
        elif w.startswith(('-fplugin=', '-fplugin-arg-', '-DKMETRICS_PLUGIN_STAMP=',
                           '-Wp,-MD,', '-Wp,-MMD,')):
            pass
        elif not w.startswith('-') and w.endswith('.c') and flags[-1:] not in (['-include'], ['-x']):
            source = w
        else:
            flags.append(w)
    if source is None:
        raise Usage('no .c source in the command: %s' % ' '.join(words))
    return cc, flags, source


def job_from_command(cwd, words, work, label):
    cc, flags, source = strip_flags(words)
    return Job(cwd, cc, flags, source, work, label)


def read_kbuild_cmd(kdir, obj):
    """The compile command of kbuild's .cmd file for obj, as words."""
    path = os.path.join(kdir, os.path.dirname(obj), '.%s.cmd' % os.path.basename(obj))
    try:
        with open(path) as f:
            for line in f:
                if line.startswith('cmd_') and ' := ' in line:
                    text = line.split(' := ', 1)[1].strip().replace('$$', '$')
                    words = shlex.split(text)
                    if ';' in words:
                        words = words[:words.index(';')]
                    return words
    except OSError as e:
        raise Usage('%s: %s (build the object first)' % (path, e.strerror))
    raise Usage('%s: no cmd_ line' % path)


def job_from_kbuild(kdir, obj, work, use_sidecar):
    cc, flags, source = strip_flags(read_kbuild_cmd(kdir, obj))
    sidecar = os.path.join(kdir, obj + '.kmetrics') if use_sidecar else None
    if sidecar and not os.path.isfile(sidecar):
        raise Usage('%s: no sidecar (build it with the plugin first)' % sidecar)
    return Job(kdir, cc, flags, source, work, source, sidecar)


def run(cmd, cwd, what, ok=lambda p: p.returncode == 0):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, errors='replace')
    if not ok(p):
        tail = '\n'.join(p.stderr.strip().split('\n')[-5:])
        raise Failure('%s failed (exit %d): %s\n  %s' % (what, p.returncode, ' '.join(cmd[:3]) + ' ...', tail))
    return p.stdout


# The flags Clang must share with GCC to read the .i as GCC did.
CLANG_KEEP = ('-std=', '-funsigned-char', '-fsigned-char', '-fshort-wchar', '-fms-extensions',
              '-m32', '-m64', '-fgnu89-inline')


GCC_BUILTINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'clang', 'gcc-builtins.h')
# GCC builtins Clang 14 does not know (it rejects their use even declared),
# renamed in the .i to what gcc-builtins.h declares: the same length.
GCC_ONLY_BUILTINS = {'__builtin_isdigit': '__km_gcc_isdigit_'}


def rename_gcc_builtins(ifile):
    with open(ifile, encoding='utf-8', errors='surrogateescape') as f:
        text = f.read()
    new = text
    for gcc, ours in GCC_ONLY_BUILTINS.items():
        new = new.replace(gcc + '(', ours + '(')
    if new != text:
        with open(ifile, 'w', encoding='utf-8', errors='surrogateescape') as f:
            f.write(new)


def clang_flags(flags):
    return [f for f in flags if f.startswith(CLANG_KEEP)]


def work_name(job):
    """A file name under WORK for this job: the source's path, flattened."""
    name = job.label.replace('/', '_').replace(' ', '')
    return os.path.join(job.work, name)


def measure(job, args):
    base = work_name(job)
    os.makedirs(os.path.dirname(base), exist_ok=True)
    ifile = base + '.i'
    run([job.cc] + job.flags + ['-E', '-o', ifile, job.source], job.cwd, 'preprocessing ' + job.source)
    rename_gcc_builtins(ifile)
    oracle = run(['clang-14', '-fsyntax-only', '-w', '-ferror-limit=0', '-include', GCC_BUILTINS] +
                 clang_flags(job.flags) +
                 ['-Xclang', '-load', '-Xclang', args.oracle, '-Xclang', '-plugin', '-Xclang', 'km-oracle',
                  ] + (['-Xclang', '-plugin-arg-km-oracle', '-Xclang', 'bcp=unknown'] if args.bcp_unknown else []) +
                 [ifile], job.cwd, 'clang-14 on ' + ifile,
                 # errors in GCC-only attributes of system headers are harmless: the
                 # oracle marks each function that holds one, and says how many
                 ok=lambda p: '\nerrors\t' in '\n' + p.stdout)
    sidecar = job.sidecar
    if sidecar is None:
        obj = base + '.o'
        run([job.cc] + job.flags + ['-fplugin=' + args.plugin, '-c', '-o', obj, job.source],
            job.cwd, 'compiling %s with the plugin' % job.source)
        sidecar = obj + '.kmetrics'
    return compare.compare(job.label, job.source, oracle, sidecar)
