/* SPDX-License-Identifier: GPL-2.0 */
/*
 * km_halstead.h - counting Halstead operators and operands of one function.
 *
 * The plugin's tree walk reports each operator by kind (a small integer,
 * < KM_OP_KINDS) and each operand by a 64-bit key that is equal for equal
 * operands (a declaration's identity, a constant's value); this module
 * keeps n1, n2, N1, N2 and turns them into the effort (km_halstead_effort).
 * Plain C, compiles as C11 and as C++.
 */
#ifndef KM_HALSTEAD_H
#define KM_HALSTEAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KM_OP_KINDS 1024

struct km_halstead {
	uint64_t op_seen[KM_OP_KINDS / 64];
	unsigned long n1, N1, N2;
	uint64_t *keys;		/* open-addressing set of operand keys */
	size_t nkeys, cap;
	int oom;
};

void km_halstead_init(struct km_halstead *h);
void km_halstead_free(struct km_halstead *h);
void km_halstead_operator(struct km_halstead *h, unsigned kind);
void km_halstead_operand(struct km_halstead *h, uint64_t key);
/* Distinct operands so far (n2). */
unsigned long km_halstead_n2(const struct km_halstead *h);
double km_halstead_result(const struct km_halstead *h);

/*
 * From the counts: volume V = N*log2(n) (N = N1 + N2, n = n1 + n2; 0 when
 * n is 0), difficulty D = (n1/2)*(N2/n2) (0 when n2 is 0), and the effort
 * E = D*V of C3 (0 when n2 is 0), each computed the same way in all three.
 */
double km_halstead_volume(unsigned long n1, unsigned long n2,
			  unsigned long N1, unsigned long N2);
double km_halstead_difficulty(unsigned long n1, unsigned long n2, unsigned long N2);
double km_halstead_effort(unsigned long n1, unsigned long n2,
			  unsigned long N1, unsigned long N2);

/* FNV-1a over @len bytes, seeded with @tag: a key for a constant's value. */
uint64_t km_hash_bytes(uint64_t tag, const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KM_HALSTEAD_H */
