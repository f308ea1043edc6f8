package dev.nestbed.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception type users see: what failed, on which object, and a hint for what to try.
 *
 * <p>Callers at the edge (the CLI) print {@link #getMessage()} and {@link #hint()} and show a stack
 * trace only when asked to; everything below throws this or a subclass so no library exception type
 * leaks upward.
 */
public class NestbedException extends RuntimeException {
  private final @Nullable String hint;

  public NestbedException(String message) {
    this(message, null, null);
  }

  public NestbedException(String message, @Nullable String hint) {
    this(message, hint, null);
  }

  public NestbedException(String message, @Nullable String hint, @Nullable Throwable cause) {
    super(message, cause);
    this.hint = hint;
  }

  /** What the user could try; empty when there is nothing useful to add. */
  public Optional<String> hint() {
    return Optional.ofNullable(hint);
  }

  /**
   * {@code e} if it is one; else one that says what {@code e} says (its type, when it says
   * nothing), caused by it.
   */
  public static NestbedException of(Throwable e) {
    return e instanceof NestbedException n
        ? n
        : new NestbedException(Objects.requireNonNullElse(e.getMessage(), describe(e)), null, e);
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
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? " (no message)" : ": " + message);
  }
}
