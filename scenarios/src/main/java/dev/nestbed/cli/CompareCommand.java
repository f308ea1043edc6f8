package dev.nestbed.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nestbed.scenario.record.RunRecord;
import dev.nestbed.scenario.report.ComparisonHtml;
import dev.nestbed.scenario.report.ComparisonJson;
import dev.nestbed.scenario.report.ComparisonText;
import dev.nestbed.scenario.report.ResultsJson;
import dev.nestbed.scenario.report.RunComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nestbed compare A B}: two runs' results.json side by side, step by step. Exits 0 once
 * compared, whatever differs (the output says what); 2 when a file cannot be read as a run's
 * results.
 */
@Command(
    name = "compare",
    description = {
      "Compare two runs' results side by side.",
      "Every step both have (matched by kind and subjects, as junit.xml names them) with each",
      "metric's A, B, B-A and B/A, the steps only one has, and the expectations side by side.",
      "A and B are results.json files or the directories holding them. Exits 0 when compared,",
      "2 when a file cannot be read."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "The first run's results.json (the baseline).")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The second run's results.json.")
  Path b;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write the comparison as a self-contained page.")
  @Nullable Path html;

  @Option(names = "--json", description = "Print the comparison as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path fileA = resultsIn(a);
    Path fileB = resultsIn(b);
    Optional<RunRecord> runA = read(fileA, err);
    Optional<RunRecord> runB = read(fileB, err);
    if (runA.isEmpty() || runB.isEmpty()) {
      return ExitCode.INVALID;
    }
    RunComparison comparison =
        RunComparison.of(fileA.toString(), runA.get(), fileB.toString(), runB.get());
    if (html != null) {
      try {
        Files.writeString(html, ComparisonHtml.render(comparison), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("error: cannot write the comparison page " + html + ": " + e.getMessage());
        err.println(
            "hint: give --html a file in a directory that exists and that you may write to");
        err.flush();
        return ExitCode.INVALID;
      }
      err.println("comparison page: " + html);
      err.flush();
    }
    out.print(json ? ComparisonJson.render(comparison) + "\n" : ComparisonText.render(comparison));
    out.flush();
    return ExitCode.OK;
  }

  /** A directory stands for the results.json in it, as {@code nestbed run --out} left it. */
  private static Path resultsIn(Path given) {
    return Files.isDirectory(given) ? given.resolve(ResultsJson.FILE_NAME) : given;
  }

  /** The run in {@code file}, or empty after saying on {@code err} why it cannot be read. */
  private static Optional<RunRecord> read(Path file, PrintWriter err) {
    String problem;
    if (!Files.isRegularFile(file)) {
      problem = Files.exists(file) ? "it is not a regular file" : "no such file";
    } else {
      try {
        RunRecord run = ResultsJson.read(file);
        if (run != null && (run.scenario() != null || run.steps() != null)) {
          return Optional.of(run);
        }
        problem = "it holds no scenario and no steps";
      } catch (IOException e) {
        problem =
            e.getCause() instanceof JsonProcessingException json ? where(json) : e.getMessage();
      }
    }
    err.println("error: cannot read " + file + " as the results of a nestbed run: " + problem);
    err.println(
        "hint: give the results.json that 'nestbed run' wrote into its --out directory, or that directory");
    err.flush();
    return Optional.empty();
  }

  /** "line 3, column 7: Unexpected end-of-input ...": where the JSON broke, in one line. */
  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String what = e.getOriginalMessage().lines().findFirst().orElse("not JSON");
    return at == null || at.getLineNr() < 0
        ? what
        : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
  }
}
