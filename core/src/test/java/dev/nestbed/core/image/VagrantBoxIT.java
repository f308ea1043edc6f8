package dev.nestbed.core.image;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.Command;
import dev.nestbed.core.process.ProcessResult;
import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.core.run.RunDirectories;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box builds from an empty cache, is what vagrant-libvirt takes (box.img, metadata.json,
 * Vagrantfile), and boots: Vagrant's insecure key logs the vagrant user in over ssh, and that user
 * reaches the machine's own libvirt with QEMU >= 9.0, as a node needs. The box boots under plain
 * QEMU here (TCG, user networking restricted to a forward on this machine's loopback), so nothing
 * leaves the machine and no Vagrant is involved.
 */
class VagrantBoxIT {
  private static final Path HOME =
      Path.of(System.getProperty("nestbed.home", "..")).toAbsolutePath();

  @TempDir Path dir;

  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void theBoxBuildsFromAnEmptyCacheAndBootsToANodeVagrantAndNestbedCanLogInto() throws Exception {
    long began = System.nanoTime();
    Path box = new VagrantBoxBuilder(HOME, dir.resolve("cache")).ensureBuilt();
    long buildMs = (System.nanoTime() - began) / 1_000_000;
    Path unpacked = Files.createDirectories(dir.resolve("box"));
    runner.run(Command.of("tar", "-C", unpacked.toString(), "-xf", box.toString()));
    assertTrue(
        Files.readString(unpacked.resolve("metadata.json")).contains("\"provider\":\"libvirt\""));
    assertTrue(Files.isRegularFile(unpacked.resolve("Vagrantfile")));
    Path overlay = dir.resolve("overlay.qcow2");
    runner.run(
        Command.of(
            "qemu-img",
            "create",
            "-q",
            "-f",
            "qcow2",
            "-b",
            unpacked.resolve("box.img").toString(),
            "-F",
            "qcow2",
            overlay.toString()));
    Path key = dir.resolve("insecure_key");
    Files.copy(insecurePrivateKey(), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    int port = freeLoopbackPort();
    Path pidFile = dir.resolve("qemu.pid");
    long booted = System.nanoTime();
    runner.run(
        Command.of(
            "qemu-system-x86_64",
            "-accel",
            "tcg",
            "-cpu",
            "qemu64",
            "-m",
            "1024",
            "-smp",
            "2",
            "-drive",
            "file=" + overlay + ",if=virtio",
            "-nic",
            "user,model=virtio-net-pci,restrict=on,hostfwd=tcp:127.0.0.1:" + port + "-:22",
            "-display",
            "none",
            "-serial",
            "file:" + dir.resolve("console.log"),
            "-pidfile",
            pidFile.toString(),
            "-daemonize"));
    try {
      await("the box's sshd to let vagrant in")
          .atMost(6, TimeUnit.MINUTES)
          .pollInterval(Duration.ofSeconds(3))
          .failFast("QEMU exited", () -> !qemuRuns(pidFile))
          .until(() -> ssh(key, port, "true").exitCode() == 0);
      long sshMs = (System.nanoTime() - booted) / 1_000_000;
      ProcessResult node = ssh(key, port, "id -nG; virsh -c qemu:///system version; ls /etc/ssh/");
      assertEquals(0, node.exitCode(), node.stdout() + node.stderr());
      assertTrue(
          node.stdout().contains("libvirt") && node.stdout().contains("sudo"), node.stdout());
      assertTrue(
          node.stdout().matches("(?s).*Running hypervisor: QEMU (9|[1-9][0-9])\\..*"),
          node.stdout());
      // a host key of the machine's own, made at its first boot; none came with the box
      assertEquals(
          List.of(
              "moduli",
              "ssh_config",
              "ssh_config.d",
              "ssh_host_ed25519_key",
              "ssh_host_ed25519_key.pub",
              "sshd_config",
              "sshd_config.d"),
          node.stdout()
              .lines()
              .filter(l -> l.matches("[a-z_.0-9]+"))
              .filter(l -> l.startsWith("ssh") || l.equals("moduli"))
              .sorted()
              .toList());
      System.out.printf(
          "vagrant box: built cold in %d ms (%d MiB); booted to ssh under TCG in %d ms%n",
          buildMs, Files.size(box) >> 20, sshMs);
    } finally {
      stopQemu(pidFile);
    }
    handToTheSharedCache(box.getParent());
  }

  /**
   * The box this test built from an empty cache of its own is the one the tests that run Vagrant
   * would build again, from the same recipe, in the cache they share: it moves there when that
   * cache has none (a rename on one file system; elsewhere the others build their own).
   */
  private static void handToTheSharedCache(Path built) throws Exception {
    Path shared =
        Files.createDirectories(RunDirectories.cacheRoot().resolve("images"))
            .resolve(built.getFileName().toString());
    if (Files.exists(shared)) {
      return;
    }
    try {
      Files.move(built, shared, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("vagrant box: handed to the shared cache as " + shared);
    } catch (FileSystemException e) {
      // another file system, or a builder that got there first: the others build or use theirs
      System.out.println("vagrant box: not handed to " + shared + " (" + e + ")");
    }
  }

  private ProcessResult ssh(Path key, int port, String command) {
    return runner.runAllowingFailure(
        Command.of(
                "ssh",
                "-i",
                key.toString(),
                "-p",
                String.valueOf(port),
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=5",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "LogLevel=ERROR",
                "vagrant@127.0.0.1",
                command)
            .withTimeout(Duration.ofSeconds(60)));
  }

  private static Path insecurePrivateKey() throws Exception {
    try (var gems = Files.list(Path.of("/usr/share/rubygems-integration/all/gems"))) {
      return gems.filter(g -> g.getFileName().toString().startsWith("vagrant-2"))
          .map(g -> g.resolve("keys/vagrant"))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("Vagrant's insecure key not found: install vagrant"));
    }
  }

  private static int freeLoopbackPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static OptionalLong pid(Path pidFile) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(pidFile).strip()));
    } catch (Exception e) {
      return OptionalLong.empty();
    }
  }

  private static boolean qemuRuns(Path pidFile) {
    OptionalLong pid = pid(pidFile);
    return pid.isPresent()
        && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void stopQemu(Path pidFile) {
    pid(pidFile)
        .ifPresent(
            pid ->
                ProcessHandle.of(pid)
                    .ifPresent(
                        qemu -> {
                          qemu.destroy();
                          qemu.onExit()
                              .orTimeout(20, TimeUnit.SECONDS)
                              .exceptionally(
                                  e -> {
                                    qemu.destroyForcibly();
                                    return qemu;
                                  })
                              .join();
                        }));
  }
}
