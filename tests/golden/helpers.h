/* A header static inline: a node of the call graph, no record of its own. */
static inline int helper_twice(int x)
{
	return x + x;
}

int external_leaf(int);
