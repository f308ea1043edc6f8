package dev.nestbed.core.image;

import java.nio.file.Path;

/**
 * A built partition guest: a kernel and an initramfs holding busybox and the agent, booted directly
 * by QEMU (no disk, no bootloader: the fastest boot the design allows under TCG).
 */
public record GuestImage(Path kernel, Path initramfs, String recipeHash) {}
