/**
 * The scenario language as immutable values: what {@code dev.nestbed.scenario.parse} produces from
 * a YAML file and the runner consumes. A spec that exists has passed validation; every object
 * remembers its {@link dev.nestbed.scenario.spec.Location} for messages about it.
 */
package dev.nestbed.scenario.spec;
