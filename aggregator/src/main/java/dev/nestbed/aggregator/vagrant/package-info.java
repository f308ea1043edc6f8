/**
 * The {@code vagrant} node provider: each node a Vagrant machine (vagrant-libvirt) booted from
 * nestbed's own box, then used as a remote host over libssh2.
 */
package dev.nestbed.aggregator.vagrant;
