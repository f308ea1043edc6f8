package dev.nestbed.scenario.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a browser shows it: Debian's headless Chromium loads the sample report, logs
 * nothing to the console and paints a screenshot (kept in target/report-render-it/ to look at).
 */
class ReportRenderIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /**
   * Console lines as Chromium logs them with --enable-logging=stderr: ":INFO:CONSOLE(12)]" or
   * ":CONSOLE:12]".
   */
  private static final Pattern CONSOLE =
      Pattern.compile(".*(:CONSOLE[(:]|Uncaught|Failed to load resource).*");

  @TempDir Path profile;

  @Test
  void theSampleReportRendersInHeadlessChromiumWithoutConsoleErrors() throws IOException {
    Path out = Path.of("target", "report-render-it").toAbsolutePath();
    ReportWriter.writeAll(SampleRun.create(), out);
    Path screenshot = out.resolve("report.png");
    Files.deleteIfExists(screenshot);

    ProcessResult result = chromium(out.resolve("report.html"), screenshot);

    assertEquals(List.of(), consoleLines(result.stderr()), "the page logged to the console");
    assertTrue(
        Files.isRegularFile(screenshot) && Files.size(screenshot) > 20_000,
        "Chromium painted no screenshot; stderr:\n" + result.stderr());
  }

  @Test
  void aPageThatLogsAnErrorIsCaught() throws IOException {
    // Guards the check above: if Chromium changed how it logs console messages, this fails.
    Path page = profile.resolve("broken.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><script>console.error('broken'); missing();</script>"
            + "</body></html>");

    ProcessResult result = chromium(page, profile.resolve("broken.png"));

    assertFalse(
        consoleLines(result.stderr()).isEmpty(),
        "a console error went unnoticed; stderr:\n" + result.stderr());
  }

  private ProcessResult chromium(Path page, Path screenshot) throws IOException {
    assertTrue(
        Files.isExecutable(CHROMIUM),
        CHROMIUM
            + " is missing; install it with 'sudo apt-get install -y chromium' (ci/setup-host.sh does)");
    Path userData = Files.createTempDirectory(profile, "chromium-profile");
    Command command =
        Command.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + userData,
                "--enable-logging=stderr",
                "--v=0",
                "--hide-scrollbars",
                "--screenshot=" + screenshot,
                "--window-size=1400,3000",
                page.toUri().toString())
            .withTimeout(Duration.ofMinutes(2))
            .withEnvironment("HOME", userData.toString());
    return new ProcessRunner().runAllowingFailure(command);
  }

  private static List<String> consoleLines(String stderr) {
    return stderr.lines().filter(line -> CONSOLE.matcher(line).matches()).toList();
  }
}
