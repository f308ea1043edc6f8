package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.parse.YamlNode.Entry;
import dev.nestbed.scenario.parse.YamlNode.Mapping;
import dev.nestbed.scenario.parse.YamlNode.Sequence;
import dev.nestbed.scenario.spec.Location;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The YAML map each spec object was bound from, by the object's location. The checks that run on
 * bound specs use it to point at the exact key or list item a problem is about, rather than at the
 * start of the object.
 */
final class Sources {
  private final Map<Location, Mapping> maps = new HashMap<>();
  private final Set<String> incomplete = new HashSet<>();

  /**
   * Notes that a list of declarations ({@code hosts}, {@code pools}, {@code partitions}, {@code
   * steps}) lost entries or names to problems already reported, so "is not declared" would be a
   * guess.
   */
  void markIncomplete(String declarations) {
    incomplete.add(declarations);
  }

  void markComplete(String declarations) {
    incomplete.remove(declarations);
  }

  /** Whether every declaration of the list was bound with its name. */
  boolean complete(String declarations) {
    return !incomplete.contains(declarations);
  }

  void remember(Location owner, Mapping map) {
    maps.put(owner, map);
  }

  /** Where the value of {@code key} of the object at {@code owner} is; else the object itself. */
  Location at(Location owner, String key) {
    Entry entry = entry(owner, key);
    return entry == null ? owner : entry.value().location();
  }

  /** Where item {@code index} of the list under {@code key} is; else as {@link #at}. */
  Location at(Location owner, String key, int index) {
    Entry entry = entry(owner, key);
    if (entry != null && entry.value() instanceof Sequence list && index < list.items().size()) {
      return list.items().get(index).location();
    }
    return at(owner, key);
  }

  private @Nullable Entry entry(Location owner, String key) {
    Mapping map = maps.get(owner);
    return map == null ? null : map.entries().get(key);
  }
}
