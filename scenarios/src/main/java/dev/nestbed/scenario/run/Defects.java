package dev.nestbed.scenario.run;

import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nestbed's own defects met during a run: exceptions it did not expect, as opposed to failures it
 * reports on purpose ({@link NestbedException}). Each is described in one line for the records (its
 * type and message, never a bare "null") and traced in full in {@code logs/nestbed-errors.log}, so
 * a report says what broke and where, and the trace is at hand for whoever fixes it.
 */
final class Defects {
  private static final Logger log = LoggerFactory.getLogger(Defects.class);
  static final String LOG_NAME = "nestbed-errors.log";
  private final Path logFile;

  Defects(Path logs) {
    this.logFile = logs.resolve(LOG_NAME);
  }

  /**
   * True for what nestbed did not expect: anything but its own reported failures and interrupts.
   */
  static boolean isDefect(Throwable e) {
    return !(e instanceof NestbedException) && !(e instanceof InterruptedException);
  }

  /** One line naming the error (see {@link NestbedException#describe}). */
  static String describe(Throwable e) {
    return NestbedException.describe(e);
  }

  /**
   * Records a defect met {@code where} ("step 3", "building 2 pools"); returns its one-line
   * description.
   */
  synchronized String record(String where, Throwable e) {
    String line = "nestbed defect while " + where + ": " + describe(e);
    log.error("{} (stack trace in {})", line, logFile);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    try {
      Files.createDirectories(logFile.getParent());
      Files.writeString(
          logFile,
          Instant.now() + " " + line + "\n" + trace + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException io) {
      log.warn("cannot write {}: {}", logFile, io.getMessage());
    }
    return line;
  }
}
