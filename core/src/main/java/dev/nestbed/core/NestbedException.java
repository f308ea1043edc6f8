package dev.nestbed.core;

import java.util.Optional;

/**
 * The one exception type users see: what failed, on which object, and a hint for what to try.
 *
 * <p>Callers at the edge (the CLI) print {@link #getMessage()} and {@link #hint()} and show a
 * stack trace only when asked to; everything below throws this or a subclass so no library
 * exception type leaks upward.
 */
public class NestbedException extends RuntimeException {
  private final String hint;

  public NestbedException(String message) {
    this(message, null, null);
  }

  public NestbedException(String message, String hint) {
    this(message, hint, null);
  }

  public NestbedException(String message, String hint, Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the user could try; empty when there is nothing useful to add. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /**
   * Any error in one line: a nestbed failure is its message; anything else (one of nestbed's own
   * defects) is its type and message, e.g. {@code "OverlappingFileLockException (no message)"},
   * never a bare "null".
   */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof NestbedException && message != null) {
      return message;
    }
    if (e instanceof NestbedException && e.getCause() != null) {
      return describe(e.getCause());
    }
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? " (no message)" : ": " + message);
  }
}
