package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestbed run} of a simulated scenario, end to end inside the test: nothing starts, and the
 * three reports are written, each saying the run was simulated.
 */
class SimulatedRunCommandTest {
  @TempDir Path out;

  @Test
  void theWhatIfExampleRunsInSimulatedTimeAndItsReportsSaySo() throws Exception {
    InProcessCli run =
        InProcessCli.run(
            "run",
            "-o",
            out.toString(),
            NestbedProcess.HOME.resolve("scenarios/examples/what-if.yaml").toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.stdout() + run.stderr());
    assertTrue(run.stdout().contains("of simulated time"), run.stdout());
    assertTrue(
        run.stdout().contains("(1 not measured: only a real run looks inside guests)"),
        run.stdout());
    String results = Files.readString(out.resolve("results.json"));
    assertTrue(results.contains("\"simulation\" : {"), results);
    assertTrue(results.contains("\"accelerator\" : \"none: simulated\""), results);
    assertTrue(Files.readString(out.resolve("junit.xml")).contains("<property name=\"simulated\""));
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<b>Simulated.</b> No node, pool or guest ran"));
    assertTrue(html.contains("Simulated time"));
  }

  @Test
  void vagrantHasNoMachinesToMakeForASimulatedScenario() {
    InProcessCli vagrant =
        InProcessCli.run(
            "vagrant",
            NestbedProcess.HOME.resolve("scenarios/examples/what-if.yaml").toString(),
            "--out",
            out.resolve("project").toString());

    assertEquals(ExitCode.INVALID, vagrant.exitCode());
    assertTrue(
        vagrant.stderr().contains("has no nodes for Vagrant to make (its nodes are models"),
        vagrant.stderr());
  }
}
