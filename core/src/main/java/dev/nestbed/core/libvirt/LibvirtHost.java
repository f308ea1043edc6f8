package dev.nestbed.core.libvirt;

import dev.nestbed.core.run.RunId;
import dev.nestbed.core.run.RunTag;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * One open connection to a libvirt daemon (a node, a pool's inner libvirt, or a test driver). This
 * class and {@link LibvirtDomain} are the only doors to libvirt: nothing else in nestbed imports
 * {@code org.libvirt}, and every failure comes out as a {@link LibvirtCallException} naming the
 * call, the domain and this host.
 */
public final class LibvirtHost implements AutoCloseable {
  /** libvirt's VIR_CONNECT_LIST_DOMAINS_* flags: 0 means active and inactive alike. */
  private static final int ALL_DOMAINS = 0;

  /**
   * libvirt prints every error to stderr unless a handler is set; nestbed reports errors itself (as
   * {@link LibvirtCallException}), and expected ones (no metadata, no such domain) must stay
   * silent. Held in a static field: JNA callbacks must not be garbage-collected.
   */
  private static final Libvirt.VirErrorCallback SILENT = (userData, error) -> {};

  static {
    try {
      Connect.setErrorCallback(SILENT);
    } catch (LibvirtException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MissingBindings.PointerConnect connect;
  private final String name;
  private final String uri;

  private LibvirtHost(MissingBindings.PointerConnect connect, String name, String uri) {
    this.connect = connect;
    this.name = name;
    this.uri = uri;
  }

  /**
   * Opens a read-write connection. A URI with an {@code authfile=} parameter is for a daemon that
   * asks for a user name and password (a pool VM's libvirtd): libvirt takes them from that file,
   * never from a prompt (see {@link AuthFileOnly}).
   *
   * @param name how messages call this host (a node name, or the URI itself)
   */
  public static LibvirtHost connect(String name, String uri) {
    // before the first open: libvirt delivers domain events only on connections opened after it
    LibvirtEventLoop.ensureRunning();
    MissingBindings.PointerConnect connect = open(uri, null, name);
    return new LibvirtHost(connect, name, uri);
  }

  /** Opens {@code uri}, with the login its {@code authfile=} gives where it has one. */
  static MissingBindings.PointerConnect open(String uri, @Nullable String domainName, String host) {
    boolean login = uri.contains("authfile=");
    return LibvirtCall.call(
        (login ? "virConnectOpenAuth(" : "virConnectOpen(") + uri + ")",
        domainName,
        host,
        () ->
            login
                ? new MissingBindings.PointerConnect(uri, new AuthFileOnly())
                : new MissingBindings.PointerConnect(uri));
  }

  public String name() {
    return name;
  }

  public String uri() {
    return uri;
  }

  public String hostname() {
    return LibvirtCall.call("virConnectGetHostname", null, name, connect::getHostName);
  }

  /** The capabilities XML: host CPUs, NUMA cells, guest types. */
  public String capabilities() {
    return LibvirtCall.call("virConnectGetCapabilities", null, name, connect::getCapabilities);
  }

  /** The host's online CPUs by id (current, unlike the per-cell CPU lists of the capabilities). */
  public BitSet onlineCpus() {
    return MissingBindings.onlineCpus(connect, name);
  }

  /** The daemon's libvirt version as major*1,000,000 + minor*1,000 + release. */
  public long libvirtVersion() {
    return LibvirtCall.call("virConnectGetLibVersion", null, name, connect::getLibVersion);
  }

  /**
   * The hypervisor's version (QEMU's for the qemu driver) as major*1,000,000 + minor*1,000 +
   * release.
   */
  public long hypervisorVersion() {
    return LibvirtCall.call("virConnectGetVersion", null, name, connect::getVersion);
  }

  /** Defines (persistently) a domain from XML; it is not started. */
  public LibvirtDomain define(String domainXml) {
    String domainName = DomainXmlNames.nameOf(domainXml);
    Domain domain =
        LibvirtCall.call(
            "virDomainDefineXML", domainName, name, () -> connect.domainDefineXML(domainXml));
    return new LibvirtDomain(domain, domainName, name, uri);
  }

  /**
   * Defines and starts a network from XML and returns its bridge's name as libvirt reports it.
   * Whoever defined it undefines it (vagrant-libvirt does, for the networks its machines use).
   */
  public String startNetwork(String networkXml) {
    org.libvirt.Network network =
        LibvirtCall.call(
            "virNetworkDefineXML", null, name, () -> connect.networkDefineXML(networkXml));
    try {
      try {
        LibvirtCall.run("virNetworkCreate", null, name, network::create);
      } catch (RuntimeException e) {
        // defined a moment ago under a name of the caller's own: nothing else uses it yet
        try {
          LibvirtCall.run("virNetworkUndefine", null, name, network::undefine);
        } catch (RuntimeException undefine) {
          e.addSuppressed(undefine);
        }
        throw e;
      }
      return LibvirtCall.call("virNetworkGetBridgeName", null, name, network::getBridgeName);
    } finally {
      LibvirtCall.run("virNetworkFree", null, name, network::free);
    }
  }

  /**
   * Stops and undefines the network {@code networkName} if this daemon has it; returns whether it
   * had. For the caller's own networks only (named with its run).
   */
  public boolean removeNetwork(String networkName) {
    org.libvirt.Network network;
    try {
      network = connect.networkLookupByName(networkName);
    } catch (LibvirtException e) {
      if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_NETWORK) {
        return false;
      }
      throw LibvirtCall.translate("virNetworkLookupByName", null, name, e);
    }
    try {
      if (LibvirtCall.call("virNetworkIsActive", null, name, network::isActive) == 1) {
        LibvirtCall.run("virNetworkDestroy", null, name, network::destroy);
      }
      LibvirtCall.run("virNetworkUndefine", null, name, network::undefine);
      return true;
    } finally {
      LibvirtCall.run("virNetworkFree", null, name, network::free);
    }
  }

  public Optional<LibvirtDomain> lookup(String domainName) {
    try {
      return Optional.of(
          new LibvirtDomain(connect.domainLookupByName(domainName), domainName, name, uri));
    } catch (LibvirtException e) {
      if (e.getError() != null && e.getError().getCode() == ErrorNumber.VIR_ERR_NO_DOMAIN) {
        return Optional.empty();
      }
      throw LibvirtCall.translate("virDomainLookupByName", domainName, name, e);
    }
  }

  /** Every domain this daemon knows, running or only defined. */
  public List<LibvirtDomain> domains() {
    Domain[] all =
        LibvirtCall.call(
            "virConnectListAllDomains", null, name, () -> connect.listAllDomains(ALL_DOMAINS));
    List<LibvirtDomain> result = new ArrayList<>();
    for (Domain domain : all) {
      String domainName = LibvirtCall.call("virDomainGetName", null, name, domain::getName);
      result.add(new LibvirtDomain(domain, domainName, name, uri));
    }
    return result;
  }

  /** The domains carrying the given run's tag; everything else is not nestbed's to touch. */
  public List<LibvirtDomain> domainsOf(RunId runId) {
    return domains().stream()
        .filter(d -> d.runTag().map(RunTag::runId).filter(runId::equals).isPresent())
        .toList();
  }

  /** The libvirt-java connection, for calls that take a second host (a migration's destination). */
  org.libvirt.Connect connection() {
    return connect;
  }

  public boolean isAlive() {
    try {
      return connect.isAlive();
    } catch (LibvirtException e) {
      return false;
    }
  }

  @Override
  public void close() {
    LibvirtCall.run("virConnectClose", null, name, connect::close);
  }

  @Override
  public String toString() {
    return name + " (" + uri + ")";
  }
}
