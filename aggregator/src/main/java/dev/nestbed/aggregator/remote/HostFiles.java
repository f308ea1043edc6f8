package dev.nestbed.aggregator.remote;

import dev.nestbed.aggregator.NodeFiles;
import dev.nestbed.core.io.Sha256;
import dev.nestbed.core.libvirt.RunStoragePool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How files reach an existing libvirt host: uploaded once each into the run's storage pool there
 * ({@link RunStoragePool}), the volume named after the file ({@link #place}). Shared by the host's
 * node and the KVM probe run before it, so the probe's kernel is the one the partitions boot later,
 * uploaded once.
 */
final class HostFiles implements NodeFiles {
  private final RunStoragePool storage;
  private final Map<Path, Path> placed = new HashMap<>();
  private final Set<String> names = new HashSet<>();

  HostFiles(RunStoragePool storage) {
    this.storage = storage;
  }

  /**
   * Uploads the file once; its volume has the file's name, or, where another file of that name is
   * there already (two nested pools' {@code l1.qcow2} and {@code images.img}), that name after a
   * hash of the file's directory.
   */
  @Override
  public synchronized Path place(Path local) {
    Path file = local.toAbsolutePath();
    Path there = placed.get(file);
    if (there == null) {
      String name = file.getFileName().toString();
      if (names.contains(name)) {
        name = Sha256.hex(String.valueOf(file.getParent())).substring(0, 12) + "-" + name;
      }
      there = storage.upload(file, name);
      names.add(name);
      placed.put(file, there);
    }
    return there;
  }

  @Override
  public Path writableDirectory() {
    return storage.directory();
  }

  RunStoragePool storage() {
    return storage;
  }
}
