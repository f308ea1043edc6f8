package dev.nestbed.aggregator.remote;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipe to a TCP port as a remote host sees it (its own loopback, where an L1's libvirtd is
 * forwarded): OpenSSH's standard input/output forwarding ({@code ssh -W}), logged in as the host's
 * libvirt URI logs in (user, port, {@code keyfile=}, {@code known_hosts=}). Nothing runs on the
 * host but its sshd, and its key is checked ({@code StrictHostKeyChecking=yes}) unless the URI
 * itself says {@code no_verify=1}. The host's sshd must allow TCP forwarding (OpenSSH's default).
 */
final class SshPipe {
  /** The libvirt transports that log in over SSH. */
  static final Set<String> TRANSPORTS = Set.of("ssh", "libssh", "libssh2");

  private SshPipe() {}

  /** The command, or empty when the URI does not log in over SSH. */
  static Optional<List<String>> command(String libvirtUri, String host, int port) {
    URI uri = URI.create(libvirtUri);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    int plus = scheme.indexOf('+');
    if (plus < 0 || !TRANSPORTS.contains(scheme.substring(plus + 1)) || uri.getHost() == null) {
      return Optional.empty();
    }
    Map<String, String> query = query(uri.getRawQuery());
    List<String> command = new ArrayList<>(List.of("ssh", "-T", "-o", "BatchMode=yes"));
    command.addAll(List.of("-o", "ConnectTimeout=10"));
    boolean verify = !"1".equals(query.get("no_verify"));
    command.addAll(List.of("-o", "StrictHostKeyChecking=" + (verify ? "yes" : "no")));
    if (query.containsKey("known_hosts")) {
      command.addAll(List.of("-o", "UserKnownHostsFile=" + query.get("known_hosts")));
    }
    if (query.containsKey("keyfile")) {
      command.addAll(List.of("-i", query.get("keyfile"), "-o", "IdentitiesOnly=yes"));
    }
    if (uri.getPort() > 0) {
      command.addAll(List.of("-p", Integer.toString(uri.getPort())));
    }
    if (uri.getUserInfo() != null) {
      command.addAll(List.of("-l", uri.getUserInfo()));
    }
    command.addAll(List.of("-W", host + ":" + port, "--", uri.getHost()));
    return Optional.of(List.copyOf(command));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
