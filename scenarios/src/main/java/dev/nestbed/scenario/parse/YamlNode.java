package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Jackson's tree model drops locations, and a
 * message without a line is a message users have to search for, so the loader builds this one.
 */
sealed interface YamlNode {
  Location location();

  /**
   * How the node reads in a message: {@code a map}, {@code a list}, {@code '2x'}, {@code empty}.
   */
  String describe();

  /**
   * A plain value. {@link Type} says how YAML resolved it ({@code yes} is {@code TRUE}); {@code
   * text} is as written.
   */
  record Scalar(String text, Type type, Location location) implements YamlNode {
    /** ALIAS: an alias, reported once when read and then skipped without further problems. */
    enum Type {
      STRING,
      INTEGER,
      DECIMAL,
      TRUE,
      FALSE,
      NULL,
      ALIAS
    }

    @Override
    public String describe() {
      return type == Type.NULL ? "empty" : "'" + text + "'";
    }
  }

  /** A sequence, written as {@code [a, b]} or as {@code - a} lines. */
  record Sequence(List<YamlNode> items, Location location) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A mapping with string keys in file order; each entry knows where its key was written. */
  record Mapping(Map<String, Entry> entries, Location location) implements YamlNode {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** One key of a mapping with its value. */
  record Entry(String key, Location keyLocation, YamlNode value) {}
}
