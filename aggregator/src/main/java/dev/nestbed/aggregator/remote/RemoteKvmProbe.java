package dev.nestbed.aggregator.remote;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.accel.Accelerator;
import dev.nestbed.core.accel.KvmProbe;
import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.io.LastLines;
import dev.nestbed.core.libvirt.LibvirtDomain;
import dev.nestbed.core.libvirt.LibvirtHost;
import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import dev.nestbed.core.wait.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides KVM or TCG for an existing libvirt host by booting the partition image once under KVM
 * there, through the host's own libvirt, as {@link KvmProbe} does on this machine: a {@code
 * type='kvm'} domain with the host's CPU, whose init prints {@link KvmProbe#MARKER} and powers off
 * when it sees {@code nestbed.probe=1}. A host whose capabilities offer KVM may still not run a
 * stock guest under it (a {@code kvm_pvm} host's QEMU aborts on the host CPU's MSRs; a guest that
 * needs longer than {@link #TIMEOUT} to reach userspace is as good as not booting), so only a boot
 * that reaches userspace chooses KVM. The probe domain is tagged with the run and removed whatever
 * happens; its console is a file in the run's storage pool, read back through libvirt.
 */
final class RemoteKvmProbe {
  private static final Logger log = LoggerFactory.getLogger(RemoteKvmProbe.class);

  /**
   * Under KVM the probe reaches userspace in a second or two; under TCG the same image needs 3-9 s
   * on a 2-core machine, so a KVM that takes longer than this is no gain.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  static final String CONSOLE_VOLUME = "kvm-probe.console.log";

  private RemoteKvmProbe() {}

  /** KVM when the probe guest reached userspace on {@code host}; TCG with why not otherwise. */
  static Accelerator decide(
      LibvirtHost host, HostFiles files, RunId runId, String node, GuestImage image) {
    String name = runId.qualify(node + "-kvm-probe");
    Path console = files.writableDirectory().resolve(CONSOLE_VOLUME);
    // the partitions need these files on the host anyway: a failed upload fails the node
    String xml =
        xml(
            name,
            new RunTag(runId, "kvm-probe", node),
            files.place(image.kernel()),
            files.place(image.initramfs()),
            console);
    long began = System.nanoTime();
    LibvirtDomain probe = null;
    try {
      try {
        probe = host.define(xml);
        probe.start();
      } catch (NestbedException e) {
        return Accelerator.tcg(
            "the host offers KVM, but libvirt did not start a probe guest under it: "
                + firstLine(e.getMessage())
                + "; guests are emulated");
      }
      LibvirtDomain started = probe;
      try {
        Poll.<Boolean>waitingFor("the KVM probe guest on host " + node + " to power off")
            .atMost(TIMEOUT)
            .every(Duration.ofMillis(250))
            .untilTrue(() -> !started.isActive());
      } catch (NestbedException timedOut) {
        return Accelerator.tcg(
            "the host offers KVM, but a probe guest did not reach userspace under it within "
                + TIMEOUT.toSeconds()
                + " s; guests are emulated");
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      String output;
      try {
        output = consoleOutput(files);
      } catch (RuntimeException unread) {
        return Accelerator.tcg(
            "the host offers KVM, but the probe guest's console could not be read back ("
                + firstLine(unread.getMessage())
                + "); guests are emulated");
      }
      if (output.contains(KvmProbe.MARKER)) {
        return Accelerator.kvm(
            String.format(
                "the host offers KVM and a probe guest booted under it in %.1f s", seconds));
      }
      return Accelerator.tcg(
          "the host offers KVM, but a probe guest powered off without reaching userspace under it"
              + lastLine(output)
              + "; guests are emulated");
    } finally {
      if (probe != null) {
        try {
          probe.destroyAndUndefine();
        } catch (RuntimeException e) {
          // the decision stands; the run's teardown removes what is tagged with it on the host
          log.warn("the KVM probe guest on host {} was not removed now: {}", node, e.getMessage());
        }
      }
    }
  }

  static String xml(String name, RunTag tag, Path kernel, Path initrd, Path console) {
    return """
        <domain type='kvm'>
          <name>%s</name>
          <metadata>
            %s
          </metadata>
          <memory unit='MiB'>128</memory>
          <vcpu>1</vcpu>
          <os>
            <type arch='x86_64'>hvm</type>
            <kernel>%s</kernel>
            <initrd>%s</initrd>
            <cmdline>console=ttyS0 panic=-1 nestbed.probe=1</cmdline>
          </os>
          <cpu mode='host-passthrough'/>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>destroy</on_reboot>
          <on_crash>destroy</on_crash>
          <devices>
            <serial type='file'>
              <source path='%s'/>
              <target port='0'/>
            </serial>
          </devices>
        </domain>
        """
        .formatted(name, tag.toXml(), kernel, initrd, console);
  }

  private static String consoleOutput(HostFiles files) {
    try {
      Path local = Files.createTempFile("nestbed-kvm-probe", ".log");
      try {
        return files.storage().download(CONSOLE_VOLUME, local)
            ? Files.readString(local, StandardCharsets.UTF_8)
            : "";
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String lastLine(String output) {
    return LastLines.of(output, 1).stream()
        .findFirst()
        .filter(line -> !line.isBlank())
        .map(line -> " (its console ends with: " + line.strip() + ")")
        .orElse(" (its console is empty)");
  }

  private static String firstLine(@Nullable String message) {
    return Optional.ofNullable(message)
        .map(m -> m.strip().lines().findFirst().orElse(""))
        .orElse("");
  }
}
