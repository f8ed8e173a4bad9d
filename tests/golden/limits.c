/*
 * Known limits: where the records of the same code do differ between -O0
 * and the optimising levels, each kept as a test so that a change shows.
 * limits.expected holds the -O0 records, limits.opt.expected those of
 * -O1 and up; run.sh does not require them to agree.
 *
 * const_local: C2 is 3 (the if, the &&) as written, and at -O0. From -O1
 * on, GCC's front end reads a const object's initialiser in place of the
 * object (c_fully_fold's decl_constant_value_for_optimization), so the
 * condition is the constant 0 && x, constant as a whole: no decision, no
 * level, and its dead body no call: C2 1, C6 0, C10 1 there. The walk
 * never sees that 0 came from a variable. (A file-scope const object is
 * read the same way only when the condition does not fold further, so
 * folds.c's const_global agrees at every level.)
 */
int g(int);

int const_local(int x)
{
	const int on = 0;

	if (on && x)
		return g(9);
	return 0;
}
