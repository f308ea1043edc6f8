package dev.nestbed.core.libvirt;

/**
 * Pieces every domain nestbed generates shares: direct kernel boot (no firmware menu, no
 * bootloader), a guest that powers off instead of rebooting (so failures are seen, not looped), and
 * XML escaping of values that come from paths and names.
 */
public final class DomainXmlBlocks {
  private DomainXmlBlocks() {}

  /**
   * {@code <os>} booting {@code kernel} and {@code initrd} directly with {@code cmdline}, plus
   * ACPI, on machine type {@code pc} (the newest i440fx machine of the QEMU it starts on).
   */
  public static String directKernelBoot(String kernel, String initrd, String cmdline) {
    return directKernelBoot("pc", kernel, initrd, cmdline);
  }

  /**
   * As {@link #directKernelBoot(String, String, String)} on {@code machine}: a versioned type such
   * as {@code pc-i440fx-7.2} lets the guest migrate to a QEMU as old as that.
   */
  public static String directKernelBoot(
      String machine, String kernel, String initrd, String cmdline) {
    return """
          <os>
            <type arch='x86_64' machine='%s'>hvm</type>
            <kernel>%s</kernel>
            <initrd>%s</initrd>
            <cmdline>%s</cmdline>
          </os>
          <features>
            <acpi/>
          </features>
        """
        .formatted(escape(machine), escape(kernel), escape(initrd), escape(cmdline))
        .stripTrailing();
  }

  /** UTC clock and destroy-on-anything: a guest that stops must stay stopped. */
  public static String lifecycle() {
    return """
          <clock offset='utc'/>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>destroy</on_reboot>
          <on_crash>destroy</on_crash>
        """
        .stripTrailing();
  }

  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;");
  }
}
