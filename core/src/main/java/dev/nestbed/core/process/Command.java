package dev.nestbed.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An external program invocation: argv, a timeout, extra environment and working directory.
 * Immutable; the {@code with*} methods return copies.
 */
public final class Command {
  /** Long enough for anything nestbed runs synchronously except image builds, which say so. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private final List<String> argv;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final @Nullable Path workingDirectory;
  private final @Nullable Consumer<String> eachLine;

  private Command(
      List<String> argv,
      Duration timeout,
      Map<String, String> env,
      @Nullable Path dir,
      @Nullable Consumer<String> eachLine) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the program name");
    }
    this.argv = List.copyOf(argv);
    this.timeout = Objects.requireNonNull(timeout);
    this.environment = Map.copyOf(env);
    this.workingDirectory = dir;
    this.eachLine = eachLine;
  }

  public static Command of(String program, String... args) {
    List<String> argv = new java.util.ArrayList<>();
    argv.add(program);
    argv.addAll(List.of(args));
    return new Command(argv, DEFAULT_TIMEOUT, Map.of(), null, null);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, DEFAULT_TIMEOUT, Map.of(), null, null);
  }

  /** Whether an executable of this name is in a directory of {@code $PATH}. */
  public static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    return java.util.Arrays.stream(path.split(":"))
        .anyMatch(dir -> java.nio.file.Files.isExecutable(Path.of(dir, program)));
  }

  public Command withTimeout(Duration newTimeout) {
    return new Command(argv, newTimeout, environment, workingDirectory, eachLine);
  }

  public Command withEnvironment(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put(name, value);
    return new Command(argv, timeout, env, workingDirectory, eachLine);
  }

  public Command in(Path directory) {
    return new Command(argv, timeout, environment, directory, eachLine);
  }

  /**
   * Hands each line the program prints on its standard output to {@code consumer} as it comes
   * (progress of a long command), besides capturing it as always.
   */
  public Command eachLine(Consumer<String> consumer) {
    return new Command(
        argv, timeout, environment, workingDirectory, Objects.requireNonNull(consumer));
  }

  public List<String> argv() {
    return argv;
  }

  public String program() {
    return argv.get(0);
  }

  public Duration timeout() {
    return timeout;
  }

  /** Variables added to (or overriding) the JVM's own environment. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Who sees the standard output line by line while the program runs, if anyone. */
  public Optional<Consumer<String>> lineConsumer() {
    return Optional.ofNullable(eachLine);
  }

  public Optional<Path> workingDirectory() {
    return Optional.ofNullable(workingDirectory);
  }

  /** The command as a shell user would type it, for messages and logs. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder();
    for (String arg : argv) {
      if (line.length() > 0) {
        line.append(' ');
      }
      boolean plain =
          !arg.isEmpty()
              && arg.chars()
                  .allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:,+@%".indexOf(c) >= 0);
      line.append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }
}
