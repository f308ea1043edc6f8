/**
 * Sizes, durations and rates as scenario files write them ({@code 256MiB}, {@code 300ms}, {@code
 * 10Gbit/s}): strict parsing with a hint for every rejection, exact arithmetic, and printing that
 * reads back to an equal value.
 *
 * <p>All three share one grammar: optional surrounding whitespace, a decimal number ({@code 1.5},
 * never {@code .5}, {@code 1,5} or {@code 1e9}), at most one space, then a case-sensitive unit. A
 * value must come to a whole number of its base unit (bytes, nanoseconds, bits per second) and fit
 * in a {@code long}; nothing is rounded or wrapped. Errors are {@link
 * dev.nestbed.core.value.ValueFormatException}s without a location, which the caller adds.
 */
package dev.nestbed.core.value;
