/**
 * The step kinds of the scenario language, each one self-describing unit: its keyword, its keys
 * with their types, its short form, how it binds, how it reads to people, what it records, what it
 * does to the life of partitions and to pool membership, and what it needs from its pool. {@link
 * dev.nestbed.scenario.kind.StepKinds} lists them all; the keyword lists, the binder, the JSON
 * Schema, the expectation checks, the summaries and the README's step table are derived from them,
 * so that adding a kind is one unit, one line in the registry, and its tests.
 */
package dev.nestbed.scenario.kind;
