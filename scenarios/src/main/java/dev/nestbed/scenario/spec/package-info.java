/**
 * The scenario language as immutable values: what {@code dev.nestbed.scenario.parse} produces from
 * a YAML file and the runner consumes. Every object remembers its {@link
 * dev.nestbed.scenario.spec.Location} for messages about it. The validator walks specs a problem
 * left half-bound, so what a problem or an optional key may leave null is {@code @Nullable}; plan,
 * run and the commands see only validated specs and read required values through the {@code
 * valid...} accessors.
 */
package dev.nestbed.scenario.spec;
