package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibvirtUriTest {
  @Test
  void aUnixSocketUriIsOnThisMachineAndNamesItsSocket() {
    LibvirtUri uri =
        LibvirtUri.parse(
            "qemu+unix:///system?socket=/tmp/nestbed/ab12cd34/n1/run/libvirt/libvirt-sock");
    assertEquals("unix", uri.transport());
    assertEquals("", uri.host());
    assertEquals("/tmp/nestbed/ab12cd34/n1/run/libvirt/libvirt-sock", uri.socket());
    assertEquals(Optional.empty(), uri.whyElsewhere());
  }

  @Test
  void plainLocalUrisAreOnThisMachine() {
    for (String text :
        new String[] {
          "qemu:///system",
          "qemu:///session",
          "test:///default",
          "qemu+ssh://root@localhost/system",
          "qemu+tcp://127.0.0.1:16509/system",
          "qemu+tcp://[::1]/system"
        }) {
      assertEquals(Optional.empty(), LibvirtUri.parse(text).whyElsewhere(), text);
    }
  }

  @Test
  void aUriNamingAnotherHostIsElsewhereWhateverItsTransport() {
    assertEquals(
        Optional.of("it names host big.example"),
        LibvirtUri.parse("qemu+ssh://root@big.example:2222/system?keyfile=/root/k").whyElsewhere());
    assertEquals("big", LibvirtUri.parse("qemu+tcp://big/system").host());
    assertEquals("tcp", LibvirtUri.parse("qemu+tcp://big/system").transport());
    assertEquals("fd00::5", LibvirtUri.parse("qemu://[fd00::5]:16514/system").host());
    assertTrue(LibvirtUri.parse("qemu://big/system").whyElsewhere().isPresent());
  }

  @Test
  void theExtTransportMayLeadAnywhere() {
    assertTrue(
        LibvirtUri.parse("qemu+ext:///system?command=/tmp/pipe")
            .whyElsewhere()
            .orElseThrow()
            .contains("ext transport"));
  }

  @Test
  void escapedSocketPathsAreDecoded() {
    assertEquals(
        "/tmp/a b/c+d",
        LibvirtUri.parse("qemu+unix:///system?mode=legacy&socket=/tmp/a%20b/c+d").socket());
  }

  @Test
  void theHintForAMissingSocketSaysThereIsNone() {
    String hint =
        LibvirtUri.parse("qemu+unix:///system?socket=/nonexistent/libvirt-sock").unreachableHint();
    assertTrue(hint.startsWith("there is no socket at /nonexistent/libvirt-sock"), hint);
    assertTrue(
        hint.contains(
            "virsh -c 'qemu+unix:///system?socket=/nonexistent/libvirt-sock' capabilities"),
        hint);
  }

  @Test
  void theHintForASshUriSuggestsCheckingTheLogin() {
    assertTrue(
        LibvirtUri.parse("qemu+ssh://root@big/system")
            .unreachableHint()
            .startsWith("check that 'ssh big'"));
  }
}
