package dev.nestbed.core.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.Stream;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.StreamPointer;

/**
 * The libvirt C functions libvirt-java 0.5.4 does not bind (it has streams but no
 * {@code virDomainOpenConsole}), bound with JNA. libvirt-java keeps its native pointers
 * package-private, so they are read by reflection here, in one place: a newer binding that
 * renames them fails loudly on first use, naming what it lacks.
 */
final class MissingBindings {
  /** The functions, as libvirt's C API declares them. */
  interface Functions extends Library {
    int virDomainOpenConsole(DomainPointer domain, String device, StreamPointer stream, int flags);

    /** The calling thread's last error code (libvirt 4.5+), 0 for none. */
    int virGetLastErrorCode();

    /** The calling thread's last error message, never null. */
    String virGetLastErrorMessage();
  }

  private static final Functions LIBVIRT = Native.load("virt", Functions.class);
  private static final Field DOMAIN_POINTER = accessible(() -> Domain.class.getDeclaredField("vdp"));
  private static final Method STREAM_POINTER = accessible(() -> Stream.class.getDeclaredMethod("getVsp"));

  private MissingBindings() {}

  /**
   * Connects {@code stream} to the domain's character device {@code device} (an alias such as
   * {@code serial1}). Fails as a {@link LibvirtCallException} like every other call.
   */
  static void openConsole(Domain domain, String device, Stream stream, int flags, String domainName, String host) {
    DomainPointer domainPointer;
    StreamPointer streamPointer;
    try {
      domainPointer = (DomainPointer) DOMAIN_POINTER.get(domain);
      streamPointer = (StreamPointer) STREAM_POINTER.invoke(stream);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("libvirt-java changed: cannot read its native pointers", e);
    }
    if (LIBVIRT.virDomainOpenConsole(domainPointer, device, streamPointer, flags) < 0) {
      throw lastError("virDomainOpenConsole(" + device + ")", domainName, host);
    }
  }

  /** The calling thread's last libvirt error as nestbed's exception. */
  private static LibvirtCallException lastError(String call, String domainName, String host) {
    int code = LIBVIRT.virGetLastErrorCode();
    ErrorNumber[] names = ErrorNumber.values();
    String name = code >= 0 && code < names.length ? names[code].name() : String.valueOf(code);
    return new LibvirtCallException(call, domainName, host, name, LIBVIRT.virGetLastErrorMessage(), null);
  }

  @FunctionalInterface
  private interface Lookup<T> {
    T find() throws ReflectiveOperationException;
  }

  private static <T extends java.lang.reflect.AccessibleObject> T accessible(Lookup<T> lookup) {
    try {
      T member = lookup.find();
      member.setAccessible(true);
      return member;
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(new IllegalStateException(
          "libvirt-java changed: nestbed reads Domain.vdp and Stream.getVsp() to open consoles", e));
    }
  }
}
