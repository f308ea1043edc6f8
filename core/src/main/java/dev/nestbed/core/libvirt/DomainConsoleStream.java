package dev.nestbed.core.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One character device of a running domain (a serial port such as {@code serial1}, backed by a pty
 * in QEMU), opened with virDomainOpenConsole through a connection of its own to the domain's
 * libvirt. The bytes are the device's, but they travel wherever that connection goes: a local
 * daemon's socket, or an {@code ext} pipe into a nested pool's L1. Nothing on this machine needs to
 * see the pty.
 *
 * <p>The connection is its own because libvirt's client holds a connection's lock while a blocking
 * stream waits for data: on a shared connection, every other call (starting the next guest, a
 * hot-plug) waited until this device next wrote, for minutes while an L2 booted.
 *
 * <p>{@link #input()} blocks until bytes arrive; it returns -1 when the device ends (the domain
 * stopped) or after {@link #close()}, and throws when the libvirt connection is lost. One thread
 * reads and any thread may write through {@link #output()}. {@link #close()} wakes a blocked read.
 */
public final class DomainConsoleStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DomainConsoleStream.class);

  /** libvirt stream flags: 0 is a blocking stream. */
  private static final int BLOCKING = 0;

  /** virDomainOpenConsole flags: 0 refuses a device somebody else already has open. */
  private static final int EXCLUSIVE = 0;

  /** VIR_DOMAIN_CONSOLE_FORCE: takes the device over from whoever has it open. */
  private static final int FORCE = 1;

  /**
   * How long {@link #close()} waits for a read or write in flight before leaving the stream to GC.
   */
  private static final long CLOSE_WAIT_MS = 2000;

  private static final int MAX_CHUNK = 64 * 1024;

  private final Connect connection;
  private final Domain domain;
  private final Stream stream;
  private final String what;

  /** Held by a thread inside virStreamRecv: the stream must not be freed under it. */
  private final ReentrantLock receiving = new ReentrantLock();

  private final ReentrantLock sending = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean ended;
  private final InputStream input = new Input();
  private final OutputStream output = new Output();

  private DomainConsoleStream(Connect connection, Domain domain, Stream stream, String what) {
    this.connection = connection;
    this.domain = domain;
    this.stream = stream;
    this.what = what;
  }

  static DomainConsoleStream open(
      String uri, String domainName, String device, String host, boolean takeOver) {
    Connect connection = LibvirtHost.open(uri, domainName, host);
    Domain domain = null;
    Stream stream = null;
    try {
      domain =
          LibvirtCall.call(
              "virDomainLookupByName",
              domainName,
              host,
              () -> connection.domainLookupByName(domainName));
      stream =
          LibvirtCall.call("virStreamNew", domainName, host, () -> connection.streamNew(BLOCKING));
      MissingBindings.openConsole(
          domain, device, stream, takeOver ? FORCE : EXCLUSIVE, domainName, host);
    } catch (RuntimeException e) {
      release(connection, domain, stream, domainName);
      throw e;
    }
    return new DomainConsoleStream(
        connection,
        domain,
        stream,
        "device " + device + " of domain '" + domainName + "' on " + host);
  }

  /** The bytes the guest writes to the device. Read from one thread. */
  public InputStream input() {
    return input;
  }

  /** Bytes to the guest. */
  public OutputStream output() {
    return output;
  }

  /** True once the device ended on its own (the domain stopped), as opposed to {@link #close()}. */
  public boolean ended() {
    return ended;
  }

  /**
   * Aborts the stream (a blocked read returns -1), then frees it once no read or write is in
   * flight. Idempotent.
   */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      if (ended) {
        stream.finish();
      } else {
        stream.abort();
      }
    } catch (LibvirtException e) {
      // The connection is gone or the stream already ended: nothing left to tell the daemon.
      log.debug(
          "closing {}: {}",
          what,
          e.getError() == null ? e.getMessage() : e.getError().getMessage());
    }
    if (!lockWithin(receiving)) {
      log.warn(
          "a read of {} is still blocked {} ms after close; leaving the stream to the garbage collector",
          what,
          CLOSE_WAIT_MS);
      return;
    }
    try {
      if (!lockWithin(sending)) {
        log.warn(
            "a write to {} is still blocked after close; leaving the stream to the garbage collector",
            what);
        return;
      }
      try {
        release(connection, domain, stream, what);
      } finally {
        sending.unlock();
      }
    } finally {
      receiving.unlock();
    }
  }

  private static boolean lockWithin(ReentrantLock lock) {
    try {
      return lock.tryLock(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Frees what {@link #open} made, in reverse, each on its own; the domain and stream may be null.
   */
  private static void release(
      Connect connection, @Nullable Domain domain, @Nullable Stream stream, String what) {
    try {
      if (stream != null) {
        stream.free();
      }
    } catch (LibvirtException e) {
      log.debug("freeing the stream of {}: {}", what, e.getMessage());
    }
    try {
      if (domain != null) {
        domain.free();
      }
    } catch (LibvirtException e) {
      log.debug("freeing the domain handle of {}: {}", what, e.getMessage());
    }
    try {
      connection.close();
    } catch (LibvirtException e) {
      log.debug("closing the connection of {}: {}", what, e.getMessage());
    }
  }

  private IOException failure(String doing, LibvirtException e) {
    String message = e.getError() == null ? e.getMessage() : e.getError().getMessage();
    return new IOException(doing + " " + what + " failed: " + message, e);
  }

  @Override
  public String toString() {
    return what;
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      receiving.lock();
      try {
        if (closed.get() || ended) {
          return -1;
        }
        byte[] chunk = new byte[Math.min(length, MAX_CHUNK)];
        int n = stream.receive(chunk);
        if (n == 0) {
          ended = true;
          return -1;
        }
        System.arraycopy(chunk, 0, into, offset, n);
        return n;
      } catch (LibvirtException e) {
        if (closed.get()) {
          return -1; // the abort of close() woke us
        }
        throw failure("reading", e);
      } catch (IllegalArgumentException e) {
        // libvirt-java moves the buffer by the result: -1 without a libvirt error lands here
        if (closed.get()) {
          return -1;
        }
        throw new IOException("reading " + what + " failed without a libvirt error", e);
      } finally {
        receiving.unlock();
      }
    }
  }

  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      sending.lock();
      try {
        if (closed.get()) {
          throw new IOException(what + " is closed");
        }
        if (ended) {
          throw new IOException(what + " has ended: the domain stopped");
        }
        byte[] left = Arrays.copyOfRange(bytes, offset, offset + length);
        while (left.length > 0) {
          int sent = stream.send(left);
          left = Arrays.copyOfRange(left, sent, left.length);
        }
      } catch (LibvirtException e) {
        throw failure("writing to", e);
      } catch (IllegalArgumentException e) {
        throw new IOException("writing to " + what + " failed without a libvirt error", e);
      } finally {
        sending.unlock();
      }
    }
  }
}
