package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.image.PartitionImageBuilder;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the remote provider beside those of local nodes, measured in one run and printed
 * as medians: partition start to first heartbeat, migrate total time and guest downtime, image
 * upload, teardown. A benchmark, not a test: it runs only with {@code -Dnestbed.figures=true}.
 */
@EnabledIfSystemProperty(named = "nestbed.figures", matches = "true")
class RemoteFiguresIT {
  private static final int RUNS = 3;

  @TempDir Path dir;

  @Test
  void printsTheMediansOfRemoteAndLocalRuns() throws Exception {
    Map<String, List<Double>> remote = new TreeMap<>();
    Map<String, List<Double>> local = new TreeMap<>();
    try (RemoteHosts hosts = RemoteHosts.start(dir.resolve("hosts"), List.of("r1", "r2"))) {
      GuestImage image =
          new PartitionImageBuilder(NestbedProcess.HOME, RunDirectories.cacheRoot()).ensureBuilt();
      try (LibvirtHost host = LibvirtHost.connect("r1", hosts.uris().get(0))) {
        for (int i = 0; i < RUNS; i++) {
          long began = System.nanoTime();
          try (RunStoragePool pool = RunStoragePool.create(host, RunId.random())) {
            pool.upload(image.kernel(), image.kernel().getFileName().toString());
            pool.upload(image.initramfs(), image.initramfs().getFileName().toString());
          }
          add(
              remote,
              "image upload (kernel + initramfs, create pool, remove it), ms",
              (System.nanoTime() - began) / 1e6);
        }
      }
      for (int i = 0; i < RUNS; i++) {
        measure(scenario("provider: remote", "r", hosts.uris()), remote, "remote" + i);
        measure(scenario("provider: local", "n", List.of()), local, "local" + i);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n%-62s %10s %10s %s%n",
        "median over " + RUNS + " runs of each",
        "remote",
        "local",
        "ratio");
    for (String key : remote.keySet()) {
      double r = median(remote.get(key));
      double l = local.containsKey(key) ? median(local.get(key)) : Double.NaN;
      System.out.printf(
          Locale.ROOT,
          "%-62s %10.0f %10.0f %5.2f  (n=%d)%n",
          key,
          r,
          l,
          r / l,
          remote.get(key).size());
    }
  }

  private void measure(Path scenario, Map<String, List<Double>> into, String name)
      throws Exception {
    Path out = dir.resolve(name);
    try (NestbedProcess nestbed =
        NestbedProcess.start("run", scenario.toString(), "--out", out.toString(), "--plain")) {
      assertEquals(0, nestbed.awaitExit(Duration.ofMinutes(8)), nestbed.output());
    }
    JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    for (JsonNode step : results.get("steps")) {
      JsonNode metrics = step.get("metrics");
      metrics
          .fieldNames()
          .forEachRemaining(
              key -> {
                if (key.endsWith(".first-heartbeat")) {
                  add(
                      into,
                      "partition start to first heartbeat, ms",
                      metrics.get(key).get("value").asDouble());
                }
              });
      if (step.get("kind").asText().equals("migrate")) {
        add(into, "migrate total, ms", metrics.get("total-time").get("value").asDouble());
        add(
            into,
            "migrate guest downtime, ms",
            metrics.get("guest-downtime").get("value").asDouble());
      }
    }
    add(into, "teardown, ms", results.get("phases").get("teardown").asDouble());
  }

  private Path scenario(String provider, String prefix, List<String> uris) throws Exception {
    String uri1 = uris.isEmpty() ? "" : ", uri: \"" + uris.get(0) + "\"";
    String uri2 = uris.isEmpty() ? "" : ", uri: \"" + uris.get(1) + "\"";
    StringBuilder steps = new StringBuilder();
    // p2 goes the other way: each host has 2 CPUs, and admission counts every partition placed on
    // it
    for (int p = 1; p <= 3; p++) {
      steps
          .append("  - start: [p")
          .append(p)
          .append("]\n  - wait: {heartbeat: [p")
          .append(p)
          .append("], timeout: 3m}\n  - migrate: {partition: p")
          .append(p)
          .append(", to-pool: ")
          .append(p == 2 ? "a" : "b")
          .append(", timeout: 2m}\n");
    }
    String text =
        """
        name: figures
        nodes:
          %s
          hosts:
            - {name: %s1, cpus: 2, memory: 2GiB%s}
            - {name: %s2, cpus: 2, memory: 2GiB%s}
        pools:
          - {name: a, backend: host, nodes: [%s1]}
          - {name: b, backend: host, nodes: [%s2]}
        partitions:
          - {name: p1, pool: a, vcpus: 1, memory: 192MiB, workload: {working-set: 16MiB, dirty-rate: 1MiB/s}}
          - {name: p2, pool: b, vcpus: 1, memory: 192MiB, workload: {working-set: 16MiB, dirty-rate: 1MiB/s}}
          - {name: p3, pool: a, vcpus: 1, memory: 192MiB, workload: {working-set: 16MiB, dirty-rate: 1MiB/s}}
        steps:
        """
                .formatted(provider, prefix, uri1, prefix, uri2, prefix, prefix)
            + steps;
    Path file = dir.resolve(prefix + "-figures.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static void add(Map<String, List<Double>> into, String key, double value) {
    into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
