package dev.nestbed.aggregator.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshPipeTest {
  @Test
  void aLibssh2UriBecomesSshStdioForwardingWithItsUserPortKeyAndKnownHosts() {
    assertEquals(
        Optional.of(
            List.of(
                "ssh",
                "-T",
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=10",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=\"/k/known hosts\"",
                "-i",
                "/k/key",
                "-o",
                "IdentitiesOnly=yes",
                "-p",
                "2222",
                "-l",
                "root",
                "-W",
                "127.0.0.1:20001",
                "--",
                "host1")),
        SshPipe.command(
            "QEMU+LIBSSH2://root@host1:2222/system?keyfile=/k/key&known_hosts=/k/known%20hosts"
                + "&sshauth=privkey",
            "127.0.0.1", 20001));
  }

  @Test
  void hostKeysGoUncheckedOnlyWhereTheUriSaysNoVerify() {
    List<String> command =
        SshPipe.command("qemu+ssh://h/system?no_verify=1", "127.0.0.1", 1).orElseThrow();
    assertEquals("StrictHostKeyChecking=no", command.get(7));
    assertEquals("UserKnownHostsFile=\"/dev/null\"", command.get(9));
    assertEquals(List.of("-W", "127.0.0.1:1", "--", "h"), command.subList(10, 14));
  }

  @Test
  void uncheckedHostKeysAreNeverWrittenToAFileTheUriNames() {
    List<String> command =
        SshPipe.command(
                "qemu+ssh://h/system?no_verify=1&known_hosts=/root/.ssh/authorized_keys",
                "127.0.0.1",
                1)
            .orElseThrow();
    assertEquals("UserKnownHostsFile=\"/dev/null\"", command.get(9));
    assertTrue(
        command.stream().noneMatch(arg -> arg.contains("authorized_keys")), command.toString());
  }

  @Test
  void anIpv6HostLosesItsBracketsAndAPlusInAPathStaysAPlus() {
    List<String> command =
        SshPipe.command("qemu+ssh://me@[fd00::1]:22/system?keyfile=/k/a+b", "127.0.0.1", 2)
            .orElseThrow();
    assertEquals("/k/a+b", command.get(command.indexOf("-i") + 1));
    assertEquals("22", command.get(command.indexOf("-p") + 1));
    assertEquals("fd00::1", command.get(command.size() - 1));
  }

  @Test
  void aHostNameWithAnUnderscoreIsKept() {
    List<String> command =
        SshPipe.command("qemu+ssh://build_host/system", "127.0.0.1", 2).orElseThrow();
    assertEquals("build_host", command.get(command.size() - 1));
  }

  @Test
  void transportsThatDoNotLogInOverSshHaveNoPipe() {
    for (String uri :
        List.of(
            "qemu+tls://h/system",
            "qemu+tcp://h/system",
            "qemu:///system",
            "qemu+unix:///system")) {
      assertEquals(Optional.empty(), SshPipe.command(uri, "127.0.0.1", 1), uri);
    }
  }

  @Test
  void aUriWithACommandRunsThatSshWithTheRestOfItsSettings() {
    List<String> command =
        SshPipe.command(
                "qemu+ssh://vagrant@10.216.3.101/system?command=/run/nb/ssh&no_tty=1",
                "127.0.0.1",
                16509)
            .orElseThrow();
    assertEquals("/run/nb/ssh", command.get(0));
    assertEquals(
        List.of("-l", "vagrant", "-W", "127.0.0.1:16509", "--", "10.216.3.101"),
        command.subList(command.size() - 6, command.size()));
  }
}
