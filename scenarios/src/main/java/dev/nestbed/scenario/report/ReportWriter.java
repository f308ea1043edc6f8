package dev.nestbed.scenario.report;

import dev.nestbed.scenario.record.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the outputs of a run into its output directory: results.json (everything, for tools),
 * junit.xml (for CI systems) and report.html (for people).
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes results.json, junit.xml and report.html into {@code outDir}, creating it if needed.
   * results.json comes first, so that a failure in a later writer still leaves the data behind.
   */
  public static void writeAll(RunRecord run, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ResultsJson.write(run, outDir.resolve(ResultsJson.FILE_NAME));
    JunitXml.write(run, outDir.resolve(JunitXml.FILE_NAME));
    HtmlReport.write(run, outDir.resolve(HtmlReport.FILE_NAME));
  }
}
