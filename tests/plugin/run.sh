#!/bin/bash
# Plugin behaviour: where sidecars go, the arguments, and problems that must
# stay warnings. Each case prints PASS/FAIL; the last line counts them.
# KM_GCC names the compiler (gcc), KM_PLUGIN the plugin built for it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cc=${KM_GCC:-gcc}
plugin=${KM_PLUGIN:-$top/build/kmetrics.so}
t=$top/build/plugin-tests/$cc
rm -rf "$t"
mkdir -p "$t/sub"
cd "$t"
pass=0 fail=0
check() {	# check NAME COMMAND...: the command must succeed
	local name=$1
	shift
	if "$@" >"$t/last.out" 2>&1; then pass=$((pass + 1)); echo "PASS: $name"
	else fail=$((fail + 1)); echo "FAIL: $name"; sed 's/^/    /' "$t/last.out" | head -10; fi
}

printf 'int f(int a, int b)\n{\n\tif (a && b)\n\t\treturn 1;\n\treturn 0;\n}\n' >f.c
printf 'static int s(void) { return 1; }\nint g(void) { return s(); }\n' >g.c

"$cc" -O2 -fplugin="$plugin" -c f.c -o sub/f.o 2>err1
check "sidecar next to the object, first record as in SPEC" \
	grep -qx 'f : 2 : 3 : 108.0 : 0 : 1 : 0 : 0 : 0 : 0 : 2 : 1.0 ：0' sub/f.o.kmetrics
check "companion beside the sidecar" grep -qx 'end' sub/f.o.kmetrics.graph
check "no diagnostics on a clean compile" test ! -s err1
check "no temporary left behind" sh -c '! ls sub | grep -v "^f\.o" | grep .'

"$cc" -c -fplugin="$plugin" f.c 2>/dev/null
check "object name without -o" test -f f.o.kmetrics

"$cc" -O2 -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/out" -c f.c -o sub/f2.o
check "outdir mirrors the object's path" test -f "$t/out/sub/f2.o.kmetrics"
check "outdir: nothing next to the object" test ! -e sub/f2.o.kmetrics
"$cc" -O2 -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/out" -c f.c -o "$t/sub/abs.o"
check "outdir with an absolute object path" test -f "$t/out/$t/sub/abs.o.kmetrics"

"$cc" -fplugin="$plugin" -fplugin-arg-kmetrics-disable -c f.c -o sub/d.o
check "disable writes nothing" test ! -e sub/d.o.kmetrics

"$cc" -fplugin="$plugin" -fplugin-arg-kmetrics-colour=blue -c f.c -o sub/u.o 2>err2
check "unknown argument is a warning that names it" grep -q 'kmetrics: unknown argument -fplugin-arg-kmetrics-colour' err2
check "unknown argument still measures" test -f sub/u.o.kmetrics

"$cc" -S -fplugin="$plugin" f.c -o sub/f.s
check "-S names the sidecar after the .s" test -f sub/f.s.kmetrics

"$cc" -E f.c -o f.i && "$cc" -c -fplugin="$plugin" f.i -o sub/fi.o
check "preprocessed input keeps its records" grep -q '^f : 2 : 3 ' sub/fi.o.kmetrics
check "preprocessed input: companion names the original source" grep -q $'^F\t0\tf\tG\tf.c\t' sub/fi.o.kmetrics.graph

"$cc" -O0 -fplugin="$plugin" -c g.c -o sub/g.o
check "a static called by a global keeps its record at -O0" grep -q '^s : ' sub/g.o.kmetrics
"$cc" -O2 -fplugin="$plugin" -c g.c -o sub/g2.o
check "a static inlined at -O2 keeps its record" cmp sub/g.o.kmetrics sub/g2.o.kmetrics

: >empty.c
"$cc" -fplugin="$plugin" -c empty.c -o sub/empty.o
check "a file without functions gets an empty sidecar" test -f sub/empty.o.kmetrics -a ! -s sub/empty.o.kmetrics

printf 'int broken(void) { return x; }\n' >bad.c
"$cc" -fplugin="$plugin" -c bad.c -o sub/bad.o 2>/dev/null
check "a compile that fails writes no sidecar" test ! -e sub/bad.o.kmetrics

: >notadir
"$cc" -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/notadir" -c f.c -o sub/w.o 2>err3
rc=$?
check "an unwritable sidecar is a warning, the object builds" test $rc = 0 -a -f sub/w.o
check "one warning, naming kmetrics, the path and the reason" test "$(grep -c kmetrics err3)" = 1 -a "$(grep -c "warning: kmetrics: cannot write $t/notadir/.*: Not a directory" err3)" = 1
"$cc" -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/notadir" -fplugin-arg-kmetrics-strict \
	-c f.c -o sub/w2.o 2>err4
rc=$?
check "strict turns it into an error" test $rc != 0
check "strict: the message names kmetrics" grep -q "error: kmetrics: " err4

# a second kmetrics plugin in the same cc1 (the kernel's
# CONFIG_GCC_PLUGIN_KMETRICS beside KCFLAGS=-fplugin=kmetrics.so): GCC loads
# plugins RTLD_GLOBAL, so each must keep its functions to itself
check "the plugin shows the compiler only plugin_init and plugin_is_GPL_compatible" \
	test "$(nm -D --defined-only "$plugin" | awk '{print $3}' | sort | tr '\n' ' ')" = \
	"plugin_init plugin_is_GPL_compatible "
# run as a program by mistake (lib/unit/run_alone.c): how to load it, not a crash
check "run as a program, --help says how to load it and exits 0" \
	sh -c '"$1" --help | grep -q -- "-fplugin=" && "$1" --help >/dev/null' sh "$plugin"
check "run as a program, anything else is a usage error: exit 2, on standard error" \
	sh -c '"$1" --frobnicate 2>&1 >/dev/null | grep -q "kmetrics(1)"; "$1" --frobnicate 2>/dev/null; test $? = 2' sh "$plugin"
cp "$plugin" "$t/second.so"
"$cc" -O2 -fplugin="$plugin" -fplugin="$t/second.so" -fplugin-arg-kmetrics-outdir="$t/two" \
	-c f.c -o sub/two.o 2>err5
check "two copies in one compile: the object builds, the records are right" \
	grep -qx 'f : 2 : 3 : 108.0 : 0 : 1 : 0 : 0 : 0 : 0 : 2 : 1.0 ：0' "$t/two/sub/two.o.kmetrics"

# outputs that are no file, -save-temps, outdir, LTO links: the host's gcc
# (they link and assemble, which a cross compiler's missing libc cannot)
[ "$cc" = gcc ] && . "$top/tests/plugin/hardening.sh"

echo "plugin ($cc): $pass passed, $fail failed"
[ $fail = 0 ]
