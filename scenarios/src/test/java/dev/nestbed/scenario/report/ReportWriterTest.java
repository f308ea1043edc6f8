package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  @Test
  void writesAllThreeFilesIntoANewDirectory() throws Exception {
    Path out = dir.resolve("out/run-1");

    ReportWriter.writeAll(SampleRun.create(), out);

    assertEquals(SampleRun.create(), ResultsJson.read(out.resolve("results.json")));
    assertTrue(Files.readString(out.resolve("junit.xml")).contains("<testsuites"));
    assertTrue(Files.readString(out.resolve("report.html")).startsWith("<!DOCTYPE html>"));
  }
}
