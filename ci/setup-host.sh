#!/usr/bin/env bash
# Prepares a Debian 12 host for nestbed: installs exactly the packages it needs, nothing else.
# Idempotent: a rerun with everything present checks and exits in seconds. Run as root.
set -euo pipefail

# Program nestbed runs -> the package that provides it (kept in step with 'nestbed doctor').
packages=(
  qemu-system-x86        # QEMU for partitions and pool VMs
  qemu-utils             # qemu-img
  libvirt-daemon-system  # libvirtd: one per emulated node
  libvirt-clients        # virsh, virt-xml-validate
  libvirt0               # the C library libvirt-java binds
  libxml2-utils          # xmllint, used by virt-xml-validate
  busybox-static         # the partition guest's userland
  linux-image-amd64      # the guest kernel (booted directly, never by this host)
  musl-tools             # static libc for the in-guest agent
  cpio                   # packs the guest initramfs
  iproute2               # network namespaces for local nodes
  util-linux             # nsenter, unshare
  mmdebstrap             # the hypervisor (L1) image of nested pools
  e2fsprogs              # mkfs.ext4 -d: disk images without loop devices
  socat                  # the pipe into a nested pool's libvirtd
  chromium               # tests only: renders report.html headless
  openjdk-17-jdk-headless
  maven
)

if [[ $(id -u) -ne 0 ]]; then
  echo "setup-host: run as root (it installs packages)" >&2
  exit 3
fi

missing=()
for entry in "${packages[@]}"; do
  pkg="${entry%% *}"
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup-host: all ${#packages[@]} packages present"
else
  echo "setup-host: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The guest kernel never boots this host: skip generating a host initramfs for it (saves ~40 s).
  export INITRD=No
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# No systemd here: nestbed starts its own libvirtd per node. Make sure the shared runtime
# directory exists for tools that expect it.
mkdir -p /run/libvirt
echo "setup-host: done"
