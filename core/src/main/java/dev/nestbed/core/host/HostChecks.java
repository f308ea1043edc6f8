package dev.nestbed.core.host;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The checks behind {@code nestbed doctor}: every program and package nestbed runs, the guest
 * kernel, the libvirt library, root (for namespaces), disk space and the accelerator.
 */
public final class HostChecks {
  /** Program -> the Debian package that provides it. */
  private static final Map<String, String> PROGRAMS = new java.util.LinkedHashMap<>();

  private static final long MIN_FREE_BYTES = 2L << 30;

  static {
    PROGRAMS.put("qemu-system-x86_64", "qemu-system-x86");
    PROGRAMS.put("qemu-img", "qemu-utils");
    PROGRAMS.put("libvirtd", "libvirt-daemon-system");
    PROGRAMS.put("virsh", "libvirt-clients");
    PROGRAMS.put("virt-xml-validate", "libvirt-clients");
    PROGRAMS.put("xmllint", "libxml2-utils");
    PROGRAMS.put("busybox", "busybox-static");
    PROGRAMS.put("musl-gcc", "musl-tools");
    PROGRAMS.put("cpio", "cpio");
    PROGRAMS.put("ip", "iproute2");
    PROGRAMS.put("nsenter", "util-linux");
    PROGRAMS.put("unshare", "util-linux");
    PROGRAMS.put("mmdebstrap", "mmdebstrap");
    PROGRAMS.put("mkfs.ext4", "e2fsprogs");
    PROGRAMS.put("socat", "socat");
  }

  private final ProcessRunner runner = new ProcessRunner();

  public List<HostCheck> run(Accelerator accelerator) {
    List<HostCheck> checks = new ArrayList<>();
    checks.add(root());
    PROGRAMS.forEach((program, pkg) -> checks.add(program(program, pkg)));
    checks.add(qemuVersion(accelerator));
    checks.add(guestKernel());
    checks.add(libvirtLibrary());
    checks.add(networkNamespaces());
    checks.add(docker());
    checks.add(saslDigestMd5());
    checks.add(freeSpace("work directory", RunDirectories.workRoot()));
    checks.add(freeSpace("image cache", RunDirectories.cacheRoot()));
    checks.add(
        accelerator.kind() == Accelerator.Kind.KVM
            ? HostCheck.ok("accelerator", accelerator.describe())
            : HostCheck.warn(
                "accelerator",
                accelerator.describe(),
                "fine for functional tests; for realistic timings use a host with kvm_intel or kvm_amd"));
    return checks;
  }

  private static HostCheck root() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return root
        ? HostCheck.ok("root", "running as root")
        : HostCheck.fail(
            "root",
            "running as " + System.getProperty("user.name"),
            "run as root: local nodes need their own network and mount namespaces");
  }

  private static HostCheck program(String program, String pkg) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return HostCheck.ok(program, candidate.toString());
      }
    }
    return HostCheck.fail(
        program, "not found on PATH", "apt-get install " + pkg + "   (or run ci/setup-host.sh)");
  }

  private HostCheck qemuVersion(Accelerator accelerator) {
    String banner;
    try {
      banner = runner.run(Command.of("qemu-system-x86_64", "--version")).stdout();
    } catch (RuntimeException e) {
      return HostCheck.fail(
          "QEMU version",
          message(e),
          "apt-get install qemu-system-x86   (or run ci/setup-host.sh)");
    }
    return QemuVersion.parse(banner)
        .map(
            v ->
                accelerator.kind() == Accelerator.Kind.TCG && v.losesStoresInTcgMigration()
                    ? HostCheck.warn("QEMU version", "QEMU " + v, v.tcgMigrationProblem())
                    : HostCheck.ok("QEMU version", "QEMU " + v))
        .orElseGet(
            () ->
                HostCheck.warn(
                    "QEMU version",
                    "cannot read a version in: " + banner.strip(),
                    "check qemu-system-x86_64 --version"));
  }

  /** What failed, in its own words; its type too when it has none. */
  private static String message(Throwable e) {
    return Objects.requireNonNullElse(e.getMessage(), NestbedException.describe(e));
  }

  /**
   * nestbed logs in to a nested pool's L1 with SASL DIGEST-MD5 (see images/hypervisor/README.md),
   * whose plugin libvirt0 only recommends: without it only nested pools fail, so a warning.
   */
  private static HostCheck saslDigestMd5() {
    for (String dir :
        List.of(
            "/usr/lib/x86_64-linux-gnu/sasl2",
            "/usr/lib/aarch64-linux-gnu/sasl2",
            "/usr/lib64/sasl2",
            "/usr/lib/sasl2")) {
      Path plugin = Path.of(dir, "libdigestmd5.so");
      if (Files.exists(plugin)) {
        return HostCheck.ok("SASL DIGEST-MD5", plugin + " (login to nested pools' L1s)");
      }
    }
    return HostCheck.warn(
        "SASL DIGEST-MD5",
        "no libdigestmd5.so: nestbed cannot log in to a nested pool's L1",
        "apt-get install libsasl2-modules");
  }

  /** Only container nodes need a Docker daemon: its absence is a warning. */
  private static HostCheck docker() {
    Path socket = Path.of("/var/run/docker.sock");
    return Files.exists(socket)
        ? HostCheck.ok("docker", "a daemon's socket at " + socket + " (container nodes)")
        : HostCheck.warn(
            "docker",
            "no daemon socket at " + socket + ": container nodes cannot run",
            "run ci/setup-host.sh (installs docker.io, starts dockerd)");
  }

  private static HostCheck guestKernel() {
    try (Stream<Path> files = Files.list(Path.of("/boot"))) {
      List<Path> kernels =
          files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-")).sorted().toList();
      if (!kernels.isEmpty()) {
        return HostCheck.ok("guest kernel", kernels.get(kernels.size() - 1).toString());
      }
    } catch (IOException e) {
      // reported below
    }
    return HostCheck.fail(
        "guest kernel",
        "no /boot/vmlinuz-*",
        "apt-get install linux-image-amd64   (partitions boot this kernel directly)");
  }

  private static HostCheck libvirtLibrary() {
    try (LibvirtHost test = LibvirtHost.connect("test driver", "test:///default")) {
      long version = test.libvirtVersion();
      return HostCheck.ok(
          "libvirt library",
          String.format(
              "libvirt %d.%d.%d", version / 1_000_000, version / 1000 % 1000, version % 1000));
    } catch (RuntimeException | LinkageError e) {
      return HostCheck.fail("libvirt library", message(e), "apt-get install libvirt0");
    }
  }

  private HostCheck networkNamespaces() {
    try {
      runner.run(Command.of("ip", "netns", "list"));
      return HostCheck.ok("network namespaces", "ip netns works");
    } catch (RuntimeException e) {
      return HostCheck.fail(
          "network namespaces",
          message(e),
          "run as root on a kernel with network namespaces (CONFIG_NET_NS)");
    }
  }

  private static HostCheck freeSpace(String what, Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      long free = Files.getFileStore(existing == null ? Path.of("/") : existing).getUsableSpace();
      String detail = String.format("%s: %.1f GiB free", dir, free / (double) (1L << 30));
      return free >= MIN_FREE_BYTES
          ? HostCheck.ok(what, detail)
          : HostCheck.fail(
              what,
              detail,
              "free at least 2 GiB there, or point "
                  + (what.startsWith("work") ? "NESTBED_WORK" : "NESTBED_CACHE")
                  + " elsewhere");
    } catch (IOException e) {
      return HostCheck.fail(
          what, dir + ": " + e.getMessage(), "check that the directory is usable");
    }
  }
}
