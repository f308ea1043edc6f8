package dev.nestbed.core.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.ConnectAuth;
import org.libvirt.Domain;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.StreamPointer;

/**
 * The libvirt C functions libvirt-java 0.5.4 does not bind ({@code virDomainOpenConsole}, {@code
 * virDomainSetVcpu}, {@code virDomainGetState}, {@code virDomainMigrateStartPostCopy}, {@code
 * virNodeGetCPUMap}, {@code virDomainPinVcpuFlags}, {@code virDomainPinEmulator}, {@code
 * virDomainSetNumaParameters}; and {@code virDomainGetJobStats}, whose binding leaks its list),
 * bound with JNA on the same library and the same connections. libvirt-java keeps its native
 * pointers package-private, so they are read by reflection here, in one place: a newer binding that
 * renames them fails loudly on first use, naming what it lacks. Domain events it lacks are in
 * {@link DomainEvents}.
 */
final class MissingBindings {
  /** The functions, as libvirt's C API declares them. */
  interface Functions extends Library {
    int virDomainOpenConsole(DomainPointer domain, String device, StreamPointer stream, int flags);

    int virDomainSetVcpu(DomainPointer domain, String vcpumap, int state, int flags);

    int virDomainMigrateStartPostCopy(DomainPointer domain, int flags);

    int virDomainGetState(
        DomainPointer domain, IntByReference state, IntByReference reason, int flags);

    int virNodeGetCPUMap(Pointer conn, PointerByReference cpumap, IntByReference online, int flags);

    int virDomainPinVcpuFlags(DomainPointer domain, int vcpu, byte[] cpumap, int maplen, int flags);

    int virDomainPinEmulator(DomainPointer domain, byte[] cpumap, int maplen, int flags);

    int virDomainSetNumaParameters(DomainPointer domain, Pointer params, int nparams, int flags);

    /** Appends a string parameter to a libvirt-allocated typed parameter list (grown as needed). */
    int virTypedParamsAddString(
        PointerByReference params,
        IntByReference nparams,
        IntByReference maxparams,
        String name,
        String value);

    void virTypedParamsFree(Pointer params, int nparams);

    int virDomainGetJobStats(
        DomainPointer domain,
        IntByReference type,
        PointerByReference params,
        IntByReference nparams,
        int flags);

    /**
     * 1 and the value when the list has {@code name} as an unsigned long long, 0 when absent, -1
     * otherwise.
     */
    int virTypedParamsGetULLong(Pointer params, int nparams, String name, LongByReference value);

    int virTypedParamsGetInt(Pointer params, int nparams, String name, IntByReference value);

    /** The calling thread's last error code (libvirt 4.5+), 0 for none. */
    int virGetLastErrorCode();

    /** The calling thread's last error message, never null. */
    String virGetLastErrorMessage();
  }

  private static final Functions LIBVIRT = Native.load("virt", Functions.class);
  private static final Field DOMAIN_POINTER =
      accessible(() -> Domain.class.getDeclaredField("vdp"));
  private static final Method STREAM_POINTER =
      accessible(() -> Stream.class.getDeclaredMethod("getVsp"));

  private MissingBindings() {}

  /**
   * Connects {@code stream} to the domain's character device {@code device} (an alias such as
   * {@code serial1}). Fails as a {@link LibvirtCallException} like every other call.
   */
  static void openConsole(
      Domain domain, String device, Stream stream, int flags, String domainName, String host) {
    StreamPointer streamPointer;
    try {
      streamPointer = (StreamPointer) STREAM_POINTER.invoke(stream);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("libvirt-java changed: cannot read its native pointers", e);
    }
    if (LIBVIRT.virDomainOpenConsole(domainPointer(domain), device, streamPointer, flags) < 0) {
      throw lastError("virDomainOpenConsole(" + device + ")", domainName, host);
    }
  }

  /** A connection whose C pointer can be passed to the functions above (no reflection needed). */
  static final class PointerConnect extends Connect {
    /** Held while the connection lives: libvirt calls back into it through JNA while it opens. */
    @SuppressWarnings("UnusedVariable")
    private final @Nullable ConnectAuth auth;

    PointerConnect(String uri) throws LibvirtException {
      super(uri, false);
      this.auth = null;
    }

    PointerConnect(String uri, ConnectAuth auth) throws LibvirtException {
      super(uri, auth, 0);
      this.auth = auth;
    }

    Pointer pointer() {
      return vcp.getPointer();
    }
  }

  /** virDomainSetVcpu: enables or disables the listed vCPUs (e.g. "2,3") of a domain. */
  static void setVcpus(
      Domain domain, String vcpuList, boolean enable, int flags, String domainName, String host) {
    if (LIBVIRT.virDomainSetVcpu(domainPointer(domain), vcpuList, enable ? 1 : 0, flags) < 0) {
      throw lastError(
          "virDomainSetVcpu(" + vcpuList + ", " + (enable ? "enable" : "disable") + ")",
          domainName,
          host);
    }
  }

  /**
   * virDomainGetState: the domain's state (virDomainState) and why it is in it (a per-state
   * reason).
   */
  static int[] state(Domain domain, String domainName, String host) {
    IntByReference state = new IntByReference();
    IntByReference reason = new IntByReference();
    if (LIBVIRT.virDomainGetState(domainPointer(domain), state, reason, 0) < 0) {
      throw lastError("virDomainGetState", domainName, host);
    }
    return new int[] {state.getValue(), reason.getValue()};
  }

  /** virDomainMigrateStartPostCopy: switches the domain's running migration to post-copy. */
  static void startPostCopy(Domain domain, String domainName, String host) {
    if (LIBVIRT.virDomainMigrateStartPostCopy(domainPointer(domain), 0) < 0) {
      throw lastError("virDomainMigrateStartPostCopy", domainName, host);
    }
  }

  /** virNodeGetCPUMap: the host's online CPUs. */
  static BitSet onlineCpus(PointerConnect connect, String host) {
    PointerByReference map = new PointerByReference();
    IntByReference online = new IntByReference();
    int total = LIBVIRT.virNodeGetCPUMap(connect.pointer(), map, online, 0);
    if (total < 0) {
      throw lastError("virNodeGetCPUMap", null, host);
    }
    Pointer bytes = map.getValue();
    try {
      return BitSet.valueOf(bytes.getByteArray(0, (total + 7) / 8));
    } finally {
      Native.free(Pointer.nativeValue(bytes));
    }
  }

  /**
   * virDomainPinVcpuFlags: the physical CPUs (of the domain's host) vCPU {@code vcpu} may run on.
   */
  static void pinVcpu(
      Domain domain, int vcpu, BitSet cpus, int flags, String domainName, String host) {
    byte[] map = cpuMap(cpus);
    if (LIBVIRT.virDomainPinVcpuFlags(domainPointer(domain), vcpu, map, map.length, flags) < 0) {
      throw lastError("virDomainPinVcpuFlags(" + vcpu + ", " + cpus + ")", domainName, host);
    }
  }

  /** virDomainPinEmulator: the CPUs QEMU's own threads (main loop, I/O) may run on. */
  static void pinEmulator(Domain domain, BitSet cpus, int flags, String domainName, String host) {
    byte[] map = cpuMap(cpus);
    if (LIBVIRT.virDomainPinEmulator(domainPointer(domain), map, map.length, flags) < 0) {
      throw lastError("virDomainPinEmulator(" + cpus + ")", domainName, host);
    }
  }

  /**
   * virDomainSetNumaParameters with one string parameter ({@code numa_nodeset}, say). The list is
   * built and freed by libvirt's own typed-parameter helpers, so no struct layout is copied here.
   */
  static void setNumaParameter(
      Domain domain, String name, String value, int flags, String domainName, String host) {
    PointerByReference params = new PointerByReference();
    IntByReference count = new IntByReference();
    IntByReference capacity = new IntByReference();
    String call = "virDomainSetNumaParameters(" + name + "=" + value + ")";
    if (LIBVIRT.virTypedParamsAddString(params, count, capacity, name, value) < 0) {
      throw lastError(call, domainName, host);
    }
    try {
      if (LIBVIRT.virDomainSetNumaParameters(
              domainPointer(domain), params.getValue(), count.getValue(), flags)
          < 0) {
        throw lastError(call, domainName, host);
      }
    } finally {
      LIBVIRT.virTypedParamsFree(params.getValue(), count.getValue());
    }
  }

  /** A job's type (virDomainJobType) and the whole-number fields asked for that it reported. */
  record JobFields(int type, Map<String, Long> fields) {}

  /**
   * virDomainGetJobStats, reading the fields {@code names} with libvirt's own typed-parameter
   * getters and freeing the list afterwards (libvirt-java's getJobStats never frees it: a leak on
   * every sample).
   */
  static JobFields jobStats(
      Domain domain, int flags, List<String> names, String call, String domainName, String host) {
    IntByReference type = new IntByReference();
    PointerByReference params = new PointerByReference();
    IntByReference count = new IntByReference();
    if (LIBVIRT.virDomainGetJobStats(domainPointer(domain), type, params, count, flags) < 0) {
      throw lastError(call, domainName, host);
    }
    Pointer list = params.getValue();
    if (list == null) {
      return new JobFields(type.getValue(), Map.of()); // no job: no fields
    }
    try {
      Map<String, Long> fields = new HashMap<>();
      for (String name : names) {
        LongByReference whole = new LongByReference();
        IntByReference small = new IntByReference();
        if (LIBVIRT.virTypedParamsGetULLong(list, count.getValue(), name, whole) == 1) {
          fields.put(name, whole.getValue());
        } else if (LIBVIRT.virTypedParamsGetInt(list, count.getValue(), name, small) == 1) {
          fields.put(name, (long) small.getValue());
        }
      }
      return new JobFields(type.getValue(), fields);
    } finally {
      LIBVIRT.virTypedParamsFree(list, count.getValue());
    }
  }

  /** libvirt's CPU map: bit {@code n % 8} of byte {@code n / 8} for CPU n; at least one byte. */
  static byte[] cpuMap(BitSet cpus) {
    byte[] bits = cpus.toByteArray();
    return bits.length == 0 ? new byte[1] : bits;
  }

  static DomainPointer domainPointer(Domain domain) {
    try {
      return (DomainPointer) DOMAIN_POINTER.get(domain);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("libvirt-java changed: cannot read its native pointers", e);
    }
  }

  /** The calling thread's last libvirt error as nestbed's exception. */
  static LibvirtCallException lastError(String call, @Nullable String domainName, String host) {
    int code = LIBVIRT.virGetLastErrorCode();
    ErrorNumber[] names = ErrorNumber.values();
    String name = code >= 0 && code < names.length ? names[code].name() : String.valueOf(code);
    return new LibvirtCallException(
        call, domainName, host, name, LIBVIRT.virGetLastErrorMessage(), null);
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
      throw new ExceptionInInitializerError(
          new IllegalStateException(
              "libvirt-java changed: nestbed reads Domain.vdp and Stream.getVsp() to open consoles",
              e));
    }
  }
}
