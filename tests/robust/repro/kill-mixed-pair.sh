#!/bin/bash
# Reproducer: a compile killed between the companion's rename and the
# sidecar's rename leaves the previous sidecar beside the new companion
# (km_write_outputs in plugin/gcc/kmetrics.c renames the companion first). Each
# file is whole, but they no longer describe the same compile: the F
# lines' record indices and names do not match the records, and the merge
# tool would link the wrong functions. tests/robust/atomic.sh counts these
# ("sidecar and companion from the same compile"); about 2 in 20 kills.
#
# Run from the top of the tree after make build/kmetrics.so and
# build/robust/killer (make check-robust builds it).
set -u
top=$(cd "$(dirname "$0")/../../.." && pwd)
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
cd "$d" || exit 1
"$top/tests/robust/gen_big.sh" a 2500 >a.c
"$top/tests/robust/gen_big.sh" b 2500 >b.c
for try in $(seq 1 40); do
	gcc -O0 -fplugin="$top/build/kmetrics.so" -c a.c -o k.o	# previous pair: a
	"$top/build/robust/killer" -w . -d $((RANDOM % 3000)) -- \
		gcc -O0 -fplugin="$top/build/kmetrics.so" -c b.c -o k.o >/dev/null
	if grep -q '^a_0 ' k.o.kmetrics && grep -q '	b_0	' k.o.kmetrics.graph; then
		echo "try $try: k.o.kmetrics from a.c, k.o.kmetrics.graph from b.c"
		"$top/build/robust/check_sidecar" k.o.kmetrics | head -2
		exit 1
	fi
done
echo "not reproduced in 40 tries"
