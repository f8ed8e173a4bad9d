#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tests/kernel/check-facts.sh - the compiler facts of arch/x86/kvm/x86.o
# against what binutils and GCC's own -fstack-usage say, and the SQLite
# form of the kvm dataset (part 6 of check-kernel.sh, which prepared and
# built the tree):
#
#   check-facts.sh KDIR SUB PLUGIN MERGE WORKDIR SIDECAR...
#
#   - x86.o is compiled again with -fstack-usage beside the plugin: the
#     records stay byte for byte the same, and every function with a body
#     emitted (own or clone: foo.isra.0, foo.part.0, foo.cold) has, in the
#     companion and in the csv, frame_bytes = the largest frame x86.su
#     gives its bodies, and nothing else has one;
#   - code_bytes = the summed `nm -S` sizes of the function's symbol and
#     its clones; inlined is 1 exactly for the records without any symbol;
#     section is where objdump -t puts its own-name symbol;
#   - the SQLite database of all SIDECARs over the build: one row per
#     record, integrity_check ok, kvm_vcpu_ioctl (kvm_main.c) calling
#     kvm_arch_vcpu_ioctl_run (x86.c) by id.
set -e -o pipefail

[ $# -ge 6 ] || { echo "usage: check-facts.sh KDIR SUB PLUGIN MERGE WORKDIR SIDECAR..." >&2; exit 2; }
KDIR=$1 SUB=$2 PLUGIN=$3 MERGE=$4 T=$5
shift 5
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/kbuild-integration/lib.sh"
X=$KDIR/$SUB/x86

fail() { echo "check-facts: FAIL: $*" >&2; exit 1; }
ok() { echo "check-facts: ok: $*"; }

# --- x86.o again, with -fstack-usage -------------------------------------------
cp "$X.o.kmetrics" "$T/x86.before"
rm -f "$X.su"
km_make "$KDIR" KCFLAGS="$(km_kcflags "$PLUGIN" -fstack-usage)" "$SUB/x86.o" > "$T/su.log" ||
	fail "make $SUB/x86.o with -fstack-usage: $(tail -n 5 "$T/su.log")"
[ -s "$X.su" ] || fail "no $X.su"
cmp -s "$T/x86.before" "$X.o.kmetrics" || fail "-fstack-usage changed the records of x86.o"

# frames: FILE:NAME -> the largest frame of its bodies (clones as NAME)
awk -F'\t' '{ n = split($1, p, ":"); name = p[n]; sub(/\..*/, "", name)
	k = p[1] ":" name; if (!(k in max) || $2 + 0 > max[k]) max[k] = $2 + 0 }
	END { for (k in max) print k "\t" max[k] }' "$X.su" | sort > "$T/su.frames"
awk -F'\t' '$1 == "F" { n[$2] = $3; f[$2] = $5 } $1 == "C" && $3 != "-" { print f[$2] ":" n[$2] "\t" $3 }' \
	"$X.o.kmetrics.graph" | sort > "$T/comp.frames"
cmp -s "$T/su.frames" "$T/comp.frames" ||
	fail "frames differ from x86.su: $(diff "$T/su.frames" "$T/comp.frames" | head -n 5 | tr '\n' ' ')"
nsu=$(wc -l < "$T/su.frames")
ok "frame_bytes of all $nsu functions with a body in x86.o (header inlines included) = x86.su"

# --- the csv of x86.o ------------------------------------------------------------
"$MERGE" --format=csv "$X.o.kmetrics" | tr -d '\r' > "$T/x86.csv"
col() { head -n 1 "$T/x86.csv" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
awk -F, -v n="$(col name)" -v f="$(col file)" -v fb="$(col frame_bytes)" -v cb="$(col code_bytes)" \
	-v il="$(col inlined)" -v se="$(col section)" \
	'NR > 1 { print $n "\t" $f "\t" $fb "\t" $cb "\t" $il "\t" $se }' "$T/x86.csv" > "$T/x86.facts"
[ "$(wc -l < "$T/x86.facts")" = "$(wc -l < "$X.o.kmetrics")" ] || fail "the csv has not every record"
awk -F'\t' '$3 != "" { print $2 ":" $1 "\t" $3 }' "$T/x86.facts" | sort > "$T/csv.frames"
join -t "$(printf '\t')" "$T/csv.frames" "$T/su.frames" | awk -F'\t' '$2 != $3' > "$T/csv.bad"
[ ! -s "$T/csv.bad" ] || fail "csv frame_bytes differ from x86.su: $(head -n 3 "$T/csv.bad" | tr '\n' ' ')"
[ "$(join -t "$(printf '\t')" "$T/csv.frames" "$T/su.frames" | wc -l)" = "$(wc -l < "$T/csv.frames")" ] ||
	fail "csv frame_bytes of functions without a body in x86.su"

# code_bytes: nm -S, symbols of functions and of their clones, sizes summed
nm -S --defined-only "$X.o" | while read -r addr size type name; do
	[ -n "$name" ] && [[ $type = [tTwW] ]] || continue
	base=${name%%.*}
	[[ ${name#"$base"} =~ ^(\.(isra|constprop|part|cold|clone|lto_priv|[0-9]+))*$ ]] || continue
	echo "$base $((16#$size))"
done | awk '{ s[$1] += $2 } END { for (f in s) print f "\t" s[f] }' | sort > "$T/nm.bytes"
awk -F'\t' '$4 != "" { print $1 "\t" $4 }' "$T/x86.facts" | sort > "$T/csv.bytes"
join -t "$(printf '\t')" "$T/csv.bytes" "$T/nm.bytes" | awk -F'\t' '$2 != $3' > "$T/bytes.bad"
[ ! -s "$T/bytes.bad" ] || fail "code_bytes differ from nm -S: $(head -n 3 "$T/bytes.bad" | tr '\n' ' ')"
cut -f1 "$T/x86.facts" | sort > "$T/rec.names"
join -t "$(printf '\t')" "$T/rec.names" "$T/nm.bytes" | cmp -s - "$T/csv.bytes" ||
	fail "records with symbols in nm but no code_bytes, or the other way round"
awk -F'\t' '($4 == "") != ($5 == 1) { print $1 }' "$T/x86.facts" > "$T/inl.bad"
[ ! -s "$T/inl.bad" ] || fail "inlined is not 1 exactly without a symbol: $(head -n 3 "$T/inl.bad" | tr '\n' ' ')"
ninl=$(awk -F'\t' '$5 == 1' "$T/x86.facts" | wc -l)
ok "code_bytes of $(wc -l < "$T/csv.bytes") records = nm -S; the $ninl without a symbol are the inlined ones"

# sections: objdump -t's section of the own-name symbol
objdump -t "$X.o" | awk -F'\t' '$1 ~ / F / { n = split($1, a, " "); split($2, b, " ")
	print b[2] "\t" a[n] }' | sort > "$T/objdump.sect"
awk -F'\t' '$6 != "" { print $1 "\t" $6 }' "$T/x86.facts" | sort > "$T/csv.sect"
join -t "$(printf '\t')" "$T/csv.sect" "$T/objdump.sect" | awk -F'\t' '$2 != $3' > "$T/sect.bad"
[ ! -s "$T/sect.bad" ] && [ "$(join -t "$(printf '\t')" "$T/csv.sect" "$T/objdump.sect" | wc -l)" = \
	"$(wc -l < "$T/csv.sect")" ] || fail "sections differ from objdump -t: $(head -n 3 "$T/sect.bad")"
ok "section of $(wc -l < "$T/csv.sect") own-name bodies = objdump -t ($(cut -f2 "$T/csv.sect" | sort -u | tr '\n' ' '))"

# --- sqlite -------------------------------------------------------------------------
command -v sqlite3 > /dev/null || fail "no sqlite3 (make deps installs it)"
rm -f "$T/kvm.db"
"$MERGE" --scope=build --format=sqlite -o "$T/kvm.db" "$@" 2> "$T/sqlite.err" ||
	fail "kmetrics-merge --format=sqlite: $(head -n 3 "$T/sqlite.err")"
nrec=$(cat "$@" | wc -l)
q() { sqlite3 -batch "$T/kvm.db" "$1"; }
[ "$(q 'pragma integrity_check')" = ok ] || fail "integrity_check of $T/kvm.db"
[ "$(q 'select count(*) from functions')" = "$nrec" ] || fail "functions has not $nrec rows"
[ "$(q 'select count(*) from objects')" = "$#" ] || fail "objects has not $# rows"
pair=$(q "select count(*) from calls join functions a on a.id = caller
	join functions b on b.id = callee where a.name = 'kvm_vcpu_ioctl'
	and a.file like '%virt/kvm/kvm_main.c' and b.name = 'kvm_arch_vcpu_ioctl_run'
	and b.file = 'arch/x86/kvm/x86.c' and kind = 'c'")
[ "$pair" = 1 ] ||
	fail "kvm_vcpu_ioctl -> kvm_arch_vcpu_ioctl_run not in calls ($pair)"
ok "SQLite: $nrec functions, $(q 'select count(*) from calls') calls, integrity ok, kvm_vcpu_ioctl -> kvm_arch_vcpu_ioctl_run"
