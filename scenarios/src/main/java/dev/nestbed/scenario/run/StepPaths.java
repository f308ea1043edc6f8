package dev.nestbed.scenario.run;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Records keep 0-based step paths ("4.1"); people count from one ("5.2"), as the report does. */
final class StepPaths {
  private StepPaths() {}

  static String display(String path) {
    return Arrays.stream(path.split("\\."))
        .map(part -> Integer.toString(Integer.parseInt(part) + 1))
        .collect(Collectors.joining("."));
  }
}
