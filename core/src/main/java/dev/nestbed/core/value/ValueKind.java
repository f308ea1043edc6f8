package dev.nestbed.core.value;

/**
 * The words a {@link ValueReader} needs to explain a rejection of one kind of value.
 *
 * @param noun what is being read, e.g. {@code size}
 * @param example a valid value to show in hints, e.g. {@code 256MiB}
 * @param missingUnitHint the hint for a bare number, the most common mistake
 * @param baseUnits the unit the value is counted in, e.g. {@code bytes}
 * @param largest roughly the largest value, e.g. {@code 8388607TiB}
 */
record ValueKind(
    String noun, String example, String missingUnitHint, String baseUnits, String largest) {}
