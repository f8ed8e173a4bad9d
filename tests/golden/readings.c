/*
 * README's readings where SPEC is silent (issue 22), each the same at
 * every -O level (run.sh compares -O0 .. -Os with one expected file).
 * C2 of each function is worked out below as 1 + the decisions named;
 * C10 is 1 + the deepest nesting of if/else, switch and loops; C9 the
 * named locals.
 */
#define ON 1
#define OFF 0
#define IS_ON(x) (x)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define BITS 64
int g(int);
void a(void), b(void);
static const unsigned int features = 0x5;
#define feat(bit) (!!(features & (1UL << (bit))))

/* a const local with a constant initializer is its value: 0 && x is 0, the if no decision, g() dead: C2 1, C10 1, no edge */
int const_local(int x)
{
	const int on = 0;

	if (on && x)
		return g(9);
	return 0;
}

/* a file-scope static const is its value too: feat(1) is 0: C2 1, C10 1 */
int static_const(int s)
{
	if (feat(1) && s)
		return g(1);
	return 0;
}

/* __builtin_constant_p of what is no constant is 0: the ?: picks b(): C2 1, C10 1, edge b only */
void bcp(int n)
{
	__builtin_constant_p(n) ? a() : b();
}

/*
 * an && or || counts by its own value: 1 && x counts, 1 || y (always 1)
 * does not, and the && between them is (1 && x) && 1, x: it counts: C2 4
 * (if, two &&)
 */
int own_value(int x, int y)
{
	if ((IS_ON(ON) && x) && (IS_ON(ON) || y))
		return 1;
	return 0;
}

/* BITS > 32 && unlikely(x): the && counts beside __builtin_expect: C2 3 (if, &&) */
int const_and_expect(unsigned long x)
{
	if (BITS > 32 && unlikely(x >= 8))
		return 1;
	return 0;
}

/* c ? 1 : 0 is a truth value, also under arithmetic; (w < v) + 2 is no ?:: C2 1 each */
int truth_ternary(int c) { return 3 * (c ? 1 : 0); }
int truth_arith(int w, int v) { return (w < v) + 2; }

/* (a && b) ? 0 : 1 is !(a && b): the && only: C2 2 */
int truth_of_logic(int x, int y) { return (x && y) ? 0 : 1; }

/* a ?: inside an operand GCC distributes arithmetic over counts once per '?': C2 3 */
unsigned distributed(int q, int e) { return 3 * (q ? (e ? 20U : 8U) : 0); }

/* a ?: as a statement is a ?:: C2 2, C10 1 (no level) */
void ternary_statement(int c) { c ? a() : b(); }

/* else { if } with braces is an if inside an else: C2 3, C10 3 */
int braced_else(int x, int y)
{
	if (x) {
		g(1);
	} else {
		if (y)
			g(2);
	}
	return 0;
}

/* an else-if whose condition declares a struct is an else-if: C2 3, C10 2 */
int elseif_struct(int x)
{
	if (x)
		g(1);
	else if (g((int)sizeof(struct { int a; })))
		g(3);
	return 0;
}

/* what is never evaluated is no code: the || of a _Static_assert: C2 2 */
int static_assert_or(int x)
{
	if (({ _Static_assert(sizeof(int) == 4 || sizeof(int) == 8, "size"); x; }))
		return 1;
	return 0;
}

/* a switch on a constant: only the live arm's locals count: C9 1 (l0), C2 1 */
int const_switch(int p)
{
	switch (sizeof(long)) {
	case 8:
		;
		int l0 = g(p) + 3;
		return l0;
	case 1:
		;
		int l1 = 3;
		return l1;
	}
	return 0;
}

/*
 * arms that are the constants 1 and 0 once folded are a truth value, as
 * a literal 1 and 0 are (kvm's handle_ept_violation: PFERR_PRESENT_MASK is
 * (1U << 0)); found by check-clang-kvm: C2 1 (no decision), C9 0. C3:
 * GCC's front end folds 1U << 0 to 1, Clang keeps the << and its operands
 * (readings.clang-14.expected), as README says C3 differs where GCC folds.
 */
unsigned long long shift_one(unsigned long q, unsigned long long e)
{
	e |= (q & 0x38ul) ? (1U << 0) : 0;
	return e;
}
