package dev.nestbed.aggregator.pool;

import dev.nestbed.core.value.DataSize;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a guest's QEMU process really is inside its pool, as the pool's kernel sees it: the
 * anonymous memory it has on each NUMA node (summed from {@code /proc/PID/numa_maps}, the source
 * numastat reads; guest RAM is anonymous memory of QEMU) and the CPUs each of its vCPU threads may
 * run on ({@code Cpus_allowed_list} of the threads QEMU names {@code CPU n/TCG} or {@code CPU
 * n/KVM}).
 *
 * <p>File-backed pages (the QEMU binary, its libraries) are left out: they are page cache shared
 * with other processes, on whichever node first read them, and say nothing about the placement.
 *
 * @param memoryByNode resident anonymous memory per NUMA node id
 * @param vcpuCpus for each vCPU thread name, the CPU ids it may run on
 */
public record ProcessPlacement(
    Map<Integer, DataSize> memoryByNode, Map<String, Set<Integer>> vcpuCpus) {
  /**
   * The least share of its memory a process must have on its cells' nodes to count as on them. Not
   * 100%: QEMU allocates a little (its heap, thread stacks) before libvirt confines it.
   */
  public static final double ON_CELLS_MEMORY_SHARE = 0.9;

  public ProcessPlacement {
    memoryByNode = Collections.unmodifiableMap(new TreeMap<>(memoryByNode));
    vcpuCpus = Collections.unmodifiableMap(new TreeMap<>(vcpuCpus));
  }

  /** All resident memory of the process. */
  public DataSize memory() {
    return DataSize.ofBytes(memoryByNode.values().stream().mapToLong(DataSize::bytes).sum());
  }

  /** The part of its memory on {@code nodes}. */
  public DataSize memoryOn(Set<Integer> nodes) {
    return DataSize.ofBytes(
        memoryByNode.entrySet().stream()
            .filter(e -> nodes.contains(e.getKey()))
            .mapToLong(e -> e.getValue().bytes())
            .sum());
  }

  /** The part of its memory on {@code nodes}, 0 to 1 (0 for a process without memory). */
  public double shareOn(Set<Integer> nodes) {
    long all = memory().bytes();
    return all == 0 ? 0 : (double) memoryOn(nodes).bytes() / all;
  }

  /**
   * Whether the process is on {@code cells}: every vCPU thread may run only on their CPUs, and at
   * least {@link #ON_CELLS_MEMORY_SHARE} of its memory is on their nodes.
   */
  public boolean isOn(CellGroup cells) {
    return vcpusConfinedTo(cells.cpus()) && shareOn(cells.nodes()) >= ON_CELLS_MEMORY_SHARE;
  }

  /** True if every vCPU thread may run only on {@code cpus} (and there is at least one). */
  public boolean vcpusConfinedTo(Set<Integer> cpus) {
    return !vcpuCpus.isEmpty() && vcpuCpus.values().stream().allMatch(cpus::containsAll);
  }

  /** E.g. {@code memory node0 150MiB node1 1MiB; CPU 0/TCG on 0}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    memoryByNode.forEach((node, size) -> parts.add("node" + node + " " + size.mib() + "MiB"));
    List<String> threads = new ArrayList<>();
    vcpuCpus.forEach((thread, cpus) -> threads.add(thread + " on " + cpus));
    return "memory " + String.join(" ", parts) + "; " + String.join(", ", threads);
  }

  /**
   * Reads the output of {@link #script}: the process's numa_maps, a {@code ==threads} line, then
   * one {@code NAME<TAB>CPU-LIST} line per thread.
   */
  static ProcessPlacement parse(String text) {
    Map<Integer, Long> bytes = new TreeMap<>();
    Map<String, Set<Integer>> vcpus = new TreeMap<>();
    boolean threads = false;
    for (String line : text.split("\n")) {
      if (line.equals("==threads")) {
        threads = true;
      } else if (threads) {
        int tab = line.indexOf('\t');
        if (tab > 0 && line.startsWith("CPU ")) {
          vcpus.put(line.substring(0, tab), cpuList(line.substring(tab + 1).strip()));
        }
      } else {
        addNumaMapsLine(line, bytes);
      }
    }
    Map<Integer, DataSize> sizes = new TreeMap<>();
    bytes.forEach((node, b) -> sizes.put(node, DataSize.ofBytes(b)));
    return new ProcessPlacement(sizes, vcpus);
  }

  /**
   * One mapping: {@code ADDR POLICY anon=15 ... N0=12 N1=3 kernelpagesize_kB=4}; others are
   * skipped.
   */
  private static void addNumaMapsLine(String line, Map<Integer, Long> bytes) {
    if (!line.contains(" anon=")) {
      return;
    }
    long pageBytes = 4096;
    Map<Integer, Long> pages = new TreeMap<>();
    for (String word : line.strip().split("\\s+")) {
      if (word.startsWith("kernelpagesize_kB=")) {
        pageBytes = Long.parseLong(word.substring("kernelpagesize_kB=".length())) * 1024;
      } else if (word.length() > 3
          && word.charAt(0) == 'N'
          && Character.isDigit(word.charAt(1))
          && word.contains("=")) {
        int eq = word.indexOf('=');
        pages.put(Integer.parseInt(word.substring(1, eq)), Long.parseLong(word.substring(eq + 1)));
      }
    }
    long size = pageBytes;
    pages.forEach((node, n) -> bytes.merge(node, n * size, Long::sum));
  }

  /** {@code 0-2,5} -> {0, 1, 2, 5}. */
  static Set<Integer> cpuList(String list) {
    Set<Integer> cpus = new TreeSet<>();
    for (String range : list.split(",")) {
      if (range.isBlank()) {
        continue;
      }
      String[] ends = range.strip().split("-");
      int from = Integer.parseInt(ends[0]);
      int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
      for (int cpu = from; cpu <= to; cpu++) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  /** The shell script that prints what {@link #parse} reads, for the QEMU of domain {@code %s}. */
  static String script(String domainName) {
    String quoted = "'" + domainName.replace("'", "'\\''") + "'";
    return """
        pid=$(cat /run/libvirt/qemu/%s.pid) || exit 3
        cat /proc/$pid/numa_maps || exit 4
        echo ==threads
        for t in /proc/$pid/task/*; do
            printf '%%s\\t%%s\\n' "$(cat $t/comm)" "$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' $t/status)"
        done
        """
        .formatted(quoted);
  }
}
