package dev.nestbed.core.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.BitSet;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The few libvirt C functions libvirt-java 0.5.4 does not bind, called through JNA on the same
 * {@code libvirt.so} and the same connection. Everything else goes through libvirt-java.
 */
final class NativeLibvirt {
  /** The C functions, exactly as libvirt declares them. */
  private interface Api extends Library {
    Pointer virDomainLookupByUUIDString(Pointer conn, String uuid);

    int virDomainFree(Pointer domain);

    int virDomainSetVcpu(Pointer domain, String vcpumap, int state, int flags);

    int virNodeGetCPUMap(Pointer conn, PointerByReference cpumap, IntByReference online, int flags);

    String virGetLastErrorMessage();

    int virGetLastErrorCode();
  }

  private static final Api API = Native.load("virt", Api.class);

  private NativeLibvirt() {}

  /** A connection whose C pointer nestbed can pass to the functions above. */
  static final class PointerConnect extends Connect {
    PointerConnect(String uri) throws LibvirtException {
      super(uri, false);
    }

    Pointer pointer() {
      return vcp.getPointer();
    }
  }

  /** virDomainSetVcpu: enables or disables the listed vCPUs (e.g. "2-3") of a running domain. */
  static void setVcpus(PointerConnect connect, String uuid, String vcpuList, boolean enable, int flags,
      String domainName, String host) {
    String call = "virDomainSetVcpu(" + vcpuList + ", " + (enable ? "enable" : "disable") + ")";
    Pointer domain = API.virDomainLookupByUUIDString(connect.pointer(), uuid);
    if (domain == null) {
      throw lastError("virDomainLookupByUUIDString", domainName, host);
    }
    try {
      if (API.virDomainSetVcpu(domain, vcpuList, enable ? 1 : 0, flags) < 0) {
        throw lastError(call, domainName, host);
      }
    } finally {
      API.virDomainFree(domain);
    }
  }

  /** virNodeGetCPUMap: the host's online CPUs. */
  static BitSet onlineCpus(PointerConnect connect, String host) {
    PointerByReference map = new PointerByReference();
    IntByReference online = new IntByReference();
    int total = API.virNodeGetCPUMap(connect.pointer(), map, online, 0);
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

  private static LibvirtCallException lastError(String call, String domain, String host) {
    return new LibvirtCallException(call, domain, host, String.valueOf(API.virGetLastErrorCode()),
        API.virGetLastErrorMessage(), null);
  }
}
