package dev.nestbed.scenario.parse;

import dev.nestbed.aggregator.NodeProviders;
import dev.nestbed.aggregator.local.LocalNodeProvider;
import dev.nestbed.aggregator.pool.L1Interconnect;
import dev.nestbed.aggregator.pool.LibvirtUri;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PoolSpec;
import dev.nestbed.scenario.spec.ScenarioSpec;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What this build of nestbed can run, checked before anything starts: the node providers and pool
 * backends it has, the shape of a host pool (one machine), and libvirt URIs that would make libvirt
 * run a program named in the scenario. The language knows more providers and backends than this
 * build runs; a scenario that uses one is refused here (exit 2), never after nodes boot.
 */
final class SupportCheck {
  /** The provider whose nodes are a model: nothing starts, and every pool is {@link #SIM} too. */
  static final String SIM = "sim";

  /**
   * The node providers this build runs: those that start real nodes, and the simulated one; the
   * rest of {@link Keys#PROVIDERS} are to come.
   */
  static final List<String> BUILT_PROVIDERS =
      java.util.stream.Stream.concat(NodeProviders.BUILT.stream(), java.util.stream.Stream.of(SIM))
          .toList();

  /** The pool backends this build runs; the rest of {@link Keys#BACKENDS} are to come. */
  static final Set<String> BUILT_BACKENDS = Set.of("host", "nested", SIM);

  /**
   * The transports nestbed passes on to libvirt: none of them runs a program named in the URI. Not
   * {@code ext}, which runs {@code command=}; any transport not listed is refused too.
   */
  private static final Set<String> TRANSPORTS =
      Set.of("", "unix", "ssh", "libssh", "libssh2", "tls", "tcp");

  /**
   * The URI parameters nestbed passes on. Not {@code command=} (the ssh binary), {@code netcat=}
   * (the program run on the far side) nor {@code name=} (a URI the far daemon opens, which may
   * itself run a program); anything not listed is refused rather than guessed about.
   */
  private static final Set<String> PARAMETERS =
      Set.of(
          "socket",
          "keyfile",
          "known_hosts",
          "known_hosts_verify",
          "no_verify",
          "no_tty",
          "sshauth",
          "pkipath",
          "tls_priority",
          "mode",
          "proxy");

  private static final Pattern SCHEME =
      Pattern.compile("([A-Za-z][A-Za-z0-9.+-]*):.*", Pattern.DOTALL);

  private final ScenarioSpec spec;
  private final Problems problems;
  private final Sources sources;

  SupportCheck(ScenarioSpec spec, Problems problems, Sources sources) {
    this.spec = spec;
    this.problems = problems;
    this.sources = sources;
  }

  void run() {
    if (spec.nodes() != null
        && spec.nodes().provider() != null
        && !spec.nodes().hosts().isEmpty()
        && !BUILT_PROVIDERS.contains(spec.nodes().provider())) {
      problems.add(
          sources.at(spec.nodes().location(), "provider"),
          "nodes: provider '" + spec.nodes().provider() + "' is not built in this nestbed yet",
          "use provider: local (built: " + String.join(", ", BUILT_PROVIDERS) + ")");
    }
    if (spec.nodes() != null) {
      for (HostSpec host : spec.nodes().hosts()) {
        Location at = sources.at(host.location(), "uri");
        String uri = host.uri();
        if (uri != null
            && uri(uri, at, "node " + host.name())
            && LibvirtUri.parse(uri).host().isEmpty()) {
          problems.add(
              at,
              "node "
                  + host.name()
                  + ": a remote host's uri must name the host, as in"
                  + " qemu+ssh://root@host1/system",
              "nestbed sends migration streams to the host the uri names");
        }
      }
    }
    for (PoolSpec pool : spec.pools()) {
      pool(pool);
    }
    addressPlan();
  }

  /** The addresses nodes and nested pools get are finite: say so before the first one is taken. */
  private void addressPlan() {
    if (spec.nodes() != null
        && "local".equals(spec.nodes().provider())
        && spec.nodes().hosts().size() > LocalNodeProvider.MAX_NODES) {
      HostSpec first = spec.nodes().hosts().get(LocalNodeProvider.MAX_NODES);
      problems.add(
          first.location(),
          "nodes: "
              + spec.nodes().hosts().size()
              + " local nodes, but one run's address"
              + " plan holds "
              + LocalNodeProvider.MAX_NODES,
          "split the experiment, or use fewer, larger nodes");
    }
    List<PoolSpec> nested =
        spec.pools().stream().filter(p -> "nested".equals(p.backend())).toList();
    if (nested.size() > L1Interconnect.MAX_POOLS) {
      problems.add(
          nested.get(L1Interconnect.MAX_POOLS).location(),
          "pools: "
              + nested.size()
              + " nested pools, but"
              + " one run's interconnect holds "
              + L1Interconnect.MAX_POOLS,
          "split the experiment into several runs");
    }
  }

  private void pool(PoolSpec pool) {
    if (pool.backend() == null || pool.name() == null) {
      return;
    }
    if (!BUILT_BACKENDS.contains(pool.backend())) {
      problems.add(
          sources.at(pool.location(), "backend"),
          "pool "
              + pool.name()
              + ": backend '"
              + pool.backend()
              + "' is not built in this nestbed yet",
          "use backend: nested or host");
      return;
    }
    String provider = spec.nodes() == null ? null : spec.nodes().provider();
    if (!simulation(pool, provider)) {
      return;
    }
    if (pool.backend().equals("nested")
        && provider != null
        && BUILT_PROVIDERS.contains(provider)
        && !NodeProviders.NESTED_CAPABLE.contains(provider)) {
      problems.add(
          sources.at(pool.location(), "backend"),
          "pool "
              + pool.name()
              + ": a nested pool on "
              + provider
              + " nodes is not built in this nestbed yet (its L1 boots on local, container and remote nodes only)",
          "use backend: host (one pool per host), or provider: local, container or remote");
    }
    if (pool.backend().equals("nested") && "remote".equals(provider)) {
      nestedOnRemote(pool);
    }
    if (pool.backend().equals("nested")
        && provider != null
        && NodeProviders.NESTED_ONE_NODE.contains(provider)
        && pool.nodes().size() + pool.spare().size() > 1) {
      problems.add(
          sources.at(pool.location(), "nodes"),
          "pool "
              + pool.name()
              + ": a nested pool on "
              + provider
              + " nodes holds one node, but it lists "
              + (pool.nodes().size() + pool.spare().size())
              + " (its L1 runs inside the first node's "
              + (provider.equals("container") ? "container" : "machine")
              + ", limited to that node's CPUs and memory)",
          "one nested pool per node, or provider: local to join nodes into one pool");
    }
    if (pool.backend().equals("host")) {
      if (pool.nodes().size() > 1) {
        problems.add(
            sources.at(pool.location(), "nodes", 1),
            "pool "
                + pool.name()
                + ": a host pool adopts one"
                + " machine, but it lists "
                + pool.nodes().size()
                + " nodes",
            "use backend: nested to join nodes into one pool, or one host pool per node");
      }
      if (!pool.spare().isEmpty()) {
        problems.add(
            sources.at(pool.location(), "spare"),
            "pool "
                + pool.name()
                + ": a host pool has no spare"
                + " nodes (nodes join and leave nested pools)",
            "use backend: nested, or drop spare");
      }
    }
    uri(pool.uri(), sources.at(pool.location(), "uri"), "pool " + pool.name());
  }

  /**
   * A simulated pool needs simulated nodes and simulated nodes host only simulated pools: a model
   * has no machine to boot an L1 or adopt, and a real pool cannot run on a model. False when the
   * pool mixes the two (reported).
   */
  private boolean simulation(PoolSpec pool, @Nullable String provider) {
    if (provider == null || (SIM.equals(pool.backend()) == SIM.equals(provider))) {
      return true;
    }
    problems.add(
        sources.at(pool.location(), "backend"),
        SIM.equals(provider)
            ? "pool "
                + pool.name()
                + ": provider sim starts no real node, so a "
                + pool.backend()
                + " pool has no machine to run on"
            : "pool "
                + pool.name()
                + ": a sim pool is a model, but its nodes are real ("
                + provider
                + " provider)",
        SIM.equals(provider)
            ? "use backend: sim for every pool of a simulated scenario"
            : "set nodes.provider: sim to simulate, or use backend: nested or host to run it");
    return false;
  }

  /**
   * nestbed reaches the libvirtd of an L1 on a remote host through ssh's stdio forwarding, with the
   * login of the host's URI: a host reached otherwise cannot hold a nested pool.
   */
  private void nestedOnRemote(PoolSpec pool) {
    if (pool.nodes().isEmpty() || spec.nodes() == null) {
      return;
    }
    String first = pool.nodes().get(0);
    for (HostSpec host : spec.nodes().hosts()) {
      String uri = host.uri();
      if (first.equals(host.name()) && uri != null && SCHEME.matcher(uri).find()) {
        LibvirtUri parsed = LibvirtUri.parse(uri);
        String transport = parsed.transport();
        if (!parsed.overSsh()) {
          problems.add(
              sources.at(pool.location(), "nodes", 0),
              "pool "
                  + pool.name()
                  + ": its L1 would boot on node "
                  + first
                  + ", reached over "
                  + (transport.isEmpty() ? "a local socket" : "qemu+" + transport)
                  + ", but nestbed reaches an L1's libvirtd on a remote host only through ssh"
                  + " (ssh -W, with the login of the host's uri)",
              "give node "
                  + first
                  + " a qemu+ssh, qemu+libssh or qemu+libssh2 uri, or use backend: host");
        }
      }
    }
  }

  /** Reports what nestbed would not pass on to libvirt; true when the uri is given and passes. */
  private boolean uri(@Nullable String uri, Location at, String owner) {
    if (uri == null) {
      return false;
    }
    int before = problems.size();
    Matcher m = SCHEME.matcher(uri);
    String scheme = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    int plus = scheme.indexOf('+');
    String transport = plus < 0 ? "" : scheme.substring(plus + 1);
    if (!TRANSPORTS.contains(transport)) {
      problems.add(
          at,
          owner
              + ": the uri's transport '"
              + transport
              + "' is not one nestbed uses"
              + (transport.equals("ext")
                  ? " (it makes libvirt run a program; a scenario cannot make nestbed run programs)"
                  : ""),
          "reach the host with qemu+ssh, qemu+tls or qemu+unix");
      return false;
    }
    parameters(uri).stream()
        .filter(name -> !PARAMETERS.contains(name))
        .distinct()
        .forEach(
            name ->
                problems.add(
                    at,
                    owner
                        + ": the uri's parameter '"
                        + name
                        + "=' is not one nestbed passes on to libvirt"
                        + (name.equals("command") || name.equals("netcat") || name.equals("name")
                            ? " (it names a program or a URI for libvirt to run; a scenario cannot make nestbed run programs)"
                            : ""),
                    "drop it; nestbed passes on "
                        + String.join(", ", new java.util.TreeSet<>(PARAMETERS))));
    List<String> given = parameters(uri);
    if (given.contains("known_hosts")
        && (given.contains("no_verify") || given.contains("known_hosts_verify"))) {
      problems.add(
          at,
          owner
              + ": the uri gives known_hosts= with "
              + (given.contains("no_verify") ? "no_verify=" : "known_hosts_verify=")
              + ": host keys not checked strictly may be written into that file",
          "drop "
              + (given.contains("no_verify") ? "no_verify=" : "known_hosts_verify=")
              + " to check host keys against that file strictly, or drop known_hosts=");
    }
    return problems.size() == before;
  }

  /**
   * The parameter names of a URI's query as libvirt reads them (virURIParseParams): separated by
   * '&' or ';', percent-escapes decoded, compared without case.
   */
  static List<String> parameters(String uri) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return List.of();
    }
    String text = uri.substring(query + 1);
    int fragment = text.indexOf('#');
    text = fragment < 0 ? text : text.substring(0, fragment);
    return java.util.Arrays.stream(text.split("[&;]"))
        .filter(p -> !p.isEmpty())
        .map(p -> unescape(p.split("=", 2)[0]).toLowerCase(Locale.ROOT))
        .toList();
  }

  /** %XX decoded; a malformed escape is kept as written (and so matches no allowed name). */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && isHex(text.charAt(i + 1))
          && isHex(text.charAt(i + 2))) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
