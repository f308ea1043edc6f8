package dev.nestbed.aggregator.vagrant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JumpHostTest {
  @TempDir Path dir;

  @Test
  void sshUrisWithPlainPartsAreAccepted() {
    for (String uri :
        List.of(
            "qemu+ssh://kvmhost/system",
            "qemu+ssh://me@kvm-1.lab.example:2222/system",
            "qemu+libssh2://root@10.214.3.11/system?keyfile=/k/id&known_hosts=/k/kh&sshauth=privkey",
            "qemu+ssh://[fd00::1]/system?no_verify=1")) {
      assertNull(JumpHost.whyNot(uri), uri);
    }
  }

  @Test
  void whatCouldRunAProgramOrBreakTheConfigIsRefused() {
    for (String uri :
        List.of(
            "qemu+tcp://kvmhost/system",
            "qemu+ext:///system?command=/bin/sh",
            "qemu+ssh://kvmhost/system?command=/tmp/ssh",
            "qemu+ssh://kvmhost/system?netcat=/tmp/nc",
            "qemu+ssh://kvmhost/system?keyfile=/k/id;command=/tmp/ssh",
            "qemu+ssh://kvmhost/system?keyfile=/k/id%0AProxyCommand%20x",
            "qemu+ssh://kvm host/system",
            "qemu+ssh://-oProxyCommand=x/system",
            "qemu+ssh://kvmhost/system?keyfile=/k/my key",
            // unchecked, ssh would append the host's key to that file
            "qemu+ssh://kvmhost/system?no_verify=1&known_hosts=/root/.ssh/authorized_keys")) {
      assertNotNull(JumpHost.whyNot(uri), uri);
    }
  }

  @Test
  void theConfigLogsInToTheHostAsTheUriDoesAndReachesMachinesOnlyThroughIt() throws Exception {
    JumpHost jump =
        JumpHost.of(
            "qemu+libssh2://root@10.214.3.11:2222/system?keyfile=/k/id&known_hosts=/k/kh&sshauth=privkey&socket=/run/l.sock",
            dir);
    jump.write(Path.of("/p/id_ed25519"));
    String config = Files.readString(jump.config());
    assertTrue(
        config.contains(
            """
            Host nb-jump
              HostName 10.214.3.11
              User root
              Port 2222
              IdentityFile "/k/id"
              IdentitiesOnly yes
              UserKnownHostsFile "/k/kh"
              StrictHostKeyChecking yes
            """),
        config);
    assertTrue(
        config.contains(
            "Host 10.216.*\n  User vagrant\n  IdentityFile \"/p/id_ed25519\"\n  IdentitiesOnly yes\n"
                + "  UserKnownHostsFile \""
                + dir.resolve("known_hosts")
                + "\"\n  StrictHostKeyChecking yes\n  ProxyCommand '"
                + dir.resolve("ssh")
                + "' -W %h:%p nb-jump\n"),
        config);
    assertEquals(
        "qemu+ssh://nb-jump/system?command=" + dir.resolve("ssh") + "&no_tty=1&socket=/run/l.sock",
        jump.hostUri());
    assertEquals(
        "qemu+ssh://vagrant@10.216.7.101/system?command=" + dir.resolve("ssh") + "&no_tty=1",
        jump.machineUri("10.216.7.101"));
    assertEquals("'" + dir.resolve("ssh") + "' -W %h:%p nb-jump", jump.proxyCommand());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jump.ssh())));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jump.config())));
    assertTrue(Files.readString(jump.ssh()).contains("exec ssh -F '" + jump.config() + "' \"$@\""));
  }

  @Test
  void uncheckedHostKeysGoNowhereAndAPathWithSpacesIsEscapedAndQuoted() throws Exception {
    JumpHost jump = JumpHost.of("qemu+ssh://kvmhost/system?no_verify=1", dir.resolve("a b'c"));
    jump.write(Path.of("/p/id_ed25519"));
    String config = Files.readString(jump.config());
    assertTrue(
        config.contains("  UserKnownHostsFile \"/dev/null\"\n  StrictHostKeyChecking no\n"),
        config);
    assertTrue(jump.hostUri().contains("/a%20b%27c/ssh&"), jump.hostUri());
    assertEquals("'" + dir.resolve("a b") + "'\\''c/ssh' -W %h:%p nb-jump", jump.proxyCommand());
  }
}
