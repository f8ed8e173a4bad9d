/*
 * Where GCC 11's and GCC 12's C front ends build different trees from the
 * same source, at every -O (c_fully_fold; -fdump-tree-original shows it):
 * high_bits is so far the one difference between the two on the golden
 * fixtures (C3 only). GCC 12 is gccfold.expected, GCC 11
 * gccfold.gcc-11.expected; seg_flags was one until conversions that are
 * not written stopped counting as casts.
 * Halstead parts (n1 n2 N1 N2), E = (n1/2)(N2/n2)(N1+N2)log2(n1+n2):
 */
struct seg {
	unsigned char g, dpl;
};

/* A test of high bits, x & ~(2^k - 1) (the kernel's *_RESERVED_BITS).
 * GCC 12: if (x > 15); if, >, 2 return: 3 4 4 4 (x 15 1 0), E = 1.5*8*log2(7) = 33.69
 * GCC 11: if ((x & 0xff..f0) != 0); if, &, !=, 2 return; x, ~15, 0, 1, 0:
 *         4 4 5 5, E = 2*1.25*10*3 = 75.0 */
int high_bits(unsigned long x)
{
	if (x & ~15UL)
		return 1;
	return 0;
}					/* C1=1 C2=2 C10=2 either way */

/* A byte shifted into an unsigned int (the kernel's segment flags).
 * GCC 12: (unsigned int) s->g << 23, the shift done unsigned;
 * GCC 11: (unsigned int) ((int) s->g << 23), shifted as int, then converted.
 * Neither conversion is written (a cast is counted at its '(' only), so
 * both give: 3 =, 2 ->, 2 *, 2 <<, 2 |, return: n1 6, N1 12; flags 0 s g
 * 23 dpl 13: n2 7, N2 13; E = 3*(13/7)*25*log2(13) = 515.42 */
unsigned int seg_flags(struct seg *s)
{
	unsigned int flags = 0;

	flags |= s->g << 23;
	flags |= s->dpl << 13;
	return flags;
}					/* C1=1 C2=1 C9=1 */
