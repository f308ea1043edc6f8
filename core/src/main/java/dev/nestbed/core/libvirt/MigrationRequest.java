package dev.nestbed.core.libvirt;

import dev.nestbed.core.value.DataRate;
import java.util.Objects;
import java.util.Optional;

/**
 * How to live-migrate one domain, in nestbed's words: where its memory goes and the knobs of the
 * migration. libvirt's flags and typed parameters are made from it inside core only.
 *
 * @param destination the libvirt the domain moves to; it becomes persistent there and is undefined
 *     at the source once the migration succeeded
 * @param dataUri where QEMU sends the memory, e.g. {@code tcp://10.213.0.12}: the destination's
 *     address on the network the data must cross (libvirt picks the port)
 * @param bandwidth the most the stream may use; empty leaves libvirt's default (unlimited)
 * @param autoConverge let QEMU throttle the guest's vCPUs when pre-copy does not converge
 * @param postcopyAllowed enable post-copy, so {@link LibvirtDomain#startPostCopy()} may switch
 * @param connections parallel connections for the memory stream (libvirt's multifd); 1 is the
 *     classic single stream
 * @param destinationXml the domain's XML as it shall run at the destination (its migratable XML
 *     with, say, other CPU pinning); empty keeps the source's
 */
public record MigrationRequest(
    LibvirtHost destination,
    String dataUri,
    Optional<DataRate> bandwidth,
    boolean autoConverge,
    boolean postcopyAllowed,
    int connections,
    Optional<String> destinationXml) {
  public MigrationRequest {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(dataUri, "dataUri");
    Objects.requireNonNull(destinationXml, "destinationXml");
    if (connections < 1) {
      throw new IllegalArgumentException(
          "a migration needs at least 1 connection, not " + connections);
    }
  }

  /** Plain pre-copy over one connection at full speed. */
  public static MigrationRequest precopy(LibvirtHost destination, String dataUri) {
    return new MigrationRequest(
        destination, dataUri, Optional.empty(), false, false, 1, Optional.empty());
  }

  /** This request, the domain running at the destination as {@code xml} describes it. */
  public MigrationRequest withDestinationXml(String xml) {
    return new MigrationRequest(
        destination,
        dataUri,
        bandwidth,
        autoConverge,
        postcopyAllowed,
        connections,
        Optional.of(xml));
  }
}
