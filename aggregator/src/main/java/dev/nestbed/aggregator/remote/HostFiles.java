package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.core.libvirt.RunStoragePool;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How files reach an existing libvirt host: uploaded once each into the run's storage pool there
 * ({@link RunStoragePool}), the volume named after the file. Shared by the host's node and the KVM
 * probe run before it, so the probe's kernel is the one the partitions boot later, uploaded once.
 */
final class HostFiles implements NodeFiles {
  private final RunStoragePool storage;
  private final Map<Path, Path> placed = new ConcurrentHashMap<>();

  HostFiles(RunStoragePool storage) {
    this.storage = storage;
  }

  @Override
  public Path place(Path local) {
    return placed.computeIfAbsent(
        local.toAbsolutePath(), f -> storage.upload(f, f.getFileName().toString()));
  }

  @Override
  public Path writableDirectory() {
    return storage.directory();
  }

  RunStoragePool storage() {
    return storage;
  }
}
