package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class L1LoginTest {
  @TempDir Path dir;

  @Test
  void eachL1GetsARandomPasswordReadableByItsOwnerAloneOnItsDiskAndInItsAuthFile()
      throws Exception {
    L1Login first = L1Login.create(dir.resolve("a"));
    L1Login second = L1Login.create(dir.resolve("b"));
    String password = Files.readString(first.directory().resolve(L1Login.FILE));
    assertTrue(password.matches("[0-9a-f]{48}"), "no newline (saslpasswd2 -p): " + password);
    assertNotEquals(password, Files.readString(second.directory().resolve(L1Login.FILE)));
    assertEquals(
        "[credentials-nestbed]\nauthname=nestbed\npassword="
            + password
            + "\n\n[auth-libvirt-default]\ncredentials=nestbed\n",
        Files.readString(first.authFile()));
    for (Path file : new Path[] {first.directory().resolve(L1Login.FILE), first.authFile()}) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          file.toString());
    }
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(first.directory())));
    assertEquals(L1Login.DIRECTORY, first.directory().getFileName().toString());
  }
}
