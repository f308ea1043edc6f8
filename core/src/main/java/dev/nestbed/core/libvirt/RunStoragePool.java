package dev.nestbed.core.libvirt;

import dev.nestbed.core.NestbedException;
import dev.nestbed.core.run.RunId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * A directory storage pool of one run's own on a libvirt host, the way files reach a host nestbed
 * has no other door to: volumes are uploaded and downloaded through the libvirt connection itself
 * ({@code virStorageVolUpload}/{@code Download} streams). No scp, no shared file system. The pool
 * is named {@code nb-<run>-files} (its tag: pools carry no metadata), lives under the host's {@code
 * /var/lib/libvirt/images}, and {@link #close()} removes its volumes, its directory and its
 * definition.
 */
public final class RunStoragePool implements AutoCloseable {
  /** Where nestbed's pools live on a host: libvirt's own image directory. */
  public static final Path PARENT = Path.of("/var/lib/libvirt/images");

  private static final Pattern RUN_POOL = Pattern.compile("nb-[0-9a-f]{8}-files");

  /** libvirt's VIR_STORAGE_POOL_BUILD_NEW and VIR_STORAGE_VOL_DELETE_NORMAL. */
  private static final int NEW = 0;

  private static final int CHUNK = 1 << 20;

  private final LibvirtHost host;
  private final StoragePool pool;
  private final String name;
  private final Path directory;

  private RunStoragePool(LibvirtHost host, StoragePool pool, String name, Path directory) {
    this.host = host;
    this.pool = pool;
    this.name = name;
    this.directory = directory;
  }

  /** The pool name of a run. */
  public static String nameOf(RunId runId) {
    return runId.qualify("files");
  }

  /**
   * The directory of a run's pool on a host; a file uploaded as volume {@code v} is {@code
   * directoryOf(run).resolve(v)} there.
   */
  public static Path directoryOf(RunId runId) {
    return PARENT.resolve(nameOf(runId));
  }

  /** Whether {@code poolName} is the name of some run's pool (for {@code nestbed clean}). */
  public static boolean isRunPool(String poolName) {
    return RUN_POOL.matcher(poolName).matches();
  }

  /** The run a pool of {@link #isRunPool} belongs to. */
  public static RunId runOf(String poolName) {
    if (!isRunPool(poolName)) {
      throw new IllegalArgumentException(poolName + " is not the name of a nestbed run's pool");
    }
    return new RunId(poolName.substring(3, 11));
  }

  /**
   * Defines, builds and starts the run's pool on {@code host}. libvirt makes the directory 0711:
   * QEMU, which runs as its own user on most hosts, must pass through it to the image files libvirt
   * hands to it, while nobody else can list it; every volume is 0600. The connection stays the
   * caller's.
   */
  public static RunStoragePool create(LibvirtHost host, RunId runId) {
    String name = nameOf(runId);
    Path directory = directoryOf(runId);
    String xml =
        "<pool type='dir'><name>"
            + name
            + "</name><target><path>"
            + directory
            + "</path><permissions><mode>0711</mode><owner>0</owner><group>0</group></permissions></target></pool>";
    StoragePool pool =
        LibvirtCall.call(
            "virStoragePoolDefineXML(" + name + ")",
            null,
            host.name(),
            () -> host.connection().storagePoolDefineXML(xml, 0));
    RunStoragePool created = new RunStoragePool(host, pool, name, directory);
    try {
      LibvirtCall.run(
          "virStoragePoolBuild(" + name + ")", null, host.name(), () -> pool.build(NEW));
      LibvirtCall.run(
          "virStoragePoolCreate(" + name + ")", null, host.name(), () -> pool.create(0));
      return created;
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
  }

  /** The pool's directory on the host. */
  public Path directory() {
    return directory;
  }

  /**
   * Uploads a local file as volume {@code volume} and returns its path on the host. The volume is
   * created with the file's size and filled through a stream; a short upload fails the call.
   */
  public Path upload(Path local, String volume) {
    long size;
    try {
      size = Files.size(local);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String xml =
        "<volume><name>"
            + volume
            + "</name><capacity unit='bytes'>"
            + size
            + "</capacity><target><format type='raw'/><permissions><mode>0600</mode></permissions></target></volume>";
    String call = "virStorageVolUpload(" + name + "/" + volume + ")";
    StorageVol vol =
        LibvirtCall.call(
            "virStorageVolCreateXML(" + name + "/" + volume + ")",
            null,
            host.name(),
            () -> pool.storageVolCreateXML(xml, 0));
    Stream stream =
        LibvirtCall.call("virStreamNew", null, host.name(), () -> host.connection().streamNew(0));
    try (InputStream in = Files.newInputStream(local)) {
      LibvirtCall.run(call, null, host.name(), () -> vol.upload(stream, 0, size, 0));
      byte[] buffer = new byte[CHUNK];
      for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
        // virStreamSend may take less than it is given: send the rest until all of it went
        for (int sent = 0; sent < read; ) {
          byte[] rest = Arrays.copyOfRange(buffer, sent, read);
          sent += LibvirtCall.call(call, null, host.name(), () -> stream.send(rest));
        }
      }
      LibvirtCall.call(call, null, host.name(), stream::finish);
      return Path.of(LibvirtCall.call("virStorageVolGetPath", null, host.name(), vol::getPath));
    } catch (IOException e) {
      abort(stream);
      throw new NestbedException(
          "cannot read " + local + " to upload it to " + host.name() + ": " + e.getMessage(),
          null,
          e);
    } catch (RuntimeException e) {
      abort(stream);
      throw e;
    } finally {
      free(stream);
    }
  }

  /**
   * Downloads volume {@code volume} (a file the host wrote into the pool's directory, such as a
   * console log) to {@code local}; false when the pool has no such volume.
   */
  public boolean download(String volume, Path local) {
    if (!volumes().contains(volume)) {
      return false;
    }
    String call = "virStorageVolDownload(" + name + "/" + volume + ")";
    StorageVol vol =
        LibvirtCall.call(call, null, host.name(), () -> pool.storageVolLookupByName(volume));
    Stream stream =
        LibvirtCall.call("virStreamNew", null, host.name(), () -> host.connection().streamNew(0));
    try (OutputStream out = Files.newOutputStream(local)) {
      LibvirtCall.run(call, null, host.name(), () -> vol.download(stream, 0, 0, 0));
      byte[] buffer = new byte[CHUNK];
      for (int got = receive(stream, buffer, call); got > 0; got = receive(stream, buffer, call)) {
        out.write(buffer, 0, got);
      }
      LibvirtCall.call(call, null, host.name(), stream::finish);
      return true;
    } catch (IOException e) {
      abort(stream);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      abort(stream);
      throw e;
    } finally {
      free(stream);
    }
  }

  private int receive(Stream stream, byte[] buffer, String call) {
    return LibvirtCall.call(call, null, host.name(), () -> stream.receive(buffer));
  }

  /** The volumes in the pool, also the files the host wrote there since the last look. */
  public List<String> volumes() {
    LibvirtCall.run(
        "virStoragePoolRefresh(" + name + ")", null, host.name(), () -> pool.refresh(0));
    return List.of(
        LibvirtCall.call(
            "virStoragePoolListVolumes(" + name + ")", null, host.name(), pool::listVolumes));
  }

  /** Removes every volume, the directory and the pool; each part is tried even when one fails. */
  @Override
  public void close() {
    remove(host, pool, name);
  }

  /**
   * Removes the pool {@code poolName} of a run from {@code host} with everything in it (for {@code
   * nestbed clean}); refuses any pool that is not named like a run's.
   */
  public static void removeLeftover(LibvirtHost host, String poolName) {
    if (!isRunPool(poolName)) {
      throw new IllegalArgumentException(poolName + " is not the name of a nestbed run's pool");
    }
    StoragePool pool =
        LibvirtCall.call(
            "virStoragePoolLookupByName(" + poolName + ")",
            null,
            host.name(),
            () -> host.connection().storagePoolLookupByName(poolName));
    remove(host, pool, poolName);
  }

  /** The names of the run pools defined on {@code host}, active or not. */
  public static List<String> runPools(LibvirtHost host) {
    List<String> names = new ArrayList<>();
    names.addAll(
        List.of(
            LibvirtCall.call(
                "virConnectListStoragePools",
                null,
                host.name(),
                () -> host.connection().listStoragePools())));
    names.addAll(
        List.of(
            LibvirtCall.call(
                "virConnectListDefinedStoragePools",
                null,
                host.name(),
                () -> host.connection().listDefinedStoragePools())));
    return names.stream().filter(RunStoragePool::isRunPool).sorted().toList();
  }

  private static void remove(LibvirtHost host, StoragePool pool, String name) {
    LibvirtCallException failure = null;
    try {
      if (pool.isActive() == 1) {
        pool.refresh(0);
        for (String volume : pool.listVolumes()) {
          pool.storageVolLookupByName(volume).delete(NEW);
        }
        pool.destroy();
      }
    } catch (LibvirtException e) {
      failure = LibvirtCall.translate("emptying storage pool " + name, null, host.name(), e);
    }
    try {
      pool.delete(0);
    } catch (LibvirtException e) {
      failure =
          failure != null
              ? failure
              : LibvirtCall.translate("virStoragePoolDelete(" + name + ")", null, host.name(), e);
    }
    try {
      pool.undefine();
    } catch (LibvirtException e) {
      failure =
          failure != null
              ? failure
              : LibvirtCall.translate("virStoragePoolUndefine(" + name + ")", null, host.name(), e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void abort(Stream stream) {
    try {
      stream.abort();
    } catch (LibvirtException | RuntimeException e) {
      // the call's own failure is what the caller reports
    }
  }

  private static void free(Stream stream) {
    try {
      stream.free();
    } catch (LibvirtException e) {
      // nothing more can be done with a stream that cannot be freed
    }
  }

  @Override
  public String toString() {
    return "storage pool " + name + " on " + host.name();
  }
}
