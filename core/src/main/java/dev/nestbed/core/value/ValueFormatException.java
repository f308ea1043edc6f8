package dev.nestbed.core.value;

/**
 * A size, duration or rate whose text could not be read, e.g. {@code invalid size '12Q': unknown
 * unit 'Q' (use B, KiB, MiB, GiB, TiB)}.
 *
 * <p>The message names the value and what to write instead but no location: the caller (the
 * scenario parser) knows the file, line and column and prefixes them itself.
 */
public final class ValueFormatException extends IllegalArgumentException {
  private final String input;
  private final String problem;
  private final String hint;

  /**
   * @param kind what was being read, e.g. {@code size}
   * @param input the text as given
   * @param problem what is wrong with it, e.g. {@code unknown unit 'Q'}
   * @param hint what to write instead, e.g. {@code did you mean 256MiB?}
   */
  public ValueFormatException(String kind, String input, String problem, String hint) {
    super("invalid " + kind + " '" + input + "': " + problem + " (" + hint + ")");
    this.input = input;
    this.problem = problem;
    this.hint = hint;
  }

  /** The text that was rejected, exactly as given. */
  public String input() {
    return input;
  }

  /** What is wrong with the text, without the value or the hint. */
  public String problem() {
    return problem;
  }

  /** What to write instead; every rejection has one. */
  public String hint() {
    return hint;
  }
}
