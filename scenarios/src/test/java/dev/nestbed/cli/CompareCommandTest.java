package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.scenario.record.ExpectationRecord;
import dev.nestbed.scenario.record.Metric;
import dev.nestbed.scenario.record.Outcome;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.record.StepRecord;
import dev.nestbed.scenario.report.ResultsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestbed compare}: exit 0 once compared, in text, JSON or a page; 2 naming a file it cannot
 * read.
 */
class CompareCommandTest {
  @TempDir Path dir;

  @Test
  void twoRunsAreComparedAndTheDifferencesPrinted() throws IOException {
    Path a = write("a", 412);
    Path b = write("b", 515);

    InProcessCli cli = InProcessCli.run("compare", a.toString(), b.toString());

    assertEquals(0, cli.exitCode(), cli.stderr());
    assertTrue(
        cli.stdout().contains("* guest-downtime  412 ms  515 ms  +103 ms  1.25"), cli.stdout());
    assertTrue(
        cli.stdout().contains("Differences (marked *): 1 of 2 metrics; 1 step in both."),
        cli.stdout());
  }

  @Test
  void aRunDirectoryStandsForItsResultsAndJsonReplacesTheText() throws IOException {
    write("a", 412);

    InProcessCli cli =
        InProcessCli.run(
            "compare", "--json", dir.resolve("a").toString(), dir.resolve("a").toString());

    assertEquals(0, cli.exitCode(), cli.stderr());
    assertTrue(
        new ObjectMapper().readTree(cli.stdout()).get("summary").get("same").asBoolean(),
        cli.stdout());
  }

  @Test
  void htmlWritesThePageToo() throws IOException {
    Path page = dir.resolve("compare.html");

    InProcessCli cli =
        InProcessCli.run(
            "compare",
            write("a", 412).toString(),
            write("b", 412).toString(),
            "--html",
            page.toString());

    assertEquals(0, cli.exitCode(), cli.stderr());
    assertTrue(Files.readString(page).contains("<h1>nestbed compare</h1>"));
    assertTrue(
        cli.stdout().contains("No differences: 1 step in both, 2 metrics, every outcome the same."),
        cli.stdout());
  }

  @Test
  void brokenJsonExits2NamingTheFileAndWhere() throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ \"scenario\" : ");

    InProcessCli cli = InProcessCli.run("compare", write("a", 412).toString(), broken.toString());

    assertEquals(2, cli.exitCode());
    assertTrue(
        cli.stderr()
            .startsWith(
                "error: cannot read " + broken + " as the results of a nestbed run: line 1,"),
        cli.stderr());
    assertTrue(cli.stderr().contains("hint: "), cli.stderr());
    assertEquals("", cli.stdout());
  }

  @Test
  void aMissingFileOrOneThatIsNoRunExits2NamingIt() throws IOException {
    Path missing = dir.resolve("nope/results.json");
    Path array = dir.resolve("array.json");
    Files.writeString(array, "{}");

    InProcessCli cli = InProcessCli.run("compare", missing.toString(), array.toString());

    assertEquals(2, cli.exitCode());
    assertTrue(
        cli.stderr()
            .contains(
                "error: cannot read "
                    + missing
                    + " as the results of a nestbed run: no such"
                    + " file"),
        cli.stderr());
    assertTrue(
        cli.stderr()
            .contains(
                "error: cannot read "
                    + array
                    + " as the results of a nestbed run: it holds no"
                    + " scenario and no steps"),
        cli.stderr());
  }

  /** A run of one migrate step with a guest-downtime of {@code gapMs}, as DIR/name/results.json. */
  private Path write(String name, long gapMs) throws IOException {
    Path out = Files.createDirectories(dir.resolve(name));
    StepRecord migrate =
        new StepRecord(
            "0",
            "migrate",
            List.of("p1", "other"),
            "migrate p1 to pool other",
            0,
            5_000,
            Outcome.PASSED,
            "",
            Map.of("guest-downtime", Metric.millis(gapMs), "iterations", new Metric(3, "count")),
            List.of());
    RunRecord run =
        new RunRecord(
            "tiny",
            "tiny.yaml",
            "nb-" + name,
            "2025-06-14T09:31:07Z",
            "KVM",
            9_000,
            Outcome.PASSED,
            "",
            Map.of(),
            null,
            List.of(migrate),
            List.of(new ExpectationRecord("p1 alive", "alive", "alive", Outcome.PASSED, "")),
            List.of(),
            List.of(),
            List.of(),
            null);
    Path file = out.resolve(ResultsJson.FILE_NAME);
    ResultsJson.write(run, file);
    return file;
  }
}
