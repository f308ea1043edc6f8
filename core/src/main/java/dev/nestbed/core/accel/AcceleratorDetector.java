package dev.nestbed.core.accel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides KVM or TCG by looking, never by assuming. {@code /dev/kvm} alone proves nothing: some
 * hosts expose it from modules that cannot run a stock guest kernel (e.g. {@code kvm_pvm}). KVM is
 * chosen only when the device exists, a hardware module ({@code kvm_intel}/{@code kvm_amd}) is
 * loaded, and a probe guest really boots under it.
 */
public final class AcceleratorDetector {
  private static final Logger log = LoggerFactory.getLogger(AcceleratorDetector.class);
  private static final String[] HARDWARE_MODULES = {"kvm_intel", "kvm_amd"};

  private final Path dev;
  private final Path sysModule;
  private final BooleanSupplier probeBoot;

  /**
   * @param probeBoot boots a tiny guest under KVM and says whether it reached userspace in time
   */
  public AcceleratorDetector(BooleanSupplier probeBoot) {
    this(Path.of("/dev"), Path.of("/sys/module"), probeBoot);
  }

  AcceleratorDetector(Path dev, Path sysModule, BooleanSupplier probeBoot) {
    this.dev = dev;
    this.sysModule = sysModule;
    this.probeBoot = probeBoot;
  }

  public Accelerator detect() {
    Accelerator decided = decide(true);
    log.info(decided.describe());
    return decided;
  }

  /**
   * What {@link #detect()} decides when its probe guest boots, without booting it (nothing is built
   * or started): TCG for certain where the device or a hardware module is missing, KVM otherwise.
   * For showing what a run would do before it runs.
   */
  public Accelerator expected() {
    return decide(false);
  }

  private Accelerator decide(boolean probing) {
    if (!Files.exists(dev.resolve("kvm"))) {
      return Accelerator.tcg("no /dev/kvm; guests are emulated, so expect slow boots");
    }
    String hardware = null;
    for (String module : HARDWARE_MODULES) {
      if (Files.isDirectory(sysModule.resolve(module))) {
        hardware = module;
      }
    }
    if (hardware == null) {
      return Accelerator.tcg(
          "/dev/kvm exists but neither kvm_intel nor kvm_amd is loaded"
              + otherKvmModule()
              + "; guests are emulated");
    }
    if (probing && !probeBoot.getAsBoolean()) {
      return Accelerator.tcg(
          hardware + " is loaded but a probe guest did not boot under KVM; guests are emulated");
    }
    return Accelerator.kvm(
        hardware + (probing ? ", probe guest booted" : ", if a probe guest boots under it"));
  }

  private String otherKvmModule() {
    try (var modules = Files.list(sysModule)) {
      return modules
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("kvm_"))
          .findFirst()
          .map(name -> " (found " + name + ")")
          .orElse("");
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
