package dev.nestbed.cli;

import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.libvirt.RunStoragePool;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.Pids;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * "Remote" libvirt hosts on this machine, for tests of the remote provider: each a libvirtd and an
 * sshd (key only, listening on the host's own address only) in network and mount namespaces of
 * their own, joined by a bridge in a namespace of the fixture's own. This process reaches them over
 * a veth of the fixture's own into that bridge, so {@code ip route get} names a local device and no
 * packet takes the default route. Each host sees an empty nestbed cache: a guest image it runs must
 * have reached it through libvirt, as on a real remote host.
 */
final class RemoteHosts implements AutoCloseable {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ProcessRunner runner = new ProcessRunner();
  private final Path dir;
  private final int subnet;
  private final List<String> names;
  private final List<String> uris = new ArrayList<>();
  private boolean switchMade;
  private boolean clientMade;

  private RemoteHosts(Path dir, int subnet, List<String> names) {
    this.dir = dir;
    this.subnet = subnet;
    this.names = names;
  }

  /** Starts one host per name under {@code dir} (which must be private to root). */
  static RemoteHosts start(Path dir, List<String> names) throws IOException {
    RemoteHosts hosts = new RemoteHosts(dir, freeSubnet(), names);
    try {
      hosts.startAll();
      return hosts;
    } catch (IOException | RuntimeException e) {
      hosts.close();
      throw e;
    }
  }

  /** The third octet of a 10.214.X.0/24 no interface of this machine has an address in. */
  private static int freeSubnet() throws IOException {
    String addresses =
        new ProcessRunner().run(Command.of("ip", "-o", "-4", "addr", "show")).stdout();
    for (int x = 20 + (int) (ProcessHandle.current().pid() % 200); ; x = x % 250 + 1) {
      if (!addresses.contains(" 10.214." + x + ".")) {
        return x;
      }
    }
  }

  /** The URI nestbed reaches host {@code i} at: libssh2, the fixture's key and known hosts. */
  List<String> uris() {
    return List.copyOf(uris);
  }

  String address(int host) {
    return "10.214." + subnet + "." + (11 + host);
  }

  /** A connection to host {@code i}'s libvirtd over its unix socket, for checks the test makes. */
  LibvirtHost direct(int host) {
    return LibvirtHost.connect(
        names.get(host),
        "qemu+unix:///system?socket=" + root(host).resolve("run/libvirt/libvirt-sock"));
  }

  /** Runs virsh against host {@code i}'s libvirtd over its unix socket; returns what it printed. */
  String virsh(int host, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "virsh",
                "-c",
                "qemu+unix:///system?socket=" + root(host).resolve("run/libvirt/libvirt-sock")));
    argv.addAll(List.of(args));
    return runner.run(Command.of(argv)).stdout();
  }

  /** What nestbed left on host {@code i}: domains, storage pools of runs, and their directories. */
  List<String> leftovers(int host) throws IOException {
    List<String> left = new ArrayList<>();
    try (LibvirtHost libvirt = direct(host)) {
      libvirt.domains().forEach(d -> left.add("domain " + d.name()));
      RunStoragePool.runPools(libvirt).forEach(p -> left.add("storage pool " + p));
    }
    Path images = root(host).resolve("lib/images");
    if (Files.isDirectory(images)) {
      try (Stream<Path> files = Files.list(images)) {
        files.forEach(f -> left.add("directory " + f));
      }
    }
    return left;
  }

  /**
   * A network namespace of the fixture's own on the hosts' switch (10.214.X.2) with no default
   * route: a process run in it reaches the hosts and nothing else. Whatever it sends to an address
   * only a host can reach (a network inside a host) fails at once with "network unreachable"
   * instead of leaving this machine by the default route.
   */
  String clientNamespace() {
    String client = namespace("c");
    if (!clientMade) {
      clientMade = true;
      ip("netns", "add", client);
      ip(
          "-n",
          namespace("sw"),
          "link",
          "add",
          "pc",
          "type",
          "veth",
          "peer",
          "name",
          "eth0",
          "netns",
          client);
      ip("-n", namespace("sw"), "link", "set", "pc", "master", "br0", "up");
      ip("-n", client, "addr", "add", "10.214." + subnet + ".2/24", "dev", "eth0");
      ip("-n", client, "link", "set", "eth0", "up");
      ip("-n", client, "link", "set", "lo", "up");
    }
    return client;
  }

  /**
   * True when nestbed's output says a host's KVM probe failed, as it must on a host whose /dev/kvm
   * is this machine's kvm_pvm.
   */
  static boolean probeFoundNoKvm(String output) {
    return output.contains("a probe guest did not reach userspace under it within 15 s")
        || output.contains("libvirt did not start a probe guest under it")
        || output.contains("a probe guest powered off without reaching userspace");
  }

  /** Where a path under the host's /var/lib/libvirt lies on this machine. */
  Path hostPath(int host, Path onHost) {
    Path libvirt = Path.of("/var/lib/libvirt");
    if (!onHost.startsWith(libvirt)) {
      throw new IllegalArgumentException(onHost + " is not under " + libvirt);
    }
    return root(host).resolve("lib").resolve(libvirt.relativize(onHost));
  }

  private Path root(int host) {
    return dir.resolve(names.get(host));
  }

  private String namespace(String suffix) {
    return "nbt-" + subnet + "-" + suffix;
  }

  private String rootVeth() {
    return "nbt" + subnet + "r";
  }

  private void startAll() throws IOException {
    Files.createDirectories(dir);
    Path clientKey = dir.resolve("client_key");
    runner.run(
        Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString()));
    String sw = namespace("sw");
    switchMade = true;
    ip("netns", "add", sw);
    ip("-n", sw, "link", "add", "br0", "type", "bridge");
    ip("-n", sw, "link", "set", "br0", "up");
    ip("link", "add", rootVeth(), "type", "veth", "peer", "name", "up0", "netns", sw);
    ip("-n", sw, "link", "set", "up0", "master", "br0", "up");
    ip("addr", "add", "10.214." + subnet + ".1/24", "dev", rootVeth());
    ip("link", "set", rootVeth(), "up");
    StringBuilder knownHosts = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      knownHosts.append(address(i)).append(' ').append(startHost(i, clientKey)).append('\n');
    }
    Path known = dir.resolve("known_hosts");
    Files.writeString(known, knownHosts);
    for (int i = 0; i < names.size(); i++) {
      uris.add(
          "qemu+libssh2://root@"
              + address(i)
              + "/system?keyfile="
              + clientKey
              + "&known_hosts="
              + known
              + "&sshauth=privkey");
    }
    String route = runner.run(Command.of("ip", "route", "get", address(0))).stdout();
    if (!route.contains("dev " + rootVeth())) {
      throw new IllegalStateException(
          "the route to " + address(0) + " does not stay on this machine: " + route);
    }
  }

  /** Starts host {@code i}; returns its host key as a known_hosts entry ("type key"). */
  private String startHost(int i, Path clientKey) throws IOException {
    String ns = namespace("h" + i);
    Path root = root(i);
    for (String sub : List.of("run", "lib", "etc", "cache", "log", "ssh")) {
      Files.createDirectories(root.resolve(sub));
    }
    ip("netns", "add", ns);
    ip(
        "-n",
        namespace("sw"),
        "link",
        "add",
        "p" + i,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        ns);
    ip("-n", namespace("sw"), "link", "set", "p" + i, "master", "br0", "up");
    ip("-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
    ip("-n", ns, "link", "set", "eth0", "up");
    ip("-n", ns, "link", "set", "lo", "up");
    Files.writeString(
        root.resolve("etc/libvirtd.conf"),
        String.join(
            "\n",
            "host_uuid = \"" + UUID.randomUUID() + "\"",
            "log_outputs = \"3:file:/var/log/libvirt/libvirtd.log\"",
            "unix_sock_rw_perms = \"0700\"",
            "unix_sock_ro_perms = \"0700\"",
            "unix_sock_admin_perms = \"0700\"",
            ""));
    Files.writeString(
        root.resolve("etc/qemu.conf"),
        """
        user = "root"
        group = "root"
        dynamic_ownership = 0
        security_driver = "none"
        cgroup_controllers = [ ]
        namespaces = [ ]
        stdio_handler = "file"
        """);
    Path hostKey = root.resolve("ssh/host_ed25519");
    runner.run(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
    Files.copy(Path.of(clientKey + ".pub"), root.resolve("ssh/authorized_keys"));
    Files.writeString(
        root.resolve("ssh/sshd_config"),
        String.join(
            "\n",
            "ListenAddress " + address(i),
            "HostKey " + hostKey,
            "AuthorizedKeysFile " + root.resolve("ssh/authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            // its files lie in a private directory under /tmp, which sshd's strict modes refuse as
            // world-writable
            "StrictModes no",
            "PidFile " + root.resolve("ssh/sshd.pid"),
            ""));
    Path cache = RunDirectories.cacheRoot().toAbsolutePath();
    Files.createDirectories(cache);
    String mounts =
        String.join(
            " && ",
            List.of(
                bind(root.resolve("run"), "/run"), bind(root.resolve("lib"), "/var/lib/libvirt"),
                bind(root.resolve("etc"), "/etc/libvirt"),
                    bind(root.resolve("cache"), "/var/cache/libvirt"),
                bind(root.resolve("log"), "/var/log/libvirt"),
                    "mount -t tmpfs -o mode=0700 tmpfs '" + cache + "'"));
    String script =
        "hostname '"
            + names.get(i)
            + "' && "
            + mounts
            + " && mkdir -p /run/libvirt /run/lock /run/sshd && libvirtd -d -f '"
            + root.resolve("etc/libvirtd.conf")
            + "' && /usr/sbin/sshd -f '"
            + root.resolve("ssh/sshd_config")
            + "' -E '"
            + root.resolve("log/sshd.log")
            + "'";
    runner.run(
        Command.of(
                "nsenter",
                "--net=/run/netns/" + ns,
                "unshare",
                "--mount",
                "--uts",
                "--propagation",
                "private",
                "sh",
                "-c",
                script)
            .withTimeout(Duration.ofSeconds(60)));
    String publicKey = Files.readString(Path.of(hostKey + ".pub")).strip();
    return publicKey.substring(0, publicKey.lastIndexOf(' '));
  }

  private static String bind(Path from, String to) {
    return "mount --bind '" + from + "' " + to;
  }

  private void ip(String... args) {
    runner.run(Command.of("ip", args));
  }

  /**
   * Host {@code i} loses power: every process in its network namespace (its libvirtd, sshd and
   * guests) is killed at once, with no chance to answer or close a connection. Returns how many.
   */
  int powerOff(int host) {
    List<String> pids =
        runner
            .run(Command.of("ip", "netns", "pids", namespace("h" + host)))
            .stdout()
            .lines()
            .map(String::strip)
            .filter(pid -> !pid.isEmpty())
            .toList();
    pids.forEach(
        pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
    return pids.size();
  }

  /** Stops every daemon and guest of the hosts, then removes the namespaces and the veth. */
  @Override
  public void close() {
    for (int i = 0; i < names.size(); i++) {
      Path root = root(i);
      stopSshd(root.resolve("ssh/sshd.pid"), root.resolve("ssh/sshd_config").toString());
      Path qemu = root.resolve("run/libvirt/qemu");
      stop(
          root.resolve("run/libvirtd.pid"),
          "libvirtd",
          root.resolve("etc/libvirtd.conf").toString());
      if (Files.isDirectory(qemu)) {
        try (Stream<Path> pids = Files.list(qemu)) {
          pids.filter(f -> f.getFileName().toString().endsWith(".pid"))
              .forEach(
                  f ->
                      stop(
                          f,
                          "qemu-system-",
                          "guest=" + f.getFileName().toString().replaceFirst("\\.pid$", "")));
        } catch (IOException e) {
          // nothing more to find
        }
      }
      runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace("h" + i)));
    }
    if (clientMade) {
      runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace("c")));
    }
    if (switchMade) {
      runner.runAllowingFailure(Command.of("ip", "link", "del", rootVeth()));
      runner.runAllowingFailure(Command.of("ip", "netns", "del", namespace("sw")));
    }
  }

  /**
   * sshd rewrites its command line into one title ("sshd: /usr/sbin/sshd -f CONFIG [listener]
   * ...").
   */
  private static void stopSshd(Path pidFile, String config) {
    OptionalLong pid = Pids.read(pidFile);
    if (pid.isEmpty()) {
      return;
    }
    try {
      String title = Files.readString(Path.of("/proc", String.valueOf(pid.getAsLong()), "cmdline"));
      if (!title.contains(config)) {
        return;
      }
    } catch (IOException e) {
      return; // gone
    }
    ProcessHandle.of(pid.getAsLong())
        .ifPresent(
            sshd -> {
              sshd.destroy();
              try {
                sshd.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
              } catch (TimeoutException | ExecutionException e) {
                sshd.destroyForcibly();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sshd.destroyForcibly();
              }
            });
  }

  private static void stop(Path pidFile, String program, String argument) {
    OptionalLong pid = Pids.read(pidFile);
    if (pid.isPresent()) {
      Pids.find(pidFile, program, argument)
          .ifPresent(p -> Pids.stop(p, program + " of a test host", STOP_GRACE));
    }
  }
}
