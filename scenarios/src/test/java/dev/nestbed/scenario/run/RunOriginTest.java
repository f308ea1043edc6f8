package dev.nestbed.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.record.Fact;
import dev.nestbed.scenario.record.Provenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunOriginTest {
  private static final NodeSpec N1 = new NodeSpec("n1", 2, DataSize.parse("3GiB"));
  private static final NodeSpec N2 = new NodeSpec("n2", 2, DataSize.parse("3GiB"));
  private final RunOrigin origin =
      new RunOrigin(
          new Provenance.Build(Fact.known("0.1.0"), Fact.unknown("not a checkout")),
              List.of("nestbed", "run", "s.yaml"),
          new Provenance.Host(
                  Fact.known("6.1.0"),
                  Fact.known("QEMU emulator version 10.0.2"),
                  Fact.known("libvirtd (libvirt) 11.3.0")),
              Provenance.ScenarioSource.of("/s.yaml", "name: s\n"));

  @Test
  void aNodeOnThisMachineRunsItsSoftwareAndOneNeverStartedIsUnknown() {
    Provenance p =
        origin.provenance(
            "KVM (/dev/kvm)", "local", List.of(N1, N2), Map.of("n1", node(N1, false)));

    assertEquals(
        List.of(
            new Provenance.NodeAbout(
                "n1", "local", Fact.known("on this machine: its libvirtd and QEMU are the host's")),
            new Provenance.NodeAbout(
                "n2",
                "local",
                Fact.unknown("not started: the run ended before its nodes were up"))),
        p.nodes());
    assertEquals(Fact.known("KVM (/dev/kvm)"), p.accelerator());
    assertEquals(origin.scenario(), p.scenario());
  }

  @Test
  void aNodeOnAnotherMachineIsWhatItsProviderKnowsOfIt() {
    Provenance p = origin.provenance("TCG", "remote", List.of(N1), Map.of("n1", node(N1, true)));

    assertEquals(
        Fact.known("node n1: libvirt 9.0.0, QEMU 7.2.0, 4 CPUs, 8192MiB, KVM"),
        p.nodes().get(0).about());
  }

  @Test
  void anAcceleratorNeverChosenIsUnknown() {
    assertEquals(
        Fact.unknown("the run ended before it chose one"),
        origin.provenance("", "local", List.of(), Map.of()).accelerator());
  }

  private static Node node(NodeSpec spec, boolean elsewhere) {
    return new Node() {
      @Override
      public NodeSpec spec() {
        return spec;
      }

      @Override
      public String libvirtUri() {
        return "qemu+ssh://root@far/system";
      }

      @Override
      public String address() {
        return "10.77.0.11";
      }

      @Override
      public Path logDirectory() {
        return Path.of("/tmp");
      }

      @Override
      public List<String> tcpConnectCommand(String host, int port) {
        return List.of();
      }

      @Override
      public Optional<NodeFiles> files() {
        return elsewhere
            ? Optional.of(
                new NodeFiles() {
                  @Override
                  public Path place(Path local) {
                    return local;
                  }

                  @Override
                  public Path writableDirectory() {
                    return Path.of("/tmp");
                  }
                })
            : Optional.empty();
      }

      @Override
      public String describe() {
        return "node n1: libvirt 9.0.0, QEMU 7.2.0, 4 CPUs, 8192MiB, KVM";
      }
    };
  }
}
