package dev.nestbed.scenario.kind;

import java.util.List;

/**
 * One kind of expectation, named by the key that says what it is about ({@code partition},
 * {@code step} or {@code pool}): its keys with their types and meaning, the step metrics it may
 * bound, and its rows of the README's table. The binder's key lists and the schema come from it.
 *
 * @param keyword the key that makes a map this kind of expectation; its first key
 * @param description one line, for the schema
 * @param keys every key, the keyword first
 * @param metrics the step metrics it bounds, read through the step kinds' measures; empty when it
 *     reads nothing the steps record (a partition's state, a pool's cells)
 * @param rows its rows of the README's table
 */
public record ExpectKind(String keyword, String description, List<Key> keys,
    List<ExpectedMetric> metrics, List<Row> rows) {
  public ExpectKind {
    keys = List.copyOf(keys);
    metrics = List.copyOf(metrics);
    rows = List.copyOf(rows);
  }

  /** One row of the README's expectations table: how it is written and when it passes. */
  public record Row(String written, String passesWhen) {}

  /** Its name in the schema's definitions. */
  public String definition() {
    return "expect-" + keyword;
  }

  /** The names of its keys, for the binder's unknown-key check. */
  public List<String> keyNames() {
    return keys.stream().map(Key::name).toList();
  }

  /** The keys that must be given. */
  public List<String> requiredKeys() {
    return keys.stream().filter(Key::required).map(Key::name).toList();
  }
}
