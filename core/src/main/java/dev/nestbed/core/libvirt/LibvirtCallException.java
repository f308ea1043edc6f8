package dev.nestbed.core.libvirt;

import dev.nestbed.core.NestbedException;
import org.jspecify.annotations.Nullable;

/**
 * A libvirt call failed. Names the call, the domain (if any) and the host, then libvirt's own
 * words, so the user can tell "start of p1 on n2" from "define on n1" at a glance.
 */
public final class LibvirtCallException extends NestbedException {
  private final String call;
  private final @Nullable String domain;
  private final String host;
  private final String libvirtCode;
  private final @Nullable String libvirtMessage;

  LibvirtCallException(
      String call,
      @Nullable String domain,
      String host,
      String libvirtCode,
      @Nullable String libvirtMessage,
      @Nullable Throwable cause) {
    super(
        String.format(
            "libvirt %s%s on %s failed: %s",
            call, domain == null ? "" : " of domain '" + domain + "'", host, libvirtMessage),
        null,
        cause);
    this.call = call;
    this.domain = domain;
    this.host = host;
    this.libvirtCode = libvirtCode;
    this.libvirtMessage = libvirtMessage;
  }

  /** The libvirt API call, e.g. {@code virDomainCreate}. */
  public String call() {
    return call;
  }

  /** The domain the call was about, or null for connection-level calls. */
  public @Nullable String domain() {
    return domain;
  }

  /** The host as nestbed knows it (node name or URI). */
  public String host() {
    return host;
  }

  /** libvirt's error code name, e.g. {@code VIR_ERR_NO_DOMAIN}. */
  public String libvirtCode() {
    return libvirtCode;
  }

  /** libvirt's own words, without nestbed's "libvirt CALL on HOST failed" prefix. */
  public @Nullable String libvirtMessage() {
    return libvirtMessage;
  }
}
