package dev.nestbed.scenario.kind;

import dev.nestbed.scenario.spec.ExpectSpec;
import java.util.List;
import java.util.Optional;

/**
 * One kind of expectation, named by the key that says what it is about ({@code partition}, {@code
 * step} or {@code pool}), described once: its keys with their types and meaning, the step metrics
 * it may bound, its rows of the README's table, and what the validator checks of it. The binder's
 * key lists and the schema come from it. Only this package defines kinds, and {@link ExpectKinds}
 * lists them.
 *
 * @param <E> the spec an expectation of this kind binds to
 */
public abstract class ExpectKind<E extends ExpectSpec> {
  private final String keyword;
  private final Class<E> type;
  private final String description;
  private final List<Key> keys;
  private final List<ExpectedMetric> metrics;
  private final List<Row> rows;

  /**
   * @param keyword the key that makes a map this kind of expectation; its first key
   * @param description one line, for the schema
   * @param keys every key, the keyword first
   * @param metrics the step metrics it bounds, read through the step kinds' measures; empty when it
   *     reads nothing the steps record (a partition's state, a pool's cells)
   * @param rows its rows of the README's table
   */
  ExpectKind(
      String keyword,
      Class<E> type,
      String description,
      List<Key> keys,
      List<ExpectedMetric> metrics,
      List<Row> rows) {
    this.keyword = keyword;
    this.type = type;
    this.description = description;
    this.keys = List.copyOf(keys);
    this.metrics = List.copyOf(metrics);
    this.rows = List.copyOf(rows);
  }

  /** One row of the README's expectations table: how it is written and when it passes. */
  public record Row(String written, String passesWhen) {}

  /** The key that makes a map this kind of expectation. */
  public final String keyword() {
    return keyword;
  }

  /** The spec it binds to. */
  public final Class<E> type() {
    return type;
  }

  /** One line, for the schema. */
  public final String description() {
    return description;
  }

  /** Every key, the keyword first. */
  public final List<Key> keys() {
    return keys;
  }

  /** The step metrics it bounds. */
  public final List<ExpectedMetric> metrics() {
    return metrics;
  }

  /** Its rows of the README's table. */
  public final List<Row> rows() {
    return rows;
  }

  /** Its name in the schema's definitions. */
  public final String definition() {
    return "expect-" + keyword;
  }

  /** The names of its keys, for the binder's unknown-key check. */
  public final List<String> keyNames() {
    return keys.stream().map(Key::name).toList();
  }

  /** The keys that must be given. */
  public final List<String> requiredKeys() {
    return keys.stream().filter(Key::required).map(Key::name).toList();
  }

  /**
   * Binds an expectation from its keys; a problem found is reported and leaves its field null. It
   * names its context ({@link ExpectArguments#about}) before it reads what it checks.
   */
  public abstract E bind(ExpectArguments arguments);

  /**
   * A hint for one of its keys written in an expectation of another kind, which refuses it; empty
   * when it has none to give.
   */
  public Optional<String> elsewhere(String key) {
    return Optional.empty();
  }

  /** Reports what makes an expectation impossible to measure or to meet. */
  abstract void check(E expect, ExpectWalk walk);

  /** The partition whose agent the expectation asks at the end, if any. */
  Optional<String> asks(E expect) {
    return Optional.empty();
  }

  /**
   * The keys it gives that can never be checked (or met) when the partition it asks is not running
   * at the end; {@code started} when it ran before it stopped.
   */
  List<Key> needRunning(E expect, boolean started) {
    return List.of();
  }

  /** The partition whose agent the expectation asks at the end, if any. */
  public final Optional<String> asksOf(ExpectSpec expect) {
    return asks(type.cast(expect));
  }

  /** The keys of the expectation that need the partition it asks running at the end. */
  public final List<Key> needRunningOf(ExpectSpec expect, boolean started) {
    return needRunning(type.cast(expect), started);
  }

  /** Reports what makes an expectation of this kind impossible to measure or to meet. */
  public final void checkOf(ExpectSpec expect, ExpectWalk walk) {
    check(type.cast(expect), walk);
  }

  @Override
  public String toString() {
    return keyword;
  }
}
