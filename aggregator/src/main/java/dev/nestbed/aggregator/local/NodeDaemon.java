package dev.nestbed.aggregator.local;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.process.TrackedProcess;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One node's libvirtd. It sees its own {@code /run}, {@code /var/lib/libvirt}, {@code
 * /etc/libvirt}, {@code /var/cache/libvirt} and {@code /var/log/libvirt} (bind mounts in a private
 * mount namespace), its own host UUID (libvirt refuses to migrate to a host with its own UUID) and
 * hostname, and its own network namespace.
 *
 * <p>Its processes are signalled only when they are still the ones this node started: libvirtd by
 * its configuration file, which lies in the node's directory and is named on its command line, and
 * each QEMU by its {@code -name guest=DOMAIN} (domain names carry the run id). A pid file that
 * outlived its process (a crashed run) must not make {@code nestbed clean} kill another.
 */
final class NodeDaemon {
  private static final List<String> STATE_DIRS = List.of("run", "lib", "etc", "cache", "log");
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final String node;
  private final String hostname;
  private final Path root;
  private final ProcessRunner runner;

  NodeDaemon(String node, String hostname, Path root, ProcessRunner runner) {
    this.node = node;
    this.hostname = hostname;
    this.root = root;
    this.runner = runner;
  }

  Path socket() {
    return root.resolve("run/libvirt/libvirt-sock");
  }

  Path logDirectory() {
    return root.resolve("log");
  }

  Path pidFile() {
    return root.resolve("run/libvirtd.pid");
  }

  /** Also the argument that tells this node's libvirtd from every other one. */
  private Path configFile() {
    return root.toAbsolutePath().resolve("etc/libvirtd.conf");
  }

  /** Writes the daemon's configuration, starts it in its namespaces and waits until it answers. */
  void start(String networkNamespace, Duration deadline) {
    writeConfiguration();
    String mounts =
        STATE_DIRS.stream()
            .map(dir -> String.format("mount --bind '%s' %s", root.resolve(dir), mountPoint(dir)))
            .reduce((a, b) -> a + " && " + b)
            .orElseThrow();
    // /run/lock (= /var/lock): libvirt takes a lock file there when a pty console is opened.
    // -f names the same file /etc/libvirt/libvirtd.conf is bound to, by its path in the run
    // directory: the daemon's command line then says which node it is (see daemon()).
    String script =
        String.format(
            "hostname '%s' && %s && mkdir -p /run/libvirt /run/lock && exec libvirtd -d -f '%s'",
            hostname, mounts, configFile());
    // libvirtd -d returns once the daemon has initialised (or failed to), so readiness below is
    // normally immediate; the poll still guards against a slow or dying daemon.
    runner.run(
        Command.of(
                "nsenter",
                "--net=/run/netns/" + networkNamespace,
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                script)
            .withTimeout(deadline));
    Poll.<Boolean>waitingFor("libvirtd of node " + node + " to answer on " + socket())
        .atMost(deadline)
        .failingFastIf(this::deathReason)
        .until(
            () -> {
              try (LibvirtHost host =
                  LibvirtHost.connect(node, "qemu+unix:///system?socket=" + socket())) {
                host.libvirtVersion();
                return Optional.of(true);
              }
            });
  }

  /**
   * Destroys every guest of this daemon (all of them are this run's: nobody else knows the daemon),
   * stops the daemon, and kills any QEMU it left behind. Returns what it did with each process a
   * pid file names, libvirtd first.
   */
  List<ProcessStop> stop() {
    // Read first: libvirtd removes a guest's pid file when it stops the guest.
    List<Guest> guests = guests();
    Optional<TrackedProcess> daemon = daemon();
    List<ProcessStop> done = new ArrayList<>();
    Set<String> destroyed = Set.of();
    if (daemon.isPresent()) {
      destroyed = destroyGuests();
      done.add(
          stopped(
              "libvirtd",
              daemon.get(),
              Pids.stop(daemon.get(), "libvirtd of node " + node, STOP_GRACE),
              false));
    } else {
      done.add(notFound("libvirtd", pidFile()));
    }
    for (Guest guest : guests) {
      String what = "the QEMU of " + guest.domain();
      done.add(
          guest.process().isEmpty()
              ? notFound(what, guest.pidFile())
              : stopped(
                  what,
                  guest.process().get(),
                  Pids.stop(guest.process().get(), "QEMU left by node " + node, STOP_GRACE),
                  destroyed.contains(guest.domain())));
    }
    return done;
  }

  /**
   * What {@link #stop()} would do, found the same way but signalling nothing: libvirtd first, then
   * each guest's QEMU, to be stopped while its pid file names this node's process and left alone
   * while it names another one. Pid files that name no running process are left out.
   */
  List<Leftover> survey(String run) {
    List<Leftover> found = new ArrayList<>();
    would(Leftover.Kind.LIBVIRTD, node, run, daemon(), pidFile()).ifPresent(found::add);
    for (Guest guest : guests()) {
      would(Leftover.Kind.QEMU, guest.domain(), run, guest.process(), guest.pidFile())
          .ifPresent(found::add);
    }
    return found;
  }

  private static Optional<Leftover> would(
      Leftover.Kind kind, String name, String run, Optional<TrackedProcess> ours, Path pidFile) {
    if (ours.isPresent()) {
      return Optional.of(Leftover.process(kind, name, run, ours.get().pid()));
    }
    String what =
        kind == Leftover.Kind.LIBVIRTD
            ? "libvirtd of node " + name + " of run " + run
            : "the QEMU of " + name;
    ProcessStop none = notFound(what, pidFile);
    return none.outcome() == ProcessStop.Outcome.LEFT_ALONE
        ? Optional.of(
            Leftover.kept(
                kind,
                name,
                run,
                none.pid(),
                "the pid file of " + what + " names it, but its command line is another process's"))
        : Optional.empty();
  }

  /**
   * What became of a process that ran when stop() began. One found gone at the signal was stopped
   * if its domain was destroyed through libvirtd, and had exited by itself otherwise.
   */
  private static ProcessStop stopped(
      String what, TrackedProcess process, Pids.Outcome outcome, boolean destroyed) {
    return switch (outcome) {
      case EXITED, KILLED -> ProcessStop.stopped(what, process.pid());
      case NOT_OURS -> ProcessStop.leftAlone(what, process.pid());
      case GONE ->
          destroyed
              ? ProcessStop.stopped(what, process.pid())
              : ProcessStop.notRunning(what, OptionalLong.of(process.pid()));
    };
  }

  /** A pid file that named no process of this node: nothing at its pid, or another process. */
  private static ProcessStop notFound(String what, Path pidFile) {
    OptionalLong pid = Pids.read(pidFile);
    return pid.isPresent() && Pids.isRunning(pid.getAsLong())
        ? ProcessStop.leftAlone(what, pid.getAsLong())
        : ProcessStop.notRunning(what, pid);
  }

  /** This node's libvirtd, if it runs. */
  private Optional<TrackedProcess> daemon() {
    return Pids.find(pidFile(), "libvirtd", configFile().toString());
  }

  /** Destroys the daemon's domains; returns the names of those it destroyed. */
  private Set<String> destroyGuests() {
    Set<String> destroyed = new HashSet<>();
    try (LibvirtHost host = LibvirtHost.connect(node, "qemu+unix:///system?socket=" + socket())) {
      for (LibvirtDomain domain : host.domains()) {
        domain.destroyAndUndefine();
        destroyed.add(domain.name());
      }
    } catch (RuntimeException e) {
      // The QEMU processes are killed by pid below; the daemon being unreachable must not stop
      // that.
    }
    return destroyed;
  }

  /** A guest's pid file, and its QEMU if the file names one of this node's. */
  private record Guest(String domain, Path pidFile, Optional<TrackedProcess> process) {}

  /** The pid files of this daemon's guests: libvirt names each after its domain. */
  /** driver.pid is the QEMU driver's lock, held by libvirtd itself: not a guest's. */
  private static boolean isGuestPidFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".pid") && !name.equals("driver.pid");
  }

  private List<Guest> guests() {
    Path qemuRun = root.resolve("run/libvirt/qemu");
    List<Guest> guests = new ArrayList<>();
    if (Files.isDirectory(qemuRun)) {
      try (Stream<Path> files = Files.list(qemuRun)) {
        files
            .filter(NodeDaemon::isGuestPidFile)
            .sorted()
            .forEach(
                f -> {
                  String domain = f.getFileName().toString().replaceFirst("\\.pid$", "");
                  guests.add(new Guest(domain, f, Pids.find(f, "qemu-system-", "guest=" + domain)));
                });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return guests;
  }

  private Optional<String> deathReason() {
    OptionalLong pid = Pids.read(pidFile());
    if (pid.isPresent() && daemon().isEmpty()) {
      return Optional.of(
          "libvirtd (pid "
              + pid.getAsLong()
              + ") exited; see "
              + logDirectory().resolve("libvirtd.log"));
    }
    return Optional.empty();
  }

  private void writeConfiguration() {
    try {
      for (String dir : STATE_DIRS) {
        Files.createDirectories(root.resolve(dir));
      }
      writePrivate(
          configFile(),
          String.join(
              "\n",
              "# written by nestbed for node " + node,
              "host_uuid = \"" + UUID.randomUUID() + "\"",
              "log_outputs = \"3:file:/var/log/libvirt/libvirtd.log\"",
              // Built with polkit, libvirt makes the read-write socket 0777 and leaves the checking
              // to
              // polkit; nestbed (root) is the only client, so the sockets are root's alone.
              "unix_sock_rw_perms = \"0700\"",
              "unix_sock_ro_perms = \"0700\"",
              "unix_sock_admin_perms = \"0700\"",
              ""));
      // QEMU runs as root without security drivers or cgroups: the daemons share one kernel
      // with each other and the host, and per-daemon cgroup trees would collide.
      writePrivate(
          root.resolve("etc/qemu.conf"),
          String.join(
              "\n",
              "# written by nestbed for node " + node,
              "user = \"root\"",
              "group = \"root\"",
              "dynamic_ownership = 0",
              "security_driver = \"none\"",
              "cgroup_controllers = [ ]",
              "namespaces = [ ]",
              "stdio_handler = \"file\"",
              ""));
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the configuration of node "
              + node
              + " under "
              + root
              + ": "
              + e.getMessage(),
          "check that the work directory is writable (NESTBED_WORK)",
          e);
    }
  }

  /** Only root reads them (libvirtd, and QEMU, which runs as root here). */
  private static void writePrivate(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static String mountPoint(String stateDir) {
    return switch (stateDir) {
      case "run" -> "/run";
      case "lib" -> "/var/lib/libvirt";
      case "etc" -> "/etc/libvirt";
      case "cache" -> "/var/cache/libvirt";
      case "log" -> "/var/log/libvirt";
      default -> throw new IllegalArgumentException(stateDir);
    };
  }
}
