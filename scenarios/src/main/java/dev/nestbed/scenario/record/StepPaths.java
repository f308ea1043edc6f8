package dev.nestbed.scenario.record;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Records keep 0-based step paths ("4.1"); people count from one ("5.2"), as the report does. */
public final class StepPaths {
  private StepPaths() {}

  /** "4.1" as people count it: "5.2". */
  public static String display(String path) {
    return Arrays.stream(path.split("\\."))
        .map(part -> Integer.toString(Integer.parseInt(part) + 1))
        .collect(Collectors.joining("."));
  }
}
