package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.pool.LibvirtUri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipe to a TCP port as a remote host sees it (its own loopback, where an L1's libvirtd is
 * forwarded): OpenSSH's standard input/output forwarding ({@code ssh -W}), logged in as the host's
 * libvirt URI logs in (user, port, {@code keyfile=}, {@code known_hosts=}, and the ssh program of
 * {@code command=}, which only nestbed's own URIs carry). Nothing runs on the host but its sshd,
 * and its key is checked ({@code StrictHostKeyChecking=yes}) unless the URI itself says {@code
 * no_verify=1}. The host's sshd must allow TCP forwarding (OpenSSH's default).
 */
final class SshPipe {
  private SshPipe() {}

  /** The command, or empty when the URI does not log in over SSH. */
  static Optional<List<String>> command(String libvirtUri, String host, int port) {
    int separator = libvirtUri.indexOf("://");
    if (separator < 0) {
      return Optional.empty();
    }
    if (!LibvirtUri.parse(libvirtUri).overSsh()) {
      return Optional.empty();
    }
    String rest = libvirtUri.substring(separator + 3);
    int question = rest.indexOf('?');
    String query = question < 0 ? "" : rest.substring(question + 1);
    String beforeQuery = question < 0 ? rest : rest.substring(0, question);
    int slash = beforeQuery.indexOf('/');
    String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    int at = authority.lastIndexOf('@');
    String user = at < 0 ? "" : decode(authority.substring(0, at));
    String hostPort = authority.substring(at + 1);
    String target;
    String targetPort = "";
    if (hostPort.startsWith("[")) { // IPv6 literal
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      target = hostPort.substring(1, close);
      if (hostPort.startsWith(":", close + 1)) {
        targetPort = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      target = colon < 0 ? hostPort : hostPort.substring(0, colon);
      targetPort = colon < 0 ? "" : hostPort.substring(colon + 1);
    }
    if (target.isEmpty() || !targetPort.matches("[0-9]*")) {
      return Optional.empty();
    }
    Map<String, String> parameters = query(query);
    // command= is nestbed's own (a scenario's uri cannot carry one): an ssh with the run's config
    String ssh = parameters.getOrDefault("command", "ssh");
    List<String> command = new ArrayList<>(List.of(ssh, "-T", "-o", "BatchMode=yes"));
    command.addAll(List.of("-o", "ConnectTimeout=10"));
    boolean verify = !"1".equals(parameters.get("no_verify"));
    command.addAll(List.of("-o", "StrictHostKeyChecking=" + (verify ? "yes" : "no")));
    // unchecked, ssh would add the host's key to the file: never to one the uri names
    String knownHosts = verify ? parameters.get("known_hosts") : "/dev/null";
    if (knownHosts != null) {
      // ssh splits an option's value at white space unless it is quoted
      command.addAll(List.of("-o", "UserKnownHostsFile=\"" + knownHosts + "\""));
    }
    String keyfile = parameters.get("keyfile");
    if (keyfile != null) {
      command.addAll(List.of("-i", keyfile, "-o", "IdentitiesOnly=yes"));
    }
    if (!targetPort.isEmpty()) {
      command.addAll(List.of("-p", targetPort));
    }
    if (!user.isEmpty()) {
      command.addAll(List.of("-l", user));
    }
    command.addAll(List.of("-W", host + ":" + port, "--", target));
    return Optional.of(List.copyOf(command));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(decode(key), decode(value));
    }
    return values;
  }

  /** %XX escapes only, as libvirt reads its URIs ('+' stays a plus). */
  private static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        try {
          bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: kept as it is
        }
      }
      byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      bytes.write(encoded, 0, encoded.length);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
