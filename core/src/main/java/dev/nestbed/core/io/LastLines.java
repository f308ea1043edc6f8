package dev.nestbed.core.io;

import java.util.List;

/**
 * The end of some output, as error messages quote it: what a program said just before it failed.
 */
public final class LastLines {
  private LastLines() {}

  /** The last {@code count} lines (all of them when there are fewer). */
  public static List<String> of(List<String> lines, int count) {
    return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** The last {@code count} lines of the text. */
  public static List<String> of(String text, int count) {
    return of(text.lines().toList(), count);
  }
}
