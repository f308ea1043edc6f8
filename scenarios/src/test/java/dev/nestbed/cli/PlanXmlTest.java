package dev.nestbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.aggregator.pool.NestedPool;
import dev.nestbed.aggregator.pool.PoolPlan;
import dev.nestbed.scenario.parse.ScenarioLoader;
import dev.nestbed.scenario.plan.Placement;
import dev.nestbed.scenario.plan.ScenarioPlan;
import dev.nestbed.scenario.plan.ScenarioPlanner;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code plan --xml} over every shipped example: stdout is domain XML documents and nothing else,
 * each nested pool's L1 is among them, and partitions in nested pools are defined bound to their
 * cells (vCPU pinning, numatune) as L2 guests, while partitions of host pools over a node are not.
 */
class PlanXmlTest {
  private static final String RUN = "nb-" + PlanCommand.RUN_ID.value() + "-";

  @TempDir Path dir;

  static List<Path> examples() throws IOException {
    return ExamplesTest.realExamples();
  }

  /**
   * The documents of {@code stdout}, by domain name; fails unless stdout is exactly those
   * documents.
   */
  static Map<String, Document> documents(String stdout) throws Exception {
    List<String> texts = new ArrayList<>();
    StringBuilder current = null;
    for (String line : stdout.split("(?<=\n)")) {
      if (line.startsWith("<domain")) {
        if (current != null) {
          texts.add(current.toString());
        }
        current = new StringBuilder();
      }
      assertTrue(current != null, "stdout has something before the first <domain: " + line);
      current.append(line);
    }
    if (current != null) {
      texts.add(current.toString());
    }
    assertEquals(stdout, String.join("", texts));
    Map<String, Document> byName = new LinkedHashMap<>();
    for (String text : texts) {
      Document document = parse(text);
      assertEquals("domain", document.getDocumentElement().getTagName());
      byName.put(xpath(document, "/domain/name"), document);
    }
    return byName;
  }

  static Document parse(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(text)));
  }

  static String xpath(Document document, String expression) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(expression, document);
  }

  static int count(Document document, String expression) throws Exception {
    return ((NodeList)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate(expression, document, XPathConstants.NODESET))
        .getLength();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void stdoutIsTheDomainsOfTheRunAndNothingElse(Path example) throws Exception {
    InProcessCli plan =
        InProcessCli.run("plan", "--xml", "--accelerator", "tcg", example.toString());
    assertEquals(0, plan.exitCode(), plan.stderr());
    assertEquals(
        "", plan.stderr(), "nothing is left out of an example, and no human text is printed");
    ScenarioSpec spec = ScenarioLoader.load(example);
    ScenarioPlan planned = ScenarioPlanner.plan(spec);
    Map<String, Document> documents = documents(plan.stdout());
    List<String> expected = new ArrayList<>();
    planned.pools().stream()
        .filter(p -> p.backend().equals("nested"))
        .forEach(p -> expected.add(RUN + "pool-" + p.name()));
    spec.partitions().forEach(p -> expected.add(RUN + p.name()));
    assertEquals(
        expected,
        List.copyOf(documents.keySet()),
        "the L1s first, then the partitions, as the run defines them");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyNestedPoolHasItsL1WithACellPerNode(Path example) throws Exception {
    ScenarioPlan planned = ScenarioPlanner.plan(ScenarioLoader.load(example));
    Map<String, Document> documents =
        documents(InProcessCli.run("plan", "--xml", example.toString()).stdout());
    for (PoolPlan pool : planned.pools()) {
      Document l1 = documents.get(RUN + "pool-" + pool.name());
      if (!pool.backend().equals("nested")) {
        assertNull(l1, pool.name());
        continue;
      }
      assertTrue(l1 != null, "no L1 for nested pool " + pool.name() + " in " + documents.keySet());
      assertEquals("pool", xpath(l1, "/domain/metadata/*[local-name()='run']/@kind"));
      assertEquals(pool.cells().size() + pool.spares().size(), count(l1, "/domain/cpu/numa/cell"));
      assertTrue(
          xpath(l1, "/domain/os/cmdline").endsWith(" nestbed.control=ttyS1"),
          xpath(l1, "/domain/os/cmdline"));
      assertTrue(
          xpath(l1, "/domain/devices/disk[1]/source/@file")
              .endsWith("/00000000/pools/" + pool.name() + "/l1.qcow2"));
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void partitionsInNestedPoolsAreDefinedBoundToTheirCellsAsL2Guests(Path example) throws Exception {
    ScenarioSpec spec = ScenarioLoader.load(example);
    ScenarioPlan planned = ScenarioPlanner.plan(spec);
    Map<String, Document> documents =
        documents(
            InProcessCli.run("plan", "--xml", "--accelerator", "kvm", example.toString()).stdout());
    for (PartitionDecl partition : spec.partitions()) {
      Placement placement = planned.placement(partition.name());
      PoolPlan pool = planned.pool(placement.pool()).orElseThrow();
      Document domain = documents.get(RUN + partition.name());
      String cmdline = xpath(domain, "/domain/os/cmdline");
      if (!pool.backend().equals("nested")) {
        assertEquals(
            0,
            count(domain, "/domain/cputune"),
            partition.name() + " is on a node: nothing to bind to");
        assertEquals(0, count(domain, "/domain/numatune"), partition.name());
        continue;
      }
      List<CellBinding> cells =
          placement.cells().stream().map(c -> NestedPool.bindingOf(pool, c)).toList();
      String cpuset =
          cells.stream()
              .flatMap(c -> c.cpus().stream())
              .sorted()
              .map(String::valueOf)
              .collect(Collectors.joining(","));
      String nodeset =
          cells.stream().map(c -> String.valueOf(c.numaNode())).collect(Collectors.joining(","));
      assertEquals(
          partition.maxVcpus(),
          count(domain, "/domain/cputune/vcpupin[@cpuset='" + cpuset + "']"),
          partition.name() + ": every vCPU pinned to its cells' CPUs " + cpuset);
      assertEquals(cpuset, xpath(domain, "/domain/cputune/emulatorpin/@cpuset"));
      assertEquals("restrictive", xpath(domain, "/domain/numatune/memory/@mode"));
      assertEquals(nodeset, xpath(domain, "/domain/numatune/memory/@nodeset"));
      assertEquals(
          "qemu", xpath(domain, "/domain/@type"), "an L2 runs under TCG whatever the host has");
      assertTrue(
          cmdline.contains(" nestbed.hb=100 "), "an L2 under TCG beats every 100 ms: " + cmdline);
      assertTrue(
          xpath(domain, "/domain/os/kernel")
              .matches("/var/lib/nestbed/images/partition-[0-9a-f]{16}/kernel"),
          "the kernel on the L1's images disk: " + xpath(domain, "/domain/os/kernel"));
      assertEquals(
          "/var/log/libvirt/qemu/" + RUN + partition.name() + ".console.log",
          xpath(domain, "/domain/devices/serial[1]/source/@path"));
    }
  }

  @Test
  void outWritesOneFilePerDomainAndListsThemOnStderr() throws Exception {
    Path example =
        examples().stream()
            .filter(e -> e.getFileName().toString().equals("evacuate.yaml"))
            .findFirst()
            .orElseThrow();
    Map<String, Document> printed =
        documents(InProcessCli.run("plan", "--xml", example.toString()).stdout());
    Path out = dir.resolve("xml");
    InProcessCli written = InProcessCli.run("plan", "--out", out.toString(), example.toString());
    assertEquals(0, written.exitCode(), written.stderr());
    assertEquals("", written.stdout());
    List<String> files =
        printed.keySet().stream().map(name -> out.resolve(name + ".xml").toString()).toList();
    assertEquals(String.join("\n", files) + "\n", written.stderr());
    try (Stream<Path> listed = Files.list(out)) {
      assertEquals(files.size(), listed.count());
    }
    StringBuilder joined = new StringBuilder();
    for (String file : files) {
      joined.append(Files.readString(Path.of(file)));
    }
    assertEquals(
        InProcessCli.run("plan", "--xml", example.toString()).stdout(),
        joined.toString(),
        "the files hold the same bytes as stdout");
  }

  @Test
  void withoutXmlThePlanIsForPeople() throws Exception {
    InProcessCli plan = InProcessCli.run("plan", examples().get(0).toString());
    assertEquals(0, plan.exitCode());
    assertTrue(plan.stdout().startsWith("scenario "), plan.stdout());
    assertFalse(plan.stdout().contains("<domain"), plan.stdout());
  }

  @Test
  void anUnknownAcceleratorIsABadArgument() throws Exception {
    InProcessCli plan =
        InProcessCli.run("plan", "--xml", "--accelerator", "hvf", examples().get(0).toString());
    assertEquals(ExitCode.INVALID, plan.exitCode());
    assertTrue(plan.stderr().contains("--accelerator takes kvm or tcg, not 'hvf'"), plan.stderr());
  }

  @Test
  void eachL1SitsOnTheInterconnectFromItsFirstNodesAddress() throws Exception {
    Path scenario =
        NestbedProcess.HOME.resolve("scenarios/src/test/resources/it/nested-migrate.yaml");
    Map<String, Document> documents =
        documents(InProcessCli.run("plan", "--xml", scenario.toString()).stdout());
    String netdev =
        "/domain/*[local-name()='commandline']/*[starts-with(@value, 'socket,')]/@value";
    String left = xpath(documents.get(RUN + "pool-left"), netdev);
    String right = xpath(documents.get(RUN + "pool-right"), netdev);
    assertTrue(left.endsWith("localaddr=10.213.0.11"), "left boots on n1, the first node: " + left);
    assertTrue(
        right.endsWith("localaddr=10.213.0.13"), "right boots on n3, the third node: " + right);
  }

  @Test
  void partitionsWhoseCellsAreReadAtRunTimeAreLeftOutAndSaidSo() throws Exception {
    Path scenario =
        Files.writeString(
            dir.resolve("adopted.yaml"),
            """
        name: adopted
        pools:
          - {name: here, backend: host, uri: "qemu:///system"}
        partitions:
          - {name: p1, pool: here, vcpus: 1, memory: 128MiB}
        steps:
          - start: [p1]
        """);
    InProcessCli plan = InProcessCli.run("plan", "--xml", scenario.toString());
    assertEquals(0, plan.exitCode(), plan.stderr());
    assertEquals("", plan.stdout());
    assertEquals(
        "left out: partition p1: pool here adopts the machine at qemu:///system: the CPUs it is bound to"
            + " are read from that machine at run time\n",
        plan.stderr());
  }
}
