package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Volume;
import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeProvider;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.aggregator.NodeStarts;
import dev.nestbed.aggregator.NodesNotReadyException;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.core.io.FileTrees;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.Teardown;
import dev.nestbed.core.value.DataSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The {@code container} provider: each node a container running its libvirtd from a node image
 * ({@code image:} of the host, {@code default} when absent), started, labelled with the run id and
 * removed through Testcontainers, on an internal Docker network of the run (nothing routed off this
 * machine). The node's CPUs and memory are the container's limits, memory with room for libvirtd
 * and QEMU's own ({@link #OVERHEAD}).
 */
public final class ContainerNodeProvider implements NodeProvider {
  private static final Logger log = LoggerFactory.getLogger(ContainerNodeProvider.class);

  /** The label every container and network of a run carries, with the run id as its value. */
  public static final String RUN_LABEL = "dev.nestbed.run";

  /**
   * Memory a node container may use beyond what its node brings: libvirtd, virtlogd and QEMU's own
   * (512 MiB), and the translation cache of its emulated guests (QEMU's default for TCG is 1 GiB,
   * which an L1 running its own guests for minutes can fill). A ceiling, not a reservation: what
   * the node's guests are given is still what the node brings.
   */
  static final DataSize OVERHEAD = DataSize.ofMiB(512 + 1024);

  private static final String READY = ".*nestbed-node: ready.*";
  private static final List<String> CAPABILITIES = List.of("SYS_ADMIN", "NET_ADMIN", "IPC_LOCK");

  private final RunId runId;
  private final Path stateRoot;
  private final @Nullable Path keptLogs;
  private final Consumer<String> progress;
  private final Path home;
  private final Path cacheRoot;
  private final ProcessRunner runner = new ProcessRunner();
  private final Teardown teardown = new Teardown();
  private final Map<String, NodeContainerImage> images = new ConcurrentHashMap<>();
  private @Nullable Network network;

  /**
   * @param stateRoot where each node's directory is made ({@code stateRoot/<node>/})
   * @param keptLogs where each node's logs are copied on close ({@code keptLogs/<node>/}), or null
   */
  public ContainerNodeProvider(
      RunId runId, Path stateRoot, @Nullable Path keptLogs, Consumer<String> progress) {
    this(runId, stateRoot, keptLogs, progress, RunDirectories.home(), RunDirectories.cacheRoot());
  }

  ContainerNodeProvider(
      RunId runId,
      Path stateRoot,
      @Nullable Path keptLogs,
      Consumer<String> progress,
      Path home,
      Path cacheRoot) {
    this.runId = runId;
    this.stateRoot = stateRoot;
    this.keptLogs = keptLogs;
    this.progress = progress;
    this.home = home;
    this.cacheRoot = cacheRoot;
    teardown.add(
        "remove the node directories under " + stateRoot, () -> FileTrees.delete(stateRoot));
  }

  /**
   * Checks before anything starts that a Docker daemon answers and the {@code docker} command is
   * here.
   *
   * @throws dev.nestbed.aggregator.NodesNotReadyException when none does (exit 3)
   */
  public static void preflight() {
    DockerAccess.client();
    if (!Command.onPath("docker")) {
      throw new NodesNotReadyException(
          "container nodes need the docker command: the L1 of a nested pool on a container node"
              + " is reached through docker exec",
          "install Debian's docker.io (ci/setup-host.sh does)");
    }
  }

  @Override
  public synchronized List<Node> start(List<NodeSpec> specs, Duration deadline) {
    DockerClient docker = DockerAccess.client();
    for (String name : specs.stream().map(ContainerNodeProvider::imageOf).distinct().toList()) {
      images.computeIfAbsent(name, n -> image(n, docker));
    }
    Network net = network();
    Path cachedImages = cachedImages();
    Map<String, CompletableFuture<ContainerNode>> starting = new LinkedHashMap<>();
    for (NodeSpec spec : specs) {
      starting.put(
          spec.name(),
          CompletableFuture.supplyAsync(() -> startOne(spec, net, cachedImages, deadline)));
    }
    return NodeStarts.awaitAll(List.copyOf(starting.values()));
  }

  private static String imageOf(NodeSpec spec) {
    return Objects.requireNonNullElse(spec.image(), NodeImageBuilder.DEFAULT);
  }

  private NodeContainerImage image(String name, DockerClient docker) {
    long began = System.nanoTime();
    progress.accept("node image " + name + ": built or taken from the cache");
    NodeImageBuilder.Built built = new NodeImageBuilder(name, home, cacheRoot).ensureBuilt();
    NodeContainerImage image = NodeContainerImage.ensureImported(built, docker, runner);
    progress.accept(
        "node image "
            + image.tag()
            + " ready in "
            + (System.nanoTime() - began) / 1_000_000
            + " ms ("
            + built.describe()
            + ")");
    return image;
  }

  /** The run's internal network, created on first use and removed on close. */
  private Network network() {
    if (network == null) {
      String name = runId.qualify("nodes");
      Network created =
          Network.builder()
              .createNetworkCmdModifier(
                  cmd ->
                      cmd.withName(name)
                          .withInternal(true)
                          .withLabels(Map.of(RUN_LABEL, runId.toString())))
              .build();
      teardown.add("remove the Docker network " + name, created::close);
      created.getId(); // creates it now, so that a failure shows here
      network = created;
    }
    return network;
  }

  /** The image cache's {@code images/} as the file system names it (the nodes see it read-only). */
  private Path cachedImages() {
    Path images = cacheRoot.resolve("images");
    try {
      return Files.createDirectories(images).toRealPath();
    } catch (IOException e) {
      throw new NestbedException(
          "cannot open the image cache " + images + ": " + e.getMessage(),
          "check that it is a directory nestbed may write");
    }
  }

  private ContainerNode startOne(NodeSpec spec, Network net, Path cachedImages, Duration deadline) {
    NodeContainerImage image = Objects.requireNonNull(images.get(imageOf(spec)));
    ContainerNode.Layout layout = new ContainerNode.Layout(stateRoot.resolve(spec.name()));
    String containerName = runId.qualify(spec.name());
    long began = System.nanoTime();
    GenericContainer<?> container = new GenericContainer<>(image.tag());
    // Registered before it starts: a half-started container is removed like a whole one.
    teardown.add(
        "remove the container of node " + spec.name(), () -> stop(spec, container, layout));
    try {
      layout.create();
      container
          .withImagePullPolicy(any -> false)
          .withNetwork(net)
          .withNetworkAliases(spec.name())
          .withLabels(Map.of(RUN_LABEL, runId.toString(), "dev.nestbed.node", spec.name()))
          .withEnv("NESTBED_HOST_UUID", UUID.randomUUID().toString())
          .withCreateContainerCmdModifier(
              cmd -> {
                cmd.withName(containerName).withHostName(spec.name());
                Objects.requireNonNull(cmd.getHostConfig())
                    .withCapAdd(
                        CAPABILITIES.stream()
                            .map(com.github.dockerjava.api.model.Capability::valueOf)
                            .toArray(com.github.dockerjava.api.model.Capability[]::new))
                    .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                    // Binds given here, not through withFileSystemBind: that one first checks
                    // whether binds work by starting a helper container, whose image cannot be
                    // pulled here.
                    .withBinds(
                        new Bind(layout.sockets().toString(), new Volume("/run/libvirt")),
                        new Bind(layout.logs().toString(), new Volume("/var/log/libvirt")),
                        new Bind(
                            layout.shared().toString(), new Volume(ContainerNode.MOUNT.toString())),
                        new Bind(
                            cachedImages.toString(),
                            new Volume(ContainerNode.IMAGES.toString()),
                            AccessMode.ro))
                    .withMemory(spec.memory().plus(OVERHEAD).bytes())
                    .withNanoCPUs(spec.cpus() * 1_000_000_000L);
              })
          .waitingFor(Wait.forLogMessage(READY, 1).withStartupTimeout(deadline));
      container.start();
    } catch (IOException e) {
      throw new NestbedException(
          "cannot create the directory of node " + spec.name() + ": " + e.getMessage(),
          "check that " + stateRoot + " is writable");
    } catch (RuntimeException e) {
      throw new NestbedException(
          "container node "
              + spec.name()
              + " ("
              + image.tag()
              + ") did not start: "
              + e.getMessage()
              + ContainerNode.lastLines(container),
          "see its libvirtd log under the run's logs (node-" + spec.name() + ")",
          e);
    }
    ContainerNetwork on =
        container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
            .findFirst()
            .orElseThrow(
                () ->
                    new NestbedException(
                        "container node " + spec.name() + " has no address on the run's network",
                        null));
    ContainerNode node =
        new ContainerNode(
            spec,
            layout,
            cachedImages,
            containerName,
            DockerAccess.host(),
            on.getIpAddress(),
            image,
            container);
    log.info(
        "container node {} ({}) at {} ready in {} ms",
        spec.name(),
        image.tag(),
        node.address(),
        (System.nanoTime() - began) / 1_000_000);
    return node;
  }

  /** Keeps the node's logs and its container's output, then removes the container. */
  private void stop(NodeSpec spec, GenericContainer<?> container, ContainerNode.Layout layout) {
    if (keptLogs != null) {
      Path kept = keptLogs.resolve(spec.name());
      if (Files.isDirectory(layout.logs())) {
        FileTrees.copy(layout.logs(), kept);
      }
      if (Files.isDirectory(layout.shared().resolve("out"))) {
        FileTrees.copy(layout.shared().resolve("out"), kept.resolve("consoles"));
      }
      if (container.getContainerId() != null) {
        try {
          Files.createDirectories(kept);
          Files.writeString(
              kept.resolve("container.log"), container.getLogs(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
          log.warn(
              "cannot keep the output of node {}'s container: {}", spec.name(), e.getMessage());
        }
      }
    }
    container.stop();
  }

  /** Removes every container, the network and the nodes' directories of this run. */
  @Override
  public synchronized void close() {
    teardown.close();
  }
}
