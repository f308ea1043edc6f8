package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;

/** A step whose engine does not exist yet for this backend: it fails, loudly, never passes. */
final class NotSupportedException extends NestbedException {
  NotSupportedException(String what, String backend) {
    super(
        what + " is not supported yet by backend " + backend,
        "this capability is still being built; remove the step or use a backend that has it");
  }
}
