package dev.nestbed.scenario.parse;

import dev.nestbed.core.value.DataRate;
import dev.nestbed.core.value.DataSize;
import dev.nestbed.scenario.spec.Location;
import dev.nestbed.scenario.spec.PartitionDecl;
import dev.nestbed.scenario.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code partitions} list. Limits that involve only the partition itself (memory within
 * max-memory, cells or policy) are checked here; anything involving its pool is left to {@link
 * ReferenceCheck} and {@link CapacityCheck}.
 */
final class PartitionBinder {
  /** QEMU's x86 machine types: {@code pc}, {@code q35}, {@code pc-i440fx-7.2}, ... */
  private static final java.util.regex.Pattern MACHINE =
      java.util.regex.Pattern.compile("(pc|q35)(-(i440fx|q35)-[0-9]+\\.[0-9]+)?");

  /** A DIMM is whole Linux memory sections (128MiB on x86). */
  static final DataSize DIMM_SECTION = DataSize.ofMiB(128);

  private final Problems problems;
  private final Sources sources;

  PartitionBinder(Problems problems, Sources sources) {
    this.problems = problems;
    this.sources = sources;
  }

  List<PartitionDecl> partitions(Fields scenario) {
    List<PartitionDecl> partitions = new ArrayList<>();
    Optional<YamlNode.Sequence> list = scenario.list("partitions", "a list of partitions");
    list.ifPresent(
        l ->
            l.items()
                .forEach(
                    item -> partition(item, partitions.size() + 1).ifPresent(partitions::add)));
    boolean malformed = scenario.has("partitions") && list.isEmpty();
    if (malformed
        || (list.isPresent()
            && (list.get().items().size() != partitions.size()
                || partitions.stream().anyMatch(p -> p.name() == null)))) {
      sources.markIncomplete("partitions");
    }
    Names.reportDuplicates(
        partitions, PartitionDecl::name, PartitionDecl::location, "partition", problems, sources);
    return partitions;
  }

  private Optional<PartitionDecl> partition(YamlNode item, int number) {
    Optional<Fields> found =
        Fields.of(
            item,
            item.location(),
            "partition #" + number,
            "a map such as {name: p1, pool: big, vcpus: 1, memory: 256MiB}",
            problems);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String name = Names.read(found.get(), "partition", Names.PARTITION_MAX, "p1");
    Fields p = name == null ? found.get() : found.get().named("partition " + name);
    p.allowOnly(Keys.PARTITION);
    sources.remember(item.location(), p.map());
    String pool = p.require("pool", "pool: big") ? p.text("pool") : null;
    Integer vcpus = p.require("vcpus", "vcpus: 1") ? p.integer("vcpus", 1) : null;
    Integer maxVcpus = p.has("max-vcpus") ? p.integer("max-vcpus", 1) : vcpus;
    DataSize memory = p.require("memory", "memory: 256MiB") ? p.size("memory") : null;
    DataSize maxMemory = p.has("max-memory") ? p.size("max-memory") : memory;
    String memoryDevice = p.choice("memory-device", Keys.MEMORY_DEVICES, PartitionDecl.VIRTIO_MEM);
    if (PartitionDecl.DIMM.equals(memoryDevice)
        && memory != null
        && maxMemory != null
        && (maxMemory.bytes() - memory.bytes()) % DIMM_SECTION.bytes() != 0) {
      problems.add(
          p.at("max-memory"),
          p.context()
              + ": max-memory "
              + maxMemory
              + " is not memory "
              + memory
              + " plus whole "
              + DIMM_SECTION
              + " DIMMs",
          "DIMMs plug whole Linux memory "
              + "sections; make max-memory - memory a multiple of "
              + DIMM_SECTION
              + ", or use memory-device: virtio-mem");
    }
    String machine = p.text("machine");
    if (machine != null && !MACHINE.matcher(machine).matches()) {
      problems.add(
          p.at("machine"),
          p.context() + ": machine '" + machine + "' is not a QEMU machine type",
          "e.g. machine: pc-i440fx-7.2 (qemu-system-x86_64 -machine help lists them)");
    }
    List<String> cells = p.names("cells");
    String policy = p.choice("policy", Keys.POLICIES, null);
    if (p.has("cells") && p.has("policy")) {
      problems.add(
          p.at("policy"),
          p.context() + ": both cells and policy are given",
          "cells place the partition explicitly, policy lets nestbed choose; keep one");
    }
    if (cells != null && p.has("cells") && cells.isEmpty()) {
      problems.add(
          p.at("cells"),
          p.context() + ": cells is empty",
          "name at least one member node of the pool, or drop cells");
    }
    if (vcpus != null && maxVcpus != null && vcpus > maxVcpus) {
      problems.add(
          p.at("vcpus"),
          p.context() + ": vcpus " + vcpus + " is above max-vcpus " + maxVcpus,
          "raise max-vcpus to at least " + vcpus);
    }
    if (memory != null && memory.isZero()) {
      problems.add(p.at("memory"), p.context() + ": memory must be more than 0B", null);
    }
    if (memory != null && maxMemory != null && memory.isGreaterThan(maxMemory)) {
      problems.add(
          p.at("memory"),
          p.context() + ": memory " + memory + " is above max-memory " + maxMemory,
          "raise max-memory to at least " + memory);
    }
    WorkloadSpec workload = workload(p);
    if (workload != null
        && memory != null
        && !memory.isZero()
        && !workload.workingSet().isLessThan(memory)) {
      problems.add(
          workingSetAt(p),
          p.context()
              + ": working-set "
              + workload.workingSet()
              + " must be smaller than memory "
              + memory,
          "the guest kernel and agent need room too; shrink working-set or raise memory");
    }
    return Optional.of(
        new PartitionDecl(
            name,
            pool,
            vcpus == null ? 0 : vcpus,
            maxVcpus == null ? 0 : maxVcpus,
            memory,
            maxMemory,
            cells == null ? List.of() : cells,
            policy,
            workload,
            memoryDevice == null ? PartitionDecl.VIRTIO_MEM : memoryDevice,
            machine,
            item.location()));
  }

  private static Location workingSetAt(Fields partition) {
    return partition
        .value("workload")
        .filter(YamlNode.Mapping.class::isInstance)
        .map(w -> ((YamlNode.Mapping) w).entries().get("working-set"))
        .map(entry -> entry.value().location())
        .orElse(partition.at("memory"));
  }

  private @Nullable WorkloadSpec workload(Fields partition) {
    Optional<Fields> found =
        partition.object(
            "workload",
            partition.context() + " workload",
            "a map such as {working-set: 64MiB, dirty-rate: 8MiB/s}");
    if (found.isEmpty()) {
      return partition.has("workload") ? null : WorkloadSpec.DEFAULT;
    }
    Fields workload = found.get();
    workload.allowOnly(Keys.WORKLOAD);
    DataSize workingSet =
        workload.has("working-set")
            ? workload.size("working-set")
            : WorkloadSpec.DEFAULT.workingSet();
    DataRate dirtyRate =
        workload.has("dirty-rate") ? workload.rate("dirty-rate") : WorkloadSpec.DEFAULT.dirtyRate();
    return workingSet == null || dirtyRate == null ? null : new WorkloadSpec(workingSet, dirtyRate);
  }
}
