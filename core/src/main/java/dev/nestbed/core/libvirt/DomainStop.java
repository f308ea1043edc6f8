package dev.nestbed.core.libvirt;

import java.util.Optional;

/**
 * Why a domain is not running, from libvirt's state and reason codes ({@code virDomainGetState}).
 *
 * @param why the reason in words, for messages
 * @param onItsOwn true when nobody asked for it: the guest powered off or reset itself, its kernel
 *     crashed, or QEMU ended unexpectedly; false when it was destroyed, migrated, saved or is still
 *     shutting down
 */
public record DomainStop(String why, boolean onItsOwn) {
  /** virDomainState values. */
  private static final int RUNNING = 1;

  private static final int BLOCKED = 2;
  private static final int PAUSED = 3;
  private static final int SHUTDOWN = 4;
  private static final int SHUTOFF = 5;
  private static final int CRASHED = 6;

  /** The stop that state {@code state} with reason {@code reason} means; empty while it runs. */
  static Optional<DomainStop> of(int state, int reason) {
    return switch (state) {
      case RUNNING, BLOCKED, PAUSED -> Optional.empty();
      case SHUTDOWN -> Optional.of(new DomainStop("it is shutting down", false));
      case SHUTOFF -> Optional.of(shutOff(reason));
      case CRASHED ->
          Optional.of(
              new DomainStop("its guest crashed" + (reason == 1 ? " (a kernel panic)" : ""), true));
      default ->
          Optional.of(
              new DomainStop("libvirt reports state " + state + ", reason " + reason, false));
    };
  }

  /** virDomainShutoffReason values. */
  private static DomainStop shutOff(int reason) {
    return switch (reason) {
      case 1 ->
          new DomainStop(
              "it is shut off: the guest powered off or reset itself (its on_reboot is destroy)",
              true);
      case 2 -> new DomainStop("it is shut off: it was destroyed", false);
      case 3 ->
          new DomainStop(
              "it is shut off: QEMU ended unexpectedly (libvirt's reason: crashed)", true);
      case 4 -> new DomainStop("it is shut off: it was migrated away", false);
      case 5 -> new DomainStop("it is shut off: it was saved", false);
      case 6 -> new DomainStop("it is shut off: it failed to start", true);
      case 8 -> new DomainStop("it is shut off: libvirtd stopped it when it reconnected", false);
      default -> new DomainStop("it is shut off (libvirt's reason " + reason + ")", false);
    };
  }

  @Override
  public String toString() {
    return why;
  }
}
