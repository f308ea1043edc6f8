package dev.nestbed.aggregator.pool;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What nestbed can tell from a libvirt URI alone, without connecting: the transport, the host it
 * names and the socket it points at. That decides whether the daemon behind it runs on this machine
 * (a partition's agent channel and files live here) and what to suggest when it cannot be reached.
 *
 * @param transport what follows {@code +} in the scheme ({@code unix}, {@code ssh}, {@code tcp},
 *     {@code tls}, {@code ext}, ...); empty when the scheme has none
 * @param host the host the URI names, without user and port; empty for a local URI
 * @param socket the {@code socket=} parameter, or empty
 */
public record LibvirtUri(String text, String transport, String host, String socket) {
  private static final Pattern SHAPE =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9.+-]*):(?://([^/?#]*))?[^?#]*(?:\\?([^#]*))?.*", Pattern.DOTALL);
  private static final Set<String> THIS_MACHINE = Set.of("localhost", "127.0.0.1", "::1");

  /** The transports that log in over SSH. */
  private static final Set<String> SSH = Set.of("ssh", "libssh", "libssh2");

  public static LibvirtUri parse(String uri) {
    Matcher m = SHAPE.matcher(uri);
    if (!m.matches()) {
      return new LibvirtUri(uri, "", "", "");
    }
    String scheme = m.group(1);
    int plus = scheme.indexOf('+');
    String transport = plus < 0 ? "" : scheme.substring(plus + 1).toLowerCase(Locale.ROOT);
    return new LibvirtUri(uri, transport, host(m.group(2)), parameter(m.group(3), "socket"));
  }

  private static String host(String authority) {
    if (authority == null || authority.isEmpty()) {
      return "";
    }
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host.substring(1) : host.substring(1, close);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  private static String parameter(String query, String name) {
    if (query == null) {
      return "";
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        // libvirt escapes URI parameters with %XX; a literal '+' in a path is a '+'
        return URLDecoder.decode(
            pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /**
   * Empty when the daemon behind the URI runs on this machine; otherwise why nestbed cannot assume
   * that. A URI naming a host other than this machine's loopback names is elsewhere; so is one with
   * the {@code ext} transport, whose command may lead anywhere.
   */
  public Optional<String> whyElsewhere() {
    if (!host.isEmpty() && !THIS_MACHINE.contains(host.toLowerCase(Locale.ROOT))) {
      return Optional.of("it names host " + host);
    }
    if ("ext".equals(transport)) {
      return Optional.of("its ext transport runs a command that may lead to another machine");
    }
    return Optional.empty();
  }

  /**
   * True when libvirt logs in to the host over SSH ({@code qemu+ssh}, {@code +libssh}, {@code
   * +libssh2}).
   */
  public boolean overSsh() {
    return SSH.contains(transport);
  }

  /** What to check when nothing answers at this URI. */
  public String unreachableHint() {
    String check = "check with: virsh -c '" + text + "' capabilities";
    if (!socket.isEmpty()) {
      return Files.exists(Path.of(socket))
          ? "the socket "
              + socket
              + " exists but no libvirtd answers on it: is that daemon still running? "
              + check
          : "there is no socket at "
              + socket
              + ": start that libvirtd, or correct the socket= of the uri; "
              + check;
    }
    if (host.isEmpty()) {
      return "is the libvirt daemon of this URI running on this machine? " + check;
    }
    if (overSsh()) {
      return "check that 'ssh "
          + host
          + "' logs in without a prompt and that libvirtd runs there; then "
          + check;
    }
    return switch (transport) {
      case "tcp", "tls", "" ->
          "check that libvirtd on "
              + host
              + " listens for "
              + (transport.isEmpty() ? "tls" : transport)
              + " connections and that its port is reachable from here; then "
              + check;
      default -> "check that libvirtd runs on " + host + " and is reachable from here; " + check;
    };
  }
}
