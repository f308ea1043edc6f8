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
  libsasl2-modules       # DIGEST-MD5: nestbed's login to a pool VM's libvirtd
  libxml2-utils          # xmllint: used by virt-xml-validate, and by tests to validate junit.xml
  busybox-static         # the partition guest's userland
  linux-image-amd64      # the guest kernel (booted directly, never by this host)
  musl-tools             # static libc for the in-guest agent
  cpio                   # packs the guest initramfs
  iproute2               # network namespaces for local nodes
  util-linux             # nsenter, unshare
  mmdebstrap             # the hypervisor (L1) image of nested pools
  e2fsprogs              # mkfs.ext4 -d: disk images without loop devices
  fdisk                  # sfdisk: the Vagrant box's partition table, on a plain file
  grub-pc-bin            # GRUB for the Vagrant box (written like grub-install, without devices)
  socat                  # the pipe into a nested pool's libvirtd
  chromium               # tests only: renders report.html headless
  openssh-server         # tests only: sshd of the emulated remote hosts (never started as a service)
  openssh-client         # ssh -W into a remote host's nested pool; ssh-keygen for the test hosts' keys
  vagrant                # `nestbed vagrant` projects (tests run `vagrant validate`); its insecure key goes into the box
  vagrant-libvirt        # its libvirt provider
  docker.io              # dockerd: nodes of the container provider (images built here, never pulled)
  openjdk-17-jdk-headless
  maven
)

if [[ $(id -u) -ne 0 ]]; then
  echo "setup-host: run as root (it installs packages)" >&2
  exit 3
fi

# QEMU before 9.0 loses guest stores during a live migration under TCG: the fast path of its
# dirty-bitmap sync cleared bits without resetting the TCG TLB, so pages written afterwards were
# never sent again (upstream commit 03bfc2188f, "physmem: Fix migration dirty bitmap coherency
# with TCG memory access", QEMU 9.0). Migrated guests crashed here with 7.2, Debian 12's QEMU.
# On Debian 12 QEMU and libvirt therefore come from bookworm-backports (QEMU 10, libvirt 11).
hypervisor_packages=(qemu-system-x86 qemu-utils libvirt-daemon-system libvirt-clients libvirt0)
min_qemu=1:9.0
backports_file=/etc/apt/sources.list.d/nestbed-backports.list
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
qemu_too_old() {
  local v
  v=$(dpkg-query -W -f='${Version}' qemu-system-x86 2>/dev/null) || return 0
  ! dpkg --compare-versions "$v" ge "$min_qemu"
}

# The backports suite on the mirror the host already uses for bookworm (never a named host).
add_backports() {
  [[ -f $backports_file ]] && return 0
  local uri
  uri=$(apt-cache policy 2>/dev/null | awk '
      /^ *[0-9-]+ [a-z+]+:\/\// { uri=$2; dist=$3; next }
      /^ *release / && uri != "" { if ($0 ~ /o=Debian,/ && dist == "bookworm/main") { print uri; exit } uri="" }')
  if [[ -z $uri ]]; then
    echo "setup-host: no Debian bookworm source in apt's configuration to take bookworm-backports from;" \
      "add one (QEMU >= 9.0 is needed for live migration under TCG)" >&2
    exit 3
  fi
  echo "deb $uri bookworm-backports main" > "$backports_file"
  echo "setup-host: added bookworm-backports for QEMU >= 9.0 and its libvirt ($backports_file)"
}

missing=()
for entry in "${packages[@]}"; do
  pkg="${entry%% *}"
  if ! installed "$pkg"; then
    missing+=("$pkg")
  fi
done
from_backports=()
if [[ $codename == bookworm ]] && qemu_too_old; then
  from_backports=("${hypervisor_packages[@]}")
fi

if ((${#missing[@]} == 0 && ${#from_backports[@]} == 0)); then
  echo "setup-host: all ${#packages[@]} packages present"
else
  export DEBIAN_FRONTEND=noninteractive
  # The guest kernel never boots this host: skip generating a host initramfs for it (saves ~40 s).
  export INITRD=No
  # Services of installed packages must not start (sshd would listen on every address, libvirtd
  # would run as the host's own): a policy-rc.d refuses them, unless the host has its own.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  if ((${#from_backports[@]} > 0)); then
    add_backports
  fi
  apt-get update -q
  if ((${#from_backports[@]} > 0)); then
    echo "setup-host: installing from bookworm-backports: ${from_backports[*]}"
    apt-get install -y -q --no-install-recommends -t bookworm-backports "${from_backports[@]}"
  fi
  rest=()
  for pkg in "${missing[@]}"; do
    installed "$pkg" || rest+=("$pkg")
  done
  if ((${#rest[@]} > 0)); then
    echo "setup-host: installing ${rest[*]}"
    apt-get install -y -q --no-install-recommends "${rest[@]}"
  fi
fi
if qemu_too_old; then
  echo "setup-host: warning: QEMU $(dpkg-query -W -f='${Version}' qemu-system-x86) is older than 9.0:" \
    "live migration under TCG loses guest memory with it" >&2
fi

# No systemd here: nestbed starts its own libvirtd per node. Make sure the shared runtime
# directory exists for tools that expect it.
mkdir -p /run/libvirt

# The container provider needs a Docker daemon. One that answers is used as it is; otherwise
# dockerd is started here (no systemd) without touching the host's firewall or forwarding: node
# containers join only an internal network of their run, so nothing is routed off this machine.
docker_socket=/var/run/docker.sock
docker_answers() { [[ -S $docker_socket ]] && timeout 10 docker -H "unix://$docker_socket" version >/dev/null 2>&1; }
if docker_answers; then
  echo "setup-host: dockerd answers at $docker_socket"
else
  echo "setup-host: starting dockerd (--iptables=false --ip-forward=false --bridge=none; log /var/log/nestbed-dockerd.log)"
  setsid dockerd --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
    --host "unix://$docker_socket" >> /var/log/nestbed-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker_answers && break
    sleep 1
  done
  if ! docker_answers; then
    echo "setup-host: dockerd did not answer within 60 s; see /var/log/nestbed-dockerd.log" >&2
    exit 3
  fi
  echo "setup-host: dockerd answers at $docker_socket"
fi
echo "setup-host: done"
