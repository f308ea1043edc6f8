package dev.nestbed.core.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcceleratorDetectorTest {
  @TempDir Path root;

  private Accelerator detect(boolean probeBoots, AtomicBoolean probed, String... present)
      throws Exception {
    Path dev = Files.createDirectories(root.resolve("dev"));
    Path modules = Files.createDirectories(root.resolve("sys/module"));
    for (String p : present) {
      if (p.equals("kvm")) {
        Files.createFile(dev.resolve("kvm"));
      } else {
        Files.createDirectories(modules.resolve(p));
      }
    }
    return new AcceleratorDetector(
            dev,
            modules,
            () -> {
              probed.set(true);
              return probeBoots;
            })
        .detect();
  }

  @Test
  void withoutDevKvmItIsTcgAndNothingIsProbed() throws Exception {
    AtomicBoolean probed = new AtomicBoolean();
    Accelerator a = detect(true, probed);
    assertEquals(Accelerator.Kind.TCG, a.kind());
    assertEquals("qemu", a.domainType());
    assertFalse(probed.get());
  }

  @Test
  void devKvmFromANonHardwareModuleIsTcgAndNamesTheModule() throws Exception {
    AtomicBoolean probed = new AtomicBoolean();
    Accelerator a = detect(true, probed, "kvm", "kvm_pvm");
    assertEquals(Accelerator.Kind.TCG, a.kind());
    assertTrue(a.reason().contains("kvm_pvm"), a.reason());
    assertFalse(probed.get());
  }

  @Test
  void hardwareKvmIsUsedOnlyWhenTheProbeGuestBoots() throws Exception {
    AtomicBoolean probed = new AtomicBoolean();
    assertEquals(Accelerator.Kind.KVM, detect(true, probed, "kvm", "kvm_intel").kind());
    assertTrue(probed.get());
  }

  @Test
  void hardwareKvmWhoseProbeFailsFallsBackToTcg() throws Exception {
    Accelerator a = detect(false, new AtomicBoolean(), "kvm", "kvm_amd");
    assertEquals(Accelerator.Kind.TCG, a.kind());
    assertTrue(a.reason().contains("probe guest did not boot"), a.reason());
  }

  @Test
  void whatARunWouldExpectIsDecidedWithoutBootingTheProbe() throws Exception {
    Path dev = Files.createDirectories(root.resolve("dev"));
    Path modules = Files.createDirectories(root.resolve("sys/module"));
    AtomicBoolean probed = new AtomicBoolean();
    AcceleratorDetector detector =
        new AcceleratorDetector(
            dev,
            modules,
            () -> {
              probed.set(true);
              return true;
            });
    assertEquals(Accelerator.Kind.TCG, detector.expected().kind());
    Files.createFile(dev.resolve("kvm"));
    Files.createDirectories(modules.resolve("kvm_intel"));
    assertEquals(Accelerator.Kind.KVM, detector.expected().kind());
    assertFalse(probed.get());
  }
}
