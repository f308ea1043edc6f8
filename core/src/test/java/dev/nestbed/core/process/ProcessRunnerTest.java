package dev.nestbed.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void capturesStdoutStderrAndExitCode() {
    ProcessResult result =
        runner.runAllowingFailure(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertEquals(3, result.exitCode());
    assertEquals("out\n", result.stdout());
    assertEquals("err\n", result.stderr());
  }

  @Test
  void eachLineReachesItsConsumerAsItComesAndTheWholeOutputIsStillCaptured() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    ProcessResult result =
        runner.run(Command.of("sh", "-c", "printf 'one\\r\\ntwo\\n\\nlast'").eachLine(lines::add));
    assertEquals(java.util.List.of("one", "two", "", "last"), lines);
    assertEquals("one\r\ntwo\n\nlast", result.stdout());
  }

  @Test
  void aNonZeroExitNamesTheCommandTheCodeAndTheErrorOutput() {
    ProcessFailedException e =
        assertThrows(
            ProcessFailedException.class,
            () -> runner.run(Command.of("sh", "-c", "echo 'no such thing' >&2; exit 7")));
    assertTrue(
        e.getMessage()
            .startsWith("'sh -c 'echo '\\''no such thing'\\'' >&2; exit 7'' exited with code 7"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("no such thing"), e.getMessage());
    assertEquals(7, e.result().exitCode());
  }

  @Test
  void aProgramThatRunsTooLongIsKilledAndSaysSo() {
    long started = System.nanoTime();
    ProcessFailedException e =
        assertThrows(
            ProcessFailedException.class,
            () -> runner.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(300))));
    assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
  }

  @Test
  void aMissingProgramSaysItCouldNotStartAndHowToFixIt() {
    ProcessFailedException e =
        assertThrows(
            ProcessFailedException.class, () -> runner.run(Command.of("nestbed-no-such-program")));
    assertTrue(
        e.getMessage().startsWith("could not start 'nestbed-no-such-program'"), e.getMessage());
    assertTrue(e.hint().orElseThrow().contains("setup-host"));
  }

  @Test
  void passesEnvironmentAndWorkingDirectory(@TempDir Path dir) throws Exception {
    dir = dir.toRealPath();
    ProcessResult result =
        runner.run(
            Command.of("sh", "-c", "echo $NB_TEST_VALUE; pwd")
                .withEnvironment("NB_TEST_VALUE", "hello")
                .in(dir));
    assertEquals("hello\n" + dir + "\n", result.stdout());
  }

  @Test
  void argumentsWithSpacesArePassedAsOneArgument() {
    ProcessResult result = runner.run(Command.of("printf", "%s|", "a b", "c"));
    assertEquals("a b|c|", result.stdout());
  }
}
