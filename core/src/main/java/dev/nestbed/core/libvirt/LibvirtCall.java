package dev.nestbed.core.libvirt;

import org.jspecify.annotations.Nullable;
import org.libvirt.LibvirtException;

/**
 * Runs one libvirt-java call and turns its checked exception into a {@link LibvirtCallException}.
 */
final class LibvirtCall {
  @FunctionalInterface
  interface Body<T> {
    T run() throws LibvirtException;
  }

  @FunctionalInterface
  interface VoidBody {
    void run() throws LibvirtException;
  }

  private LibvirtCall() {}

  static <T> T call(String call, @Nullable String domain, String host, Body<T> body) {
    try {
      return body.run();
    } catch (LibvirtException e) {
      throw translate(call, domain, host, e);
    }
  }

  static void run(String call, @Nullable String domain, String host, VoidBody body) {
    try {
      body.run();
    } catch (LibvirtException e) {
      throw translate(call, domain, host, e);
    }
  }

  static LibvirtCallException translate(
      String call, @Nullable String domain, String host, LibvirtException e) {
    String code = e.getError() == null ? "unknown" : String.valueOf(e.getError().getCode());
    String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
    return new LibvirtCallException(call, domain, host, code, message, e);
  }
}
