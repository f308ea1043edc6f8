package dev.nestbed.scenario.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nestbed.core.process.ProcessRunner;
import dev.nestbed.scenario.record.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSoftwareTest {
  @TempDir Path dir;

  @Test
  void theKernelIsItsReleaseAsUnameSaysIt() throws Exception {
    Path osrelease = Files.writeString(dir.resolve("osrelease"), "6.1.0-27-amd64\n");

    assertEquals(Fact.known("6.1.0-27-amd64"), HostSoftware.kernel(osrelease));
  }

  @Test
  void aKernelReleaseThatCannotBeReadSaysWhy() {
    Fact kernel = HostSoftware.kernel(dir.resolve("missing"));

    assertTrue(
        kernel.whyUnknown().startsWith("cannot read " + dir.resolve("missing")),
        kernel.whyUnknown());
  }

  @Test
  void aBannerIsTheFirstLineOfTheVersion() throws Exception {
    program(
        "qemu-system-x86_64",
        "echo 'QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2)'; echo 'Copyright'");

    assertEquals(
        Fact.known("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2)"),
        HostSoftware.banner(
            new ProcessRunner(), "qemu-system-x86_64", List.of(dir.resolve("none"), dir)));
  }

  @Test
  void aProgramThatIsNotInstalledIsUnknownWithWhereItWasLookedFor() {
    Fact libvirt = HostSoftware.banner(new ProcessRunner(), "libvirtd", List.of(dir));

    assertEquals(Fact.unknown("libvirtd is not installed (not in " + dir + ")"), libvirt);
  }

  @Test
  void aProgramThatFailsIsUnknownWithWhatItSaid() throws Exception {
    program("libvirtd", "echo 'libvirtd: error while loading shared libraries' >&2; exit 127");

    Fact libvirt = HostSoftware.banner(new ProcessRunner(), "libvirtd", List.of(dir));

    assertEquals(
        dir.resolve("libvirtd")
            + " --version exited 127: libvirtd: error while loading shared libraries",
        libvirt.whyUnknown());
  }

  @Test
  void theSbinDirectoriesAreSearchedToo() {
    assertTrue(
        HostSoftware.searchPath().containsAll(List.of(Path.of("/usr/sbin"), Path.of("/sbin"))));
  }

  private void program(String name, String script) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
