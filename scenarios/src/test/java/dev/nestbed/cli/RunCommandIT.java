package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `nestbed run` as a user runs it: a separate process, real nodes and guests. */
class RunCommandIT {
  @TempDir Path out;

  @Test
  void quickstartRunsForRealAndItsReportsHoldTheMeasuredResults() throws Exception {
    Finished run = run("scenarios/examples/quickstart.yaml", 0, Duration.ofMinutes(8));
    String runId = run.runId();
    JsonNode results = run.results();
    assertEquals("PASSED", results.get("outcome").asText());
    assertEquals(runId, results.get("runId").asText());
    JsonNode steps = results.get("steps");
    assertEquals(4, steps.size());
    double boot = steps.get(1).get("metrics").get("p1.first-heartbeat").get("value").asDouble();
    assertTrue(boot > 100, "p1's boot time was not measured: " + boot);
    assertTrue(steps.get(2).get("metrics").get("seen-after.vcpus").get("value").asDouble() > 0);
    assertTrue(steps.get(2).get("metrics").get("seen-after.memory").get("value").asDouble() > 0);
    for (JsonNode e : results.get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
    assertTrue(results.get("series").size() >= 2, "heartbeat series missing");

    String junit = Files.readString(out.resolve("junit.xml"));
    assertTrue(junit.contains("resize p1 to 2 vCPUs, 192MiB"), junit);
    assertTrue(!junit.contains("<failure"), junit);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(
        html.contains("heartbeat-gap") && html.contains("<svg"),
        "report.html lacks the heartbeat plot");
    assertTrue(
        Files.isRegularFile(out.resolve("logs/p1.console.log")), "p1's console log was not kept");
    assertTrue(
        Files.isRegularFile(out.resolve("logs/n1/libvirtd.log")), "n1's daemon log was not kept");
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void theMigrateExampleMovesAPartitionToTheOtherPoolMeasuredFromInside() throws Exception {
    Finished run = run("scenarios/examples/migrate.yaml", 0, Duration.ofMinutes(6));
    String runId = run.runId();
    JsonNode results = run.results();
    assertEquals("PASSED", results.get("outcome").asText(), results.get("message").asText());
    for (int step : new int[] {2}) {
      JsonNode metrics = results.get("steps").get(step).get("metrics");
      for (String key :
          java.util.List.of(
              "total-time", "downtime", "guest-downtime", "bytes-sent", "iterations")) {
        assertTrue(metrics.get(key).get("value").asDouble() > 0, key + " not measured: " + metrics);
      }
      assertEquals(1, metrics.get("memory-intact").get("value").asInt(), metrics.toString());
      assertTrue(
          metrics.has("model.rounds") && metrics.has("model.downtime"),
          "no prediction: " + metrics);
    }
    boolean plotted = false;
    for (JsonNode series : results.get("series")) {
      plotted |=
          series.get("name").asText().equals("migration-remaining")
              && series.get("points").size() > 0;
    }
    assertTrue(plotted, "no migration-remaining series");
    for (JsonNode e : results.get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
    String html = Files.readString(out.resolve("report.html"));
    for (String drawn :
        java.util.List.of(
            "memory still to copy (MiB)",
            "measured: memory libvirt reported still to copy",
            "model: V(i) at the start of each pass it predicts",
            "downtime")) {
      assertTrue(html.contains(drawn), "the migration plot lacks '" + drawn + "'");
    }
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void theMemoryExampleGrowsAPartitionPastItsBootSizeFromItsCellAndBack() throws Exception {
    Finished run = run("scenarios/examples/memory.yaml", 0, Duration.ofMinutes(6));
    JsonNode results = run.results();
    assertEquals("PASSED", results.get("outcome").asText(), results.get("message").asText());
    JsonNode steps = results.get("steps");
    double[] memTotal = new double[3];
    for (int i = 0; i < 3; i++) {
      JsonNode metrics = steps.get(2 + i).get("metrics");
      assertTrue(metrics.get("seen-after.memory").get("value").asDouble() > 0, metrics.toString());
      assertTrue(metrics.has("memory-plugged"), "libvirt's figure beside it: " + metrics);
      memTotal[i] = metrics.get("mem-total").get("value").asDouble();
    }
    assertEquals(384, memTotal[0] - memTotal[1], 2, "768MiB -> 384MiB as the agent saw it");
    assertEquals(128, memTotal[1] - memTotal[2], 2, "384MiB -> 256MiB as the agent saw it");
    assertEquals(
        1,
        steps.get(5).get("metrics").get("memory-intact").get("value").asInt(),
        "migrated intact");
    for (JsonNode cell : results.get("cellsFree")) {
      if (cell.get("afterStep").asText().equals("2") && cell.get("cell").asText().equals("n1")) {
        assertEquals(
            1792 - 768, cell.get("memoryFreeMib").asLong(), "the growth came from n1: " + cell);
      }
    }
    for (JsonNode e : results.get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), e.toString());
    }
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  @Test
  void underTcgALiveMigrationWithMemoryPluggedIsRefusedNamingTheDefectAndThePartitionRunsOn()
      throws Exception {
    Finished run =
        run("scenarios/src/test/resources/it/unsafe-migrate.yaml", 1, Duration.ofMinutes(6));
    JsonNode migrate = run.results().get("steps").get(3);
    assertEquals("FAILED", migrate.get("outcome").asText(), migrate.toString());
    String message = migrate.get("message").asText();
    assertTrue(
        message.startsWith("refused to live-migrate partition p1: it has 256MiB plugged")
            && message.contains("03bfc2188f")
            && message.contains("allow-unsafe-migration: true"),
        message);
    for (JsonNode e : run.results().get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), "p1 runs on at the source, intact: " + e);
    }
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  @Test
  void anAllowedUnsafeMigrationRunsAndItsStepSaysSoBesideWhatTheChecksumFound() throws Exception {
    String runId;
    JsonNode results;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run",
            "scenarios/src/test/resources/it/unsafe-migrate-allowed.yaml",
            "--out",
            out.toString(),
            "--plain")) {
      runId = nestbed.runId().orElseThrow();
      int exit = nestbed.awaitExit(Duration.ofMinutes(6));
      assertTrue(
          exit == 0 || exit == 1,
          "passed, or failed on what the checksum found: " + nestbed.output());
      results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }
    JsonNode migrate = results.get("steps").get(3);
    assertTrue(
        migrate
            .get("message")
            .asText()
            .contains("allow-unsafe-migration: ran under TCG with 256MiB plugged"),
        migrate.toString());
    if (migrate.get("outcome").asText().equals("PASSED")) {
      assertTrue(migrate.get("metrics").has("memory-intact"), migrate.toString());
    }
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void aMigrationPastItsTimeoutFailsItsStepNamingTheCauseAndThePartitionRunsOnAtTheSource()
      throws Exception {
    Finished run =
        run("scenarios/src/test/resources/it/migrate-timeout.yaml", 1, Duration.ofMinutes(5));
    String runId = run.runId();
    JsonNode results = run.results();
    JsonNode migrate = results.get("steps").get(2);
    assertEquals("FAILED", migrate.get("outcome").asText(), migrate.toString());
    String message = migrate.get("message").asText();
    assertTrue(message.contains("aborted after its timeout of 5 s"), message);
    assertTrue(
        message.contains("p1 still runs on n1 with its memory intact; nothing left on n2"),
        message);
    for (JsonNode e : results.get("expectations")) {
      assertEquals("PASSED", e.get("outcome").asText(), "p1 must still run at the source: " + e);
    }
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void thePartitionExampleRebalancesAndResizesL2GuestsInsideANestedPool() throws Exception {
    Finished run = run("scenarios/examples/partition.yaml", 0, Duration.ofMinutes(25));
    String runId = run.runId();
    // exit 0: every expectation passed, on-cells (numa_maps and vCPU affinity read inside the L1),
    // p2's vCPUs online and its heartbeat gaps included
    JsonNode results = run.results();
    JsonNode steps = results.get("steps");
    JsonNode wait = steps.get(1).get("metrics");
    for (String p : java.util.List.of("p1", "p2")) {
      assertTrue(wait.get(p + ".first-heartbeat").get("value").asDouble() > 0, steps.toString());
    }
    JsonNode rebalance = steps.get(2).get("metrics");
    assertEquals(1, rebalance.get("moves").get("value").asInt(), rebalance.toString());
    assertTrue(
        rebalance.get("cpu-spread-after").get("value").asDouble()
            < rebalance.get("cpu-spread-before").get("value").asDouble(),
        rebalance.toString());
    assertEquals(
        2,
        steps.get(3).get("metrics").get("vcpus-online").get("value").asInt(),
        steps.get(3).toString());
    assertEquals(
        1,
        steps.get(4).get("metrics").get("vcpus-online").get("value").asInt(),
        steps.get(4).toString());
    for (int step : new int[] {3, 4}) {
      assertTrue(
          steps.get(step).get("metrics").get("seen-after.vcpus").get("value").asDouble() > 0);
    }
    assertTrue(steps.get(5).get("metrics").get("seen-after.memory").get("value").asDouble() > 0);
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  /**
   * Also the cold-cache test: two nested pools ask for the hypervisor image at once, on a cache of
   * this test's own that holds nothing yet, as on a fresh machine (it once failed there with
   * "error: null" while every warm run passed).
   */
  @Test
  void aPartitionMovesInsideANestedPoolThenMigratesToAnotherOverTheInterconnectBetweenTheL1s(
      @TempDir Path cache) throws Exception {
    Finished run =
        run(
            "scenarios/src/test/resources/it/nested-migrate.yaml",
            0,
            Duration.ofMinutes(35),
            java.util.Map.of("NESTBED_CACHE", cache.toString()),
            java.util.List.of());
    System.out.printf(
        "COLD-CACHE nested-migrate: %.1f s wall%n", run.results().get("wallMs").asDouble() / 1000);
    try (var images = Files.list(cache.resolve("images"))) {
      java.util.List<String> built =
          images
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.endsWith(".lock"))
              .sorted()
              .toList();
      assertEquals(
          2, built.size(), "one partition and one hypervisor image, each built once: " + built);
      assertTrue(
          built.get(0).startsWith("hypervisor-") && built.get(1).startsWith("partition-"),
          built.toString());
    }
    // exit 0: alive, memory intact and on its new cell (read inside the destination L1) afterwards
    JsonNode results = run.results();
    JsonNode steps = results.get("steps");
    JsonNode grow = steps.get(2).get("metrics");
    assertTrue(
        grow.get("seen-after.memory").get("value").asDouble() > 0, "growth seen inside: " + grow);
    for (JsonNode cell : results.get("cellsFree")) {
      if (cell.get("afterStep").asText().equals("2")) {
        assertEquals(
            cell.get("cell").asText().equals("n1") ? 768 - 448 : 768,
            cell.get("memoryFreeMib").asLong(),
            "the growth came from n1's cell only: " + cell);
      }
    }
    JsonNode move = steps.get(3).get("metrics");
    assertTrue(move.get("memory-moved").get("value").asDouble() > 0, move.toString());
    double grown = grow.get("mem-total").get("value").asDouble();
    double shrunk = steps.get(4).get("metrics").get("mem-total").get("value").asDouble();
    double ballooned = steps.get(5).get("metrics").get("mem-total").get("value").asDouble();
    assertEquals(192, grown - shrunk, 2, "448MiB -> 256MiB as the L2's agent saw it");
    assertEquals(96, shrunk - ballooned, 2, "256MiB -> 160MiB: unplugged, then ballooned");
    // the migration carries the partition's virtio-mem device (defined, nothing plugged)
    JsonNode migrate = steps.get(6);
    JsonNode metrics = migrate.get("metrics");
    for (String key : java.util.List.of("total-time", "guest-downtime", "bytes-sent")) {
      assertTrue(metrics.get(key).get("value").asDouble() > 0, key + " not measured: " + migrate);
    }
    assertEquals(1, metrics.get("memory-intact").get("value").asInt(), migrate.toString());
    // what QEMU sent really arrived at the destination L1's interconnect NIC (read inside it)
    assertTrue(
        metrics.get("interconnect-received").get("value").asDouble()
            >= metrics.get("bytes-sent").get("value").asDouble(),
        migrate.toString());
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  /**
   * Also the aggregate example's checks (its own nested run went to save CI time; it runs in sim in
   * SimulatedExamplesTest, and NestedPoolIT adds and removes a node without partitions).
   */
  @Test
  void theEvacuateExampleMovesAPartitionLiveAndEvacuatesTheLeavingNode() throws Exception {
    Finished run = run("scenarios/examples/evacuate.yaml", 0, Duration.ofMinutes(20));
    String runId = run.runId();
    JsonNode results = run.results();
    JsonNode pool = results.get("topology").get("pools").get(0);
    JsonNode observed = pool.get("observed");
    assertEquals(3, observed.size(), "two members and n3's seed cell: " + pool);
    for (int i = 0; i < 2; i++) {
      assertEquals(1, observed.get(i).get("cpus").asInt(), pool.toString());
      long mib = observed.get(i).get("memoryMib").asLong();
      assertTrue(
          mib > 900 && mib <= 1024, "cell " + i + " has " + mib + " MiB inside, planned 1024");
      assertEquals(
          pool.get("distances").get(i).get(1 - i).asInt(),
          observed.get(i).get("distances").get(1 - i).asInt());
    }
    JsonNode steps = results.get("steps");
    JsonNode add = steps.get(2);
    assertEquals(1, add.get("metrics").get("cpus").get("value").asInt(), add.toString());
    assertTrue(
        add.get("metrics").get("memory").get("value").asDouble() >= 895,
        "n3's DIMM seen inside: " + add);
    JsonNode remove = steps.get(4);
    assertTrue(
        remove.get("metrics").get("memory").get("value").asDouble() >= 895,
        "n3's DIMM left: " + remove);
    assertTrue(
        remove.get("message").asText().contains("stay plugged"),
        "the TCG note is in the step: " + remove);
    assertTrue(
        Files.isRegularFile(out.resolve("logs/pool-big.l1-console.log")),
        "the L1 console was not kept");
    assertTrue(
        steps.get(3).get("metrics").get("memory-moved").get("value").asDouble() > 0,
        steps.get(3).toString());
    assertTrue(steps.get(4).get("metrics").has("p1.memory-moved"), steps.get(4).toString());
    Path inner = out.resolve("logs/pool-big.l1");
    assertTrue(
        Files.isRegularFile(inner.resolve("libvirtd.log")),
        "the inner libvirtd's log was not kept");
    try (var files = Files.list(inner.resolve("qemu"))) {
      assertEquals(
          2,
          files.filter(f -> f.toString().endsWith(".console.log")).count(),
          "the L2 consoles were not kept");
    }
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void anInterruptedRunExits130AndLeavesNothingBehind() throws Exception {
    stoppedBySignalDuringAStep("INT", 130);
  }

  @Test
  void aTerminatedRunExits143AndLeavesNothingBehind() throws Exception {
    stoppedBySignalDuringAStep("TERM", 143);
  }

  /**
   * Sends the signal while a step runs: the run tears down, writes its reports and exits with the
   * code.
   */
  private void stoppedBySignalDuringAStep(String signal, int exitCode) throws Exception {
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run",
            "scenarios/src/test/resources/it/long-wait.yaml",
            "--out",
            out.toString(),
            "--plain")) {
      runId = nestbed.runId().orElseThrow();
      nestbed.awaitLine("step 2: wait", Duration.ofMinutes(3));
      new ProcessBuilder("kill", "-" + signal, Long.toString(nestbed.pid())).start().waitFor();
      assertEquals(exitCode, nestbed.awaitExit(Duration.ofMinutes(2)), nestbed.output());
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertEquals("INTERRUPTED", results.get("outcome").asText());
    assertEquals(java.util.List.of(), Leftovers.of(runId));
  }

  @Test
  void aDefectOfNestbedMidRunExits70WithEveryReportNamingTheStepTheErrorAndItsTrace()
      throws Exception {
    Finished run =
        run(
            "scenarios/examples/quickstart.yaml",
            70,
            Duration.ofMinutes(5),
            java.util.Map.of(),
            java.util.List.of("nestbed.fault=defect-in-step:2"));
    JsonNode results = run.results();
    assertEquals("ERROR", results.get("outcome").asText(), results.toString());
    JsonNode step = results.get("steps").get(1);
    assertEquals("ERROR", step.get("outcome").asText(), step.toString());
    assertEquals(
        "nestbed defect while step 2 ("
            + step.get("summary").asText()
            + "): IllegalStateException (no message)",
        step.get("message").asText());
    assertEquals("SKIPPED", results.get("steps").get(2).get("outcome").asText());
    assertTrue(
        Files.readString(out.resolve("junit.xml")).contains("<error"), "junit.xml shows no error");
    assertTrue(
        Files.readString(out.resolve("report.html")).contains("IllegalStateException"),
        "report.html");
    String trace = Files.readString(out.resolve("logs/nestbed-errors.log"));
    assertTrue(
        trace.contains("java.lang.IllegalStateException") && trace.contains("\tat dev.nestbed."),
        trace);
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  @Test
  void aDefectBetweenStepsAlsoEndsInReportsNamingThePhase() throws Exception {
    Finished run =
        run(
            "scenarios/examples/quickstart.yaml",
            70,
            Duration.ofMinutes(5),
            java.util.Map.of(),
            java.util.List.of("nestbed.fault=defect-in-phase:pools"));
    JsonNode results = run.results();
    assertEquals("ERROR", results.get("outcome").asText(), results.toString());
    assertTrue(
        results
            .get("message")
            .asText()
            .startsWith(
                "nestbed defect while building 2 pools: IllegalStateException (no message)"),
        results.get("message").asText());
    assertTrue(
        Files.isRegularFile(out.resolve("junit.xml"))
            && Files.isRegularFile(out.resolve("report.html")));
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  @Test
  void aTeardownThatLeavesSomethingBehindFailsTheRunNamingItAndCleanRemovesIt() throws Exception {
    Finished run =
        run(
            "scenarios/examples/quickstart.yaml",
            1,
            Duration.ofMinutes(8),
            java.util.Map.of(),
            java.util.List.of("nestbed.fault=skip-teardown:stop the nodes"));
    try {
      JsonNode results = run.results();
      assertEquals("FAILED", results.get("outcome").asText(), results.toString());
      for (JsonNode step : results.get("steps")) {
        assertEquals("PASSED", step.get("outcome").asText(), "only teardown failed: " + step);
      }
      String message = results.get("message").asText();
      assertTrue(
          message.contains("teardown left")
              && message.contains("namespace nb-" + run.runId())
              && message.contains("libvirtd process")
              && message.contains("nestbed clean"),
          message);
      assertTrue(
          !Leftovers.of(run.runId()).isEmpty(), "nothing was left, so the fault was not injected");
    } finally {
      try (NestbedProcess clean = NestbedProcess.start("clean")) {
        assertEquals(0, clean.awaitExit(Duration.ofMinutes(2)), clean.output());
      }
    }
    assertEquals(java.util.List.of(), Leftovers.of(run.runId()));
  }

  @Test
  void partitionsThatDoNotFitAreRejectedBeforeAnythingStartsNamingTheCellAndTheShortfall()
      throws Exception {
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run", "scenarios/src/test/resources/it/does-not-fit.yaml", "--out", out.toString())) {
      assertEquals(2, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      String output = nestbed.output();
      assertTrue(
          output.contains(
              "does-not-fit.yaml:12:5: partition p2 does not fit pool big: needs 1 vCPU and 512MiB"
                  + " on cells n1: cell n1 has 0 CPU and 256MiB free (short 1 vCPU and 256MiB)"),
          output);
      assertTrue(output.contains("nothing was started"), output);
      assertTrue(!output.contains("starting"), "a node or pool was started: " + output);
    }
    assertTrue(!Files.exists(out.resolve("results.json")), "a rejected scenario produced results");
  }

  @Test
  void anInvalidScenarioExits2WithEveryProblemAndStartsNothing() throws Exception {
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            "run", "scenarios/src/test/resources/it/invalid.yaml", "--out", out.toString())) {
      assertEquals(2, nestbed.awaitExit(Duration.ofMinutes(1)), nestbed.output());
      String output = nestbed.output();
      assertTrue(output.contains("scenarios/src/test/resources/it/invalid.yaml:"), output);
      assertTrue(output.contains("nothing was started"), output);
      assertTrue(!output.contains("Exception"), "a stack trace leaked: " + output);
    }
    assertTrue(!Files.exists(out.resolve("results.json")), "an invalid scenario produced results");
  }

  /** A finished run: its id (for the leftovers check) and its results.json. */
  private record Finished(String runId, JsonNode results) {}

  /** Runs {@code scenario} through the CLI, as a user would, expecting {@code exitCode}. */
  private Finished run(String scenario, int exitCode, Duration within) throws Exception {
    return run(scenario, exitCode, within, java.util.Map.of(), java.util.List.of());
  }

  /** The same with environment variables and JVM system properties ("name=value") of its own. */
  private Finished run(
      String scenario,
      int exitCode,
      Duration within,
      java.util.Map<String, String> env,
      java.util.List<String> properties)
      throws Exception {
    String runId;
    try (NestbedProcess nestbed =
        NestbedProcess.start(
            env, properties, "run", scenario, "--out", out.toString(), "--plain")) {
      runId = nestbed.runId().orElseThrow();
      int exit = nestbed.awaitExit(within);
      if (exit != exitCode) {
        keepForDiagnosis(scenario, runId);
      }
      assertEquals(exitCode, exit, nestbed.output());
    }
    return new Finished(runId, new ObjectMapper().readTree(out.resolve("results.json").toFile()));
  }

  /**
   * Copies a run that ended otherwise than expected (its reports, daemon logs and guest consoles)
   * to target/failed-runs/, which outlives the test's temporary directory: a nested guest that
   * never beat can only be understood from its console.
   */
  private void keepForDiagnosis(String scenario, String runId) throws java.io.IOException {
    String name = Path.of(scenario).getFileName().toString().replaceFirst("\\.yaml$", "");
    Path kept = Path.of("target", "failed-runs", name + "-" + runId);
    try (java.util.stream.Stream<Path> files = Files.walk(out)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = kept.resolve(out.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else if (Files.isRegularFile(file)) {
          Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    System.err.println("run " + runId + " kept in " + kept.toAbsolutePath());
  }
}
