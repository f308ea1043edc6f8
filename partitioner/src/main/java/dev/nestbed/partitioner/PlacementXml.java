package dev.nestbed.partitioner;

import dev.nestbed.aggregator.pool.CellBinding;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of a partition's domain XML that binds it to its cells: every vCPU (also those not
 * plugged yet) pinned to the cells' CPUs, the emulator threads too, and the guest memory restricted
 * to the cells' NUMA nodes.
 *
 * <p>Memory mode is {@code restrictive}, not {@code strict}: libvirt 9.0 changes the nodeset of a
 * running domain only in restrictive mode (cgroup v2 {@code cpuset.mems}, which also migrates the
 * pages), and a partition must be able to move to other cells while it runs.
 */
final class PlacementXml {
  private static final Pattern CPUTUNE =
      Pattern.compile("[ \\t]*<cputune>.*?</cputune>\\s*", Pattern.DOTALL);
  private static final Pattern NUMATUNE =
      Pattern.compile("[ \\t]*<numatune>.*?</numatune>\\s*", Pattern.DOTALL);

  private PlacementXml() {}

  /**
   * {@code domainXml} bound to {@code cells} instead: its {@code <cputune>} and {@code <numatune>}
   * replaced by those {@link #render} makes. For a domain that migrates to cells bound otherwise
   * than its own (another L1's CPUs and NUMA nodes).
   *
   * @throws IllegalArgumentException when the XML binds nothing (it was not made by nestbed)
   */
  static String rebind(String domainXml, List<CellBinding> cells, int maxVcpus) {
    if (cells.isEmpty()
        || !CPUTUNE.matcher(domainXml).find()
        || !NUMATUNE.matcher(domainXml).find()) {
      throw new IllegalArgumentException(
          "the domain XML has no <cputune> and <numatune> to rebind, or no cells given");
    }
    // The old numatune goes first: render() writes a new one after the new cputune.
    String unbound = NUMATUNE.matcher(domainXml).replaceFirst("");
    return CPUTUNE.matcher(unbound).replaceFirst(Matcher.quoteReplacement(render(cells, maxVcpus)));
  }

  /** Empty when there is nothing to bind to (the partition may use the whole machine). */
  static String render(List<CellBinding> cells, int maxVcpus) {
    if (cells.isEmpty()) {
      return "";
    }
    String cpuset =
        cells.stream()
            .flatMap(c -> c.cpus().stream())
            .distinct()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining(","));
    String nodeset =
        cells.stream()
            .map(c -> String.valueOf(c.numaNode()))
            .distinct()
            .collect(Collectors.joining(","));
    StringBuilder pins = new StringBuilder();
    for (int vcpu = 0; vcpu < maxVcpus; vcpu++) {
      pins.append(String.format("    <vcpupin vcpu='%d' cpuset='%s'/>%n", vcpu, cpuset));
    }
    return String.format(
        """
          <cputune>
        %s    <emulatorpin cpuset='%s'/>
          </cputune>
          <numatune>
            <memory mode='restrictive' nodeset='%s'/>
          </numatune>
        """,
        pins, cpuset, nodeset);
  }
}
