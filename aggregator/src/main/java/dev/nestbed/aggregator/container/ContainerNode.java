package dev.nestbed.aggregator.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.nestbed.aggregator.Node;
import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.aggregator.NodeSpec;
import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;

/**
 * A node of the {@code container} provider: virtlogd and libvirtd in a container of the run, from a
 * node image that fixes its QEMU and libvirt. nestbed reaches the daemon by its socket, which the
 * container's {@code /run/libvirt} puts under the node's directory here; migration streams go to
 * the container's address on the run's Docker network. Guest images are copied into the node's
 * {@code /nestbed/files}, the same path in every container, so a migrated guest finds them there.
 */
final class ContainerNode implements Node, NodeFiles {
  /** Inside the container: the node's directory here, mounted. */
  static final Path MOUNT = Path.of("/nestbed");

  private final NodeSpec spec;
  private final Layout layout;
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
      String address,
      NodeContainerImage image,
      GenericContainer<?> container) {
    this.spec = spec;
    this.layout = layout;
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

  /** A pipe run inside the container ({@code docker exec}), so the port is its loopback's. */
  @Override
  public List<String> tcpConnectCommand(String host, int port) {
    return List.of(
        "docker",
        "exec",
        "-i",
        container.getContainerName().replaceFirst("^/", ""),
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

  /** Empty while the container runs; else how it ended and the last lines it wrote. */
  @Override
  public Optional<String> whyGone() {
    String name = "container " + container.getContainerName().replaceFirst("^/", "");
    InspectContainerResponse.ContainerState state;
    try {
      state =
          container
              .getDockerClient()
              .inspectContainerCmd(container.getContainerId())
              .exec()
              .getState();
    } catch (NotFoundException e) {
      return Optional.of("its " + name + " was removed by someone else");
    } catch (RuntimeException e) {
      // Docker itself does not answer: not evidence that the node is gone.
      return Optional.empty();
    }
    if (!Boolean.FALSE.equals(state.getRunning())) {
      return Optional.empty();
    }
    return Optional.of(
        "its "
            + name
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
          : "; its output ends with:\n  "
              + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * Places the file in the node's {@code /nestbed/files} (once), under a directory named by a hash
   * of its directory here: the same path in every container (a migrated guest finds its images
   * there), files of one directory together (a partition's kernel and initramfs), and two files of
   * one name from two directories (two pools' L1 overlays) apart. A hard link where the file system
   * allows (an L1's disk is gigabytes), a copy otherwise.
   */
  @Override
  public synchronized Path place(Path local) {
    Path absolute = local.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    String key = keyOf(Objects.requireNonNull(absolute.getParent(), "a file lies in a directory"));
    Path here = layout.shared().resolve("files").resolve(key).resolve(name);
    try {
      if (!Files.exists(here)) {
        Files.createDirectories(here.getParent());
        Path partial = here.resolveSibling(name + ".partial");
        Files.deleteIfExists(partial);
        try {
          Files.createLink(partial, absolute);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(absolute, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, here, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new NestbedException(
          "cannot place " + local + " on container node " + spec.name() + ": " + e.getMessage(),
          "check the free space under " + layout.root());
    }
    return MOUNT.resolve("files").resolve(key).resolve(name);
  }

  /** The first 12 hex digits of the SHA-256 of a directory's path here. */
  private static String keyOf(Path absolute) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(absolute.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** A file under the container's {@code /nestbed} is under the node's directory here. */
  @Override
  public Optional<Path> readableHere(Path there) {
    return there.startsWith(MOUNT)
        ? Optional.of(layout.shared().resolve(MOUNT.relativize(there).toString()))
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
