package dev.nestbed.core.libvirt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.event.LifecycleListener;

/**
 * The JNA-bound migration-pass events against libvirt's in-process test driver. It never migrates,
 * so no event arrives here: this checks the registration's life, not the delivery
 * (PartitionMigrationIT sees the events of real migrations).
 */
class DomainEventsTest {
  private LibvirtHost host;
  private LibvirtDomain domain;

  @BeforeEach
  void define() {
    host = LibvirtHost.connect("testhost", "test:///default");
    domain =
        host.define(
            """
        <domain type='test'>
          <name>events</name>
          <memory unit='KiB'>262144</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64'>hvm</type></os>
        </domain>
        """);
  }

  @AfterEach
  void close() {
    domain.destroyAndUndefine();
    host.close();
  }

  @Test
  void oneDaemonThreadRunsLibvirtsEventLoopOnceAConnectionIsOpen() {
    long loops =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("libvirt-event-loop"))
            .peek(t -> assertTrue(t.isDaemon(), "the event loop would keep the JVM alive"))
            .count();
    assertEquals(1, loops);
  }

  @Test
  void theLoopDeliversEventsOnItsOwnThread() throws Exception {
    // the test driver emits lifecycle events only: libvirt-java's listener shows the loop runs
    CompletableFuture<String> heard = new CompletableFuture<>();
    LifecycleListener listener =
        (d, event) -> {
          heard.complete(Thread.currentThread().getName());
          return 0;
        };
    host.connection().addLifecycleListener(listener);
    try {
      domain.start();
      assertEquals("libvirt-event-loop", heard.get(5, TimeUnit.SECONDS));
    } finally {
      host.connection().removeLifecycleListener(listener);
    }
  }

  @Test
  void aClosedRegistrationHandsItsCallbackBackAndClosesOnlyOnce() {
    DomainEvents.Registration first = register();
    assertTrue(first.heldByLibvirt(), "libvirt holds the callback while registered");

    first.close();
    awaitReleased(first);

    // A second close touches nothing: neither the released callback nor a newer registration.
    DomainEvents.Registration second = register();
    first.close();
    assertFalse(first.heldByLibvirt());
    assertTrue(second.heldByLibvirt(), "closing the first registration again ended the second");
    second.close();
    awaitReleased(second);
  }

  private DomainEvents.Registration register() {
    return assertInstanceOf(
        DomainEvents.Registration.class, domain.onMigrationIteration(pass -> {}));
  }

  /**
   * libvirt calls the free callback when it is done with the callback: maybe later, from its loop.
   */
  private static void awaitReleased(DomainEvents.Registration registration) {
    await("libvirt to release the callback of a closed registration")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !registration.heldByLibvirt());
  }
}
