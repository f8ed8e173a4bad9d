# SPDX-License-Identifier: GPL-2.0
#
# tests/plugin/hardening.sh - what an adversarial run of the plugin found
# (tracker issue 16): target_clones, objects that are no file (/dev/null,
# "-", a device node, a FIFO), -save-temps, ".." out of the outdir, LTO
# links, the arguments, a tab or newline in the object's name.
#
# Sourced by tests/plugin/run.sh, in its directory, with its check helper
# and its f.c. The device node needs root (mknod); without it: SKIP.

# compiles COMMAND...: gcc with the plugin, stderr in err16, status in rc16
compiles() {
	gcc -fplugin="$plugin" "$@" 2>err16
	rc16=$?
}
one_warning() {	# one_warning PATTERN: rc 0, exactly one warning, matching
	[ "$rc16" = 0 ] && [ "$(grep -c 'warning:' err16)" = 1 ] && grep -q -e "$1" err16
}

# ---- 3: a global with target_clones is a global node ----
printf '__attribute__((target_clones("avx2", "default")))\nint tc(int x) { return x + 1; }\n' >tc.c
printf 'int tc(int);\nint call(int x) { return tc(x); }\n' >call.c
for o in -O0 -O2; do
	compiles $o -c tc.c -o sub/tc.o
	check "target_clones ($o): tc is G in the companion" grep -q $'^F\t0\ttc\tG\t' sub/tc.o.kmetrics.graph
done
compiles -O2 -c call.c -o sub/call.o
"$top/build/kmetrics-merge" --scope=build sub/tc.o.kmetrics sub/call.o.kmetrics >tc.merged 2>&1
check "target_clones: over the build the caller in another object counts (C7 1)" \
	grep -qx 'tc : 1 : 1 : 8.0 : 0 : 2 : 0 : 1 : 0 : 0 : 1 : 1.0 ：0' tc.merged

# ---- 6: an object that is no file gets no sidecar ----
printf 'int a(void) { return 1; }\n#ifdef CHECK\nint b(void) { return 2; }\n#endif\n' >n.c
compiles -c n.c -o n.o
cp n.o.kmetrics n.keep
compiles -DCHECK -c n.c -o /dev/null
check "-o /dev/null leaves the sidecar of n.o alone" cmp n.o.kmetrics n.keep
check "-o /dev/null: no diagnostics" test "$rc16" = 0 -a ! -s err16
compiles -DCHECK -fplugin-arg-kmetrics-outdir="$t/nullout" -c n.c -o /dev/null
check "-o /dev/null with outdir writes nothing there" test ! -e "$t/nullout"
compiles -DCHECK -S n.c -o /dev/null
check "-S -o /dev/null leaves the sidecar of n.o alone" cmp n.o.kmetrics n.keep
if [ "$(id -u)" = 0 ] && mkdir -p dev && mknod dev/null c 1 3 2>/dev/null; then
	compiles -c n.c -o dev/null
	check "-o a character device (mknod): no sidecar beside it" sh -c '! ls dev | grep -q kmetrics'
	ln -s null dev/nlink.o
	compiles -c n.c -o dev/nlink.o
	check "-o a link to a device: no sidecar" sh -c '! ls dev | grep -q kmetrics'
else
	echo "SKIP: -o a character device made with mknod (needs root)"
fi
mkdir -p fifo
mkfifo fifo/p.o
cat fifo/p.o >/dev/null &
compiles -c n.c -o fifo/p.o
wait
check "-o a FIFO: no sidecar beside it" sh -c '! ls fifo | grep -q kmetrics'
ln -s real.o fifo/link.o
compiles -c n.c -o fifo/link.o
check "-o a link to a file to be: the sidecar is named after the link" test -f fifo/link.o.kmetrics

# ---- 10: -o - is standard output: as fails as without the plugin, nothing left ----
rm -f n.o.kmetrics n.o.kmetrics.graph
gcc -c n.c -o - >/dev/null 2>err16.plain
plain=$?
compiles -c n.c -o - >/dev/null
check "-o -: the same status as without the plugin" test "$rc16" = "$plain"
check "-o -: no sidecar" test ! -e n.o.kmetrics -a ! -e n.o.kmetrics.graph
gcc -fplugin="$plugin" -fplugin-arg-kmetrics-embed -S n.c -o - | as -o n-emb.o -
check "-S -o - with embed: the records go into what as makes of it" \
	sh -c 'readelf -p .discard.kmetrics n-emb.o | grep -q "a : 0 : 1 : "'
check "-S -o - with embed: no sidecar" sh -c '! ls | grep -q "^n\..*kmetrics"'

# ---- 7: -save-temps names the sidecar after the object ----
mkdir -p st
cp n.c st/
(cd st && gcc -fplugin="$plugin" -save-temps -c n.c -o n.o)
check "-save-temps: the sidecar is n.o's" test -f st/n.o.kmetrics -a -f st/n.o.kmetrics.graph
check "-save-temps: none named after the .s" test ! -e st/n.s.kmetrics
(cd st && gcc -fplugin="$plugin" -save-temps -c n.c)
check "-save-temps without -o: the sidecar is n.o's" sh -c '! ls st | grep -q "\.s\.kmetrics"'

# ---- 8: nothing lands outside the outdir ----
mkdir -p esc/src/sub esc/src/x esc/od
cp n.c esc/src/sub/b.c
(cd esc/src/sub &&
	gcc -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/esc/od" -c b.c -o ../../b.o &&
	gcc -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/esc/od" -c b.c -o ../x/../b2.o &&
	gcc -fplugin="$plugin" -fplugin-arg-kmetrics-outdir="$t/esc/od" -c b.c -o sub2/../b3.o 2>/dev/null)
check "outdir: every sidecar lies inside it" \
	test "$(find esc -name '*.kmetrics' | grep -vc '^esc/od/')" = 0
check "outdir: ../../b.o is mirrored by its absolute path" test -f "esc/od/$t/esc/b.o.kmetrics"
check "outdir: ../x/../b2.o too" test -f "esc/od/$t/esc/src/b2.o.kmetrics"
check "outdir: sub2/../b3.o folds to b3.o" test -f esc/od/b3.o.kmetrics
check "outdir: no directory made outside it" \
	test "$(find esc -type d | grep -v '^esc/od' | sort | tr '\n' ' ')" = "esc esc/src esc/src/sub esc/src/x "

# ---- 9: an LTO link is no translation unit of the build ----
mkdir -p lto
printf 'int b(int);\nint main(void) { return b(1); }\n' >lto/m.c
printf 'int b(int x) { return x - 2; }\n' >lto/b.c
(cd lto && gcc -O2 -flto -fplugin="$plugin" -c m.c b.c &&
	gcc -O2 -flto -fplugin="$plugin" m.o b.o -o prog &&
	gcc -O2 -flto -flto-partition=one -save-temps -fplugin="$plugin" m.o b.o -o prog2) 2>err16
check "-flto: the compile step writes the sidecars" test -f lto/m.o.kmetrics -a -f lto/b.o.kmetrics
check "-flto: the link writes none (lto1, ltrans)" \
	test "$(ls lto | grep -c kmetrics)" = 4 -a ! -s err16

# ---- 14: boolean arguments, empty outdir, disable beside unknown arguments ----
for v in 0 no false FALSE; do
	compiles -fplugin-arg-kmetrics-outdir="$t/notadir" -fplugin-arg-kmetrics-strict=$v -c f.c -o sub/b.o
	check "strict=$v is off: a warning, the object builds" one_warning 'warning: kmetrics: cannot write'
done
for v in 1 yes true; do
	compiles -fplugin-arg-kmetrics-outdir="$t/notadir" -fplugin-arg-kmetrics-strict=$v -c f.c -o sub/b.o
	check "strict=$v is on: an error" test "$rc16" != 0
done
compiles -fplugin-arg-kmetrics-strict=maybe -c f.c -o sub/b.o
check "strict=maybe: a warning naming it, the object builds" \
	one_warning 'kmetrics: -fplugin-arg-kmetrics-strict=maybe ignored: not 0, 1, yes, no, true or false'
rm -f sub/b.o.kmetrics
compiles -fplugin-arg-kmetrics-disable=0 -c f.c -o sub/b.o
check "disable=0 measures" test -f sub/b.o.kmetrics
rm -f sub/b.o.kmetrics
compiles -fplugin-arg-kmetrics-disable=yes -c f.c -o sub/b.o
check "disable=yes writes nothing" test ! -e sub/b.o.kmetrics
compiles -fplugin-arg-kmetrics-disable -fplugin-arg-kmetrics-colour=blue -c f.c -o sub/b.o
check "disable still warns about an unknown argument" \
	one_warning 'kmetrics: unknown argument -fplugin-arg-kmetrics-colour ignored'
for a in outdir= outdir; do
	rm -f sub/o.o.kmetrics
	compiles -fplugin-arg-kmetrics-$a -c f.c -o sub/o.o
	check "$a without a directory: a warning naming it, the object builds" \
		one_warning 'kmetrics: -fplugin-arg-kmetrics-outdir ignored: it needs a directory'
	check "$a without a directory: the sidecar goes next to the object" test -f sub/o.o.kmetrics
done

# ---- 15: a tab or newline in the object's name: say so ----
for c in $'\t' $'\n'; do
	compiles -c f.c -o "sub/t${c}b.o"
	check "a $(printf %q "$c") in the object's name: one warning saying so" \
		one_warning 'holds a tab or newline'
	check "a $(printf %q "$c") in the object's name: not 'out of memory'" sh -c '! grep -q "out of memory" err16'
	check "a $(printf %q "$c") in the object's name: the object builds" test -f "sub/t${c}b.o"
done
