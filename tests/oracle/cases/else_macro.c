/* A loop macro whose expansion ends with 'else' (6.1's
 * for_each_populated_zone, cgroup_for_each_live_descendant_pre): the if
 * written after the invocation is that else's whole branch, an else if.
 * Worked out for em: C2 = 1 + for + if (!z->p) + if (!hi(z)) = 4; C10:
 * the for's body is at 2, the if (!z->p) there, its else-if keeps level 2,
 * f += n is at 3: C10 = 3. en: the same through a second macro, whose
 * expansion's last token is the first's 'else': C2 5 (the && too), C10 3.
 * kmetrics 12.2: C10 4 in both (the text before the if was the macro's ')'). */
struct zone { int p; struct zone *next; };
extern struct zone *first(void);
extern int hi(struct zone *);
#define for_each_pop(z) \
	for (z = first(); z; z = z->next) \
		if (!z->p) \
			; /* nothing */ \
		else
#define for_each_pop2(z, n) for_each_pop(z)
/* expect em C2=4 C10=3 fan_out=2 */
int em(unsigned n)
{
	struct zone *z;
	unsigned f = 0;

	for_each_pop(z)
		if (!hi(z))
			f += n;
	return f > n;
}
/* expect en C2=5 C10=3 fan_out=2 */
int en(unsigned n)
{
	struct zone *z;
	unsigned f = 0;

	for_each_pop2(z, n)
		if (!hi(z) && n)
			f += n;
	return f > n;
}
