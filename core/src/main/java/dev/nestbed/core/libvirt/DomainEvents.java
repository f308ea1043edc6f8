package dev.nestbed.core.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.libvirt.Domain;
import org.libvirt.jna.DomainPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Domain events libvirt-java 0.5.4 has no listener for (MIGRATION_ITERATION), bound with JNA on the
 * same library and connections as {@link MissingBindings}. libvirt calls a listener from its event
 * loop ({@link LibvirtEventLoop}), and until it says it is done with it through the free callback,
 * JNA must not reclaim the callback: it is held in {@link #LIVE} until then, since a collected JNA
 * callback is a dangling function pointer in libvirt and crashes the JVM.
 */
final class DomainEvents {
  private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);

  /**
   * VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION of virDomainEventID (libvirt-domain.h, since 1.3.2).
   */
  static final int MIGRATION_ITERATION = 20;

  /** The functions, as libvirt's C API declares them. */
  interface Functions extends Library {
    int virConnectDomainEventRegisterAny(
        Pointer conn,
        DomainPointer dom,
        int eventId,
        MigrationIterationCallback callback,
        Pointer opaque,
        FreeCallback free);

    int virConnectDomainEventDeregisterAny(Pointer conn, int callbackId);

    /** The domain's connection, without a reference of its own (libvirt's callbacks hold one). */
    Pointer virDomainGetConnect(DomainPointer dom);
  }

  /** virConnectDomainEventMigrationIterationCallback. */
  interface MigrationIterationCallback extends Callback {
    void invoke(Pointer conn, Pointer dom, int iteration, Pointer opaque);
  }

  /** virFreeCallback: libvirt will not call the registration's callback again. */
  interface FreeCallback extends Callback {
    void invoke(Pointer opaque);
  }

  private static final Functions LIBVIRT = Native.load("virt", Functions.class);

  /** The callbacks libvirt may still call, by the key it hands back as {@code opaque}. */
  private static final Map<Long, Callback> LIVE = new ConcurrentHashMap<>();

  private static final AtomicLong KEYS = new AtomicLong();

  /** One free callback for all registrations, held for the JVM's life. */
  private static final FreeCallback RELEASE = opaque -> LIVE.remove(Pointer.nativeValue(opaque));

  private DomainEvents() {}

  /**
   * Calls {@code listener} with the pass number of every MIGRATION_ITERATION event of {@code
   * domain}, on libvirt's event-loop thread, until the registration is closed.
   */
  static DomainEventRegistration onMigrationIteration(
      Domain domain, IntConsumer listener, String domainName, String host) {
    LibvirtEventLoop.ensureRunning();
    DomainPointer dom = MissingBindings.domainPointer(domain);
    Pointer conn = LIBVIRT.virDomainGetConnect(dom);
    if (conn == null) {
      throw MissingBindings.lastError("virDomainGetConnect", domainName, host);
    }
    long key = KEYS.incrementAndGet();
    MigrationIterationCallback callback =
        (c, d, iteration, opaque) -> {
          try {
            listener.accept(iteration);
          } catch (RuntimeException e) {
            // nothing above this frame but libvirt's C code: log here, or it is lost
            log.warn(
                "a listener for the migration passes of {} on {} failed at pass {}",
                domainName,
                host,
                iteration,
                e);
          }
        };
    LIVE.put(key, callback);
    int id =
        LIBVIRT.virConnectDomainEventRegisterAny(
            conn, dom, MIGRATION_ITERATION, callback, new Pointer(key), RELEASE);
    if (id < 0) {
      LIVE.remove(key); // a failed registration frees nothing through RELEASE
      throw MissingBindings.lastError(
          "virConnectDomainEventRegisterAny(MIGRATION_ITERATION)", domainName, host);
    }
    log.debug("listening for the migration passes of {} on {} (callback {})", domainName, host, id);
    return new Registration(key, conn, id, domainName, host);
  }

  /**
   * One registration with libvirt, deregistered by the first {@link #close()} only. It knows its
   * own callback, so that whether libvirt released it can be asked of it alone.
   */
  static final class Registration implements DomainEventRegistration {
    private final long key;
    private final Pointer conn;
    private final int id;
    private final String domainName;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Registration(long key, Pointer conn, int id, String domainName, String host) {
      this.key = key;
      this.conn = conn;
      this.id = id;
      this.domainName = domainName;
      this.host = host;
    }

    @Override
    public void close() {
      if (closed.getAndSet(true)) {
        return;
      }
      // libvirt keeps the connection alive while a callback is registered, so this pointer holds
      if (LIBVIRT.virConnectDomainEventDeregisterAny(conn, id) < 0) {
        log.debug(
            "deregistering the migration-pass listener of {} on {}: {}",
            domainName,
            host,
            MissingBindings.lastError("virConnectDomainEventDeregisterAny", domainName, host)
                .getMessage());
      }
    }

    /**
     * Whether libvirt may still call this registration's callback: until it calls the free
     * callback, which it may do after {@link #close()} has returned (when it was dispatching an
     * event then, it frees the callback once the dispatch is over).
     */
    boolean heldByLibvirt() {
      return LIVE.containsKey(key);
    }
  }
}
