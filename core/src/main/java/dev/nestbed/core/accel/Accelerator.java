package dev.nestbed.core.accel;

/**
 * How guests execute: hardware virtualization (KVM) or QEMU's emulator (TCG). Decided once per run
 * by {@link AcceleratorDetector}, with the reason, and shown to the user.
 */
public record Accelerator(Kind kind, String reason) {
  /** The two ways QEMU runs a guest. */
  public enum Kind {
    KVM,
    TCG
  }

  public static Accelerator kvm(String reason) {
    return new Accelerator(Kind.KVM, reason);
  }

  public static Accelerator tcg(String reason) {
    return new Accelerator(Kind.TCG, reason);
  }

  /** The libvirt {@code <domain type>}: {@code kvm} or {@code qemu}. */
  public String domainType() {
    return kind == Kind.KVM ? "kvm" : "qemu";
  }

  /**
   * The {@code <cpu>} element. Under KVM the host's CPU is passed through; under TCG a plain {@code
   * qemu64}, because host-model CPUs need MSRs TCG does not emulate.
   */
  public String cpuXml() {
    return kind == Kind.KVM
        ? "<cpu mode='host-passthrough' check='none'/>"
        : "<cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>";
  }

  /**
   * One line for the user, e.g. "accelerator: TCG (no /dev/kvm; guests are emulated, expect slow
   * boots)".
   */
  public String describe() {
    return "accelerator: " + kind + " (" + reason + ")";
  }
}
