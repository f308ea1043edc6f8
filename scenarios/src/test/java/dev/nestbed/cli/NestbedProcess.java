package dev.nestbed.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nestbed CLI jar run as a separate process, as a user runs it, with its output captured live.
 */
final class NestbedProcess implements AutoCloseable {
  private static final Pattern RUN_ID = Pattern.compile("run ([0-9a-f]{8}), accelerator");
  static final Path HOME = Path.of(System.getProperty("nestbed.home", ".")).toAbsolutePath();
  static final Path JAR = HOME.resolve("scenarios/target/nestbed.jar");

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private NestbedProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "nestbed-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  static NestbedProcess start(String... args) throws IOException {
    return start(java.util.Map.of(), List.of(), args);
  }

  /**
   * Starts nestbed with {@code env} added to the environment and {@code properties} ("name=value")
   * as JVM system properties.
   */
  static NestbedProcess start(
      java.util.Map<String, String> env, List<String> properties, String... args)
      throws IOException {
    return startIn(List.of(), env, properties, args);
  }

  /** Starts nestbed in the network namespace {@code namespace} ({@code ip netns exec}). */
  static NestbedProcess startInNamespace(String namespace, String... args) throws IOException {
    return startIn(List.of("ip", "netns", "exec", namespace), java.util.Map.of(), List.of(), args);
  }

  private static NestbedProcess startIn(
      List<String> prefix,
      java.util.Map<String, String> env,
      List<String> properties,
      String... args)
      throws IOException {
    // A shell that starts background jobs has them ignore SIGINT, and children inherit that;
    // restore
    // the default so these tests can send Ctrl-C however the build itself was started.
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            "perl",
            "-e",
            "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
            "java",
            "-Dnestbed.home=" + HOME));
    properties.forEach(p -> command.add("-D" + p));
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).directory(HOME.toFile());
    builder.environment().putAll(env);
    return new NestbedProcess(builder.start());
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println("  | " + line);
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /**
   * Waits until a line containing {@code text} appears; fails at the deadline or if the process
   * ends.
   */
  String awaitLine(String text, Duration deadline) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    synchronized (lines) {
      while (true) {
        for (String line : lines) {
          if (line.contains(text)) {
            return line;
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError(
              "no line containing '" + text + "' within " + deadline + "; output:\n" + output());
        }
        lines.wait(Math.max(1, Math.min(200, left / 1_000_000)));
      }
    }
  }

  Optional<String> runId() throws InterruptedException {
    Matcher m = RUN_ID.matcher(awaitLine(", accelerator ", Duration.ofMinutes(1)));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  int awaitExit(Duration deadline) throws InterruptedException {
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "nestbed did not exit within " + deadline + "; output:\n" + output());
    }
    reader.join(5000);
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** If a test failed while nestbed still runs, let it tear down (SIGTERM) before killing it. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
