package dev.nestbed.core.libvirt;

/**
 * A listener registered for events of one domain (see {@link LibvirtDomain#onMigrationIteration}).
 * Closing it deregisters the listener; closing it again does nothing. A lambda that does nothing
 * stands for "nothing registered".
 */
@FunctionalInterface
public interface DomainEventRegistration extends AutoCloseable {
  /** Deregisters the listener; failures are logged, not thrown (the connection may be gone). */
  @Override
  void close();
}
