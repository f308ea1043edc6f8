package dev.nestbed.core.libvirt;

import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.value.DataSize;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUlongParameter;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A domain on one {@link LibvirtHost}, with the operations nestbed performs on it. */
public final class LibvirtDomain {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(LibvirtDomain.class);

  /** VIR_DOMAIN_AFFECT_LIVE: change the running guest, not its persistent definition. */
  private static final int AFFECT_LIVE = 1;

  /** The live definition of a running domain, the persistent one of a stopped one. */
  private static final int AFFECT_CURRENT = 0;

  /** VIR_DOMAIN_XML_MIGRATABLE. */
  private static final int XML_MIGRATABLE = 8;

  /** VIR_DOMAIN_METADATA_ELEMENT. */
  private static final int METADATA_ELEMENT = 2;

  /** VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED: the last job's, kept. */
  private static final int COMPLETED_JOB_KEPT = 1 | 2;

  private final Domain domain;
  private final String name;
  private final String host;

  /** The URI of the domain's libvirt, for connections of its own (consoles). */
  private final String uri;

  LibvirtDomain(Domain domain, String name, String host, String uri) {
    this.uri = uri;
    this.domain = domain;
    this.name = name;
    this.host = host;
  }

  public String name() {
    return name;
  }

  /** The name of the host this domain lives on, as given to {@link LibvirtHost#connect}. */
  public String host() {
    return host;
  }

  public void start() {
    LibvirtCall.run("virDomainCreate", name, host, domain::create);
  }

  /** Stops the guest at once (power off, no shutdown inside). */
  public void destroy() {
    LibvirtCall.run("virDomainDestroy", name, host, domain::destroy);
  }

  /** Removes the persistent definition; a running guest keeps running as transient. */
  public void undefine() {
    LibvirtCall.run("virDomainUndefine", name, host, domain::undefine);
  }

  /** Destroys the guest if it runs, then undefines it if it is still defined. Idempotent. */
  public void destroyAndUndefine() {
    try {
      if (domain.isActive() == 1) {
        domain.destroy();
      }
      if (domain.isPersistent() == 1) {
        domain.undefine();
      }
    } catch (LibvirtException e) {
      if (e.getError() == null || e.getError().getCode() != ErrorNumber.VIR_ERR_NO_DOMAIN) {
        throw LibvirtCall.translate("virDomainDestroy/virDomainUndefine", name, host, e);
      }
    }
  }

  public boolean isActive() {
    return LibvirtCall.call("virDomainIsActive", name, host, domain::isActive) == 1;
  }

  /**
   * Why the domain is not running, in libvirt's terms, or empty while it runs (or is paused):
   * whether the guest stopped itself, QEMU died, or someone destroyed it.
   */
  public Optional<DomainStop> whyNotRunning() {
    int[] stateAndReason = MissingBindings.state(domain, name, host);
    return DomainStop.of(stateAndReason[0], stateAndReason[1]);
  }

  /** The CPU time the guest has had so far, all its vCPUs together (libvirt's cpuTime). */
  public Duration cpuTime() {
    DomainInfo info = LibvirtCall.call("virDomainGetInfo", name, host, domain::getInfo);
    return Duration.ofNanos(info.cpuTime);
  }

  public DomainState state() {
    DomainInfo info = LibvirtCall.call("virDomainGetInfo", name, host, domain::getInfo);
    return switch (info.state) {
      case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> DomainState.RUNNING;
      case VIR_DOMAIN_PAUSED -> DomainState.PAUSED;
      case VIR_DOMAIN_SHUTOFF -> DomainState.SHUT_OFF;
      case VIR_DOMAIN_CRASHED -> DomainState.CRASHED;
      default -> DomainState.OTHER;
    };
  }

  /** Sets the running guest's vCPU count (hot-add or hot-remove), within its maximum. */
  public void setLiveVcpus(int count) {
    LibvirtCall.run(
        "virDomainSetVcpusFlags(" + count + ", LIVE)",
        name,
        host,
        () -> domain.setVcpusFlags(count, AFFECT_LIVE));
  }

  /**
   * Enables or disables individual vCPUs of the running guest (virDomainSetVcpu), so a hot-plug
   * lands in the NUMA cell those vCPU ids belong to rather than in whichever comes next.
   */
  public void setLiveVcpuStates(List<Integer> vcpuIds, boolean enable) {
    String list = vcpuIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    MissingBindings.setVcpus(domain, list, enable, AFFECT_LIVE, name, host);
  }

  /**
   * Pins the running guest's vCPUs (those it has now: libvirt pins no offline vCPU live, so pin
   * again after adding some) and QEMU's own threads to {@code cpus} of its host.
   */
  public void pinLive(Set<Integer> cpus) {
    BitSet map = new BitSet();
    cpus.forEach(map::set);
    // AFFECT_CURRENT is the live definition of a running domain, and every driver accepts it
    for (int vcpu = 0; vcpu < liveVcpus(); vcpu++) {
      MissingBindings.pinVcpu(domain, vcpu, map, AFFECT_CURRENT, name, host);
    }
    MissingBindings.pinEmulator(domain, map, AFFECT_CURRENT, name, host);
  }

  /**
   * Binds the running guest's memory to the host NUMA {@code nodes} (its numatune nodeset; the mode
   * cannot change live). In libvirt's {@code restrictive} mode this is the cgroup's cpuset.mems,
   * and under cgroup v2 the kernel migrates the pages before the write returns.
   */
  public void setLiveNumaNodes(Set<Integer> nodes) {
    String nodeset = nodes.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
    MissingBindings.setNumaParameter(domain, "numa_nodeset", nodeset, AFFECT_LIVE, name, host);
  }

  /** Hot-plugs a device (e.g. a DIMM) into the running guest. */
  public void attachLive(String deviceXml) {
    LibvirtCall.run(
        "virDomainAttachDeviceFlags(LIVE)",
        name,
        host,
        () -> domain.attachDeviceFlags(deviceXml, AFFECT_LIVE));
  }

  /**
   * Asks the running guest to release a device. libvirt may return before the guest has let it go
   * (memory and CPUs are released by the guest's kernel): check the live XML afterwards.
   */
  public void detachLive(String deviceXml) {
    LibvirtCall.run(
        "virDomainDetachDeviceFlags(LIVE)",
        name,
        host,
        () -> domain.detachDeviceFlags(deviceXml, AFFECT_LIVE));
  }

  /**
   * The hot-pluggable memory devices (virtio-mem, DIMMs) of the running guest, from its live XML.
   */
  public List<MemoryDevice> liveMemoryDevices() {
    return LiveMemoryDevices.of(xml(), name);
  }

  /**
   * Asks virtio-mem device {@code alias} of the running guest to plug {@code requested} (a multiple
   * of its block size). Returns at once: the guest's driver plugs or unplugs the blocks, and the
   * device's {@code current} follows (see {@link #liveMemoryDevices()}).
   */
  public void requestVirtioMem(String alias, DataSize requested) {
    String device = LiveMemoryDevices.withRequested(xml(), name, alias, requested);
    LibvirtCall.run(
        "virDomainUpdateDeviceFlags(" + alias + " requested " + requested + ", LIVE)",
        name,
        host,
        () -> domain.updateDeviceFlags(device, AFFECT_LIVE));
  }

  /** The vCPUs the running guest has now, as libvirt counts them. */
  public int liveVcpus() {
    return LibvirtCall.call("virDomainGetInfo", name, host, domain::getInfo).nrVirtCpu;
  }

  /** Sets the balloon target of the running guest. */
  public void setLiveMemory(DataSize memory) {
    LibvirtCall.run(
        "virDomainSetMemory(" + memory + ")",
        name,
        host,
        () -> domain.setMemory(memory.bytes() / 1024));
  }

  /** The guest's current memory (balloon size) as libvirt reports it. */
  public DataSize currentMemory() {
    long kib = LibvirtCall.call("virDomainGetInfo", name, host, domain::getInfo).memory;
    return DataSize.ofKiB(kib);
  }

  /**
   * Opens the running domain's character device {@code device} (its alias, e.g. {@code serial1})
   * through a libvirt connection of its own to the domain's libvirt; the caller closes it.
   */
  public DomainConsoleStream openConsole(String device) {
    return DomainConsoleStream.open(uri, name, device, host, false);
  }

  /**
   * As {@link #openConsole(String)}, but takes the device over from a stream that still holds it.
   */
  public DomainConsoleStream takeOverConsole(String device) {
    return DomainConsoleStream.open(uri, name, device, host, true);
  }

  /** The live domain XML. */
  public String xml() {
    return LibvirtCall.call("virDomainGetXMLDesc", name, host, () -> domain.getXMLDesc(0));
  }

  /** The domain's XML as a migration carries it (libvirt's migratable form: no live-only parts). */
  public String migratableXml() {
    return LibvirtCall.call(
        "virDomainGetXMLDesc(MIGRATABLE)", name, host, () -> domain.getXMLDesc(XML_MIGRATABLE));
  }

  /** The guest NUMA node of every DIMM the running guest has now (live XML), in device order. */
  public List<Integer> liveDimmNodes() {
    NodeList memories =
        LibvirtXml.parse(xml(), "the live XML of domain " + name).getElementsByTagName("memory");
    List<Integer> nodes = new ArrayList<>();
    for (int i = 0; i < memories.getLength(); i++) {
      Element memory = (Element) memories.item(i);
      NodeList node = memory.getElementsByTagName("node");
      if ("dimm".equals(memory.getAttribute("model")) && node.getLength() > 0) {
        nodes.add(Integer.parseInt(node.item(0).getTextContent().strip()));
      }
    }
    return nodes;
  }

  /**
   * Live-migrates this running domain to {@code request.destination()} and returns it there. Blocks
   * until the migration has ended: watch it from another thread with {@link #jobStats()}, end it
   * early with {@link #abortJob()}. The client drives both daemons (libvirt's managed direct
   * migration), while QEMU sends the memory straight to {@code request.dataUri()}. The domain is
   * persistent at the destination and undefined at the source afterwards; on failure it keeps
   * running at the source and libvirt removes what it had prepared at the destination.
   */
  public LibvirtDomain migrate(MigrationRequest request) {
    int flags =
        Domain.MigrateFlags.LIVE
            | Domain.MigrateFlags.PERSIST_DEST
            | Domain.MigrateFlags.UNDEFINE_SOURCE;
    // Never an empty array: libvirt-java 0.5.4 fails on one with ArrayIndexOutOfBoundsException.
    List<TypedParameter> params = new ArrayList<>();
    params.add(
        new TypedStringParameter(
            Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_URI, request.dataUri()));
    request
        .bandwidth()
        .ifPresent(
            rate ->
                params.add(
                    new TypedUlongParameter(
                        Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_BANDWIDTH,
                        Math.max(1, Math.round(rate.bytesPerSecond() / (1024 * 1024))))));
    if (request.autoConverge()) {
      flags |= Domain.MigrateFlags.AUTO_CONVERGE;
    }
    if (request.postcopyAllowed()) {
      flags |= Domain.MigrateFlags.POSTCOPY;
    }
    request
        .destinationXml()
        .ifPresent(
            xml ->
                params.add(
                    new TypedStringParameter(
                        Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_DEST_XML, xml)));
    if (request.connections() > 1) {
      flags |= Domain.MigrateFlags.PARALLEL;
      params.add(
          new TypedIntParameter(
              Domain.DomainMigrateParameters.VIR_MIGRATE_PARAM_PARALLEL_CONNECTIONS,
              request.connections()));
    }
    int chosen = flags;
    LibvirtHost destination = request.destination();
    Domain moved =
        LibvirtCall.call(
            "virDomainMigrate3(to " + destination.name() + " via " + request.dataUri() + ")",
            name,
            host,
            () ->
                domain.migrate(
                    destination.connection(), params.toArray(new TypedParameter[0]), chosen));
    return new LibvirtDomain(moved, name, destination.name(), destination.uri());
  }

  /** The running job's figures now ({@link MigrationJobStats.Phase#NONE} when no job runs). */
  public MigrationJobStats jobStats() {
    return jobStats("virDomainGetJobStats", 0);
  }

  /**
   * The figures of this domain's last completed job, kept by libvirt (on a migration's destination
   * too: the source hands them over when the guest switches).
   */
  public MigrationJobStats completedJobStats() {
    return jobStats("virDomainGetJobStats(COMPLETED)", COMPLETED_JOB_KEPT);
  }

  private MigrationJobStats jobStats(String call, int flags) {
    MissingBindings.JobFields job =
        MissingBindings.jobStats(domain, flags, MigrationJobStats.FIELDS, call, name, host);
    if (flags != 0) {
      log.debug("{} of {}: type {} {}", call, name, job.type(), job.fields());
    }
    return MigrationJobStats.from(job.type(), job.fields());
  }

  /** Aborts the running job (a migration: the guest keeps running here). */
  public void abortJob() {
    LibvirtCall.call("virDomainAbortJob", name, host, domain::abortJob);
  }

  /** The longest pause libvirt may take for a migration's final copy. */
  public void setMigrationMaxDowntime(Duration downtime) {
    LibvirtCall.call(
        "virDomainMigrateSetMaxDowntime(" + downtime.toMillis() + " ms)",
        name,
        host,
        () -> domain.migrateSetMaxDowntime(Math.max(1, downtime.toMillis())));
  }

  /**
   * Switches the running migration from pre-copy to post-copy: the guest runs at the destination
   * from now on and pulls the pages still missing. Only for a migration started with {@link
   * MigrationRequest#postcopyAllowed()}.
   */
  public void startPostCopy() {
    MissingBindings.startPostCopy(domain, name, host);
  }

  /**
   * Calls {@code listener} each time a pre-copy pass over this domain's memory begins in a
   * migration from here (libvirt's MIGRATION_ITERATION event): with 1 as the first pass begins, 2
   * once it has ended, and so on, as {@link MigrationJobStats#iteration()} counts. It runs on
   * libvirt's event thread, so it hears a pass however short, and it may call libvirt (virsh
   * switches to post-copy from there); but every event of the process waits while it runs. Close
   * the registration to stop.
   */
  public DomainEventRegistration onMigrationIteration(IntConsumer listener) {
    return DomainEvents.onMigrationIteration(domain, listener, name, host);
  }

  /** The run tag in this domain's metadata, if nestbed created it. */
  public Optional<RunTag> runTag() {
    try {
      return RunTag.parse(domain.getMetadata(METADATA_ELEMENT, RunTag.NAMESPACE, 0));
    } catch (LibvirtException e) {
      if (e.getError() != null
          && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA) {
        return Optional.empty();
      }
      throw LibvirtCall.translate("virDomainGetMetadata", name, host, e);
    }
  }

  @Override
  public String toString() {
    return name + " on " + host;
  }
}
