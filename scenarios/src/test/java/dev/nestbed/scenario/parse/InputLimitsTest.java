package dev.nestbed.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.NestbedException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any file given as a scenario is answered, quickly, with a message at its own place. */
class InputLimitsTest {
  private static final String VALID =
      """
      name: small
      nodes: {hosts: [{name: n1, cpus: 1, memory: 1GiB}]}
      pools: [{name: big, nodes: [n1]}]
      partitions: [{name: p1, pool: big, vcpus: 1, memory: 256MiB}]
      """;

  @TempDir Path dir;

  private static String problems(ScenarioInvalidException e) {
    return e.problems().stream().map(Problem::format).collect(Collectors.joining("\n"));
  }

  @Test
  void aFiveMegabyteScenarioIsValid() throws Exception {
    Path file = dir.resolve("big.yaml");
    String padding =
        "# a generated scenario carries long comments and many objects\n".repeat(90_000);
    Files.writeString(file, padding + VALID);
    assertTrue(Files.size(file) > 5_000_000);
    assertEquals("small", ScenarioLoader.load(file).name());
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws Exception {
    Path file = dir.resolve("huge.yaml");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(ScenarioLoader.MAX_BYTES + 1); // sparse: reading it whole would take a while
    }
    NestbedException e = assertThrows(NestbedException.class, () -> ScenarioLoader.load(file));
    assertEquals(
        "scenario file " + file + " is 16.0 MiB; a scenario may be at most 16 MiB", e.getMessage());
  }

  @Test
  void devicesFifosAndDirectoriesAreRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    for (Path file : new Path[] {Path.of("/dev/zero"), fifo, dir}) {
      NestbedException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () -> assertThrows(NestbedException.class, () -> ScenarioLoader.load(file)));
      assertTrue(
          e.getMessage().startsWith("scenario file " + file + " is not a regular file"),
          e.getMessage());
    }
  }

  @Test
  void aByteThatIsNotUtf8IsReportedAtItsLineAndColumn() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(
        file,
        "name: small\ndescription: caf\u00e9 \u00e9t\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    ScenarioInvalidException e =
        assertThrows(ScenarioInvalidException.class, () -> ScenarioLoader.load(file));
    assertEquals(
        file
            + ":2:17: byte 0xE9 is not UTF-8 text\n  hint: save the file as UTF-8; is it a scenario at all?",
        problems(e));
  }

  @Test
  void aNulCharacterIsReportedAtItsLineAndColumn() throws Exception {
    Path file = dir.resolve("nul.yaml");
    Files.writeString(file, "name: small\n  na\u0000me: x\n");
    ScenarioInvalidException e =
        assertThrows(ScenarioInvalidException.class, () -> ScenarioLoader.load(file));
    assertEquals(
        file + ":2:5: a NUL character; a scenario is text\n  hint: is it a scenario at all?",
        problems(e));
  }

  @Test
  void excessiveNestingIsReportedWhereItPassesTheLimitWithoutALibraryName() {
    String deep = "name: deep\nnodes: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    ScenarioInvalidException e =
        assertThrows(ScenarioInvalidException.class, () -> ScenarioLoader.load("deep.yaml", deep));
    assertEquals(
        "deep.yaml:2:"
            + (8 + YamlTreeReader.MAX_NESTING - 1)
            + ": the YAML is nested more than "
            + YamlTreeReader.MAX_NESTING
            + " levels deep here\n  hint: a scenario needs a few levels; is it a scenario at all?",
        problems(e));
  }

  @Test
  void placesCountCodePointsAndEveryKindOfLineBreakAsTheYamlReaderDoes() throws Exception {
    Path file = dir.resolve("emoji.yaml");
    // An emoji is two Java chars but one column; a lone CR ends a line like LF and CR LF do.
    Files.write(
        file,
        "name: small\r\ndescription: \uD83D\uDE80\rx: \uD83D\uDE80 caf"
            .getBytes(StandardCharsets.UTF_8));
    Files.write(file, new byte[] {(byte) 0xFF}, java.nio.file.StandardOpenOption.APPEND);
    ScenarioInvalidException e =
        assertThrows(ScenarioInvalidException.class, () -> ScenarioLoader.load(file));
    assertEquals(
        file
            + ":3:9: byte 0xFF is not UTF-8 text\n  hint: save the file as UTF-8; is it a scenario at all?",
        problems(e));
  }
}
