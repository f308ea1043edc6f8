package dev.nestbed.core.image;

import java.nio.file.Path;

/**
 * The hypervisor image a {@code nested} pool boots as its L1 VM: a Debian root filesystem with
 * libvirt and QEMU (never written to: each pool boots a copy-on-write overlay of it) and the kernel
 * and initrd taken from it for direct boot.
 *
 * @param commandLine the kernel command line the image needs (from its manifest)
 */
public record HypervisorImage(
    Path disk, Path kernel, Path initrd, String commandLine, String recipeHash) {}
