/* tests/oracle/clang/gcc-builtins.h - GCC builtins Clang 14 does not know,
 * under the names command.py gives them in the .i (GCC_ONLY_BUILTINS: the
 * same length, so columns stay), declared so that Clang parses the .i GCC
 * made (included first). A call to one is no edge (walk.cpp), as GCC's
 * implicitly declared builtins are none. */
int __km_gcc_isdigit_(int);
