package dev.nestbed.core.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop, registered once per JVM and run by one daemon thread. Domain events
 * (a migration's passes) reach a client only through it, and only on connections opened after it
 * was registered: libvirt's remote client hooks a connection's socket into the loop when it opens
 * it. So {@link LibvirtHost#connect} starts it before it opens anything.
 */
final class LibvirtEventLoop {
  private static final Logger log = LoggerFactory.getLogger(LibvirtEventLoop.class);
  private static final String THREAD = "libvirt-event-loop";

  /** After a failed iteration: a loop that keeps failing must not spin a core. */
  private static final long PAUSE_AFTER_FAILURE_MS = 100;

  private static boolean running;

  private LibvirtEventLoop() {}

  /** Registers the default implementation and starts its thread, the first time only. */
  static synchronized void ensureRunning() {
    if (running) {
      return;
    }
    LibvirtCall.run("virEventRegisterDefaultImpl", null, "this process", Library::initEventLoop);
    Thread loop = new Thread(LibvirtEventLoop::run, THREAD);
    loop.setDaemon(true); // it never ends by itself; the JVM must be able to exit under it
    loop.start();
    running = true;
    log.debug("libvirt's default event loop is registered; thread {} runs it", THREAD);
  }

  private static void run() {
    while (true) {
      try {
        Library.runEventLoop(); // returns only after Library.stopEventLoop(), which nestbed never
        // calls
      } catch (LibvirtException e) {
        log.debug(
            "an iteration of libvirt's event loop failed: {}",
            e.getError() == null ? e.getMessage() : e.getError().getMessage());
        try {
          Thread.sleep(PAUSE_AFTER_FAILURE_MS);
        } catch (InterruptedException stop) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
