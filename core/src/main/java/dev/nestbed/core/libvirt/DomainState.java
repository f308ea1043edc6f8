package dev.nestbed.core.libvirt;

/** The lifecycle states of a libvirt domain that nestbed distinguishes. */
public enum DomainState {
  RUNNING,
  PAUSED,
  SHUT_OFF,
  CRASHED,
  OTHER
}
