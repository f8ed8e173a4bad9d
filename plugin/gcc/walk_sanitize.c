// SPDX-License-Identifier: GPL-2.0
/*
 * walk_sanitize.c - what sanitizers add to the body the walk sees
 * (walk.h): UBSAN's checks are no decisions, operators or operands.
 */
#include "walk.h"

/* 2: a call to a sanitizer's handler, 1: to __builtin_trap, else 0. */
static int walk_is_sanitizer_call(tree t)
{
	const char *name;
	tree fn;

	if (!t || TREE_CODE(t) != CALL_EXPR)
		return 0;
	fn = get_callee_fndecl(t);
	if (!fn || !fndecl_built_in_p(fn, BUILT_IN_NORMAL) || !DECL_NAME(fn))
		return 0;
	if (DECL_FUNCTION_CODE(fn) == BUILT_IN_TRAP)	/* -fsanitize-trap */
		return 1;
	name = IDENTIFIER_POINTER(DECL_NAME(fn));
	return !strncmp(name, "__builtin___ubsan_", 18) || !strncmp(name, "__builtin___asan_", 17) ||
	       !strncmp(name, "__builtin___sanitizer_", 22) ? 2 : 0;
}

/*
 * A check the front end adds for -fsanitize=shift, integer-divide-by-zero,
 * signed-integer-overflow, float-cast-overflow, vla-bound (the kernel's
 * UBSAN): a ?: or if of its own, without a location, one arm calling the
 * sanitizer's handler or __builtin_trap. Not the programmer's code: its
 * decisions, operators and operands are not counted (the check can carry
 * the location of the operation it checks).
 */
bool walk_is_sanitizer_check(tree t)
{
	int arm;

	if (!t || TREE_CODE(t) != COND_EXPR)
		return false;
	arm = MAX(walk_is_sanitizer_call(TREE_OPERAND(t, 1)),
		  walk_is_sanitizer_call(TREE_OPERAND(t, 2)));
	/* a handler's call is never written; a trap is, but not without a location */
	return arm == 2 || (arm == 1 && EXPR_LOCATION(t) == UNKNOWN_LOCATION);
}
