package dev.nestbed.scenario.kind;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One key of a step's map: its name, type, whether it must be given, how it is written (for the
 * hint when it is missing or empty) and what it means (for the schema's hover text).
 *
 * @param example how the key is written, e.g. {@code partition: p1}; null when never needed
 * @param choices the allowed words of a {@link KeyType#CHOICE}; empty otherwise
 * @param fallback the word a choice takes when absent; null for none
 */
public record Key(
    String name,
    KeyType type,
    boolean required,
    @Nullable String example,
    String description,
    List<String> choices,
    @Nullable String fallback) {
  /** Every step may carry one: how long it may take. */
  public static final Key TIMEOUT =
      optional(
          "timeout",
          KeyType.DURATION,
          "How long the step may take before it fails; the runner's default when absent.");

  public Key {
    choices = List.copyOf(choices);
  }

  static Key required(String name, KeyType type, String example, String description) {
    return new Key(name, type, true, example, description, List.of(), null);
  }

  static Key optional(String name, KeyType type, String description) {
    return new Key(name, type, false, null, description, List.of(), null);
  }

  /** An optional list: when given, it must not be empty; {@code example} shows one. */
  static Key optionalList(String name, KeyType type, String example, String description) {
    return new Key(name, type, false, example, description, List.of(), null);
  }

  /** The same key, required; {@code example} shows how to write it. */
  Key asRequired(String example) {
    return new Key(name, type, true, example, description, choices, fallback);
  }

  static Key choice(
      String name, List<String> values, @Nullable String fallback, String description) {
    return new Key(name, KeyType.CHOICE, false, null, description, values, fallback);
  }
}
