/*
 * The undefined-behaviour sanitizer's runtime for the kernel (`make SANITIZE=1`).
 *
 * With -fsanitize=undefined, GCC puts a check before every operation C leaves undefined --
 * a signed overflow, a shift too far, an index past an array, a misaligned or NULL
 * pointer dereference, a bool that is neither 0 nor 1 -- and calls one of the
 * __ubsan_handle_* functions below when the check fails, passing a static description of
 * the place (file, line, column) and the values involved. A user-space program would get
 * these from libubsan; a kernel has to supply its own. Each handler names the check and the
 * place, then panics, so the report carries the registers and a symbolised backtrace and
 * `make test SANITIZE=1` fails on the first finding.
 *
 * This file itself is built without the sanitizer (see the Makefile). The layouts of the
 * descriptions are GCC's (and clang's) ABI for these calls.
 */
#include "format.h"
#include "panic.h"
#include "printk.h"
#include "types.h"

struct ubsan_location {
	const char *file;
	uint32_t line;
	uint32_t column;
};

struct ubsan_type {
	uint16_t kind; /* 0 integer, 1 float */
	uint16_t info; /* integer: bit 0 signed, bits 1.. log2 of the bit width */
	char name[];
};

/* Most checks describe themselves with a location and the operand type. */
struct ubsan_simple {
	struct ubsan_location location;
	const struct ubsan_type *type;
};

struct ubsan_shift {
	struct ubsan_location location;
	const struct ubsan_type *left_type;
	const struct ubsan_type *right_type;
};

struct ubsan_bounds {
	struct ubsan_location location;
	const struct ubsan_type *array_type;
	const struct ubsan_type *index_type;
};

struct ubsan_mismatch {
	struct ubsan_location location;
	const struct ubsan_type *type;
	uint8_t log_alignment;
	uint8_t check_kind; /* load, store, member access ... */
};

struct ubsan_location_only {
	struct ubsan_location location;
};

/* A value as the handlers receive it: inline when it fits in a pointer, else by address. */
static long long value_of(const struct ubsan_type *type, const void *value)
{
	unsigned bits = 1u << (type->info >> 1);
	bool is_signed = type->info & 1;
	if (bits > 64)
		return 0; /* 128-bit operands arrive by address: not printed */
	uint64_t raw = (uint64_t)(uintptr_t)value;
	if (bits < 64 && is_signed && (raw & (1ull << (bits - 1))))
		raw |= ~0ull << bits; /* sign-extend */
	return (long long)raw;
}

static noreturn void report(const struct ubsan_location *location, const char *check,
			    const char *format, ...) printf_like(3, 4);

static noreturn void report(const struct ubsan_location *location, const char *check,
			    const char *format, ...)
{
	char detail[160];
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(detail, sizeof(detail), format, arguments);
	va_end(arguments);
	panic("UBSAN: %s at %s:%u:%u%s%s", check, location->file, location->line, location->column,
	      detail[0] ? ": " : "", detail);
}

static void overflow(const struct ubsan_simple *data, const void *left, const void *right,
		     char operator)
{
	report(&data->location, "signed integer overflow", "%lld %c %lld in type %s",
	       value_of(data->type, left), operator, value_of(data->type, right), data->type->name);
}

void __ubsan_handle_add_overflow(const struct ubsan_simple *data, void *left, void *right)
{
	overflow(data, left, right, '+');
}

void __ubsan_handle_sub_overflow(const struct ubsan_simple *data, void *left, void *right)
{
	overflow(data, left, right, '-');
}

void __ubsan_handle_mul_overflow(const struct ubsan_simple *data, void *left, void *right)
{
	overflow(data, left, right, '*');
}

void __ubsan_handle_negate_overflow(const struct ubsan_simple *data, void *value)
{
	report(&data->location, "signed integer overflow", "-(%lld) in type %s",
	       value_of(data->type, value), data->type->name);
}

void __ubsan_handle_divrem_overflow(const struct ubsan_simple *data, void *left, void *right)
{
	long long divisor = value_of(data->type, right);
	report(&data->location, divisor == 0 ? "division by zero" : "division overflow",
	       "%lld / %lld in type %s", value_of(data->type, left), divisor, data->type->name);
}

void __ubsan_handle_shift_out_of_bounds(const struct ubsan_shift *data, void *left, void *right)
{
	report(&data->location, "shift out of bounds", "%lld << or >> %lld (%s by %s)",
	       value_of(data->left_type, left), value_of(data->right_type, right),
	       data->left_type->name, data->right_type->name);
}

void __ubsan_handle_out_of_bounds(const struct ubsan_bounds *data, void *index)
{
	report(&data->location, "index out of bounds", "index %lld into %s",
	       value_of(data->index_type, index), data->array_type->name);
}

void __ubsan_handle_type_mismatch_v1(const struct ubsan_mismatch *data, void *pointer)
{
	static const char *const kinds[] = {"load of",
					    "store to",
					    "reference binding to",
					    "member access within",
					    "member call on",
					    "constructor call on",
					    "downcast of",
					    "downcast of",
					    "upcast of",
					    "cast to virtual base of",
					    "_Nonnull binding to",
					    "dynamic operation on"};
	const char *kind =
		data->check_kind < ARRAY_SIZE(kinds) ? kinds[data->check_kind] : "use of";
	uintptr_t address = (uintptr_t)pointer;
	uintptr_t alignment = (uintptr_t)1 << data->log_alignment;
	if (address == 0)
		report(&data->location, "null pointer", "%s a NULL pointer of type %s", kind,
		       data->type->name);
	if (data->log_alignment && (address & (alignment - 1)))
		report(&data->location, "misaligned access",
		       "%s address %#lx, which needs %lu-byte alignment for type %s", kind,
		       (unsigned long)address, (unsigned long)alignment, data->type->name);
	report(&data->location, "object too small", "%s address %#lx for type %s", kind,
	       (unsigned long)address, data->type->name);
}

void __ubsan_handle_load_invalid_value(const struct ubsan_simple *data, void *value)
{
	report(&data->location, "invalid value", "load of %lld, not a valid %s",
	       value_of(data->type, value), data->type->name);
}

void __ubsan_handle_pointer_overflow(const struct ubsan_location_only *data, void *base,
				     void *result)
{
	report(&data->location, "pointer overflow", "%#lx became %#lx",
	       (unsigned long)(uintptr_t)base, (unsigned long)(uintptr_t)result);
}

void __ubsan_handle_builtin_unreachable(const struct ubsan_location_only *data)
{
	report(&data->location, "__builtin_unreachable() reached", "%s", "");
}

void __ubsan_handle_missing_return(const struct ubsan_location_only *data)
{
	report(&data->location, "end of a value-returning function reached", "%s", "");
}

void __ubsan_handle_vla_bound_not_positive(const struct ubsan_simple *data, void *bound)
{
	report(&data->location, "variable-length array bound not positive", "%lld",
	       value_of(data->type, bound));
}

void __ubsan_handle_nonnull_arg(const struct ubsan_location_only *data)
{
	report(&data->location, "NULL passed as an argument declared nonnull", "%s", "");
}

void __ubsan_handle_nonnull_return_v1(const struct ubsan_location_only *data,
				      const struct ubsan_location *where)
{
	(void)where;
	report(&data->location, "NULL returned from a function declared returns_nonnull", "%s", "");
}

void __ubsan_handle_invalid_builtin(const struct ubsan_location_only *data)
{
	report(&data->location, "__builtin_clz/ctz of zero", "%s", "");
}
