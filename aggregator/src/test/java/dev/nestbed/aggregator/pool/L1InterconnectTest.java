package dev.nestbed.aggregator.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class L1InterconnectTest {
  @Test
  void eachPoolHasItsOwnAddressAndMac() {
    assertEquals("10.214.0.10", new L1Interconnect(0).address());
    assertEquals("10.214.0.11", new L1Interconnect(1).address());
    assertEquals("52:54:00:4e:42:0f", new L1Interconnect(15).mac());
    assertThrows(IllegalArgumentException.class, () -> new L1Interconnect(240));
    assertThrows(IllegalArgumentException.class, () -> new L1Interconnect(-1));
  }

  @Test
  void theNicSendsFromItsNodesAddressInTheSlotAfterTheUserModeNic() {
    String args = new L1Interconnect(1).qemuArgs("10.213.0.2");
    assertTrue(args.contains("socket,id=nbic,mcast=239.214.0.1:42140,localaddr=10.213.0.2"), args);
    assertTrue(
        args.contains("virtio-net-pci,netdev=nbic,mac=52:54:00:4e:42:01,bus=pci.0,addr=0x1f"),
        args);
  }

  /** The scripts run in a shell over a stand-in for /sys/class/net, as the L1 would run them. */
  @Test
  void theScriptsFindTheNicByItsMac(@TempDir Path dir) throws Exception {
    Path eth1 = Files.createDirectories(dir.resolve("eth1/statistics"));
    Files.writeString(dir.resolve("eth1/address"), "52:54:00:4e:42:03\n");
    Files.writeString(eth1.resolve("rx_bytes"), "123456\n");
    Files.createDirectories(dir.resolve("eth0"));
    Files.writeString(dir.resolve("eth0/address"), "52:54:00:12:34:56\n");

    assertEquals("123456", sh(new L1Interconnect(3).receivedBytesScript(), dir).strip());
    assertTrue(
        sh(new L1Interconnect(4).receivedBytesScript(), dir)
            .contains("no NIC with MAC 52:54:00:4e:42:04"));
  }

  private static String sh(String script, Path sysClassNet) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", script.replace("/sys/class/net", sysClassNet.toString()))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
