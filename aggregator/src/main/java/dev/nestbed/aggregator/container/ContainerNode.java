package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.io.LastLines;
import dev.nestbed.core.io.Sha256;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;

/**
 * A node of the {@code container} provider: virtlogd and libvirtd in a container of the run, from a
 * node image that fixes its QEMU and libvirt. nestbed reaches the daemon by its socket, which the
 * container's {@code /run/libvirt} puts under the node's directory here; migration streams go to
 * the container's address on the run's Docker network. Files reach it at the same path in every
 * container, so a migrated guest finds them there: built images through a read-only view of the
 * image cache ({@link #IMAGES}), files the run makes under {@code /nestbed/files}.
 */
final class ContainerNode implements Node, NodeFiles {
  /** Inside the container: the node's directory here, mounted. */
  static final Path MOUNT = Path.of("/nestbed");

  /** How long a node whose daemon stopped answering may take to be marked exited. */
  private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

  /** How long one question to Docker may take. */
  private static final Duration DOCKER_ANSWERS = Duration.ofSeconds(2);

  /** Questions to Docker, on threads of their own: one that hangs is cancelled, not waited for. */
  private static final ExecutorService DOCKER_CALLS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "nestbed-docker-inspect");
            thread.setDaemon(true);
            return thread;
          });

  /** Inside the container: the image cache's {@code images/}, read-only. */
  static final Path IMAGES = Path.of("/nestbed-images");

  private final NodeSpec spec;
  private final Layout layout;
  private final Path cachedImages;
  private final String containerName;
  private final String dockerHost;
  private final String address;
  private final NodeContainerImage image;
  private final GenericContainer<?> container;

  /** The node's directories here, and what each is inside the container. */
  record Layout(Path root) {
    /** Inside: {@code /run/libvirt} (the daemons' sockets). */
    Path sockets() {
      return root.resolve("run");
    }

    /** Inside: {@code /var/log/libvirt} (libvirtd's log, QEMU's logs). */
    Path logs() {
      return root.resolve("log");
    }

    /** Inside: {@link #MOUNT}: guest images ({@code files/}) and console files ({@code out/}). */
    Path shared() {
      return root.resolve("nestbed");
    }

    void create() throws IOException {
      for (Path dir :
          List.of(sockets(), logs(), shared().resolve("files"), shared().resolve("out"))) {
        Files.createDirectories(dir);
      }
      // Only root may reach the sockets or read the guests' consoles.
      Files.setPosixFilePermissions(
          root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  ContainerNode(
      NodeSpec spec,
      Layout layout,
      Path cachedImages,
      String containerName,
      String dockerHost,
      String address,
      NodeContainerImage image,
      GenericContainer<?> container) {
    this.spec = spec;
    this.layout = layout;
    this.cachedImages = cachedImages;
    this.containerName = containerName;
    this.dockerHost = dockerHost;
    this.address = address;
    this.image = image;
    this.container = container;
  }

  @Override
  public NodeSpec spec() {
    return spec;
  }

  @Override
  public String libvirtUri() {
    return "qemu+unix:///system?socket=" + layout.sockets().resolve("libvirt-sock");
  }

  /** The container's address on the run's network. */
  @Override
  public String address() {
    return address;
  }

  @Override
  public @Nullable Path logDirectory() {
    return layout.logs();
  }

  /**
   * A pipe run inside the container ({@code docker exec}, on the daemon the container runs on), so
   * the port is the container's loopback's.
   */
  @Override
  public List<String> tcpConnectCommand(String host, int port) {
    return List.of(
        "docker",
        "-H",
        dockerHost,
        "exec",
        "-i",
        containerName,
        "socat",
        "-",
        "TCP:" + host + ":" + port);
  }

  @Override
  public Optional<NodeFiles> files() {
    return Optional.of(this);
  }

  /**
   * The container gets no /dev/kvm in this build: its guests are emulated, whatever the host has.
   */
  @Override
  public Optional<Accelerator> accelerator() {
    return Optional.of(
        Accelerator.tcg("container node " + spec.name() + " has no /dev/kvm in this build"));
  }

  /**
   * Empty while the node's libvirtd answers; else how its container ended and the last lines it
   * wrote. A daemon that died a moment ago may leave a container Docker has not yet marked exited:
   * then Docker is asked again, for a few seconds, before the node is said to be silent instead.
   */
  @Override
  public Optional<String> whyGone() {
    if (daemonAnswers()) {
      return Optional.empty();
    }
    String[] dockerSays = {"Docker did not say whether container " + containerName + " still runs"};
    try {
      return Optional.of(
          Poll.<String>waitingFor("Docker to mark container " + containerName + " exited")
              .atMost(GONE_WITHIN)
              .every(Duration.ofMillis(200))
              .until(
                  () -> {
                    Optional<String> how = exited();
                    dockerSays[0] = "container " + containerName + " still runs";
                    return how;
                  }));
    } catch (NestbedException e) {
      if (Thread.currentThread().isInterrupted()) {
        return Optional.empty(); // the run is being stopped: nothing to tell
      }
      return Optional.of(
          "its libvirtd does not answer at "
              + layout.sockets().resolve("libvirt-sock")
              + ", and "
              + dockerSays[0]);
    }
  }

  /** Whether the libvirtd in the container takes a connection on its socket (never blocks). */
  private boolean daemonAnswers() {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.configureBlocking(false);
      // true: accepted; false: pending (the daemon is there, busy)
      channel.connect(UnixDomainSocketAddress.of(layout.sockets().resolve("libvirt-sock")));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * How the container ended, once Docker says it has; empty while it runs. Throws when Docker does
   * not answer within {@link #DOCKER_ANSWERS} (not evidence either way); the call is cancelled.
   */
  private Optional<String> exited() {
    Future<InspectContainerResponse.ContainerState> asked =
        DOCKER_CALLS.submit(
            () ->
                container
                    .getDockerClient()
                    .inspectContainerCmd(container.getContainerId())
                    .exec()
                    .getState());
    InspectContainerResponse.ContainerState state;
    try {
      state = asked.get(DOCKER_ANSWERS.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotFoundException) {
        return Optional.of("its container " + containerName + " was removed by someone else");
      }
      throw new IllegalStateException("Docker did not say: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Docker did not answer in " + DOCKER_ANSWERS, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Docker", e);
    } finally {
      asked.cancel(true);
    }
    if (!Boolean.FALSE.equals(state.getRunning())) {
      return Optional.empty();
    }
    return Optional.of(
        "its container "
            + containerName
            + " exited with code "
            + state.getExitCodeLong()
            + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (killed for lack of memory)" : "")
            + " at "
            + state.getFinishedAt()
            + lastLines(container));
  }

  /** The last lines a container wrote, as a suffix for a message; empty when there are none. */
  static String lastLines(GenericContainer<?> container) {
    try {
      List<String> lines = container.getLogs().lines().toList();
      return lines.isEmpty()
          ? ""
          : "; its output ends with:\n  " + String.join("\n  ", LastLines.of(lines, 8));
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * Where the node's QEMU opens a file of this machine. A built image (under the image cache) is
   * already there, read-only: nothing is copied, and the container cannot change the cache. Any
   * other file is placed in the node's {@code /nestbed/files} (once), under a directory named by a
   * hash of its directory here: the same path in every container (a migrated guest finds its files
   * there), files of one directory together, and two files of one name from two directories (two
   * pools' L1 overlays) apart. A hard link where the file system allows, a copy otherwise.
   */
  @Override
  public synchronized Path place(Path local) {
    Path absolute = local.toAbsolutePath().normalize();
    try {
      Path real = absolute.toRealPath();
      if (real.startsWith(cachedImages)) {
        return IMAGES.resolve(cachedImages.relativize(real).toString());
      }
      Path name = absolute.getFileName();
      String key =
          keyOf(Objects.requireNonNull(absolute.getParent(), "a file lies in a directory"));
      Path here = layout.shared().resolve("files").resolve(key).resolve(name);
      if (!Files.exists(here)) {
        Files.createDirectories(here.getParent());
        Path partial = here.resolveSibling(name + ".partial");
        Files.deleteIfExists(partial);
        try {
          Files.createLink(partial, real); // the file, not a symbolic link to a path of here
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(real, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, here, StandardCopyOption.ATOMIC_MOVE);
      }
      return MOUNT.resolve("files").resolve(key).resolve(name);
    } catch (IOException e) {
      throw new NestbedException(
          "cannot place " + local + " on container node " + spec.name() + ": " + e.getMessage(),
          "check the free space under " + layout.root());
    }
  }

  /** The first 12 hex digits of the SHA-256 of a directory's path here. */
  private static String keyOf(Path absolute) {
    return Sha256.hex(absolute.toString()).substring(0, 12);
  }

  /** A file under the container's {@code /nestbed} is under the node's directory here. */
  @Override
  public Optional<Path> readableHere(Path there) {
    if (there.startsWith(MOUNT)) {
      return Optional.of(layout.shared().resolve(MOUNT.relativize(there).toString()));
    }
    return there.startsWith(IMAGES)
        ? Optional.of(cachedImages.resolve(IMAGES.relativize(there).toString()))
        : Optional.empty();
  }

  @Override
  public Path writableDirectory() {
    return MOUNT.resolve("out");
  }

  /** The console files the node's guests wrote (here, not inside). */
  Path consoles() {
    return layout.shared().resolve("out");
  }

  @Override
  public String describe() {
    return "node "
        + spec.name()
        + " in container "
        + image.tag()
        + " at "
        + address
        + ": "
        + image.built().describe();
  }

  @Override
  public String toString() {
    return "node " + spec.name() + " (container, " + address + ")";
  }
}
