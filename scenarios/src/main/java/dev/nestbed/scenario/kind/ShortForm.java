package dev.nestbed.scenario.kind;

/**
 * How a step may be written without its map: {@code start: [p1]} stands for {@code start:
 * {partitions: [p1]}}, {@code rebalance: big} for {@code rebalance: {pool: big}}.
 *
 * @param key the key the short value stands for
 */
public record ShortForm(Key key) {
  /** Whether the short value is a list (else it is one word). */
  public boolean isList() {
    return key.type().isList();
  }
}
