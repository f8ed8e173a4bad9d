#!/bin/bash
# tests/plugin/lines.sh - the plugin reads a token where the parser read it,
# whatever the line directives say (issue 21 item 7, issue 22 item 3):
#
#   1. a #line naming an existing file with other text (bison's output names
#      its grammar): the records are the same with that file present, with
#      another file of that name, and with none; the condition's C2 is as
#      written (worked out: 1 + && + || + || = 4);
#   2. real bison output (a small grammar of this test's own): yyparse's
#      record the same with the grammar file present, replaced by other
#      text, and removed;
#   3. a preprocessed input (.i) and -save-temps give the source's records
#      (the golden fixtures at -O2, each compiled from its .c and its .i).
# Host gcc only. PASS/FAIL lines; the last counts them.
set -u
. "$(dirname "$0")/lib.sh" lines
cc() { gcc -O2 -fplugin="$plugin" "$@"; }

# 1. #line into a file that exists with other text
printf 'int f(int a, int b)\n{\n#line 3 "parser.y"\n\treturn a > 1 && b > 2 || a == 3 || a == 4;\n}\n' >line.c
cc -c line.c -o none.o
printf 'this grammar file\nhas other text\n   entirely on its lines\n\t!\n' >parser.y
cc -c line.c -o other.o
printf '%%%%\nx: "a" | "b" | "c" | "d" | "e" ;\n' >parser.y
cc -c line.c -o another.o
if grep -q '^f : 2 : 4 : ' none.o.kmetrics && cmp -s none.o.kmetrics other.o.kmetrics &&
	cmp -s none.o.kmetrics another.o.kmetrics; then
	ok "#line naming an existing file: C2 4 whatever that file holds"
else
	bad "#line naming an existing file: $(cut -d: -f1-3 none.o.kmetrics other.o.kmetrics another.o.kmetrics | tr '\n' ' ')"
fi

# 2. bison's own output
if command -v bison >/dev/null; then
	cat >calc.y <<'Y'
%{
int yylex(void);
void yyerror(const char *);
%}
%token NUM
%left '+' '-'
%left '*' '/'
%%
input: /* empty */ | input line ;
line: '\n' | exp '\n' ;
exp: NUM | exp '+' exp | exp '-' exp | exp '*' exp | exp '/' exp | '(' exp ')' ;
%%
Y
	bison -o calc.tab.c calc.y 2>/dev/null
	cc -c calc.tab.c -o with.o
	sed 's/^/# /' calc.y >calc.y.other && mv calc.y.other calc.y
	cc -c calc.tab.c -o other.o
	rm -f calc.y
	cc -c calc.tab.c -o without.o
	if grep -q '^yyparse : ' with.o.kmetrics && cmp -s with.o.kmetrics other.o.kmetrics &&
		cmp -s with.o.kmetrics without.o.kmetrics; then
		ok "bison output: records equal with the grammar, another text, none ($(grep '^yyparse' with.o.kmetrics | cut -d: -f1-3))"
	else
		bad "bison output: yyparse $(grep -h '^yyparse' with.o.kmetrics other.o.kmetrics without.o.kmetrics | cut -d: -f3 | tr '\n' ' ')"
	fi
else
	echo "SKIP: no bison"
fi

# 3. .i and -save-temps against the source, the golden fixtures at -O2
for src in "$top"/tests/golden/*.c; do
	n=$(basename "$src" .c)
	mkdir -p "$n"
	cp "$src" "$top"/tests/golden/*.h "$n/"
	(cd "$n" && cc -c "$n.c" -o src.o && gcc -O2 -E "$n.c" -o "$n.i" &&
		cc -c "$n.i" -o pp.o && cc -save-temps -c "$n.c" -o st.o) 2>/dev/null
	if cmp -s "$n/src.o.kmetrics" "$n/pp.o.kmetrics" && cmp -s "$n/src.o.kmetrics" "$n/st.o.kmetrics"; then
		ok "$n.c: its .i and -save-temps give the source's records"
	else
		bad "$n.c: .i or -save-temps differ: $(diff "$n/src.o.kmetrics" "$n/pp.o.kmetrics" | grep -c '^<') records"
	fi
done
echo "lines: $pass passed, $fail failed"
[ $fail = 0 ]
