package dev.nestbed.scenario.provenance;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Provenance;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * nestbed's own version and commit. The version is the one Maven wrote into the jar's manifest. The
 * commit is read when asked, with git, from the checkout the running code was built in: the
 * launcher rebuilds the jar whenever a source there is newer than it, so the checkout's HEAD is
 * what the jar was built from, and reading it needs no build plugin. "-dirty" is appended when
 * tracked files differ from that commit. Code run from anywhere but a nestbed checkout (a copied
 * jar) has no commit to read, and says so.
 */
public final class NestbedBuild {
  private static final Duration GIT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  private NestbedBuild() {}

  /** The build of the code that is running now. */
  public static Provenance.Build ofRunningCode() {
    return new Provenance.Build(
        version(NestbedBuild.class.getPackage().getImplementationVersion()),
        commit(codeLocation(), new ProcessRunner()));
  }

  /** From the manifest's Implementation-Version, which only a packaged jar has. */
  static Fact version(String implementationVersion) {
    return implementationVersion == null || implementationVersion.isBlank()
        ? Fact.unknown(
            "the classes are not from a packaged jar: no Implementation-Version in a manifest")
        : Fact.known(implementationVersion);
  }

  /** The commit of the checkout that holds {@code code} (a jar or a classes directory). */
  static Fact commit(Optional<Path> code, ProcessRunner runner) {
    if (code.isEmpty()) {
      return Fact.unknown("the JVM does not say where nestbed's classes were loaded from");
    }
    Optional<Path> checkout = checkout(code.get());
    if (checkout.isEmpty()) {
      return Fact.unknown(
          "nestbed runs from " + code.get() + ", which is not inside a git checkout of nestbed");
    }
    Path dir = checkout.get();
    try {
      return commit(
          dir,
          runner.runAllowingFailure(git(dir, "rev-parse", "--verify", "HEAD")),
          runner.runAllowingFailure(git(dir, "status", "--porcelain", "--untracked-files=no")));
    } catch (RuntimeException e) {
      return Fact.unknown("cannot run git in " + dir + ": " + e.getMessage());
    }
  }

  /** The commit from what {@code git rev-parse HEAD} and {@code git status --porcelain} printed. */
  static Fact commit(Path checkout, ProcessResult head, ProcessResult status) {
    String sha = head.stdout().strip();
    if (!head.succeeded() || !COMMIT.matcher(sha).matches()) {
      return Fact.unknown("git rev-parse HEAD in " + checkout + " " + failure(head));
    }
    if (!status.succeeded()) {
      return Fact.unknown(
          "HEAD of "
              + checkout
              + " is "
              + sha
              + ", but whether the code differs from it is not"
              + " known: git status "
              + failure(status));
    }
    return Fact.known(status.stdout().isBlank() ? sha : sha + "-dirty");
  }

  /**
   * The nearest directory at or above {@code code} that is nestbed's checkout: the root of its
   * modules with a .git of its own (a directory, or a file in a worktree), so that a jar copied
   * into some other repository is not given that repository's commit.
   */
  static Optional<Path> checkout(Path code) {
    for (Path dir = code.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("scenarios/pom.xml"))
          && Files.exists(dir.resolve(".git"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * git in the checkout, which is trusted (its code is what runs) even when it belongs to another
   * user than the one running nestbed (root, often), and without the index refresh that would leave
   * the user's index owned by root.
   */
  private static Command git(Path checkout, String... args) {
    List<String> argv =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-c",
                "safe.directory=" + checkout,
                "--no-optional-locks",
                "-C",
                checkout.toString()));
    argv.addAll(List.of(args));
    return Command.of(argv).withTimeout(GIT_TIMEOUT);
  }

  private static String failure(ProcessResult result) {
    String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
    int end = said.indexOf('\n');
    return "exited "
        + result.exitCode()
        + (said.isEmpty() ? "" : ": " + (end < 0 ? said : said.substring(0, end)));
  }

  private static Optional<Path> codeLocation() {
    try {
      CodeSource source = NestbedBuild.class.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null
          ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
