package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeProvider;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code remote} node provider: every node is an existing libvirt host reached by the URI the
 * scenario gives. Nothing is installed or started on a host; nestbed adds only what carries the run
 * id (a storage pool for the guest images and console logs, and its partitions) and removes exactly
 * that on close.
 */
public final class RemoteNodeProvider implements NodeProvider {
  private static final Logger log = LoggerFactory.getLogger(RemoteNodeProvider.class);

  private final RunId runId;
  private final @Nullable Path keptLogs;
  private final boolean emulatedHosts;
  private final @Nullable Supplier<GuestImage> probeImage;
  private final Map<String, String> migrationAddresses;
  private final Teardown teardown = new Teardown();
  private final List<Node> nodes = new ArrayList<>();

  /**
   * @param runId tags the storage pool and every domain nestbed creates on the hosts
   * @param keptLogs where console logs fetched from each host are copied on close ({@code
   *     keptLogs/<node>/}), or null
   * @param probeImage the partition image, booted once under KVM on each host whose capabilities
   *     offer KVM ({@link RemoteKvmProbe}); built only when some host offers it
   */
  public RemoteNodeProvider(RunId runId, @Nullable Path keptLogs, Supplier<GuestImage> probeImage) {
    this(runId, keptLogs, false, probeImage, Map.of());
  }

  /**
   * For hosts that are themselves virtual machines emulated by TCG ({@link Node#emulated()}), such
   * as Vagrant machines on a host without KVM: their guests are emulated too, nothing is probed.
   */
  public static RemoteNodeProvider ofEmulatedHosts(RunId runId, @Nullable Path keptLogs) {
    return new RemoteNodeProvider(runId, keptLogs, true, null, Map.of());
  }

  private RemoteNodeProvider(
      RunId runId,
      @Nullable Path keptLogs,
      boolean emulatedHosts,
      @Nullable Supplier<GuestImage> probeImage,
      Map<String, String> migrationAddresses) {
    this.runId = runId;
    this.keptLogs = keptLogs;
    this.emulatedHosts = emulatedHosts;
    this.probeImage = probeImage;
    this.migrationAddresses = Map.copyOf(migrationAddresses);
  }

  /**
   * This provider, with migration streams to the named nodes sent to the given addresses (the
   * hosts' own on a network kept for migrations) instead of the hosts their URIs name.
   *
   * @param byNode an address per node name; nodes not named keep their URI's host
   */
  public RemoteNodeProvider migratingOver(Map<String, String> byNode) {
    return new RemoteNodeProvider(runId, keptLogs, emulatedHosts, probeImage, byNode);
  }

  /**
   * Checks every host before anything starts: it answers within {@link BoundedConnect#LIMIT},
   * nestbed logs in, libvirt runs there, and it has at least the CPUs and memory the scenario gives
   * it. Only connections are opened, and closed again.
   *
   * @throws NodesNotReadyException naming each host that fails, its URI and what to fix
   */
  public static void preflight(List<NodeSpec> specs) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    String hint = null;
    for (Outcome<RemoteHostFacts> checked : inParallel(specs, RemoteNodeProvider::checkOne)) {
      if (checked.failure() != null) {
        problems.add(checked.failure().getMessage());
        if (hint == null && checked.failure() instanceof NestbedException n) {
          hint = n.hint().orElse(null);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new NodesNotReadyException(String.join("; ", problems), hint);
    }
  }

  /**
   * What each host has, read from its libvirt (the CPUs and memory of its NUMA cells), for nodes
   * the scenario gives no size: as nodes of that size, by name.
   *
   * @param uriByNode the URI of each host, by node name
   * @throws NodesNotReadyException naming each host that could not be asked
   */
  public static Map<String, NodeSpec> discover(Map<String, String> uriByNode)
      throws InterruptedException {
    List<NodeSpec> asked = new ArrayList<>();
    uriByNode.forEach((name, uri) -> asked.add(new NodeSpec(name, 1, DataSize.ofBytes(0), uri)));
    Map<String, NodeSpec> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    String hint = null;
    List<Outcome<RemoteHostFacts>> outcomes =
        inParallel(
            asked,
            spec -> {
              try (LibvirtHost host = BoundedConnect.open(spec, BoundedConnect.LIMIT)) {
                return RemoteHostFacts.read(host);
              }
            });
    for (int i = 0; i < asked.size(); i++) {
      NodeSpec spec = asked.get(i);
      Outcome<RemoteHostFacts> outcome = outcomes.get(i);
      if (outcome.value() != null) {
        found.put(
            spec.name(),
            new NodeSpec(
                spec.name(), outcome.value().cpus(), outcome.value().memory(), spec.uri()));
      } else {
        Exception failure = outcome.failureOrElse();
        problems.add(NestbedException.describe(failure));
        if (hint == null && failure instanceof NestbedException n) {
          hint = n.hint().orElse(null);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new NodesNotReadyException(String.join("; ", problems), hint);
    }
    return found;
  }

  private static RemoteHostFacts checkOne(NodeSpec spec) throws InterruptedException {
    try (LibvirtHost host = BoundedConnect.open(spec, BoundedConnect.LIMIT)) {
      RemoteHostFacts facts = RemoteHostFacts.read(host);
      List<String> shortfalls = new ArrayList<>();
      if (facts.cpus() < spec.cpus()) {
        shortfalls.add(facts.cpus() + " CPUs, not " + spec.cpus());
      }
      if (facts.memory().bytes() < spec.memory().bytes()) {
        shortfalls.add(facts.memory() + " of memory, not " + spec.memory());
      }
      if (!shortfalls.isEmpty()) {
        throw new NodesNotReadyException(
            "host "
                + spec.name()
                + " ("
                + spec.existingHost().orElseThrow()
                + ") has "
                + String.join(" and ", shortfalls)
                + " as the scenario asks",
            "give "
                + spec.name()
                + " at most what its NUMA cells offer (virsh capabilities), or use a bigger host");
      }
      return facts;
    }
  }

  @Override
  public synchronized List<Node> start(List<NodeSpec> specs, Duration deadline) {
    List<Node> started = new ArrayList<>();
    NestbedException failure = null;
    try {
      for (Outcome<RemoteNode> outcome : inParallel(specs, this::startOne)) {
        if (outcome.value() != null) {
          started.add(outcome.value());
        } else if (failure == null) {
          failure = NestbedException.of(outcome.failureOrElse());
        } else {
          failure.addSuppressed(outcome.failure());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NestbedException("interrupted while connecting to the hosts", null, e);
    }
    nodes.addAll(started);
    if (failure != null) {
      throw failure;
    }
    return started;
  }

  private RemoteNode startOne(NodeSpec spec) throws InterruptedException {
    long began = System.nanoTime();
    LibvirtHost host = BoundedConnect.open(spec, BoundedConnect.LIMIT);
    teardown.add("close the connection to host " + spec.name(), host::close);
    RemoteHostFacts facts = RemoteHostFacts.read(host);
    RunStoragePool storage = RunStoragePool.create(host, runId);
    teardown.add(
        "remove storage pool " + RunStoragePool.nameOf(runId) + " from host " + spec.name(),
        storage::close);
    Path logs = keptLogs == null ? null : keptLogs.resolve(spec.name());
    teardown.add(
        "keep the console logs of host " + spec.name(), () -> keepConsoleLogs(storage, logs));
    teardown.add(
        "destroy what run " + runId + " left on host " + spec.name(), () -> destroyLeftovers(host));
    HostFiles files = new HostFiles(storage);
    Accelerator accelerator = accelerator(facts, host, files, spec.name());
    RemoteNode node =
        new RemoteNode(
            spec,
            host,
            files,
            facts,
            accelerator,
            logs,
            emulatedHosts,
            migrationAddresses.get(spec.name()));
    log.info("{} ready in {} ms", node.describe(), (System.nanoTime() - began) / 1_000_000);
    return node;
  }

  /**
   * KVM where the host offers it and a probe guest boots under it there; TCG elsewhere, saying why.
   * A /dev/kvm alone proves nothing (kvm_pvm, as on the machines nestbed is developed on, aborts
   * QEMU). Hosts that are emulated machines are not probed: KVM inside them would be nested on
   * emulation.
   */
  private Accelerator accelerator(
      RemoteHostFacts facts, LibvirtHost host, HostFiles files, String node) {
    if (!facts.offersKvm()) {
      return Accelerator.tcg("the host offers no KVM; guests are emulated");
    }
    if (emulatedHosts || probeImage == null) {
      return Accelerator.tcg(
          "the host is a machine emulated by TCG; its guests are emulated inside it");
    }
    return RemoteKvmProbe.decide(host, files, runId, node, probeImage.get());
  }

  /**
   * The partitions are destroyed by the run; anything of this run still defined is removed here.
   */
  private void destroyLeftovers(LibvirtHost host) {
    for (LibvirtDomain domain : host.domainsOf(runId)) {
      domain.destroyAndUndefine();
    }
  }

  private static void keepConsoleLogs(RunStoragePool storage, @Nullable Path logs)
      throws IOException {
    if (logs == null) {
      return;
    }
    for (String volume : storage.volumes()) {
      if (volume.endsWith(".console.log") || volume.endsWith("-console.log")) {
        Files.createDirectories(logs);
        storage.download(volume, logs.resolve(volume));
      }
    }
  }

  /** The nodes started so far. */
  public synchronized List<Node> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public synchronized void close() {
    nodes.clear();
    teardown.close();
  }

  /** What one host's work gave: its value, or else its failure. */
  private record Outcome<T>(@Nullable T value, @Nullable Exception failure) {
    Exception failureOrElse() {
      return failure == null
          ? new NestbedException("host work gave neither value nor failure")
          : failure;
    }
  }

  @FunctionalInterface
  private interface PerHost<T> {
    T apply(NodeSpec spec) throws Exception;
  }

  /** Runs {@code work} for every host at once; the outcomes in the order of {@code specs}. */
  private static <T> List<Outcome<T>> inParallel(List<NodeSpec> specs, PerHost<T> work)
      throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, specs.size()),
            r -> {
              Thread t = new Thread(r, "remote-host");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (NodeSpec spec : specs) {
        Callable<T> task = () -> work.apply(spec);
        futures.add(pool.submit(task));
      }
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> future : futures) {
        try {
          outcomes.add(new Outcome<>(future.get(), null));
        } catch (ExecutionException e) {
          outcomes.add(
              new Outcome<>(
                  null,
                  e.getCause() instanceof Exception x
                      ? x
                      : new NestbedException(
                          "host work failed: " + e.getCause(), null, e.getCause())));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
