package dev.nestbed.partitioner;

import dev.nestbed.core.image.GuestImage;
import dev.nestbed.core.run.RunTag;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The domain a partition is defined as where it runs, with the files it uses: the one place both
 * {@link Partition#start} and {@code nestbed plan} take it from, so the plan shows the bytes the
 * run defines, cells (vCPU pinning, {@code numatune}) and kernel command line included. Making one
 * touches nothing: the files are only named here.
 */
public final class PartitionDefinition {
  private final String domainName;
  private final String xml;
  private final PartitionDomainXml.Paths paths;
  private final Optional<Path> localDirectory;

  private PartitionDefinition(
      String domainName,
      String xml,
      PartitionDomainXml.Paths paths,
      Optional<Path> localDirectory) {
    this.domainName = domainName;
    this.xml = xml;
    this.paths = paths;
    this.localDirectory = localDirectory;
  }

  /**
   * The partition {@code spec} of the run in {@code env}, at {@code site}: on a machine elsewhere
   * (inside an L1, on a remote host) from the guest image placed there, with its console log there;
   * on this machine from the image here, with its console log in the partition's own directory
   * under the run's state.
   */
  public static PartitionDefinition of(
      PartitionSpec spec, PartitionEnvironment env, PartitionSite site) {
    String domainName = env.runId().qualify(spec.name());
    GuestImage image = env.image();
    PartitionDomainXml.Paths paths;
    Optional<Path> localDirectory;
    if (site.isElsewhere()) {
      Path images = site.imageDirectory().orElseThrow();
      image =
          new GuestImage(
              images.resolve(image.kernel().getFileName()),
              images.resolve(image.initramfs().getFileName()),
              image.recipeHash());
      paths =
          new PartitionDomainXml.Paths(
              site.consoleDirectory().orElseThrow().resolve(domainName + ".console.log"));
      localDirectory = Optional.empty();
    } else {
      Path dir = env.stateRoot().resolve(spec.name());
      paths = new PartitionDomainXml.Paths(dir.resolve("console.log"));
      localDirectory = Optional.of(dir);
    }
    String xml =
        PartitionDomainXml.render(
            domainName,
            new RunTag(env.runId(), "partition", spec.name()),
            spec,
            image,
            env.accelerator(),
            paths,
            site.cells(),
            site.heartbeat(env.accelerator()));
    return new PartitionDefinition(domainName, xml, paths, localDirectory);
  }

  /** The domain's name: {@code nb-<run>-<partition>}. */
  public String domainName() {
    return domainName;
  }

  /** The domain XML defined in the pool's libvirt. */
  public String xml() {
    return xml;
  }

  PartitionDomainXml.Paths paths() {
    return paths;
  }

  /**
   * The partition's directory on this machine (its console log is there); empty when it runs
   * elsewhere.
   */
  Optional<Path> localDirectory() {
    return localDirectory;
  }
}
