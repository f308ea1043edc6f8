/**
 * Where a run's provenance is read from: nestbed's own build (version and commit) and the software
 * of this machine (kernel, QEMU, libvirt). Each reader returns a {@link
 * dev.nestbed.scenario.record.Fact}: what it read, or why it could not; none throws.
 */
package dev.nestbed.scenario.provenance;
