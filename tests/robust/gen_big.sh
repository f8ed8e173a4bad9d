#!/bin/bash
# gen_big.sh PREFIX N: a C file of N functions named PREFIX_0..PREFIX_(N-1),
# each with a decision, a loop and a call, so the plugin has work to do and
# its sidecar is large (about 80 bytes a function).
awk -v p="$1" -v n="$2" 'BEGIN {
	for (i = 0; i < n; i++) {
		printf "int %s_%d(int a, int b)\n{\n\tint s = %d;\n", p, i, i
		printf "\tif (a > b && b)\n\t\ts += a * %d;\n", i
		printf "\twhile (b-- > 0)\n\t\ts += %s_%d(a, b);\n", p, (i ? i - 1 : 0)
		printf "\treturn s;\n}\n"
	}
}'
