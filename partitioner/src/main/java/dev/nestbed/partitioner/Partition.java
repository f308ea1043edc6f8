package dev.nestbed.partitioner;

import dev.nestbed.aggregator.pool.CellBinding;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.libvirt.DomainStop;
import dev.nestbed.core.libvirt.LibvirtCallException;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.MemoryDevice;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.wait.Poll;
import dev.nestbed.partitioner.agent.AgentChannel;
import dev.nestbed.partitioner.agent.AgentStatus;
import dev.nestbed.partitioner.agent.Heartbeat;
import dev.nestbed.partitioner.agent.HeartbeatLog;
import dev.nestbed.partitioner.agent.MemoryChecksum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running partition: a libvirt domain booted from the partition image, and the channel to its
 * agent. Starting is all-or-nothing: if any part fails, what was created is removed and the error
 * names the partition and the node. A live migration moves it to another libvirt ({@link
 * #relocate}), keeping its heartbeat log. {@link #close()} destroys and undefines the domain where
 * it runs then, keeps the console log and removes the partition's files.
 */
public final class Partition implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Partition.class);
  private static final String UNPLUG_STILL_PENDING = "VIR_ERR_OPERATION_TIMEOUT";
  private static final Duration POLL = Duration.ofMillis(100);

  private final PartitionSpec spec;

  /** Where it runs: changed together, under this object's lock, by {@link #relocate}. */
  private volatile String node;

  private volatile LibvirtDomain domain;
  private volatile AgentChannel agent;
  private final long startedNanos;
  private final Teardown teardown;

  /** How long a request to the agent may take (longer for an L2 guest). */
  private final Duration agentReply;

  /** The CPUs a move bound it to, or null while it is pinned as it started. */
  private volatile @Nullable Set<Integer> reboundCpus;

  /**
   * The memory the guest was last resized to: boot size, plus what its devices plugged, less the
   * balloon's ({@link MemoryResize}).
   */
  private volatile DataSize memoryTarget;

  private Partition(
      PartitionSpec spec,
      String node,
      LibvirtDomain domain,
      AgentChannel agent,
      Duration agentReply,
      long startedNanos,
      Teardown teardown) {
    this.spec = spec;
    this.node = node;
    this.domain = domain;
    this.agent = agent;
    this.startedNanos = startedNanos;
    this.teardown = teardown;
    this.agentReply = agentReply;
    this.memoryTarget = spec.memory();
  }

  /**
   * Defines and starts the partition on {@code host} and connects to its agent's line. Returns as
   * soon as QEMU runs; {@link #awaitFirstHeartbeat} waits for the guest to boot.
   */
  public static Partition start(PartitionSpec spec, LibvirtHost host, PartitionEnvironment env) {
    return start(spec, host, env, PartitionSite.onThisMachine(List.of()));
  }

  /**
   * As {@link #start(PartitionSpec, LibvirtHost, PartitionEnvironment)}, bound to its cells at
   * {@code site}.
   */
  public static Partition start(
      PartitionSpec spec, LibvirtHost host, PartitionEnvironment env, PartitionSite site) {
    Teardown teardown = new Teardown();
    try {
      return Teardown.orTearDown(teardown, () -> startInside(spec, host, env, site, teardown));
    } catch (NestbedException e) {
      throw new NestbedException(
          "partition "
              + spec.name()
              + " did not start on node "
              + host.name()
              + ": "
              + e.getMessage(),
          e.hint().orElse(null),
          e);
    }
  }

  private static Partition startInside(
      PartitionSpec spec,
      LibvirtHost host,
      PartitionEnvironment env,
      PartitionSite site,
      Teardown teardown)
      throws IOException {
    PartitionDefinition definition = PartitionDefinition.of(spec, env, site);
    Optional<Path> local = definition.localDirectory();
    if (local.isPresent()) {
      Path dir = local.get();
      teardown.add("remove the files of partition " + spec.name(), () -> FileTrees.delete(dir));
      Files.createDirectories(dir);
      PartitionDomainXml.Paths kept = definition.paths();
      teardown.add(
          "keep the console log of partition " + spec.name(), () -> keepConsole(spec, kept, env));
    }
    String domainName = definition.domainName();
    LibvirtDomain domain = host.define(definition.xml());
    teardown.add("destroy and undefine " + domain, domain::destroyAndUndefine);

    long began = System.nanoTime();
    domain.start();
    AgentChannel agent = AgentChannel.open(spec.name(), domain, PartitionDomainXml.AGENT_DEVICE);
    teardown.add("close the agent channel of " + spec.name(), agent::close);
    log.info("partition {} started on {} as {}", spec.name(), host.name(), domainName);
    return new Partition(spec, host.name(), domain, agent, site.agentReply(), began, teardown);
  }

  private static void keepConsole(
      PartitionSpec spec, PartitionDomainXml.Paths paths, PartitionEnvironment env)
      throws IOException {
    if (env.keptLogs() != null && Files.exists(paths.consoleLog())) {
      Files.createDirectories(env.keptLogs());
      Files.copy(
          paths.consoleLog(),
          env.keptLogs().resolve(spec.name() + ".console.log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  public PartitionSpec spec() {
    return spec;
  }

  public String node() {
    return node;
  }

  public String domainName() {
    return domain.name();
  }

  /** The libvirt domain the partition runs as now (changes with {@link #relocate}). */
  public LibvirtDomain domain() {
    return domain;
  }

  /** The agent's line where the partition runs now. */
  public AgentChannel agent() {
    return agent;
  }

  /**
   * After a live migration: the partition runs as {@code moved} on {@code newNode} and is heard
   * through {@code newAgent} (opened on the same {@link HeartbeatLog}, so the log runs on across
   * the switch). The old line is closed; teardown now destroys the domain at its new place.
   */
  public synchronized void relocate(LibvirtDomain moved, String newNode, AgentChannel newAgent) {
    AgentChannel old = agent;
    teardown.add("destroy and undefine " + moved, moved::destroyAndUndefine);
    teardown.add("close the agent channel of " + spec.name() + " on " + newNode, newAgent::close);
    domain = moved;
    node = newNode;
    agent = newAgent;
    old.close();
    log.info("partition {} now runs on {}", spec.name(), newNode);
  }

  public HeartbeatLog heartbeats() {
    return agent.heartbeats();
  }

  /** Waits for the guest's first heartbeat; returns the time from domain start to that beat. */
  public Duration awaitFirstHeartbeat(Duration deadline) {
    Heartbeat first;
    try {
      first =
          Poll.<Heartbeat>waitingFor(
                  "the first heartbeat of partition " + spec.name() + " on " + node)
              .atMost(deadline)
              .every(POLL)
              .failingFastIf(this::notRunning)
              .until(() -> agent.heartbeats().first());
    } catch (NestbedException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // stopped, not failed: nothing to diagnose, and no time for a libvirt call
      }
      throw new NestbedException(
          e.getMessage() + "; " + agent.traffic() + "; " + cpuSpent(),
          e.hint().orElse("see its console log"),
          e);
    }
    return Duration.ofNanos(first.hostNanos() - startedNanos);
  }

  /**
   * The guest's CPU time so far: a guest that never got any did not boot slowly, it did not run.
   */
  private String cpuSpent() {
    try {
      return String.format(
          "its domain has had %.1f s of CPU time", domain.cpuTime().toMillis() / 1000.0);
    } catch (NestbedException e) {
      return "its CPU time cannot be read: " + e.getMessage();
    }
  }

  /**
   * Binds the running partition to other CPUs and NUMA nodes of its pool, live: every vCPU and
   * QEMU's own threads are re-pinned to {@code cpus}, then its memory is restricted to {@code
   * nodes}, which makes the pool's kernel migrate its pages there.
   */
  public void rebind(Set<Integer> cpus, Set<Integer> nodes) {
    domain.pinLive(cpus);
    domain.setLiveNumaNodes(nodes);
    reboundCpus = Set.copyOf(cpus);
  }

  /** The vCPUs the domain has now, as its libvirt reports them. */
  public int vcpusNow() {
    return domain.liveVcpus();
  }

  /**
   * The memory the guest has now: the size it was last resized to, which its agent saw (its boot
   * size until then). libvirt's own figure (the balloon's, plugged memory included) follows about a
   * second later, so the cell account and placement count this one.
   */
  public DataSize memoryNow() {
    return memoryTarget;
  }

  /**
   * Its domain's migratable XML, bound to {@code cells} (vCPUs and emulator pinned to their CPUs,
   * memory on their NUMA nodes): how it runs after migrating to cells bound otherwise.
   */
  public String xmlBoundTo(List<CellBinding> cells) {
    return PlacementXml.rebind(domain.migratableXml(), cells, spec.maxVcpus());
  }

  /** How long its agent may take to answer a request (minutes for an L2 under nested TCG). */
  public Duration agentReply() {
    return agentReply;
  }

  public AgentStatus status() {
    return agent.status(agentReply);
  }

  public MemoryChecksum checksum() {
    return agent.checksum(agentReply);
  }

  /**
   * Sets the live vCPU count and waits until the agent reports that many online. Refuses counts
   * outside 1..max-vcpus before touching the guest.
   */
  public ResizeResult resizeVcpus(int vcpus, Duration deadline) {
    if (vcpus < 1 || vcpus > spec.maxVcpus()) {
      throw new NestbedException(
          String.format(
              "cannot resize partition %s to %d vCPUs: it allows 1 to %d",
              spec.name(), vcpus, spec.maxVcpus()),
          "raise max-vcpus in the scenario; the partition keeps running");
    }
    int before = vcpusNow();
    long began = System.nanoTime();
    try {
      domain.setLiveVcpus(vcpus);
    } catch (LibvirtCallException e) {
      // libvirt waits 5 s for the guest to eject a vCPU; an L2 under nested TCG takes longer. The
      // request stands and the guest usually completes it: its agent's count decides below.
      if (vcpus >= before || !UNPLUG_STILL_PENDING.equals(e.libvirtCode())) {
        throw e;
      }
      log.info(
          "{}: libvirt stopped waiting for the vCPU unplug ({}); waiting for the guest",
          spec.name(),
          e.libvirtMessage());
    }
    if (reboundCpus != null) {
      domain.pinLive(
          reboundCpus); // added vCPUs would follow the pinning of the cells it started on
    }
    return awaitGuest(
        "partition " + spec.name() + " to see " + vcpus + " vCPUs online",
        began,
        deadline,
        status -> status.cpusOnline() == vcpus);
  }

  /**
   * Resizes the guest's memory to {@code target} and waits until its MemTotal has moved by the
   * whole difference (within a little accounting slack). Past the boot size the memory devices plug
   * it (virtio-mem or DIMMs, up to max-memory); at or below it the balloon takes it. A shrink gives
   * back the plugged memory first, then inflates the balloon; a growth deflates the balloon first.
   * Refuses targets above max-memory or not above the working set before touching the guest.
   */
  public synchronized ResizeResult resizeMemory(DataSize target, Duration deadline) {
    MemoryResize.Resized resized = new MemoryResize(this, memoryTarget).to(target, deadline);
    memoryTarget = resized.size();
    return resized.result();
  }

  /**
   * What is plugged past the boot size once libvirt has caught up with the guest: its virtio-mem
   * device's {@code current} equal to what was requested (libvirt learns it about a second after
   * the guest), or what it shows at {@code deadline}.
   */
  public DataSize pluggedSettled(Duration deadline) {
    if (!spec.growsPastBoot()) {
      return DataSize.ZERO;
    }
    try {
      return Poll.<DataSize>waitingFor(
              "libvirt to see what partition " + spec.name() + " has plugged")
          .atMost(deadline)
          .every(POLL)
          .failingFastIf(this::notRunning)
          .until(
              () -> {
                List<MemoryDevice> devices = domain.liveMemoryDevices();
                return devices.stream().allMatch(d -> d.current().equals(d.requested()))
                    ? Optional.of(
                        devices.stream()
                            .map(MemoryDevice::current)
                            .reduce(DataSize.ZERO, DataSize::plus))
                    : Optional.empty();
              });
    } catch (NestbedException e) {
      log.info("{}: {}; counting what libvirt shows now", spec.name(), e.getMessage());
      return pluggedNow();
    }
  }

  /**
   * What libvirt shows plugged past the boot size now (virtio-mem's current, or the DIMMs); none
   * when it cannot grow.
   */
  public DataSize pluggedNow() {
    return spec.growsPastBoot() ? MemoryPlug.pluggedNow(domain) : DataSize.ZERO;
  }

  /**
   * Waits until the agent's status satisfies {@code seen}; the time is counted from {@code began}.
   */
  ResizeResult awaitGuest(String what, long began, Duration deadline, Predicate<AgentStatus> seen) {
    AgentStatus status =
        Poll.<AgentStatus>waitingFor(what)
            .atMost(deadline)
            .every(POLL)
            .failingFastIf(this::notRunning)
            .until(() -> Optional.of(status()).filter(seen));
    return new ResizeResult(Duration.ofNanos(System.nanoTime() - began), status);
  }

  private Optional<String> notRunning() {
    try {
      Optional<DomainStop> why = domain.whyNotRunning();
      if (why.isPresent()) {
        return Optional.of(
            "its domain "
                + domain.name()
                + " is no longer running ("
                + why.get()
                + "); see its console log");
      }
    } catch (NestbedException e) {
      return Optional.of(NestbedException.describe(e));
    }
    return agent.ended().map(why -> "its agent can no longer be heard: " + why);
  }

  /** Destroys and undefines the domain, keeps the console log and removes the partition's files. */
  @Override
  public void close() {
    teardown.close();
  }

  @Override
  public String toString() {
    return "partition " + spec.name() + " on " + node;
  }
}
