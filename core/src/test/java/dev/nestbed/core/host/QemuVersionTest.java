package dev.nestbed.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QemuVersionTest {
  @Test
  void readsTheBannerOfDebianBuilds() {
    assertEquals(
        Optional.of(new QemuVersion(7, 2, 22)),
        QemuVersion.parse(
            "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright"));
    assertEquals(
        Optional.of(new QemuVersion(10, 0, 2)),
        QemuVersion.parse("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2+deb13u1~bpo12+1)"));
    assertEquals(
        Optional.of(new QemuVersion(9, 0, 0)), QemuVersion.parse("QEMU emulator version 9.0"));
    assertEquals(Optional.empty(), QemuVersion.parse("qemu-system-x86_64: command not found"));
  }

  @Test
  void readsLibvirtsEncoding() {
    assertEquals(new QemuVersion(10, 0, 2), QemuVersion.ofLibvirt(10_000_002L));
    assertEquals(new QemuVersion(7, 2, 22), QemuVersion.ofLibvirt(7_002_022L));
  }

  @Test
  void releasesBeforeNineLoseStoresInTcgMigration() {
    assertTrue(new QemuVersion(7, 2, 22).losesStoresInTcgMigration());
    assertTrue(new QemuVersion(8, 2, 9).losesStoresInTcgMigration());
    assertFalse(new QemuVersion(9, 0, 0).losesStoresInTcgMigration());
    assertFalse(new QemuVersion(10, 0, 2).losesStoresInTcgMigration());
  }
}
