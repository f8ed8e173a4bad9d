/*
 * Conditions that GCC 12's C front end folds before any plugin sees them,
 * one shape a function, found in gcc/fold-const.cc (fold_range_test,
 * fold_truth_andor, fold_truth_andor_1, merge_truthop_with_opposite_arm,
 * fold_truth_not_expr, fold_ternary_loc), gcc/builtins.cc
 * (fold_builtin_expect), gcc/c/c-fold.cc (c_fully_fold_internal) and in
 * Linux 6.1 (WARN_ON, WARN_ON_ONCE, IS_ENABLED, test_bit, bit-field
 * flags); tests/golden/folded.c has eleven more.
 *
 * C2 is worked out by hand in each comment: 1 + each if, ?:, loop with a
 * condition, and each && and || written (after preprocessing), whatever
 * the fold makes of them, also one with a constant operand
 * (IS_ENABLED(CONFIG_X) && x: written, in a condition that is not
 * constant); a condition that is constant as a whole counts nothing, its
 * dead code neither. C9 and C10 are given where
 * they are not 0 and 1 (a return of a condition) or 2 (one if).
 * The expected files hold these hand-worked numbers, also where the
 * plugin gives others; C3 is the plugin's, over the tree it is given,
 * which from -O1 on is folded (see folded.c): folds.opt.expected, whose
 * C3 of a function the plugin miscounts may move when it is fixed. Every
 * other column must be the same at every level.
 */
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* include/linux/kconfig.h: IS_ENABLED through placeholder arguments */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __or(x, y)			___or(x, y)
#define ___or(x, y)			____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y)		__take_second_arg(arg1_or_junk 1, y)
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
#define CONFIG_ON 1		/* CONFIG_OFF and CONFIG_OFF2 are not set */

/* arch/x86 and asm-generic bug.h: x86's WARN_ON, the asm reduced to its operands */
#define BUGFLAG_WARNING	(1 << 0)
#define BUGFLAG_ONCE	(1 << 1)
#define __WARN_FLAGS(flags) do {					\
	__auto_type __flags = BUGFLAG_WARNING | (flags);		\
	asm volatile("" : : "r" (__flags), "i" (flags));		\
} while (0)
#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_FLAGS(0);					\
	unlikely(__ret_warn_on);					\
})
#define WARN_ON_ONCE(condition) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_FLAGS(BUGFLAG_ONCE);				\
	unlikely(__ret_warn_on);					\
})
/* include/linux/once_lite.h: WARN_ON_ONCE where the arch has no __WARN_FLAGS */
#define __ONCE_LITE_IF(condition) ({					\
	static _Bool __already_done;					\
	_Bool __ret_cond = !!(condition);				\
	_Bool __ret_once = 0;						\
	if (unlikely(__ret_cond && !__already_done)) {			\
		__already_done = 1;					\
		__ret_once = 1;						\
	}								\
	unlikely(__ret_once);						\
})
#define DO_ONCE_LITE_IF(condition, func, ...) ({			\
	_Bool __ret_do_once = !!(condition);				\
	if (__ONCE_LITE_IF(__ret_do_once))				\
		func(__VA_ARGS__);					\
	unlikely(__ret_do_once);					\
})
#define WARN_ON_ONCE_LITE(condition) DO_ONCE_LITE_IF(condition, WARN_ON, 1)

/* arch/x86/include/asm/bitops.h: constant_test_bit's test, as a macro */
#define test_bit(nr, addr) \
	(((1UL << ((nr) & 63)) & ((addr)[(nr) >> 6])) != 0)

int g(int);
struct flags { unsigned p:1, q:1, r:1, mode:3, kind:2; _Bool a, b; };
struct vcpu { int id; struct { unsigned halted:1, pending:1, smm:1; } arch; };
enum state { S_IDLE, S_RUN, S_WAIT, S_STOP, S_DEAD };
static const int debug_on = 0;

/* ---- fold_range_test: comparisons of one operand merged into a range ---- */

int out_of_range(int x) { return x < 0 || x > 9; }				/* 2 */
int hex_digit(int c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))	/* if, &&, ||, && */
		return 1;
	return 0;
}									/* 5 */
int one_value(int x) { return x > 3 && x < 5; }				/* 2: x == 4 */
int not_two(int x) { return x != 3 && x != 4; }				/* 2 */
int zero_or_one(int x) { return x == 0 || x == 1; }				/* 2 */
int ident_char(unsigned char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }	/* 3 */
int busy(enum state s) { return s == S_RUN || s == S_WAIT || s == S_STOP; }	/* 3 */

/* ---- fold_truth_andor_1: bit tests, bit-fields, comparisons merged ---- */
/*
 * Merged bit-field tests read the word holding the fields (BIT_FIELD_REF
 * <*s, 8, 0> on x86-64, <*s, 32, 0> on aarch64): its width and position
 * are the target's, never written, so no operands, and C3 is the same on
 * every target (one folds.opt.expected for gcc and aarch64-linux-gnu-gcc).
 */

int both_bits(unsigned f) { if ((f & 1) && (f & 4)) return g(1); return 0; }	/* 3 */
int not_both(unsigned f) { return !(f & 2) || !(f & 8); }			/* 2 */
int pq(struct flags *s) { if (s->p && s->q) return g(2); return 0; }		/* 3 */
int mode_kind(struct flags *s) { return s->mode == 2 && s->kind == 1; }	/* 2 */
int same_fields(struct flags *a, struct flags *b)
{
	return a->mode == b->mode && a->kind == b->kind;			/* 2 */
}
int any_set(int a, int b) { if (a != 0 || b != 0) return g(3); return 0; }	/* 3: (a | b) != 0 */
int none_set(int a, int b) { return !a && !b; }				/* 2: (a | b) == 0 */
int at_most(int x, int y) { return x < y || x == y; }				/* 2: x <= y */
int differ(int x, int y) { return x < y || x > y; }				/* 2: x != y */

/* ---- fold_truth_andor: reassociation and redundant arms ---- */

int common_arm(int a, int b, int c)
{
	if ((a || b) && (a || c))		/* if, ||, &&, ||: a || (b && c) */
		return g(4);
	return 0;
}									/* 5 */
int opposite_arm(int a, int x) { return (a || x > 3) && x <= 3; }		/* 3: a && x <= 3 */
int all_three(int a, int b, int c) { if (a > 0 && b > 0 && c > 0) return g(5); return 0; }	/* 4 */

/* ---- fold_truth_not_expr: ! pushed into its operand ---- */

int not_either(int a, int b) { return !(a || b); }				/* 2 */
int not_mixed(int x, int y) { return !(x == 1 || y != 2); }			/* 2 */
int not_ternary(int c, int a, int b) { return !(c ? a > 1 : b > 2); }		/* 2: the ?: */
int not_not(int a, int b) { return !!(a && b); }				/* 2 */
int not_bit_and(unsigned f, int b) { return !((f & 1) && b); }		/* 2 */

/* ---- fold_ternary_loc and fold_binary_op_with_conditional_arg ---- */

int ternary_sum(int c, int x, int y) { return (c ? x : y) + 1; }		/* 2: c ? x + 1 : y + 1 */
int ternary_and(int c, int x) { return c ? x > 1 : 0; }			/* 2: c && x > 1, the ?: */
int ternary_abs(int x) { return (x < 0 ? -x : x) > 3; }			/* 2: ABS_EXPR */

/* ---- fold_builtin_expect: __builtin_expect distributed over && and || ---- */

int expect_nested(int a, int b, int c)
{
	if (unlikely(a && (b || c)))		/* if, &&, || */
		return g(6);
	return 0;
}									/* 4 */
int likely_not_or(int a, int b) { if (likely(!(a || b))) return g(7); return 0; }	/* 3 */
int bounds(int i, int n) { if (unlikely(i < 0 || i >= n)) return -1; return i; }	/* 3 */
int expect_ternary(int f, int w, int x) { return unlikely(f || w > 3) ? x : g(8); }	/* 3: ||, ?: */

/* ---- c_fully_fold_internal ---- */

int const_global(int x) { if (debug_on || x > 2) return g(10); return 0; }	/* 3 */
int comma(int a, int b) { if ((g(11), a) && b) return 1; return 0; }		/* 3 */
int false_and(int x) { if (0 && x) return g(12); return 0; }			/* 1, C10=1 */

/* ---- Linux: WARN_ON, WARN_ON_ONCE, IS_ENABLED, test_bit, flags ---- */

void warn_or(int a, int b) { WARN_ON(a || b); }		/* 3: ||, if; C9=2 (__ret_warn_on, __flags) */
int warn_once(int a, int b)
{
	if (WARN_ON_ONCE(a && !b))		/* &&, WARN_ON_ONCE's if, if */
		return -1;
	return 0;
}									/* 4, C9=2 */
void warn_once_lite(int a, int b)
{
	/*
	 * ||; the if of DO_ONCE_LITE_IF; __ONCE_LITE_IF's if and its &&
	 * (inside that if's condition); WARN_ON(1)'s if in the first if's
	 * body. Locals: __ret_do_once, __already_done, __ret_cond,
	 * __ret_once, __ret_warn_on, __flags. WARN_ON's body is two deep.
	 */
	WARN_ON_ONCE_LITE(a || b);
}									/* 6, C9=6, C10=3 */
int fields_unlikely(struct flags *s) { if (unlikely(s->a || s->b)) return g(13); return 0; }	/* 3 */
int enabled_and(int x) { if (IS_ENABLED(CONFIG_ON) && x) return g(14); return 0; }	/* 3: if, 1 && x */
int disabled_or(int x) { if (IS_ENABLED(CONFIG_OFF) || x) return g(15); return 0; }	/* 3: if, 0 || x */
int both_disabled(int x)
{
	if (IS_ENABLED(CONFIG_OFF) || IS_ENABLED(CONFIG_OFF2))	/* 0 || 0: constant */
		return g(x);
	return 0;
}									/* 1, C10=1 */
int two_bits(unsigned long *addr) { return test_bit(3, addr) && test_bit(5, addr); }	/* 2 */
int bit_or_far_bit(unsigned long *addr) { return test_bit(1, addr) || test_bit(70, addr); }	/* 2 */
int vcpu_wake(struct vcpu *v)
{
	if (v->arch.halted && !v->arch.pending && !v->arch.smm)	/* if, &&, && */
		return g(v->id);
	return 0;
}									/* 4 */

/* ---- a ?: chain converted to an enum: each ?: rebuilt at the first's location ---- */

enum emul_mode { MODE_REAL, MODE_VM86, MODE_PROT16, MODE_PROT32, MODE_PROT64 };
struct emul_ctxt { unsigned long eflags; enum emul_mode mode; };
/* init_emulate_ctxt in arch/x86/kvm/x86.c: the enumerators are ints, the
 * field is the enum, and the fold pushes that conversion into every arm */
void emul_mode_set(struct emul_ctxt *c, int prot, int cs_l, int cs_db)
{
	c->mode = !prot			? MODE_REAL :		/* ?: */
		  (c->eflags & 0x20000)	? MODE_VM86 :		/* ?: */
		  (cs_l && g(1))	? MODE_PROT64 :		/* ?:, && */
		  cs_db			? MODE_PROT32 :		/* ?: */
					  MODE_PROT16;
}									/* 6 */
