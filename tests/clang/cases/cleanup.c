// SPDX-License-Identifier: GPL-2.0
/*
 * __attribute__((cleanup (f))): the kernel's guard()/scoped_guard() (a
 * class_mutex_t guard whose destructor unlocks). GCC's tree holds the
 * call f (&guard) in a CLEANUP_STMT: f is a callee (C6: reg reaches
 * class_mutex_constructor, class_mutex_destructor, mutex_lock,
 * mutex_unlock and g: 5) and the statement, the call, &, f and guard
 * count in C3 (differential.sh compares every column with GCC's).
 */
struct mutex { int x; };
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
typedef struct mutex *class_mutex_t;
static inline void class_mutex_destructor(class_mutex_t *p)
{
	if (*p)
		mutex_unlock(*p);
}
static inline class_mutex_t class_mutex_constructor(struct mutex *m)
{
	mutex_lock(m);
	return m;
}
int g(int);

int reg(struct mutex *m, int a)
{
	class_mutex_t guard __attribute__((__cleanup__(class_mutex_destructor))) =
		class_mutex_constructor(m);

	if (a)
		return -25;
	return g(a);
}

int reg_block(struct mutex *m, int a)
{
	{
		class_mutex_t guard __attribute__((__cleanup__(class_mutex_destructor))) =
			class_mutex_constructor(m);
		a++;
	}
	return g(a);
}
