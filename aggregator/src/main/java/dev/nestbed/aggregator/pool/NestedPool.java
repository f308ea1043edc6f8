package dev.nestbed.aggregator.pool;

import dev.nestbed.aggregator.Node;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.io.LastLines;
import dev.nestbed.core.libvirt.CapabilitiesTopology;
import dev.nestbed.core.libvirt.DomainStop;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.NumaCell;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nested} backend: the pool is an L1 VM on its first member node whose vNUMA cells
 * mirror the member nodes, running a libvirtd of its own; partitions are L2 guests of that
 * libvirtd. Booting is all-or-nothing; {@link #close()} keeps the logs inside the L1 (its
 * libvirtd's, the L2 QEMU logs and consoles) and its console log, then removes it.
 */
public final class NestedPool implements Pool, NodeMembership {
  private static final Logger log = LoggerFactory.getLogger(NestedPool.class);

  /** Where the L1's init mounts the read-only images disk. */
  private static final Path IMAGES_INSIDE = Path.of("/var/lib/nestbed/images");

  /** Where the L1's libvirtd keeps its QEMU logs; L2 consoles go there too. */
  private static final Path LOGS_INSIDE = Path.of("/var/log/libvirt/qemu");

  /**
   * How long a read inside the L1 (a QEMU's numa_maps and threads, the interconnect counter) may
   * take: as long as the L1's control line lets any command run before it kills it (120 s, see
   * nestbed-l1-init), plus the line's own way back. Under nested TCG such a read competes with the
   * L2 guests for the L1's emulated CPUs: one took over 30 s in a CI run where the same read had
   * taken seconds, and failed an on-cells expectation that had nothing wrong.
   */
  private static final Duration PLACEMENT_READ = Duration.ofSeconds(125);

  /** The least time the L1's first request (its interconnect) gets, however late it booted. */
  private static final Duration MIN_SETUP = Duration.ofSeconds(60);

  /**
   * How often the L1 is booted before the pool is given up, when it stops on its own while booting.
   * Once in a CI run an L1 stopped 8 s into its boot, in the kernel's PCI scan, while 30 boots of
   * the same image on the same machine all came up: a fault of the platform, said and recorded,
   * then booted again.
   */
  private static final int BOOT_ATTEMPTS = 2;

  /** The loopback ports an L1's libvirtd is forwarded to on a host whose loopback is shared. */
  private static final int FORWARD_PORTS_FROM = 20_000;

  private static final int FORWARD_PORTS = 10_000;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private final PoolPlan plan;
  private final LibvirtHost inner;
  private final L1ControlLine control;
  private final List<NumaCell> observed;
  private final Duration bootTime;
  private final L1NodeHotplug nodes;
  private final L1Layout layout;
  private final GuestsInside guestsInside;
  private final Teardown teardown;

  /**
   * What went wrong in earlier boots of the L1 that were given up (platform faults), oldest first.
   */
  private final List<String> bootFaults;

  private final @Nullable L1Interconnect interconnect;

  private NestedPool(
      PoolPlan plan,
      LibvirtHost inner,
      L1ControlLine control,
      List<NumaCell> observed,
      Duration bootTime,
      L1Layout layout,
      L1NodeHotplug nodes,
      GuestsInside guestsInside,
      Teardown teardown,
      @Nullable L1Interconnect interconnect,
      List<String> bootFaults) {
    this.plan = plan;
    this.bootFaults = List.copyOf(bootFaults);
    this.inner = inner;
    this.control = control;
    this.observed = observed;
    this.bootTime = bootTime;
    this.nodes = nodes;
    this.layout = layout;
    this.guestsInside = guestsInside;
    this.teardown = teardown;
    this.interconnect = interconnect;
  }

  /**
   * Boots the L1 VM of {@code plan} on {@code hostNode} and waits until its libvirtd answers. An L1
   * that stops on its own before then (QEMU ended, the guest reset itself: nothing the scenario
   * asked for) is a fault of the platform, not of the scenario: it is said on the progress line,
   * logged, kept in {@link #bootFaults()} for the run's record, and the L1 is booted once more.
   */
  public static NestedPool boot(PoolPlan plan, Node hostNode, NestedPoolSetup setup) {
    List<String> faults = new ArrayList<>();
    // One password for every attempt: a node that received the images disk once (a remote host,
    // a container) keeps the first one.
    L1Login login;
    try {
      login = L1Login.create(Files.createDirectories(setup.poolDirectory()));
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the password of pool " + plan.name() + "'s L1: " + e.getMessage(), null, e);
    }
    while (true) {
      Teardown teardown = new Teardown();
      try {
        return Teardown.orTearDown(
            teardown, () -> bootInside(plan, hostNode, setup, login, teardown, faults));
      } catch (L1StoppedWhileBooting e) {
        faults.add(e.getMessage());
        if (faults.size() == BOOT_ATTEMPTS) {
          throw new NestbedException(
              "nested pool "
                  + plan.name()
                  + " did not come up on node "
                  + hostNode.name()
                  + ": its L1 stopped on its own while booting, "
                  + BOOT_ATTEMPTS
                  + " times; the last time: "
                  + e.getMessage(),
              "a fault of QEMU or the host, not of the scenario: see the pool's L1 console and "
                  + "QEMU logs under the run's logs",
              e);
        }
        log.warn(
            "pool {}: the L1 stopped on its own while booting; booting it once more: {}",
            plan.name(),
            e.getMessage());
        setup
            .progress()
            .accept(
                "L1 of pool "
                    + plan.name()
                    + " stopped on its own while booting ("
                    + e.stop()
                    + "): a platform fault, recorded; booting it once more");
      } catch (NestbedException e) {
        throw new NestbedException(
            "nested pool "
                + plan.name()
                + " did not come up on node "
                + hostNode.name()
                + ": "
                + e.getMessage(),
            e.hint().orElse("see the pool's L1 console log under the run's logs"),
            e);
      }
    }
  }

  /** The L1 stopped before its libvirtd answered, and nobody asked it to. */
  private static final class L1StoppedWhileBooting extends NestbedException {
    private final transient DomainStop stop;

    L1StoppedWhileBooting(String message, DomainStop stop, Throwable cause) {
      super(message, null, cause);
      this.stop = stop;
    }

    DomainStop stop() {
      return stop;
    }
  }

  private static NestedPool bootInside(
      PoolPlan plan,
      Node hostNode,
      NestedPoolSetup setup,
      L1Login login,
      Teardown teardown,
      List<String> faults)
      throws IOException {
    Path dir = Files.createDirectories(setup.poolDirectory());
    ProcessRunner runner = new ProcessRunner();
    L1Interconnect ic = setup.interconnect();
    L1Files files =
        L1Files.prepare(
            hostNode,
            setup.image(),
            dir,
            L1Definition.domainName(setup.runId(), plan),
            setup.imagesDiskScript(),
            setup.guestImages(),
            login.directory(),
            runner);
    // The node's own accelerator where it states one: a container node has no /dev/kvm even on a
    // KVM host, and an L1 defined as type='kvm' there would not start.
    Accelerator accelerator = hostNode.accelerator().orElse(setup.accelerator());
    // Where others share the node's loopback (a remote host), the forward gets a number nobody can
    // count on, and the libvirtd behind it asks for the L1's password either way.
    int forwardPort =
        hostNode.sharesLoopback()
            ? FORWARD_PORTS_FROM + RANDOM.nextInt(FORWARD_PORTS)
            : L1DomainXml.LIBVIRT_PORT;
    L1Definition definition =
        L1Definition.of(
            plan,
            setup.runId(),
            files.image(),
            accelerator,
            files.there(),
            forwardPort,
            ic,
            hostNode.address());
    Path console = files.consoleHere();
    teardown.add(
        "keep the L1 console log of pool " + plan.name(), () -> keepConsole(plan, console, setup));

    LibvirtHost host = hostNode.connect();
    teardown.add("close the connection to " + hostNode.name(), host::close);
    LibvirtDomain l1 = host.define(definition.xml());
    teardown.add("destroy and undefine the L1 of pool " + plan.name(), l1::destroyAndUndefine);
    long began = System.nanoTime();
    l1.start();
    setup.progress().accept("L1 of pool " + plan.name() + " booting on " + hostNode.name());

    String uri = InnerLibvirt.uri(hostNode, forwardPort, dir, login.authFile());
    LibvirtHost inner;
    try {
      inner =
          Poll.<LibvirtHost>waitingFor("the libvirtd inside the L1 of pool " + plan.name())
              .atMost(setup.readyWithin())
              .every(Duration.ofSeconds(1))
              .failingFastIf(() -> l1.whyNotRunning().map(why -> "the L1 VM stopped: " + why))
              .until(() -> Optional.of(connectReady(plan.name(), uri)));
    } catch (NestbedException e) {
      Path logs = hostNode.logDirectory();
      Path qemuLog = logs == null ? null : logs.resolve("qemu").resolve(l1.name() + ".log");
      String message =
          e.getMessage()
              + "; the L1 console ends with:\n"
              + tail(console, 8)
              + (qemuLog != null && Files.exists(qemuLog)
                  ? "\nand its QEMU log (" + qemuLog + ") with:\n" + tail(qemuLog, 6)
                  : "");
      Optional<DomainStop> stop = stopOf(l1);
      if (stop.isPresent() && stop.get().onItsOwn()) {
        throw new L1StoppedWhileBooting(message, stop.get(), e);
      }
      throw new NestbedException(message, null, e);
    }
    teardown.add("close the connection into pool " + plan.name(), inner::close);
    L1ControlLine control = L1ControlLine.open(plan.name(), l1);
    teardown.add("close the control line of pool " + plan.name(), control::close);
    if (setup.keptLogs() != null) {
      teardown.add(
          "keep the logs inside the L1 of pool " + plan.name(),
          () -> L1Logs.keep(control, setup.keptLogs().resolve("pool-" + plan.name() + ".l1")));
    }
    if (ic != null) {
      // Within what is left of the pool's readiness budget: an L1 still busy booting (a second
      // L1 beside it, TCG) once took longer than a fixed 30 s to answer its first request.
      Duration left = setup.readyWithin().minusNanos(System.nanoTime() - began);
      L1ControlLine.Result up =
          control.run(ic.configureScript(), left.compareTo(MIN_SETUP) > 0 ? left : MIN_SETUP);
      if (up.exitStatus() != 0) {
        throw new NestbedException(
            "the interconnect NIC of pool "
                + plan.name()
                + " did not come up inside its L1: "
                + up.output().strip(),
            "see the L1 console log");
      }
      log.info("pool {}: interconnect {} on {}", plan.name(), ic.address(), up.output().strip());
    }
    Duration boot = Duration.ofNanos(System.nanoTime() - began);
    List<NumaCell> observed = CapabilitiesTopology.cells(inner.capabilities());
    log.info(
        "pool {}: L1 ready in {} ms, {} NUMA cells inside",
        plan.name(),
        boot.toMillis(),
        observed.size());
    setup
        .progress()
        .accept(
            String.format(
                "pool %s ready after %.1f s: %d NUMA cells inside",
                plan.name(), boot.toMillis() / 1000.0, observed.size()));
    L1Layout layout = L1Layout.of(plan);
    boolean unplugsVcpus = accelerator.kind() == Accelerator.Kind.KVM;
    return new NestedPool(
        plan,
        inner,
        control,
        observed,
        boot,
        layout,
        new L1NodeHotplug(plan.name(), l1, inner, layout, unplugsVcpus),
        guestsInsideFor(setup.guestImages()),
        teardown,
        ic,
        faults);
  }

  /** Why the L1 is not running; empty while it runs or when its libvirt cannot say. */
  private static Optional<DomainStop> stopOf(LibvirtDomain l1) {
    try {
      return l1.whyNotRunning();
    } catch (NestbedException e) {
      return Optional.empty();
    }
  }

  /** A connection that has answered one call; a half-open one (L1 still booting) throws. */
  private static LibvirtHost connectReady(String pool, String uri) {
    LibvirtHost inner = LibvirtHost.connect("pool " + pool, uri);
    try {
      inner.libvirtVersion();
      return inner;
    } catch (RuntimeException e) {
      inner.close();
      throw e;
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
      return String.join("\n", LastLines.of(all, lines));
    } catch (IOException e) {
      return "(no console output: " + e.getMessage() + ")";
    }
  }

  private static void keepConsole(PoolPlan plan, Path console, NestedPoolSetup setup)
      throws IOException {
    if (setup.keptLogs() != null && Files.exists(console)) {
      Files.createDirectories(setup.keptLogs());
      Files.copy(
          console,
          setup.keptLogs().resolve("pool-" + plan.name() + ".l1-console.log"),
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public PoolPlan plan() {
    return plan;
  }

  @Override
  public LibvirtHost libvirt() {
    return inner;
  }

  /** The NUMA cells the L1's own libvirt reported when it came up. */
  public List<NumaCell> cellsAtBoot() {
    return observed;
  }

  /**
   * A spare node joins: its vCPUs and memory are hot-plugged into its cell and onlined by the L1's
   * kernel; returns when they are usable inside, or fails after {@code within}.
   */
  @Override
  public NodeChange addNode(String node, Duration within) {
    return nodes.add(node, within);
  }

  /**
   * A member node leaves: its DIMM (for a node that joined as a spare) and, except under TCG, its
   * vCPUs are unplugged. Never fails for what the guest kernel keeps; that is in the notes.
   */
  @Override
  public NodeChange removeNode(String node, Duration within) {
    return nodes.remove(node, within);
  }

  /**
   * The member cells with CPUs online inside the L1 (a spare's seed cell that has not joined, or a
   * node that left, does not count). The L1's online CPU map is current; its libvirt's per-cell CPU
   * lists are not after a hot-plug, so CPUs map to cells by the L1's layout.
   */
  @Override
  public int cellsNow() {
    return nodes.activeCells();
  }

  /** A cell of the L1: its NUMA node and the vCPU ids of its node (the L1's CPU ids). */
  @Override
  public Optional<CellBinding> binding(String cell) {
    return Optional.of(bindingOf(layout, cell));
  }

  /** What {@link #binding(String)} answers for the L1 of {@code plan}, before it is booted. */
  public static CellBinding bindingOf(PoolPlan plan, String cell) {
    return bindingOf(L1Layout.of(plan), cell);
  }

  private static CellBinding bindingOf(L1Layout layout, String cell) {
    L1Layout.NodeCell c = layout.cellOf(cell);
    return new CellBinding(cell, c.cell(), c.vcpus());
  }

  /** Read over the control line from the L1's /proc. */
  @Override
  public Optional<ProcessPlacement> placementOf(String domainName) {
    return Optional.of(
        ProcessPlacement.parse(
            control.output(ProcessPlacement.script(domainName), PLACEMENT_READ)));
  }

  /**
   * The L1's address on the run's interconnect: another nested pool sends migrating memory there.
   */
  @Override
  public Optional<String> migrationAddress() {
    return Optional.ofNullable(interconnect).map(L1Interconnect::address);
  }

  /** Nodes join and leave an L1 live: their vCPUs and DIMMs are hot-plugged into their cells. */
  @Override
  public Optional<NodeMembership> membership() {
    return Optional.of(this);
  }

  /** Re-pinned vCPUs and numatune inside the L1, whose kernel migrates the pages. */
  @Override
  public boolean movesBetweenCells() {
    return true;
  }

  /** L2 guests run inside the L1, from its images disk, with consoles in its logs. */
  @Override
  public Optional<GuestsInside> guestsInside() {
    return Optional.of(guestsInside);
  }

  /**
   * Where the L2 guests of an L1 booted with {@code guestImages} (a directory of guest images on
   * the node) find them inside, and where their consoles go there.
   */
  public static GuestsInside guestsInsideFor(Path guestImages) {
    return new GuestsInside(IMAGES_INSIDE.resolve(guestImages.getFileName()), LOGS_INSIDE);
  }

  /** The bytes the L1's interconnect NIC has received so far, read inside the L1. */
  @Override
  public OptionalLong interconnectReceivedBytes() {
    if (interconnect == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        Long.parseLong(control.output(interconnect.receivedBytesScript(), PLACEMENT_READ).strip()));
  }

  /** The nodes whose cells are in the pool now: members, and spares that joined. */
  @Override
  public Set<String> members() {
    return nodes.members();
  }

  /** Runs shell commands inside the L1 (numastat, its logs). */
  public L1ControlLine controlLine() {
    return control;
  }

  /**
   * Why earlier boots of this pool's L1 were given up (the L1 stopped on its own before its
   * libvirtd answered), oldest first; empty when the first boot came up.
   */
  @Override
  public List<String> bootFaults() {
    return bootFaults;
  }

  /** From L1 start to its libvirtd answering (of the boot that came up). */
  public Duration bootTime() {
    return bootTime;
  }

  @Override
  public void close() {
    teardown.close();
  }
}
