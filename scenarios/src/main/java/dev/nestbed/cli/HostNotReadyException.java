package dev.nestbed.cli;

import dev.nestbed.core.NestbedException;

/** The host lacks a package, a daemon or a setting; exits with code 3. */
final class HostNotReadyException extends NestbedException {
  HostNotReadyException(String message, String hint) {
    super(message, hint);
  }
}
