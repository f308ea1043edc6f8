package dev.nestbed.aggregator.remote;

import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.value.DataSize;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an existing libvirt host says about itself, read once through its connection: the CPUs and
 * memory of its NUMA cells, its libvirt and QEMU versions, its hostname and whether its
 * capabilities offer KVM.
 */
record RemoteHostFacts(
    String hostname,
    int cpus,
    DataSize memory,
    String libvirtVersion,
    String qemuVersion,
    boolean offersKvm) {
  private static final Pattern KVM_DOMAIN = Pattern.compile("<domain\\s+type=['\"]kvm['\"]");

  static RemoteHostFacts read(LibvirtHost host) {
    String capabilities = host.capabilities();
    List<NumaCell> cells = CapabilitiesTopology.cells(capabilities);
    int cpus = cells.stream().mapToInt(c -> c.cpus().size()).sum();
    long bytes = cells.stream().mapToLong(c -> c.memory().bytes()).sum();
    return new RemoteHostFacts(
        host.hostname(),
        cpus,
        DataSize.ofBytes(bytes),
        version(host.libvirtVersion()),
        version(host.hypervisorVersion()),
        KVM_DOMAIN.matcher(capabilities).find());
  }

  /** libvirt's packed major*1,000,000 + minor*1,000 + release as "11.3.0". */
  static String version(long packed) {
    return (packed / 1_000_000) + "." + (packed / 1_000 % 1_000) + "." + (packed % 1_000);
  }

  /** "libvirt 11.3.0, QEMU 10.0.2, 2 CPUs, 3072MiB". */
  String describe() {
    return "libvirt "
        + libvirtVersion
        + ", QEMU "
        + qemuVersion
        + ", "
        + cpus
        + (cpus == 1 ? " CPU, " : " CPUs, ")
        + memory.mib()
        + "MiB";
  }
}
