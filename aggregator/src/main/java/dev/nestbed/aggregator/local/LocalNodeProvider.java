package dev.nestbed.aggregator.local;

import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeProvider;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.NodeStarts;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} node provider: every node is a libvirt daemon on this machine, in namespaces of
 * its own, joined to the others by a virtual network. Nodes start in parallel; closing the provider
 * stops them, keeps their logs and removes everything else it created, also after a start that
 * failed halfway.
 */
public final class LocalNodeProvider implements NodeProvider {
  /** How many nodes one run's address plan holds (a /24 between the node namespaces). */
  public static final int MAX_NODES = Interconnect.MAX_NODES;

  private static final Logger log = LoggerFactory.getLogger(LocalNodeProvider.class);

  private final RunId runId;
  private final Path stateRoot;
  private final @Nullable Path keptLogs;
  private final ProcessRunner runner = new ProcessRunner();
  private final Interconnect interconnect;
  private final Teardown teardown = new Teardown();
  private final List<LocalNode> nodes = new ArrayList<>();
  private boolean switchCreated;

  /**
   * @param runId tags every namespace and directory created
   * @param stateRoot where node state lives while the nodes run (removed on close)
   * @param keptLogs where each node's logs are copied on close ({@code keptLogs/<node>/}), or null
   */
  public LocalNodeProvider(RunId runId, Path stateRoot, @Nullable Path keptLogs) {
    this.runId = runId;
    this.stateRoot = stateRoot;
    this.keptLogs = keptLogs;
    this.interconnect = new Interconnect(runId, runner);
  }

  /**
   * The address the {@code index}-th node this provider starts (counting from 0, in the order
   * {@link #start} is given them) gets on the network between the nodes.
   */
  public static String addressOf(int index) {
    return Interconnect.address(index);
  }

  /** Starts the nodes in parallel and returns them once every one answers, in the given order. */
  @Override
  public synchronized List<Node> start(List<NodeSpec> specs, Duration deadline) {
    if (!switchCreated) {
      teardown.add(
          "delete the interconnect switch",
          () -> interconnect.delete(interconnect.switchNamespace()));
      teardown.add("remove node state under " + stateRoot, () -> FileTrees.delete(stateRoot));
      interconnect.createSwitch();
      switchCreated = true;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, specs.size()),
            r -> {
              Thread t = new Thread(r, "node-start");
              t.setDaemon(true);
              return t;
            });
    try {
      List<CompletableFuture<LocalNode>> starting = new ArrayList<>();
      int first = nodes.size();
      for (int i = 0; i < specs.size(); i++) {
        NodeSpec spec = specs.get(i);
        int index = first + i;
        starting.add(CompletableFuture.supplyAsync(() -> startOne(spec, index, deadline), pool));
      }
      return NodeStarts.awaitAll(starting);
    } finally {
      pool.shutdownNow();
    }
  }

  private LocalNode startOne(NodeSpec spec, int index, Duration deadline) {
    long began = System.nanoTime();
    String namespace = interconnect.nodeNamespace(spec.name());
    NodeDaemon daemon =
        new NodeDaemon(
            spec.name(), runId.qualify(spec.name()), stateRoot.resolve(spec.name()), runner);
    // Registered before creation: a half-made node is torn down like a whole one.
    teardown.add(
        "delete the network namespace of node " + spec.name(),
        () -> interconnect.delete(namespace));
    teardown.add(
        "keep the logs of node " + spec.name(), () -> keepLogs(spec.name(), daemon.logDirectory()));
    teardown.add("stop libvirtd of node " + spec.name(), daemon::stop);
    try {
      String address = interconnect.attach(spec.name(), index);
      daemon.start(namespace, deadline);
      LocalNode node = new LocalNode(spec, daemon, address, namespace);
      synchronized (nodes) {
        nodes.add(node);
      }
      log.info(
          "node {} ready at {} in {} ms",
          spec.name(),
          address,
          (System.nanoTime() - began) / 1_000_000);
      return node;
    } catch (NestbedException e) {
      throw new NestbedException(
          "node " + spec.name() + " did not start: " + e.getMessage(),
          e.hint().orElse("see the node's libvirtd.log under the run's logs"),
          e);
    }
  }

  /**
   * The network namespace node {@code node} of this run lives in (where its guests' networks are).
   */
  public String networkNamespace(String node) {
    return interconnect.nodeNamespace(node);
  }

  /** The nodes started so far. */
  public synchronized List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops every node, keeps the logs, and removes namespaces and state. */
  @Override
  public synchronized void close() {
    nodes.clear();
    teardown.close();
  }

  private void keepLogs(String node, Path logs) {
    if (keptLogs != null && Files.isDirectory(logs)) {
      FileTrees.copy(logs, keptLogs.resolve(node));
    }
  }
}
