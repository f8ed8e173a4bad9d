# SPDX-License-Identifier: GPL-2.0
#
# tests/merge/run_facts.sh - the extended dataset's tests of kmetrics-merge,
# sourced by tests/merge/run.sh (its helpers merge, expect, pass, fail): a
# version 2 companion's columns in csv and json, code_bytes from an object
# made with as(1), frame_bytes from a .su file, --edges, and --format=sqlite
# read back with the sqlite3 CLI. The input, worked out by hand:
#
#   facts/f.o     a version 2 companion (test_facts): run (G) calls spill (S),
#                 hdr (a header static inline, no record) and printk (extern,
#                 called and its address taken: one callee); hdr calls spill.
#                 Worked out in expected/facts.csv: run fan_in 0, fan_out 3
#                 (spill, hdr, printk); spill fan_in 2 (run, hdr), fan_out 0;
#                 Halstead V = N log2 n, D = n1/2 N2/n2: run 17 log2 9 =
#                 53.8887250245193, 4/2 * 8/5 = 3.2 (their product is its C3);
#                 spill 7 log2 5 = 16.253496664211536, 3/2 * 3/2 = 2.25. The
#                 object, made with as(1), has run (40 bytes), run.cold (12),
#                 run.localalias (an alias, not counted) and the data object
#                 run.0: run's code_bytes is 52; spill has no symbol (inlined).
#                 spill's M line has no nloc, macro decisions, cognitive: empty.

# facts/f.o: run (40 bytes), run.cold (12), an alias and a data object
facts_object() {
	cat >facts/f.s <<-'EOF'
	.text
	.globl run
	.type run, @function
	run: .skip 40
	.size run, 40
	.set run.localalias, run
	.type run.localalias, @function
	.size run.localalias, 40
	.section .text.unlikely,"ax",@progbits
	.type run.cold, @function
	run.cold: .skip 12
	.size run.cold, 12
	.data
	.type run.0, @object
	run.0: .long 1
	.size run.0, 4
	EOF
	as facts/f.s -o facts/f.o && rm facts/f.s
}

# sql DB QUERY: the sqlite3 CLI's answer
sql() { sqlite3 -batch "$1" "$2" 2>&1; }

test_facts() {
	command -v as >/dev/null && facts_object || { echo "SKIP: facts (binutils missing)"; return 0; }
	merge --format=csv facts
	expect "csv of a version 2 companion: measures, facts, fan, code_bytes" 0 out \
		"$HERE/expected/facts.csv"
	mkdir -p factsnoobj
	cp facts/f.o.kmetrics facts/f.o.kmetrics.graph factsnoobj/
	merge --format=json factsnoobj
	grep -q '"frame_bytes":48,"code_bytes":null,' out && pass ||
		{ fail "without the object beside the sidecar code_bytes is null"; cat out; }
	merge --edges=edges.csv facts
	expect "--edges beside the seed format leaves the seed as it is" 0 out facts/f.o.kmetrics
	expect "--edges writes caller, callee, their files and the kind" 0 edges.csv \
		"$HERE/expected/facts-edges.csv"
	mkdir -p noedges
	cp golden/c/c.o.kmetrics noedges/
	merge --edges=edges2.csv noedges
	expect_msg "--edges needs the companions" 1 \
		"noedges/c.o.kmetrics.graph: No such file or directory (the companion of noedges/c.o.kmetrics, needed by --edges)"
	[ -e edges2.csv ] && fail "no edges file on error" || pass
}

# frame_bytes from the .su beside the object (Clang's objects: no C line).
# su/f.su, worked out by hand: run 24 and its clone run.cold 40 (the
# largest: 40), spill 16, other (no record) and a line without tabs
# ignored, so run 40, spill 16; with the companion's C lines (su2/) its
# facts win: run 48, spill none (C line "-").
test_su() {
	[ -f facts/f.o ] || { echo "SKIP: su (no facts/f.o)"; return 0; }
	mkdir -p su su2
	cp facts/f.o facts/f.o.kmetrics su/
	cp facts/f.o facts/f.o.kmetrics facts/f.o.kmetrics.graph su2/
	printf 'f.c:3:run\t24\tstatic\nf.c:3:run.cold\t40\tstatic\nf.c:9:spill\t16\tdynamic,bounded\nf.c:12:other\t99\tstatic\nno tabs: spill 1000\n' |
		tee su/f.su >su2/f.su
	merge --format=csv su
	[ "$(tr -d '\r' <out | awk -F, 'NR > 1 { printf "%s=%s ", $1, $28 }')" = "run=40 spill=16 " ] && pass ||
		{ fail "frame_bytes from the .su beside the object, clones' largest"; cat out; }
	merge --format=csv su2
	[ "$(tr -d '\r' <out | awk -F, 'NR > 1 { printf "%s=%s ", $1, $28 }')" = "run=48 spill= " ] && pass ||
		{ fail "a companion's C line wins over the .su"; cat out; }
}

test_sqlite() {
	command -v sqlite3 >/dev/null || { echo "SKIP: sqlite (no sqlite3 CLI)"; return 0; }
	merge --format=sqlite facts
	expect_err "--format=sqlite needs -o" 2 "format=sqlite needs -o FILE"
	merge --format=sqlite -o facts.db facts golden
	[ "$rc" = 0 ] && [ ! -s out ] && [ ! -s err ] && pass || { fail "--format=sqlite -o writes nothing else"; cat err; }
	[ "$(sql facts.db 'pragma integrity_check')" = ok ] && pass || fail "integrity_check of the database"
	[ "$(sql facts.db 'pragma user_version')" = 1 ] && pass || fail "user_version is the schema's version, 1"
	[ "$(sql facts.db 'select count(*) from functions')" = 8 ] && pass || fail "a row per record"
	[ "$(sql facts.db 'select count(*) from objects')" = 4 ] && pass || fail "a row per object"
	[ "$(sql facts.db 'select count(*) from calls')" = 12 ] && pass || fail "a row per call of a record"
	[ "$(sql facts.db "select a.name || '>' || b.name || ':' || kind from calls join functions a on a.id = caller join functions b on b.id = callee where a.name = 'run'")" = "run>spill:c" ] &&
		pass || fail "run calls spill: both ids"
	[ "$(sql facts.db "select group_concat(callee_name || kind, ' ') from calls where callee is null and caller = 1")" = "hdrc printkc printka" ] &&
		pass || fail "callees without a record: NULL and their names"
	[ "$(sql facts.db "select halstead_big_n1, halstead_n1, frame_bytes, code_bytes, section, typeof(nloc) from functions where name = 'run'")" = "9|4|48|52|.text|integer" ] &&
		pass || fail "functions has every column, N1 as halstead_big_n1"
	[ "$(sql facts.db "select count(*) from functions where name = 'spill' and frame_bytes is null and code_bytes is null and inlined = 1")" = 1 ] &&
		pass || fail "null where a fact is not there"
	[ "$(sql facts.db "select gcc || ' ' || target || ' ' || kernel_release || ' ' || config_hash from objects where path = 'facts/f.o'")" = "12.2.0 x86_64-linux-gnu 6.1.0 0123456789abcdef" ] &&
		pass || fail "objects carry the provenance"
	[ "$(sql facts.db "select value from meta where key = 'scope'") $(sql facts.db "select value from meta where key = 'records'")" = "tu 8" ] &&
		pass || fail "meta says scope and records"
	[ "$(sql facts.db "select callee_name from calls join functions on functions.id = caller where functions.name = 'main_a' and callee is null order by callee_name")" = "$(printf 'b_api\nhdr_inline')" ] &&
		pass || fail "per TU, a call to another object's global has no callee id"
	merge --format=sqlite --scope=build -o build.db golden
	[ "$(sql build.db "select b.file from calls join functions a on a.id = caller join functions b on b.id = callee where a.name = 'main_a' and b.name = 'b_api'")" = b/b.c ] &&
		pass || fail "over the build, main_a's call reaches b_api's record"
	sql build.db .schema | grep -q "halstead_difficulty REAL,	-- D = n1/2 \* N2/n2" && pass ||
		fail "the schema has a comment on each column"
	merge --format=sqlite -o no/such/dir/x.db golden
	expect_err "an unwritable sqlite -o is an error" 1 "no/such/dir/x.db"
	ls no/such/dir 2>/dev/null | grep -q . && fail "no temporary left" || pass
}

