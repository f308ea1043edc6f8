#!/usr/bin/env bash
# Builds the Vagrant box of nestbed nodes (vagrant-libvirt): a Debian bookworm machine that boots
# through BIOS and GRUB, with sshd, the 'vagrant' user and Vagrant's insecure key, and the QEMU
# and libvirt the host runs (bookworm-backports), so a Vagrant machine is a node that can host
# partitions.
#
#   images/vagrant-box/build.sh OUTDIR
#
# Writes OUTDIR/nestbed-node.box (box.img, metadata.json, Vagrantfile) and OUTDIR/manifest.txt.
# No loop devices, no mounts: the root file system is made with mkfs.ext4 -d, the disk is a plain
# file partitioned with sfdisk, and GRUB's core image is written where grub-install would put it.
#
# Needs root (mmdebstrap in root mode), mmdebstrap, e2fsprogs, fdisk, grub-pc-bin, qemu-utils and
# the vagrant package (its insecure public key goes into the box). Optional environment:
#   SOURCE_DATE_EPOCH       timestamps (default: now)
#   NESTBED_BOX_SOURCES     an apt sources file instead of the host's bookworm (+ backports) sources
set -euo pipefail

say() { echo "vagrant-box: $*"; }
die() { echo "vagrant-box: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install Debian package '$2' (apt-get install $2)"; }

[[ $# -eq 1 && -n $1 ]] || die "usage: $0 OUTDIR"
OUTDIR=${1%/}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=bookworm
BACKPORTS_SUITE=$SUITE-backports
BOX=nestbed-node
START=$(date +%s)

[[ $(id -u) -eq 0 ]] || die "must run as root (mmdebstrap root mode, file ownership)"
for t in mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs sfdisk:fdisk grub-mkimage:grub-pc-bin qemu-img:qemu-utils \
         tar:tar sha256sum:coreutils; do
    need "${t%%:*}" "${t#*:}"
done
GRUB_DIR=/usr/lib/grub/i386-pc
[[ -r $GRUB_DIR/boot.img ]] || die "$GRUB_DIR/boot.img not found; install Debian package grub-pc-bin"
# Vagrant logs in with its well-known insecure key the first time and then replaces it with a key
# of the machine's own. Vagrant 2.3.4 (Debian) ships the public half inside its gem.
INSECURE_KEY=$(ls /usr/share/rubygems-integration/all/gems/vagrant-*/keys/vagrant.pub 2>/dev/null | head -n 1)
[[ -n $INSECURE_KEY ]] || die "Vagrant's insecure public key not found; install Debian package vagrant"

if [[ -n ${NESTBED_BOX_SOURCES:-} ]]; then
    [[ -r $NESTBED_BOX_SOURCES ]] || die "NESTBED_BOX_SOURCES=$NESTBED_BOX_SOURCES is not a readable file"
    SOURCES_ARGS=("$NESTBED_BOX_SOURCES")
else
    # shellcheck source=../common/debian-sources.sh
    source "$HERE/../common/debian-sources.sh"
    mapfile -t SOURCES_ARGS < <(debian_sources "$SUITE")
    ((${#SOURCES_ARGS[@]} > 0)) || die "no Debian $SUITE source in the host's apt configuration; run 'apt-get update'"
fi

PACKAGES=(
    linux-image-amd64 initramfs-tools    # the node's kernel, booted by GRUB from the disk
    systemd-sysv                         # init (Vagrant's guest plugins expect systemd)
    openssh-server sudo                  # how Vagrant and nestbed reach the machine
    iproute2                             # Vagrant configures the private network with networkd
    qemu-system-x86 libvirt-daemon-system libvirt-clients   # the node: partitions run here
)
# As in the hypervisor image: QEMU >= 9.0 (TCG live migration fix 03bfc2188f) and its libvirt
# from backports, pinned so nothing else moves there.
BACKPORTS=(qemu-system-x86 qemu-system-common qemu-system-data qemu-utils qemu-block-extra seabios
           libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-log libvirt-daemon-common
           libvirt-daemon-system libvirt-daemon-config-network libvirt-daemon-config-nwfilter
           libvirt-daemon-driver-network libvirt-daemon-driver-nwfilter libvirt-daemon-driver-storage
           libvirt-daemon-driver-secret libvirt-daemon-lock libvirt-daemon-plugin-lockd libvirt-daemon-system-systemd
           libvirt-clients libvirt-clients-qemu libvirt-common libvirt-login-shell libvirt-ssh-proxy libvirt0)
PIN_HOOK="mkdir -p \"\$1/etc/apt/preferences.d\" && printf '%s\\n' 'Explanation: nestbed node box: QEMU >= 9.0 and its libvirt; all else from $SUITE' 'Package: ${BACKPORTS[*]}' 'Pin: release n=$BACKPORTS_SUITE' 'Pin-Priority: 990' > \"\$1/etc/apt/preferences.d/nestbed-backports\""
DPKG_OPTS=('path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' 'path-exclude=/usr/share/man/*'
           'path-exclude=/usr/share/info/*' 'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias')
MMDEB_ARGS=(--variant=minbase --mode=root --format=directory
            --aptopt='Acquire::Languages "none"' --aptopt='APT::Install-Recommends "false"')
for h in merged-usr eatmydata; do
    [[ -d /usr/share/mmdebstrap/hooks/$h ]] && MMDEB_ARGS+=(--hook-dir="/usr/share/mmdebstrap/hooks/$h")
done
for o in "${DPKG_OPTS[@]}"; do MMDEB_ARGS+=(--dpkgopt="$o"); done
MMDEB_ARGS+=(--include="$(IFS=,; echo "${PACKAGES[*]}")")

mkdir -p "$(dirname "$OUTDIR")"
TMP=$(mktemp -d "$OUTDIR.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
ROOT=$TMP/root OUT=$TMP/out
mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$START}
FS_UUID=6e657374-6265-4411-8c31-76616772616e   # fixed: GRUB and fstab name the root by it

# Everything the first boot would otherwise do slowly or wrongly, decided here:
# - host keys: none baked in (every machine must have its own); a unit makes one ed25519 key
#   before sshd starts (RSA generation takes ~45 s under TCG); sshd offers only that key
# - e2scrub_reap (~60 s under TCG at first boot) masked
# - networkd with DHCP on every en*/eth* interface; Vagrant adds the private network to it
# - the vagrant user: NOPASSWD sudo, the insecure key, group libvirt (qemu:///system without sudo)
CUSTOMIZE=$(cat <<EOS
set -e
r="\$1"
rm -f "\$r"/etc/ssh/ssh_host_*
mkdir -p "\$r/etc/ssh/sshd_config.d"
printf '%s\n' 'HostKey /etc/ssh/ssh_host_ed25519_key' 'UseDNS no' 'PasswordAuthentication no' > "\$r/etc/ssh/sshd_config.d/nestbed.conf"
printf '%s\n' '[Unit]' 'Description=nestbed: an ed25519 host key of its own' 'Before=ssh.service' \
  'ConditionPathExists=!/etc/ssh/ssh_host_ed25519_key' '[Service]' 'Type=oneshot' \
  "ExecStart=/usr/bin/ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key" \
  '[Install]' 'WantedBy=multi-user.target' > "\$r/etc/systemd/system/nestbed-host-key.service"
chroot "\$r" systemctl enable nestbed-host-key.service systemd-networkd.service ssh.service
chroot "\$r" systemctl mask e2scrub_reap.service e2scrub_all.timer apt-daily.timer apt-daily-upgrade.timer
mkdir -p "\$r/etc/systemd/network"
# named to sort after Vagrant's 50-vagrant-<if>.network: networkd takes the first file that
# matches, and the private network's static address must win over DHCP
printf '%s\n' '[Match]' 'Name=en* eth*' '[Network]' 'DHCP=yes' > "\$r/etc/systemd/network/99-nestbed-dhcp.network"
echo '$BOX' > "\$r/etc/hostname"
printf '%s\n' 'UUID=$FS_UUID / ext4 errors=remount-ro 0 1' > "\$r/etc/fstab"
chroot "\$r" useradd -m -s /bin/bash -G sudo,libvirt vagrant
echo 'vagrant ALL=(ALL) NOPASSWD: ALL' > "\$r/etc/sudoers.d/vagrant"
chmod 0440 "\$r/etc/sudoers.d/vagrant"
install -d -m 0700 -o 1000 -g 1000 "\$r/home/vagrant/.ssh"
install -m 0600 -o 1000 -g 1000 '$INSECURE_KEY' "\$r/home/vagrant/.ssh/authorized_keys"
chroot "\$r" dpkg-query -W -f='\${Package}=\${Version}\n' > "\$r/.nestbed-packages"
rm -rf "\$r"/var/lib/apt/lists/* "\$r"/var/cache/apt/* "\$r"/var/log/*
EOS
)
say "mmdebstrap $SUITE (minbase) with ${PACKAGES[*]}"
t0=$(date +%s)
mmdebstrap "${MMDEB_ARGS[@]}" --setup-hook="$PIN_HOOK" --customize-hook="$CUSTOMIZE" \
    "$SUITE" "$ROOT" "${SOURCES_ARGS[@]}" > "$TMP/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$TMP/mmdebstrap.log" >&2; die "mmdebstrap failed (last lines above)"; }
say "rootfs built in $(( $(date +%s) - t0 )) s"

mapfile -t kernels < <(cd "$ROOT/boot" && ls -1 vmlinuz-* 2>/dev/null | sort -V)
((${#kernels[@]} == 1)) || die "expected exactly one kernel in the rootfs /boot, found: ${kernels[*]:-none}"
KVER=${kernels[0]#vmlinuz-}
[[ -s $ROOT/boot/initrd.img-$KVER ]] || die "the rootfs has no /boot/initrd.img-$KVER"
qemu_ver=$(sed -n 's/^qemu-system-x86=//p' "$ROOT/.nestbed-packages")
dpkg --compare-versions "${qemu_ver:-0}" ge 1:9.0 \
    || die "qemu-system-x86 ${qemu_ver:-?} in the box is older than 9.0 (not from $BACKPORTS_SUITE?)"
mv "$ROOT/.nestbed-packages" "$TMP/packages.txt"
mkdir -p "$ROOT/boot/grub"
cat > "$ROOT/boot/grub/grub.cfg" <<EOF
set timeout=0
linux /boot/vmlinuz-$KVER root=UUID=$FS_UUID ro console=tty0 console=ttyS0 net.ifnames=1
initrd /boot/initrd.img-$KVER
boot
EOF

# --- the disk: an MBR with one partition at 1 MiB, GRUB in front of it ------------------------
used_mib=$(du -sm --apparent-size "$ROOT" | cut -f1)
part_mib=$(( used_mib + 2048 ))   # room for the node's own guests' files
disk_mib=$(( part_mib + 1 ))
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -F -L nbbox -U "$FS_UUID" \
    -E "hash_seed=$FS_UUID,root_owner=0:0,lazy_itable_init=1,lazy_journal_init=1,nodiscard" \
    -d "$ROOT" "$TMP/part.img" "${part_mib}M" || die "mkfs.ext4 -d failed"
truncate -s "${disk_mib}M" "$TMP/disk.raw"
echo 'start=2048, type=83, bootable' | sfdisk -q "$TMP/disk.raw" || die "sfdisk failed"
dd if="$TMP/part.img" of="$TMP/disk.raw" bs=1M seek=1 conv=notrunc,sparse status=none
# What grub-install does on a BIOS disk, without probing devices: core.img (knowing its root
# partition and its modules) in the gap after the MBR, and boot.img's code into the MBR (its
# first 440 bytes, so the partition table stays).
grub-mkimage -O i386-pc -o "$TMP/core.img" -p '(hd0,msdos1)/boot/grub' \
    biosdisk part_msdos ext2 normal linux configfile search echo test boot
(( $(stat -c %s "$TMP/core.img") < 1048576 - 512 )) || die "GRUB's core image does not fit before the partition"
dd if="$TMP/core.img" of="$TMP/disk.raw" bs=512 seek=1 conv=notrunc status=none
dd if="$GRUB_DIR/boot.img" of="$TMP/disk.raw" bs=440 count=1 conv=notrunc status=none
qemu-img convert -O qcow2 "$TMP/disk.raw" "$OUT/box.img"
printf '{"provider":"libvirt","format":"qcow2","virtual_size":%d}\n' $(( (disk_mib + 1023) / 1024 )) \
    > "$OUT/metadata.json"
cat > "$OUT/Vagrantfile" <<'EOF'
# The nestbed node box: settings every machine made from it needs; projects set the rest.
Vagrant.configure('2') do |config|
  config.vm.provider :libvirt do |libvirt|
    libvirt.disk_bus = 'virtio'
  end
end
EOF
tar -C "$OUT" -cf "$TMP/$BOX.box" box.img metadata.json Vagrantfile
mv "$TMP/$BOX.box" "$OUT/$BOX.box"
rm -f "$OUT/box.img" "$OUT/metadata.json" "$OUT/Vagrantfile"
{
    echo "suite=$SUITE"
    echo "box=$BOX"
    echo "kernel_version=$KVER"
    echo "fs_uuid=$FS_UUID"
    echo "qemu=$qemu_ver"
    echo "disk_mib=$disk_mib"
    echo "content_mib=$used_mib"
    echo "build_time=$(date -u -d "@$START" +%Y-%m-%dT%H:%M:%SZ)"
    echo "box_sha256=$(sha256sum "$OUT/$BOX.box" | cut -d' ' -f1)"
    sed 's/^/package=/' "$TMP/packages.txt"
} > "$OUT/manifest.txt"
if ! mv -T "$OUT" "$OUTDIR" 2>/dev/null; then
    [[ -d $OUTDIR ]] || die "$OUTDIR exists and is not a directory"
    for f in "$BOX.box" manifest.txt; do mv -f "$OUT/$f" "$OUTDIR/$f"; done
fi
say "wrote $OUTDIR/{$BOX.box,manifest.txt} in $(( $(date +%s) - START )) s ($(du -m "$OUTDIR/$BOX.box" | cut -f1) MiB)"
