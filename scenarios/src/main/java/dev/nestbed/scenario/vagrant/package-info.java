/**
 * Vagrant projects that reproduce a scenario's nodes as Vagrant machines (vagrant-libvirt), on this
 * machine or on a real host, so the same scenario runs on them with {@code provider: remote}.
 */
package dev.nestbed.scenario.vagrant;
