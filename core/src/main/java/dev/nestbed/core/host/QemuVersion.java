package dev.nestbed.core.host;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A QEMU release, and what nestbed knows is wrong with some of them.
 *
 * <p>Before 9.0, QEMU loses guest stores in a live migration under TCG: the fast path of its
 * dirty-bitmap sync cleared bits without resetting the TCG TLB, so a page the guest wrote after the
 * sync through an already-dirty TLB entry was never sent again (upstream commit 03bfc2188f,
 * "physmem: Fix migration dirty bitmap coherency with TCG memory access"). Migrated guests then
 * crash at the destination, the more often the more they write. KVM tracks dirty pages itself and
 * is not affected.
 */
public record QemuVersion(int major, int minor, int micro) implements Comparable<QemuVersion> {
  private static final QemuVersion TCG_MIGRATION_FIXED = new QemuVersion(9, 0, 0);
  private static final Pattern BANNER =
      Pattern.compile("QEMU emulator version (\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** From libvirt's hypervisor version, major*1,000,000 + minor*1,000 + micro. */
  public static QemuVersion ofLibvirt(long version) {
    return new QemuVersion(
        (int) (version / 1_000_000), (int) (version / 1000 % 1000), (int) (version % 1000));
  }

  /** From the first line of {@code qemu-system-x86_64 --version}. */
  public static Optional<QemuVersion> parse(String banner) {
    Matcher m = BANNER.matcher(banner);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new QemuVersion(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
  }

  /** True for releases that lose guest stores when a TCG guest is live-migrated (see above). */
  public boolean losesStoresInTcgMigration() {
    return compareTo(TCG_MIGRATION_FIXED) < 0;
  }

  /** Why a TCG guest's migration with this QEMU cannot be trusted, for messages and doctor. */
  public String tcgMigrationProblem() {
    return "QEMU "
        + this
        + " loses guest stores in a live migration under TCG (fixed in QEMU 9.0 by"
        + " upstream commit 03bfc2188f); run ci/setup-host.sh, which installs QEMU 10 on Debian 12";
  }

  @Override
  public int compareTo(QemuVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(micro, o.micro);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + micro;
  }
}
