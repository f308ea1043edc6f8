package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for names of nodes, pools and partitions: they end up in libvirt domain names, file
 * names and NUMA cell labels, so they are short, lowercase and safe everywhere.
 */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  static final int NODE_MAX = 12;
  static final int POOL_MAX = 24;
  static final int PARTITION_MAX = 24;

  private Names() {}

  /**
   * The required {@code name} of the map, checked against the rules; returned even when it breaks
   * them, so that references to it still resolve and do not cause a second problem.
   */
  static @Nullable String read(Fields fields, String kind, int maxLength, String example) {
    if (!fields.require("name", "name: " + example)) {
      return null;
    }
    String name = fields.text("name");
    if (name != null && (name.length() > maxLength || !NAME.matcher(name).matches())) {
      fields
          .problems()
          .add(
              fields.at("name"),
              kind
                  + " name '"
                  + name
                  + "' must be 1-"
                  + maxLength
                  + " characters: lowercase letters, digits and '-', starting with a letter",
              "e.g. " + example);
    }
    return name;
  }

  /** Reports the second and later declarations of a name, pointing back at the first. */
  static <T> void reportDuplicates(
      List<T> declared,
      Function<T, String> name,
      Function<T, Location> location,
      String kind,
      Problems problems,
      Sources sources) {
    Map<String, Location> first = new HashMap<>();
    for (T item : declared) {
      String itemName = name.apply(item);
      if (itemName == null) {
        continue;
      }
      Location earlier = first.putIfAbsent(itemName, location.apply(item));
      if (earlier != null) {
        problems.add(
            sources.at(location.apply(item), "name"),
            "duplicate " + kind + " name '" + itemName + "'",
            "the first is declared at line " + earlier.line() + "; names must be unique");
      }
    }
  }
}
