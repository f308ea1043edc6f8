package dev.nestbed.scenario.parse;

import dev.nestbed.aggregator.vagrant.JumpHost;
import dev.nestbed.core.image.NodeImageBuilder;
import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.core.value.TimeSpan;
import dev.nestbed.scenario.parse.YamlNode.Sequence;
import dev.nestbed.scenario.spec.HostSpec;
import dev.nestbed.scenario.spec.InterconnectSpec;
import dev.nestbed.scenario.spec.NodesSpec;
import dev.nestbed.scenario.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Binds the machine side of a scenario: {@code nodes}, {@code interconnect} and {@code pools}. */
final class TopologyBinder {
  private final Problems problems;
  private final Sources sources;

  TopologyBinder(Problems problems, Sources sources) {
    this.problems = problems;
    this.sources = sources;
  }

  /**
   * The {@code nodes} section; null when it is missing or not a map. A scenario whose pools all
   * adopt machines by uri needs no nodes: call {@link #nodesUnlessAllAdopted} once pools are bound.
   */
  @Nullable NodesSpec nodes(Fields scenario) {
    sources.markIncomplete("hosts"); // until all hosts are bound with names
    if (!scenario.has("nodes")) {
      return null; // missing, or needed by no pool: decided once the pools are known
    }
    Optional<Fields> found =
        scenario.object(
            "nodes",
            "nodes",
            "a map with provider and hosts",
            "put the list under hosts: 'nodes: {hosts: [...]}'");
    if (found.isEmpty()) {
      return null;
    }
    Fields nodes = found.get();
    nodes.allowOnly(Keys.NODES);
    sources.remember(nodes.anchor(), nodes.map());
    String provider = nodes.choice("provider", Keys.PROVIDERS, "local");
    String libvirt = nodes.text("libvirt");
    if (libvirt != null && provider != null && !"vagrant".equals(provider)) {
      problems.add(
          nodes.at("libvirt"),
          "nodes: libvirt applies only to the vagrant provider",
          "remove it, or set nodes.provider: vagrant");
    } else if (libvirt != null) {
      String why = JumpHost.whyNot(libvirt);
      if (why != null) {
        problems.add(
            nodes.at("libvirt"),
            "nodes: libvirt '" + libvirt + "' " + why,
            "give the host's libvirt over SSH, e.g. qemu+ssh://me@kvmhost/system; leave libvirt"
                + " out to run the machines on this machine");
      }
    }
    List<HostSpec> hosts = new ArrayList<>();
    Optional<Sequence> list = Optional.empty();
    if (nodes.require("hosts", "hosts: [{name: n1, cpus: 2, memory: 2GiB}]")) {
      list = nodes.list("hosts", "a list of hosts");
      list.ifPresent(
          l ->
              l.items()
                  .forEach(item -> host(item, hosts.size() + 1, provider).ifPresent(hosts::add)));
      if (list.isPresent() && list.get().items().isEmpty()) {
        problems.add(
            list.get().location(),
            "nodes: hosts is empty",
            "declare at least one node, e.g. {name: n1, cpus: 2, memory: 2GiB}");
      }
    }
    Names.reportDuplicates(hosts, HostSpec::name, HostSpec::location, "node", problems, sources);
    completeIf(
        list.isPresent()
            && list.get().items().size() == hosts.size()
            && hosts.stream().allMatch(h -> h.name() != null),
        "hosts");
    return new NodesSpec(provider, hosts, libvirt, nodes.anchor());
  }

  /**
   * {@code nodes} as bound, or, when the section is missing, no nodes at all if every pool adopts a
   * machine by uri; otherwise reports it missing and returns null.
   */
  @Nullable NodesSpec nodesUnlessAllAdopted(
      Fields scenario, @Nullable NodesSpec nodes, List<PoolSpec> pools) {
    if (nodes != null || scenario.has("nodes")) {
      return nodes;
    }
    if (scenario.map().entries().get("nodes") == null
        && !pools.isEmpty()
        && pools.stream().allMatch(PoolSpec::adoptsByUri)) {
      sources.markComplete("hosts");
      return new NodesSpec("local", List.of(), scenario.anchor());
    }
    scenario.require("nodes", "nodes: {provider: local, hosts: [...]}");
    return null;
  }

  private Optional<HostSpec> host(YamlNode item, int number, @Nullable String provider) {
    Optional<Fields> found =
        Fields.of(
            item,
            item.location(),
            "host #" + number,
            "a map such as {name: n1, cpus: 2, memory: 2GiB}",
            problems);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String name = Names.read(found.get(), "node", Names.NODE_MAX, "n1");
    Fields host = name == null ? found.get() : found.get().named("node " + name);
    host.allowOnly(Keys.HOST);
    sources.remember(item.location(), host.map());
    // An existing host has what it has: left out, its CPUs and memory are read from its libvirt.
    boolean existing = "remote".equals(provider);
    Integer cpus =
        existing
            ? (host.has("cpus") ? host.integer("cpus", 1) : null)
            : host.require("cpus", "cpus: 2") ? host.integer("cpus", 1) : null;
    DataSize memory =
        existing
            ? (host.has("memory") ? host.size("memory") : null)
            : host.require("memory", "memory: 2GiB") ? host.size("memory") : null;
    if (memory != null && memory.isZero()) {
      problems.add(host.at("memory"), host.context() + ": memory must be more than 0B", null);
    }
    String uri = host.text("uri");
    if ("remote".equals(provider) && uri == null) {
      host.require("uri", "uri: qemu+ssh://user@host/system");
    } else if (uri != null && provider != null && !"remote".equals(provider)) {
      problems.add(
          host.at("uri"),
          host.context() + ": uri applies only to the remote provider",
          "remove it, or set nodes.provider: remote");
    }
    String image = host.text("image");
    if (image != null && provider != null && !"container".equals(provider)) {
      problems.add(
          host.at("image"),
          host.context() + ": image applies only to the container provider",
          "remove it, or set nodes.provider: container");
    } else if (image != null && !NodeImageBuilder.IMAGES.contains(image)) {
      problems.add(
          host.at("image"),
          host.context() + ": unknown node image '" + image + "'",
          "the node images are " + String.join(", ", NodeImageBuilder.IMAGES) + " (images/node-*)");
    }
    return Optional.of(
        new HostSpec(name, cpus == null ? 0 : cpus, memory, uri, image, item.location()));
  }

  /** The {@code interconnect} section, or the defaults when there is none. */
  InterconnectSpec interconnect(Fields scenario) {
    Optional<Fields> found =
        scenario.object(
            "interconnect", "interconnect", "a map such as {latency: 2us, bandwidth: 10Gbit/s}");
    if (found.isEmpty()) {
      return InterconnectSpec.defaults(scenario.anchor());
    }
    Fields link = found.get();
    link.allowOnly(Keys.INTERCONNECT);
    TimeSpan latency =
        link.has("latency") ? link.duration("latency") : InterconnectSpec.DEFAULT_LATENCY;
    DataRate bandwidth =
        link.has("bandwidth") ? link.rate("bandwidth") : InterconnectSpec.DEFAULT_BANDWIDTH;
    if (bandwidth != null && bandwidth.isZero()) {
      problems.add(link.at("bandwidth"), "interconnect: bandwidth must be more than 0bit/s", null);
    }
    return new InterconnectSpec(latency, bandwidth, link.anchor());
  }

  /** The {@code pools} list; empty when it is missing or malformed. */
  List<PoolSpec> pools(Fields scenario) {
    List<PoolSpec> pools = new ArrayList<>();
    sources.markIncomplete("pools"); // until all pools are bound with names
    if (!scenario.require("pools", "pools: [{name: big, backend: nested, nodes: [n1, n2]}]")) {
      return pools;
    }
    Optional<Sequence> list = scenario.list("pools", "a list of pools");
    list.ifPresent(
        l -> {
          l.items().forEach(item -> pool(item, pools.size() + 1).ifPresent(pools::add));
          if (l.items().isEmpty()) {
            problems.add(
                l.location(),
                "scenario: pools is empty",
                "declare at least one pool, e.g. {name: big, backend: nested, nodes: [n1]}");
          }
        });
    Names.reportDuplicates(pools, PoolSpec::name, PoolSpec::location, "pool", problems, sources);
    completeIf(
        list.isPresent()
            && list.get().items().size() == pools.size()
            && pools.stream().allMatch(p -> p.name() != null),
        "pools");
    return pools;
  }

  private void completeIf(boolean complete, String declarations) {
    if (complete) {
      sources.markComplete(declarations);
    }
  }

  private Optional<PoolSpec> pool(YamlNode item, int number) {
    Optional<Fields> found =
        Fields.of(
            item,
            item.location(),
            "pool #" + number,
            "a map such as {name: big, backend: nested, nodes: [n1, n2]}",
            problems);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String name = Names.read(found.get(), "pool", Names.POOL_MAX, "big");
    Fields pool = name == null ? found.get() : found.get().named("pool " + name);
    pool.allowOnly(Keys.POOL);
    sources.remember(item.location(), pool.map());
    String backend = pool.choice("backend", Keys.BACKENDS, "nested");
    List<String> nodes = pool.names("nodes");
    String uri = pool.text("uri");
    if ("host".equals(backend)) {
      if (uri == null && nodes != null && nodes.isEmpty()) {
        problems.add(
            pool.anchor(),
            pool.context() + ": a host pool adopts a machine by uri " + "or one of the nodes",
            "add e.g. 'uri: qemu+ssh://user@bighost/system' or " + "'nodes: [n1]'");
      } else if (uri != null && nodes != null && !nodes.isEmpty()) {
        problems.add(
            pool.at("nodes"),
            pool.context() + ": both uri and nodes are given",
            "a host pool adopts either the machine at its uri (its cells are discovered) or one "
                + "node; keep one");
      }
    } else if (backend != null) {
      if (uri != null) {
        problems.add(
            pool.at("uri"),
            pool.context() + ": uri applies only to the host backend",
            "remove it, or set backend: host to adopt an existing machine");
      }
      if (pool.require("nodes", "nodes: [n1, n2]") && nodes != null && nodes.isEmpty()) {
        problems.add(
            pool.at("nodes"),
            pool.context() + ": nodes is empty",
            "a " + backend + " pool needs at least one member node");
      }
    }
    List<String> spare = pool.names("spare");
    return Optional.of(
        new PoolSpec(
            name,
            backend,
            nodes == null ? List.of() : nodes,
            spare == null ? List.of() : spare,
            reserve(pool),
            uri,
            item.location()));
  }

  private @Nullable DataSize reserve(Fields pool) {
    Optional<Fields> found =
        pool.object(
            "reserve-per-node",
            pool.context() + " reserve-per-node",
            "a map such as {memory: 256MiB}",
            pool.written("reserve-per-node") == null
                ? null
                : "write {memory: " + pool.written("reserve-per-node") + "}");
    if (found.isEmpty()) {
      return PoolSpec.DEFAULT_RESERVE_PER_NODE;
    }
    found.get().allowOnly(Keys.RESERVE);
    return found.get().has("memory")
        ? found.get().size("memory")
        : PoolSpec.DEFAULT_RESERVE_PER_NODE;
  }
}
