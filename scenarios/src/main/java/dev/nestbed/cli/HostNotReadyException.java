package dev.nestbed.cli;

import dev.nestbed.core.NestbedException;
import org.jspecify.annotations.Nullable;

/** The host lacks a package, a daemon or a setting; exits with code 3. */
final class HostNotReadyException extends NestbedException {
  HostNotReadyException(String message, @Nullable String hint) {
    super(message, hint);
  }
}
