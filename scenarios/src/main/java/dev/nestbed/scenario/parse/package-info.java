/**
 * Reading scenario files: {@link dev.nestbed.scenario.parse.ScenarioLoader} turns YAML into a
 * validated {@link dev.nestbed.scenario.spec.ScenarioSpec} or a {@link
 * dev.nestbed.scenario.parse.ScenarioInvalidException} listing every {@link
 * dev.nestbed.scenario.parse.Problem} as {@code file:line:col: message}; {@link
 * dev.nestbed.scenario.parse.ScenarioSchema} describes the same language for editors. Everything
 * else here is package-private: a located YAML tree, binders per section, and checks by concern
 * (references, steps, expectations, capacity).
 */
package dev.nestbed.scenario.parse;
