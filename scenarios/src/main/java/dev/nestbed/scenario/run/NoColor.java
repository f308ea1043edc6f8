package dev.nestbed.scenario.run;

/**
 * Whether the user asked for no colour: {@code NO_COLOR} set to anything but the empty string
 * (https://no-color.org). Then nestbed writes no ANSI colour or bold anywhere; redrawing a
 * terminal's status line is not colour and stays.
 */
public final class NoColor {
  private NoColor() {}

  /** As this process's environment says. */
  public static boolean requested() {
    return requested(System.getenv("NO_COLOR"));
  }

  /**
   * @param value {@code NO_COLOR}'s value; null when it is not set
   */
  public static boolean requested(String value) {
    return value != null && !value.isEmpty();
  }
}
