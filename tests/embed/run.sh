#!/bin/bash
# Records embedded in objects (-fplugin-arg-kmetrics-embed, issue 6):
# the section and its format, ld -r / ar / thin archives, links that name
# their output sections (--orphan-handling=error), ccache (second build all
# hits, same dataset), distcc (compiled by distccd, dataset from the objects
# alone), and arch/x86/kvm objects of build/linux-source-6.1 when that tree
# is prepared. Each case prints PASS/FAIL (SKIP when a tool is missing);
# the last line counts them. Scratch: build/embed-tests.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
plugin=$top/build/kmetrics.so
x=$top/build/km-embed-extract
merge=$top/build/kmetrics-merge
proj=$top/tests/embed/proj
t=$top/build/embed-tests
srcs="parse score main"
rm -rf "$t"
mkdir -p "$t"
cd "$t"
pass=0 fail=0 skip=0
check() {	# check NAME COMMAND...: the command must succeed
	local name=$1
	shift
	if "$@" >"$t/last.out" 2>&1; then pass=$((pass + 1)); echo "PASS: $name"
	else fail=$((fail + 1)); echo "FAIL: $name"; sed 's/^/    /' "$t/last.out" | head -15; fi
}
skipped() { skip=$((skip + 1)); echo "SKIP: $1"; }
note() { echo "  note: $*"; }

# build DIR CC... : compile the project's files into DIR with the compiler command CC...
build() {
	local dir=$1 f
	shift
	mkdir -p "$dir"
	for f in $srcs; do
		(cd "$proj" && "$@" -O2 -c "$f.c" -o "$dir/$f.o") || return 1
	done
}
objs() { local f; for f in $srcs; do printf '%s/%s.o ' "$1" "$f"; done; }
sides() { local f; for f in $srcs; do cat "$1/$f.o.kmetrics"; done; }
# the records of a set of objects, in order, from the objects alone
dataset() { "$x" -r "$@"; }
# the companion without the lines that say where and by whom it was compiled
stable_graph() { grep -v -e '^object	' -e '^cwd	'; }
# a distcc server has the .i, not the source file: an M line's nloc (the
# function's lines of code, counted in the file) is 0 there (docs/kernel.md)
remote_graph() { stable_graph | awk -F'\t' -v OFS='\t' '$1 == "M" { $3 = "-" } 1'; }

export x t srcs proj
export -f objs sides dataset stable_graph remote_graph	# for the bash -c of check

PL="-fplugin=$plugin"
EMB="-fplugin-arg-kmetrics-embed"

# ---- the section and its contents ----
build "$t/plain" gcc "$PL" || exit 1
build "$t/emb" gcc "$PL" "$EMB" || exit 1
check "without embed: no section" bash -c "! readelf -S $t/plain/parse.o | grep -q discard.kmetrics"
check "without embed: the extractor says so" bash -c "$x $t/plain/parse.o; test \$? = 2"
check "embed: .discard.kmetrics, PROGBITS, flags E (SHF_EXCLUDE) only, not loaded" \
	bash -c "readelf -SW $t/emb/parse.o | grep -E '\\.discard\\.kmetrics +PROGBITS +0+ [0-9a-f]+ [0-9a-f]+ 00 +E +0 +0 +1\$'"
check "embed: blob starts with its versioned header" \
	bash -c "objcopy --dump-section .discard.kmetrics=$t/score.blob $t/emb/score.o $t/score.tmp.o && head -1 $t/score.blob | grep -qx 'kmetrics-embed 1 [0-9]* [0-9]*'"
for f in $srcs; do
	check "$f.o: embedded records byte-identical to its sidecar" \
		bash -c "$x -r $t/emb/$f.o | cmp - $t/emb/$f.o.kmetrics"
	check "$f.o: embedded companion byte-identical to its companion file" \
		bash -c "$x -g $t/emb/$f.o | cmp - $t/emb/$f.o.kmetrics.graph"
done
check "sidecars with embed are the sidecars without" bash -c "cmp <(sides $t/emb) <(sides $t/plain)"
check "embed changes no loaded byte (size of each object)" \
	bash -c "for f in $srcs; do a=\$(size $t/plain/\$f.o | tail -1 | cut -f1-3); b=\$(size $t/emb/\$f.o | tail -1 | cut -f1-3); [ \"\$a\" = \"\$b\" ] || exit 1; done"
(cd "$proj" && gcc "$PL" "$EMB" -O2 -S parse.c -o "$t/parse.s")
check "-S: the blob is in the assembler file" grep -q '^	.pushsection	.discard.kmetrics,"e",@progbits' "$t/parse.s"
(cd "$proj" && gcc "$PL" "$EMB" -O2 -flto -c score.c -o "$t/lto.o")
check "-flto: the slim IR object carries the records" bash -c "$x -r $t/lto.o | cmp - $t/emb/score.o.kmetrics"
(cd "$proj" && gcc "$PL" "$EMB" -O2 -flto -c parse.c -o "$t/lto2.o" && gcc "$PL" "$EMB" -O2 -flto -c main.c -o "$t/lto3.o")
check "-flto link (plugin given at the link too): nothing of the section in the output" \
	bash -c "gcc $PL $EMB -O2 -flto $t/lto.o $t/lto2.o $t/lto3.o -o $t/lto.exe && ! readelf -S $t/lto.exe | grep -q kmetrics"

# ---- ld -r, ar, thin archives ----
all=$(sides "$t/emb")
ld -r $(objs "$t/emb") -o "$t/rel.o"
check "ld -r: one section, the blobs stay separable, in order" \
	bash -c "[ \$($x -l $t/rel.o | wc -l) = 3 ] && cmp <($x -r $t/rel.o) <(sides $t/emb)"
ar rcs "$t/lib.a" $(objs "$t/emb")
check "ar archive: members named ARCHIVE(MEMBER)" \
	bash -c "$x -l $t/lib.a | cut -f1 | diff - <(for f in $srcs; do echo $t/lib.a\(\$f.o\); done)"
check "ar archive: same records" bash -c "cmp <($x -r $t/lib.a) <(sides $t/emb)"
(cd "$t" && ar cDPrST emb/built-in.a emb/parse.o emb/score.o && ar cDPrST built-in.a emb/built-in.a emb/main.o)
check "thin archive (ar cDPrST, as kbuild's built-in.a): members are the real objects" \
	bash -c "$x -l $t/emb/built-in.a | cut -f1 | diff - <(printf '%s\n' $t/emb/parse.o $t/emb/score.o)"
check "nested thin archive: all records" bash -c "cmp <($x -r $t/built-in.a) <(sides $t/emb)"
check "archive of ld -r objects and archives mixed on one command line" \
	bash -c "[ \$($x -l $t/built-in.a $t/lib.a $t/rel.o | wc -l) = 9 ]"
printf '\t.section .discard.kmetrics,"e",@progbits\n\t.ascii "kmetrics-embed 2 0 0\\n"\n' >v2.s && as v2.s -o v2.o
check "a future format version is an error that names it" \
	bash -c "$x v2.o 2>&1 | grep -q 'kmetrics-embed version 2, this reader knows 1'"
printf '\t.section .discard.kmetrics,"e",@progbits\n\t.ascii "kmetrics-embed 1 500 3\\nab"\n' >trunc.s && as trunc.s -o trunc.o
check "a truncated blob is an error" bash -c "$x trunc.o 2>&1 | grep -q 'truncated'"
check "a non-object is an error" bash -c "! $x $proj/parse.c 2>/dev/null"

# ---- links that name their output sections ----
lds=$proj/project.lds
sed 's/ \*(\.discard) \*(\.discard\.\*)//' "$lds" >nodiscard.lds
for v in plain emb; do
	ld --orphan-handling=warn -T "$lds" $(objs "$t/$v") --unresolved-symbols=ignore-all \
		-o "$t/$v.lk" 2>"$t/$v.warn"
done
note "orphan warnings (script with /DISCARD/ .discard.*): without embed $(grep -c orphan plain.warn), with embed $(grep -c orphan emb.warn)"
check "--orphan-handling=error, script like the kernel's: links with embed" \
	ld --orphan-handling=error -T "$lds" $(objs "$t/emb") --unresolved-symbols=ignore-all -o "$t/err.lk"
check "--orphan-handling=error, script without /DISCARD/ for it: still links (SHF_EXCLUDE)" \
	ld --orphan-handling=error -T nodiscard.lds $(objs "$t/emb") --unresolved-symbols=ignore-all -o "$t/err2.lk"
check "--orphan-handling=error, ld -r'd input (like vmlinux.o)" \
	ld --orphan-handling=error -T "$lds" "$t/rel.o" --unresolved-symbols=ignore-all -o "$t/err3.lk"
check "linked image identical with and without embed" cmp plain.lk emb.lk
# a default link names everything but the crt files' notes: count, do not fail
gcc -Wl,--orphan-handling=warn $(objs "$t/plain") -o plain.exe 2>plain.exe.warn
gcc -Wl,--orphan-handling=warn $(objs "$t/emb") -o emb.exe 2>emb.exe.warn
note "orphan warnings, default gcc link (from crt*.o): without embed $(grep -c orphan plain.exe.warn), with embed $(grep -c orphan emb.exe.warn)"
check "default gcc link: embed adds no orphan warning" cmp plain.exe.warn emb.exe.warn
check "default gcc link: executable identical (no section, no growth)" cmp plain.exe emb.exe
note "sizes: objects $(cat $(objs "$t/plain") | wc -c) -> $(cat $(objs "$t/emb") | wc -c) bytes; executable $(wc -c <plain.exe) -> $(wc -c <emb.exe)"

# ---- ccache ----
if command -v ccache >/dev/null; then
	export CCACHE_DIR=$t/ccache CCACHE_CONFIGPATH=$t/ccache.conf CCACHE_NOREADONLY=1
	unset CCACHE_DISABLE CCACHE_RECACHE CCACHE_NODIRECT CCACHE_PREFIX
	: >"$CCACHE_CONFIGPATH"
	mkdir -p "$t/cc"
	cp "$plugin" "$t/cc/kmetrics.so"	# a copy this test may change
	CPL="-fplugin=$t/cc/kmetrics.so"
	ccache -C >/dev/null 2>&1; ccache -z >/dev/null
	build "$t/cc1" ccache gcc "$CPL" "$EMB"
	ccache --print-stats >cc1.stats
	dataset $(objs "$t/cc1") >cc1.data
	build "$t/cc2" ccache gcc "$CPL" "$EMB"
	ccache --print-stats >cc2.stats
	ccache -s >cc2.human
	st() { awk -v k="$1" '$1 == k { print $2 }' "$2"; }
	hits2=$(( $(st direct_cache_hit cc2.stats) + $(st preprocessed_cache_hit cc2.stats) \
		- $(st direct_cache_hit cc1.stats) - $(st preprocessed_cache_hit cc1.stats) ))
	miss2=$(( $(st cache_miss cc2.stats) - $(st cache_miss cc1.stats) ))
	note "ccache: first build $(st cache_miss cc1.stats) misses; second build $hits2 hits, $miss2 misses"
	sed 's/^/    /' cc2.human | head -8
	check "ccache: second build is all cache hits" bash -c "[ $hits2 = 3 ] && [ $miss2 = 0 ]"
	check "ccache: a hit writes no sidecar (records only in the object)" \
		bash -c "! ls $t/cc2 | grep -q kmetrics"
	dataset $(objs "$t/cc2") >cc2.data
	check "ccache: dataset from the hit objects byte-identical to the first build's" cmp cc1.data cc2.data
	check "ccache: and to the sidecars of a build without ccache" bash -c "cmp cc1.data <(sides $t/emb)"
	if [ -x "$merge" ] && "$merge" "$t/cc1/parse.o" >/dev/null 2>&1; then
		"$merge" $(objs "$t/cc1") >cc1.merged; "$merge" $(objs "$t/cc2") >cc2.merged
		check "ccache: kmetrics-merge of the objects byte-identical" cmp cc1.merged cc2.merged
	else
		note "kmetrics-merge does not read objects yet: compared the extracted records"
	fi
	printf '\n' >>"$t/cc/kmetrics.so"	# another plugin build: its hash changes
	build "$t/cc3" ccache gcc "$CPL" "$EMB"
	ccache --print-stats >cc3.stats
	check "ccache: a changed plugin is a miss (ccache hashes -fplugin's file)" \
		bash -c "[ $(( $(st cache_miss cc3.stats) - $(st cache_miss cc2.stats) )) = 3 ]"
	unset CCACHE_DIR CCACHE_CONFIGPATH CCACHE_NOREADONLY
else
	skipped "ccache not installed (apt-get install ccache)"
fi

# ---- distcc ----
# distccd refuses any job whose arguments start with -fplugin= ("insecure
# and not supported", distcc 3.4 serve.c, even with --enable-tcp-insecure),
# so the plugin travels in a compiler wrapper the server runs; the client
# passes only -fplugin-arg-kmetrics-* options. The wrapper is allowed by
# name through DISTCC_CMDLIST.
if command -v distcc >/dev/null && command -v distccd >/dev/null; then
	d=$t/distcc
	rm -rf "$d"
	mkdir -p "$d/state"
	# distccd drops root for its own user, who must reach the wrapper, the
	# plugin, the command list and the outdir: they live in a directory
	# everyone can read, not under the clone (which may be in root's home,
	# mode 0700).
	srv=$(mktemp -d /tmp/kmetrics-distcc.XXXXXX) && chmod 755 "$srv"
	cp "$plugin" "$srv/kmetrics.so" && chmod 644 "$srv/kmetrics.so"
	mkdir -m 777 "$srv/sidecars"
	printf '#!/bin/sh\nexec gcc -fplugin=%s "$@"\n' "$srv/kmetrics.so" >"$srv/kmetrics-gcc"
	chmod 755 "$srv/kmetrics-gcc"
	echo "$srv/kmetrics-gcc" >"$srv/cmdlist"
	chmod 644 "$srv/cmdlist"
	dpid=
	stop_distccd() { [ -n "$dpid" ] && kill "$dpid" 2>/dev/null && wait "$dpid" 2>/dev/null; dpid=; }
	trap 'stop_distccd; rm -rf "$srv"' EXIT
	for try in 1 2 3 4 5; do
		port=$(( 20000 + (RANDOM * 7 + $$) % 40000 ))
		DISTCC_CMDLIST=$srv/cmdlist distccd --no-detach --daemon --listen 127.0.0.1 \
			--allow 127.0.0.1 --port "$port" --jobs 2 --log-stderr --log-level info \
			2>"$d/distccd.log" &
		dpid=$!
		for i in 1 2 3 4 5 6 7 8 9 10; do
			grep -q 'listening on' "$d/distccd.log" 2>/dev/null && break
			kill -0 "$dpid" 2>/dev/null || break
			sleep 0.2
		done
		grep -q 'listening on' "$d/distccd.log" 2>/dev/null && break
		stop_distccd
	done
	if [ -n "$dpid" ]; then
		note "distccd pid $dpid on 127.0.0.1:$port, log $d/distccd.log"
		export DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_DIR=$d/state DISTCC_FALLBACK=0 \
			DISTCC_BACKOFF_PERIOD=0 DISTCC_IO_TIMEOUT=60
		build "$d/obj" timeout 120 distcc "$srv/kmetrics-gcc" "$EMB" \
			"-fplugin-arg-kmetrics-outdir=$srv/sidecars" 2>"$d/client.log"
		for i in 1 2 3 4 5 6 7 8 9 10; do	# the daemon logs a job after answering it
			[ "$(grep -c COMPILE_OK "$d/distccd.log")" -ge 3 ] && break
			sleep 0.3
		done
		check "distcc: every compile ran in distccd (COMPILE_OK in its log)" \
			bash -c "[ \$(grep -c 'COMPILE_OK' $d/distccd.log) = 3 ]"
		check "distcc: no local fallback" bash -c "! grep -qi 'fallback\|failed to distribute' $d/client.log"
		check "distcc: no sidecar next to the objects" bash -c "! ls $d/obj | grep -q kmetrics"
		check "distcc: sidecars went to the remote side's outdir, under distccd's temporary names" \
			bash -c "find $srv/sidecars -name '*.kmetrics' | grep -q distccd_"
		dataset $(objs "$d/obj") >distcc.data
		for o in $(objs "$d/obj"); do	# the sidecar each remote compile wrote
			cat "$srv/sidecars$("$x" -g "$o" | sed -n 's/^object\t//p').kmetrics"
		done >remote.data
		check "distcc: dataset from the objects alone equals the sidecars distccd's compiles wrote" \
			bash -c "[ -s distcc.data ] && cmp distcc.data remote.data"
		# distccd compiles the .i in a directory of its own: the plugin reads
		# the text through the .i's line markers, so nothing differs (docs/kernel.md)
		sides "$t/emb" >local.data
		check "distcc: dataset equals a local build's" cmp distcc.data local.data
		check "distcc: companions equal a local build's but for object, cwd and nloc" \
			bash -c "cmp <($x -g $(objs "$d/obj") | remote_graph) <($x -g $(objs "$t/emb") | remote_graph)"
		note "distcc: embedded companion says $($x -g "$d/obj/parse.o" | grep -m1 '^object') (the server's temporary): use the path the blob was read from"
		saved=$dpid
		stop_distccd
		check "distcc: daemon stopped" bash -c "! kill -0 $saved 2>/dev/null"
	else
		fail=$((fail + 1)); echo "FAIL: distccd did not start"; sed 's/^/    /' "$d/distccd.log" | head
	fi
	rm -rf "$srv"
	trap - EXIT
else
	skipped "distcc not installed (apt-get install distcc)"
fi

# ---- arch/x86/kvm of the kernel tree, when prepared ----
"$top/tests/embed/kvm.sh" "$t/kvm"
case $? in
0) pass=$((pass + 1)); echo "PASS: arch/x86/kvm objects link with the kernel's vmlinux.lds without a new orphan warning" ;;
77) skipped "arch/x86/kvm: kernel tree build/linux-source-6.1 not prepared" ;;
*) fail=$((fail + 1)); echo "FAIL: arch/x86/kvm objects with embed" ;;
esac

echo "embed tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
