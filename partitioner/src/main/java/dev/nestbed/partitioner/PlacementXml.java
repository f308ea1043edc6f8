package dev.nestbed.partitioner;

import dev.nestbed.aggregator.pool.CellBinding;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The part of a partition's domain XML that binds it to its cells: every vCPU (also those not
 * plugged yet) pinned to the cells' CPUs, the emulator threads too, and the guest memory
 * restricted to the cells' NUMA nodes.
 *
 * <p>Memory mode is {@code restrictive}, not {@code strict}: libvirt 9.0 changes the nodeset of a
 * running domain only in restrictive mode (cgroup v2 {@code cpuset.mems}, which also migrates the
 * pages), and a partition must be able to move to other cells while it runs.
 */
final class PlacementXml {
  private PlacementXml() {}

  /** Empty when there is nothing to bind to (the partition may use the whole machine). */
  static String render(List<CellBinding> cells, int maxVcpus) {
    if (cells.isEmpty()) {
      return "";
    }
    String cpuset = cells.stream().flatMap(c -> c.cpus().stream()).distinct().sorted().map(String::valueOf)
        .collect(Collectors.joining(","));
    String nodeset = cells.stream().map(c -> String.valueOf(c.numaNode())).distinct()
        .collect(Collectors.joining(","));
    StringBuilder pins = new StringBuilder();
    for (int vcpu = 0; vcpu < maxVcpus; vcpu++) {
      pins.append(String.format("    <vcpupin vcpu='%d' cpuset='%s'/>%n", vcpu, cpuset));
    }
    return String.format("""
          <cputune>
        %s    <emulatorpin cpuset='%s'/>
          </cputune>
          <numatune>
            <memory mode='restrictive' nodeset='%s'/>
          </numatune>
        """, pins, cpuset, nodeset);
  }
}
