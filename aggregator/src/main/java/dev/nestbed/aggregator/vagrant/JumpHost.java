package dev.nestbed.aggregator.vagrant;

import dev.nestbed.aggregator.pool.LibvirtUri;
import dev.nestbed.core.NestbedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Another machine's libvirt, given as {@code nodes.libvirt}, as the jump host to the Vagrant
 * machines it runs. Their management network lives on that machine, so nothing here can reach them
 * directly: every SSH session to a machine (Vagrant's, libvirt's, ssh-keyscan's) goes through
 * OpenSSH's {@code -W} on the jump host. One {@code ssh_config} of the run's own says how: {@code
 * nb-jump} logs in as the URI does (user, port, {@code keyfile=}, {@code known_hosts=}), and every
 * machine address (10.216.*) is reached through it with the run's key and known hosts, strictly
 * checked. A wrapper {@code ssh} script passes that file, so libvirt's {@code command=} and
 * Vagrant's proxy command can use it.
 *
 * <p>The URI comes from a scenario file, so each part is checked against a narrow pattern before it
 * reaches the file: a scenario must never make nestbed run a program ({@code command=} and {@code
 * netcat=} are refused; a newline could smuggle a ProxyCommand into the config).
 */
public final class JumpHost {
  /** The config's name for the host the URI names. */
  static final String ALIAS = "nb-jump";

  private static final Pattern SHAPE =
      Pattern.compile(
          "qemu\\+(ssh|libssh|libssh2)://(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?"
              + "([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?"
              + "(/[A-Za-z0-9_/-]*)(?:\\?(.*))?");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._/+:,=-]*");

  /** Parameters kept in the URI libvirt gets; the others go into the config or are libssh's. */
  private static final Set<String> PASSED = Set.of("socket", "mode", "proxy");

  private static final Set<String> READ = Set.of("keyfile", "known_hosts", "no_verify", "sshauth");

  private final @Nullable String user;
  private final String host;
  private final @Nullable String port;
  private final String path;
  private final Map<String, String> parameters;
  private final Path dir;

  private JumpHost(
      @Nullable String user,
      String host,
      @Nullable String port,
      String path,
      Map<String, String> parameters,
      Path dir) {
    this.user = user;
    this.host = host;
    this.port = port;
    this.path = path;
    this.parameters = parameters;
    this.dir = dir;
  }

  /**
   * Null when Vagrant machines can run on the libvirt at {@code uri}; otherwise why not, as the end
   * of a sentence that starts with the URI.
   */
  public static @Nullable String whyNot(String uri) {
    if (!LibvirtUri.parse(uri).overSsh()) {
      return "is not reached over SSH (qemu+ssh, qemu+libssh or qemu+libssh2): nestbed reaches the"
          + " machines' management network through that host's sshd";
    }
    Matcher m = SHAPE.matcher(uri);
    if (!m.matches()) {
      return "is not of the form qemu+ssh://[user@]host[:port]/system[?parameters] with a plain"
          + " host name or address";
    }
    Map<String, String> parameters = query(m.group(6));
    if (parameters.containsKey("known_hosts") && parameters.containsKey("no_verify")) {
      // unchecked, ssh adds the host's key to that file: a line the scenario's host name starts
      return "has both known_hosts= and no_verify=: unchecked, ssh would write into that file";
    }
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      if (!PASSED.contains(p.getKey()) && !READ.contains(p.getKey())) {
        return "has parameter "
            + p.getKey()
            + "=, which nestbed does not pass on (it takes "
            + String.join(", ", List.copyOf(new java.util.TreeSet<>(union())))
            + ")";
      }
      if (!VALUE.matcher(p.getValue()).matches()) {
        return "has a " + p.getKey() + "= with characters other than letters, digits and ._/+:,=-";
      }
    }
    return null;
  }

  private static Set<String> union() {
    Set<String> all = new java.util.HashSet<>(PASSED);
    all.addAll(READ);
    return all;
  }

  /**
   * The jump host for {@code uri}, whose files go into {@code dir}.
   *
   * @throws IllegalArgumentException when {@link #whyNot} has a reason
   */
  static JumpHost of(String uri, Path dir) {
    String why = whyNot(uri);
    if (why != null) {
      throw new IllegalArgumentException(uri + " " + why);
    }
    Matcher m = SHAPE.matcher(uri);
    if (!m.matches()) {
      throw new IllegalStateException(uri);
    }
    String host = m.group(3).replaceAll("^\\[|\\]$", "");
    return new JumpHost(m.group(2), host, m.group(4), m.group(5), query(m.group(6)), dir);
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      values.put(
          equals < 0 ? pair : pair.substring(0, equals),
          equals < 0 ? "" : pair.substring(equals + 1));
    }
    return values;
  }

  /** The wrapper: OpenSSH's client with the run's config. */
  Path ssh() {
    return dir.resolve("ssh");
  }

  Path config() {
    return dir.resolve("ssh_config");
  }

  /** The machines' host keys, as {@link #write} points the config at them. */
  Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** The host's libvirt through the wrapper: what nestbed and vagrant-libvirt connect to. */
  String hostUri() {
    StringBuilder uri =
        new StringBuilder(
            "qemu+ssh://" + ALIAS + path + "?command=" + escaped(ssh()) + "&no_tty=1");
    parameters.forEach(
        (key, value) -> {
          if (PASSED.contains(key)) {
            uri.append('&').append(key).append('=').append(value);
          }
        });
    return uri.toString();
  }

  /** A machine's libvirt through the jump host, logged in as {@code vagrant}. */
  String machineUri(String address) {
    return "qemu+ssh://vagrant@" + address + "/system?command=" + escaped(ssh()) + "&no_tty=1";
  }

  /** A path as a URI parameter: libvirt decodes %XX (NESTBED_WORK may hold any character). */
  private static String escaped(Path path) {
    StringBuilder out = new StringBuilder();
    for (byte b : path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "/._-".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append(String.format("%%%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /**
   * What Vagrant's SSH to a machine runs to get there (through /bin/sh: the path is quoted; it
   * comes from NESTBED_WORK, never from a scenario).
   */
  String proxyCommand() {
    return shellQuoted(ssh()) + " -W %h:%p " + ALIAS;
  }

  private static String shellQuoted(Path path) {
    return "'" + path.toString().replace("'", "'\\''") + "'";
  }

  /** {@code ssh-keyscan} of a machine, run on the jump host (the only host that reaches it). */
  List<String> keyscan(String address) {
    return List.of(ssh().toString(), ALIAS, "ssh-keyscan", "-t", "ed25519", address);
  }

  /** For messages: the host as the user named it. */
  String host() {
    return host;
  }

  /**
   * Writes the wrapper and the config, private to this user, for machines logged in to with {@code
   * machineKey}.
   */
  void write(Path machineKey) {
    StringBuilder config = new StringBuilder();
    config
        .append(
            "# Written by nestbed for one run: the libvirt host, and the Vagrant machines on it\n")
        .append("Host ")
        .append(ALIAS)
        .append("\n  HostName ")
        .append(host)
        .append('\n');
    if (user != null) {
      config.append("  User ").append(user).append('\n');
    }
    if (port != null) {
      config.append("  Port ").append(port).append('\n');
    }
    String keyfile = parameters.get("keyfile");
    if (keyfile != null) {
      config.append("  IdentityFile \"").append(keyfile).append("\"\n  IdentitiesOnly yes\n");
    }
    boolean verify = !"1".equals(parameters.get("no_verify"));
    String known = verify ? parameters.get("known_hosts") : "/dev/null";
    if (known != null) {
      config.append("  UserKnownHostsFile \"").append(known).append("\"\n");
    }
    config
        .append("  StrictHostKeyChecking ")
        .append(verify ? "yes" : "no")
        .append('\n')
        .append("Host 10.216.*\n  User vagrant\n  IdentityFile \"")
        .append(machineKey)
        .append("\"\n  IdentitiesOnly yes\n  UserKnownHostsFile \"")
        .append(knownHosts())
        .append("\"\n  StrictHostKeyChecking yes\n  ProxyCommand ")
        .append(proxyCommand())
        .append("\nHost *\n  BatchMode yes\n  ConnectTimeout 10\n  ServerAliveInterval 15\n");
    try {
      Files.createDirectories(dir);
      writePrivate(config(), config.toString(), "rw-------");
      writePrivate(
          ssh(),
          "#!/bin/sh\n# OpenSSH with nestbed's config for this run\nexec ssh -F "
              + shellQuoted(config())
              + " \"$@\"\n",
          "rwx------");
      if (!Files.exists(knownHosts())) {
        writePrivate(knownHosts(), "", "rw-------");
      }
    } catch (IOException e) {
      throw new NestbedException(
          "cannot write the SSH settings for " + host + " under " + dir + ": " + e.getMessage(),
          "set NESTBED_WORK to a writable directory",
          e);
    }
  }

  private static void writePrivate(Path file, String text, String permissions) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
    Files.writeString(file, text);
  }
}
