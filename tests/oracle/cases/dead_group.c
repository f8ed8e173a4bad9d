/* && and || in a group an #if left out are no code (6.1's is_core_symbol
 * with CONFIG_KALLSYMS_ALL set: its "#ifndef CONFIG_KALLSYMS_ALL || !(...)
 * #endif" inside an if's condition). Worked out for ics: C2 = 1 + if + the
 * one || compiled = 3; for ic2, #if 0 holds an if and an && (nothing) and
 * the #else a || (counted): C2 = 1 + if + || = 3. kmetrics 12.2: 5, and 4
 * at -O0 (the text between two tokens of the condition was read whole). */
#define CONFIG_ALL 1
struct sh { unsigned long fl, es; };
/* expect ics C2=3 C10=2 */
int ics(const struct sh *sec, int a)
{
	if (!(sec->fl & 2)
#ifndef CONFIG_ALL
	    || !(sec->fl & 4) && a
#endif
	    || (sec->es & (1UL << 63)))
		return 0;
	return 1;
}
/* expect ic2 C2=3 C10=2 */
int ic2(int a, int b)
{
	if (a
#if 0
	    && b) { if (a) return 2;
#else
	    || b
#endif
	    )
		return 1;
	return 0;
}
