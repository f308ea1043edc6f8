package dev.nestbed.aggregator.pool;

/**
 * The network between the L1s of one run, for migrations between nested pools. Each L1 gets a
 * second NIC on one multicast group (QEMU's socket netdev, sent from its node's address), so its
 * frames leave the node through the node's cable into the run's virtual switch and reach every
 * other L1, as between machines; inside, that NIC has {@link #address()} in 10.214.0.0/24. The
 * switch belongs to the run, so the fixed group and port cannot meet another run's.
 *
 * @param index the pool's number among the run's nested pools, 0 to 239
 */
public record L1Interconnect(int index) {
  static final String GROUP = "239.214.0.1";
  static final int PORT = 42140;

  /** How many nested pools one run's interconnect addresses: 10.214.0.10 to 10.214.0.249. */
  public static final int MAX_POOLS = 240;

  public L1Interconnect {
    if (index < 0 || index >= MAX_POOLS) {
      throw new IllegalArgumentException(
          "interconnect index " + index + " is not in 0.." + (MAX_POOLS - 1));
    }
  }

  /** The L1's address on the interconnect, where another L1's QEMU sends a partition's memory. */
  public String address() {
    return "10.214.0." + (10 + index);
  }

  String mac() {
    return String.format("52:54:00:4e:42:%02x", index);
  }

  /**
   * The QEMU arguments of the NIC, for the L1's {@code <qemu:commandline>}. Its PCI slot comes
   * after the user-mode NIC's (0x1e): the L1 has no udev, its kernel names NICs in bus order, and
   * its init sets up eth0 for the user-mode network that carries nestbed's connection.
   */
  String qemuArgs(String nodeAddress) {
    return """
            <qemu:arg value='-netdev'/>
            <qemu:arg value='socket,id=nbic,mcast=%s:%d,localaddr=%s'/>
            <qemu:arg value='-device'/>
            <qemu:arg value='virtio-net-pci,netdev=nbic,mac=%s,bus=pci.0,addr=0x1f'/>
        """
        .formatted(GROUP, PORT, nodeAddress, mac());
  }

  /** Shell run inside the L1: the bytes its interconnect NIC has received so far. */
  String receivedBytesScript() {
    return "for d in /sys/class/net/*; do [ \"$(cat $d/address)\" = '"
        + mac()
        + "' ] && exec cat"
        + " $d/statistics/rx_bytes; done; echo 'no NIC with MAC "
        + mac()
        + "'; exit 1";
  }

  /** Shell run inside the L1 (over its control line): the NIC with this MAC gets the address. */
  String configureScript() {
    return "for d in /sys/class/net/*; do [ \"$(cat $d/address)\" = '"
        + mac()
        + "' ] && n=${d##*/}; done;"
        + " [ -n \"$n\" ] || { echo 'no NIC with MAC "
        + mac()
        + "'; exit 1; };"
        + " ip link set \"$n\" up && ip addr add "
        + address()
        + "/24 dev \"$n\" && echo \"$n\"";
  }
}
