#!/usr/bin/env bash
# Builds the hypervisor image of a nested pool: the L1 VM that aggregates the member nodes
# (one vNUMA cell each) and runs its own libvirtd, which starts the partitions as L2 guests.
#
#   images/hypervisor/build.sh OUTDIR
#
# Writes OUTDIR/disk.img (raw ext4 root filesystem, sparse), OUTDIR/vmlinuz, OUTDIR/initrd.img
# (the L1's own kernel and tiny-initramfs, for direct kernel boot with root=/dev/vda) and
# OUTDIR/manifest.txt. Debian bookworm minbase + kernel, QEMU and libvirt from bookworm-backports;
# systemd does not run (libvirt 11 pulls its packages in), no udev: /sbin/nestbed-l1-init is PID 1
# (see README.md).
#
# Needs root (mmdebstrap in root mode writes a directory with real ownership and device
# nodes; mkfs.ext4 -d packs it without loop devices or mounts) and the host's apt sources
# for Debian bookworm (apt-get update must have been run); bookworm-backports is taken from the
# same mirror when the host has no entry for it.
# Environment (all optional):
#   SOURCE_DATE_EPOCH          timestamps inside the image (default: now); fixes the ext4 times too
#   NESTBED_L1_SOURCES         a sources.list / deb822 file to use instead of the host's Debian sources
#                              (must include bookworm-backports)
#   NESTBED_L1_EXTRA_PACKAGES  more packages to install, space separated
#   NESTBED_L1_DISK_SIZE_MIB   size of disk.img (sparse; default: content + 1536 MiB, at least 2048)
set -euo pipefail

say() { echo "hypervisor-image: $*"; }
die() { echo "hypervisor-image: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install Debian package '$2' (apt-get install $2)"; }

[[ $# -eq 1 && -n $1 ]] || die "usage: $0 OUTDIR"
OUTDIR=${1%/}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SUITE=bookworm
START=$(date +%s)

[[ $(id -u) -eq 0 ]] || die "must run as root (mmdebstrap root mode, device nodes, file ownership)"
for t in mmdebstrap:mmdebstrap mkfs.ext4:e2fsprogs apt-cache:apt dpkg:dpkg cpio:cpio gzip:gzip sha256sum:coreutils du:coreutils; do
    need "${t%%:*}" "${t#*:}"
done
mkfs_ver=$(mkfs.ext4 -V 2>&1 | sed -n 's/^mke2fs \([0-9.]*\).*/\1/p' | head -n 1)
[[ -n $mkfs_ver && $(printf '%s\n' 1.43 "$mkfs_ver" | sort -V | head -n 1) == 1.43 ]] \
    || die "mkfs.ext4 ${mkfs_ver:-?} cannot build an image from a directory (-d needs e2fsprogs >= 1.43)"

# --- apt sources: the host's configured Debian mirror(s) for bookworm, never a named host ----
# QEMU and libvirt come from bookworm-backports (see BACKPORTS below), everything else from bookworm.
BACKPORTS_SUITE=$SUITE-backports
SOURCES_ARGS=()
if [[ -n ${NESTBED_L1_SOURCES:-} ]]; then
    [[ -r $NESTBED_L1_SOURCES ]] || die "NESTBED_L1_SOURCES=$NESTBED_L1_SOURCES is not a readable file"
    grep -q "$BACKPORTS_SUITE" "$NESTBED_L1_SOURCES" \
        || die "NESTBED_L1_SOURCES=$NESTBED_L1_SOURCES has no $BACKPORTS_SUITE entry (QEMU and libvirt come from there)"
    SOURCES_ARGS=("$NESTBED_L1_SOURCES")
    say "apt sources from $NESTBED_L1_SOURCES"
else
    # shellcheck source=../common/debian-sources.sh
    source "$HERE/../common/debian-sources.sh"
    mapfile -t SOURCES_ARGS < <(debian_sources "$SUITE")
    ((${#SOURCES_ARGS[@]} > 0)) || die "no Debian $SUITE source in the host's apt configuration; run 'apt-get update' (or set NESTBED_L1_SOURCES)"
    printf '%s\n' "${SOURCES_ARGS[@]}" | awk '{print $3}' | grep -qx "$BACKPORTS_SUITE" \
        || die "no $SUITE entry in the host's apt configuration to derive $BACKPORTS_SUITE from (or set NESTBED_L1_SOURCES)"
    say "apt sources from the host's configuration: ${#SOURCES_ARGS[@]} entries ($(printf '%s\n' "${SOURCES_ARGS[@]}" | awk '{print $3}' | paste -sd' '))"
fi

PACKAGES=(
    linux-image-amd64           # the L1 kernel (booted directly; modules for the rootfs)
    tiny-initramfs              # its initramfs: a static init that loads virtio_blk+ext4 and mounts /dev/vda (no udev)
    qemu-system-x86             # runs the L2 partitions (TCG here, KVM on real hardware)
    libvirt-daemon              # monolithic libvirtd
    libvirt-daemon-driver-qemu  # its qemu driver
    libvirt-daemon-log          # virtlogd (its own package in libvirt 11; part of libvirt-daemon in 9.0)
    libvirt-clients             # virsh (readiness check, debugging)
    numactl                     # numactl -H: the vNUMA cells as the L1 sees them
    iproute2                    # ip: eth0 setup
    busybox                     # acpid (power button), small tools for the console
    socat                       # bridging consoles/sockets when debugging
    kmod                        # modprobe
    libsasl2-modules            # DIGEST-MD5: the password libvirtd's TCP listener asks for
    sasl2-bin                   # saslpasswd2: sets that password at boot
)
# QEMU and libvirt come from bookworm-backports (QEMU 10, libvirt 11), everything else from bookworm:
# QEMU before 9.0 loses guest stores in a live migration under TCG (its dirty-bitmap sync cleared
# bits without resetting the TCG TLB; upstream commit 03bfc2188f), so L2 guests migrated between L1s
# would crash with bookworm's 7.2. The host runs the same versions (ci/setup-host.sh).
# An apt pin (written by a setup hook, kept in the image at /etc/apt/preferences.d/nestbed-backports)
# takes exactly these from backports: with 'pkg/bookworm-backports' in --include, apt did not take
# their versioned dependencies from there (qemu-system-common, seabios: unmet) but did move unrelated
# ones (libcurl3-gnutls, libbpf1) to backports. seabios: QEMU 10 needs >= 1.16.3, bookworm has 1.16.2.
BACKPORTS=(qemu-system-x86 qemu-system-common qemu-system-data seabios
           libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-log libvirt-daemon-common
           libvirt-clients libvirt-common libvirt0)
# shellcheck disable=SC2206
PACKAGES+=(${NESTBED_L1_EXTRA_PACKAGES:-})

# Docs, man pages, locales and kernel modules an L1 never loads (GPU, sound, Wi-Fi, real NICs, ...).
DPKG_OPTS=(
    'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright'
    'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*'
    'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias'
    'path-exclude=/usr/share/lintian/*' 'path-exclude=/usr/share/bash-completion/*'
    'path-exclude=/usr/share/zsh/*' 'path-exclude=/usr/share/bug/*'
    # ISO code tables come in through qemu -> spice -> gstreamer; nothing here reads them.
    'path-exclude=/usr/share/iso-codes/*' 'path-exclude=/usr/share/xml/iso-codes/*'
    # libvirtd probes every qemu-system-* it finds at start: the i386 one cost ~3 s of boot under TCG.
    'path-exclude=/usr/bin/qemu-system-i386' 'path-exclude=/usr/bin/qemu-system-x86_64-microvm'
)
for d in drivers/gpu drivers/media sound drivers/infiniband drivers/usb drivers/iio drivers/staging \
         drivers/comedi drivers/mtd drivers/isdn drivers/bluetooth drivers/net/wireless \
         drivers/net/ethernet drivers/net/can drivers/net/usb drivers/hwmon drivers/input/joystick \
         drivers/input/touchscreen drivers/input/tablet drivers/scsi/*/ net/bluetooth net/wireless \
         net/mac80211 drivers/thunderbolt drivers/nfc net/nfc drivers/fpga drivers/video drivers/leds; do
    DPKG_OPTS+=("path-exclude=/lib/modules/*/kernel/$d*")
done
MMDEB_ARGS=(--variant=minbase --mode=root --format=directory
            --aptopt='Acquire::Languages "none"' --aptopt='APT::Install-Recommends "false"')
# merged-usr: set up /usr merge directly instead of installing usrmerge (which pulls ~50 MB of perl).
# eatmydata: no fsync while dpkg unpacks (faster build; the result is packed by mkfs anyway).
HOOKS=/usr/share/mmdebstrap/hooks
for h in merged-usr eatmydata; do
    [[ -d $HOOKS/$h ]] || die "$HOOKS/$h not found; mmdebstrap is too old (Debian 12's 1.3.5 has it)"
    MMDEB_ARGS+=(--hook-dir="$HOOKS/$h")
done
for o in "${DPKG_OPTS[@]}"; do MMDEB_ARGS+=(--dpkgopt="$o"); done
MMDEB_ARGS+=(--include="$(IFS=,; echo "${PACKAGES[*]}")")

# --- staging next to OUTDIR (same filesystem, so the final rename is atomic) ---------------
mkdir -p "$(dirname "$OUTDIR")"
TMP=$(mktemp -d "$OUTDIR.tmp.XXXXXX")
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
ROOT=$TMP/root OUT=$TMP/out
mkdir -p "$OUT"

export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$START}
# The backports pin is in place before mmdebstrap's first 'apt-get update', so every apt run uses it.
PIN_HOOK="mkdir -p \"\$1/etc/apt/preferences.d\" && printf '%s\\n' 'Explanation: nestbed L1: QEMU >= 9.0 and its libvirt (TCG live migration fix 03bfc2188f); all else from $SUITE' 'Package: ${BACKPORTS[*]}' 'Pin: release n=$BACKPORTS_SUITE' 'Pin-Priority: 990' > \"\$1/etc/apt/preferences.d/nestbed-backports\""
# tiny-initramfs is configured before the packages are installed, so the kernel's postinst hook
# already builds the right image: no auto-detection (this is a chroot), exactly these modules.
# ext4 has a softdep on the alias crypto-crc32c, which would also pull crc32c-intel: that fails on
# CPUs without SSE4.2 (qemu64) and tiny-initramfs stops loading modules at the first failure, so
# ext4 never loads. An alias in modprobe.d wins over modules.alias: crc32c_generic only.
SETUP_HOOK='mkdir -p "$1/etc/tiny-initramfs" "$1/etc/modprobe.d" && printf "%s\n" "DEBUG=no" "MICROCODE=no" "AUTO_MODULES=no" "INCLUDE_MODULES=\"virtio_pci,virtio_blk,ext4,crc32c_generic\"" > "$1/etc/tiny-initramfs/tiny-initramfs.conf" && printf "%s\n" "# nestbed L1: qemu64 has no SSE4.2; a failing crc32c-intel stops tiny-initramfs before ext4" "alias crypto-crc32c crc32c_generic" "alias crc32c crc32c_generic" > "$1/etc/modprobe.d/nestbed-l1.conf"'
# The overlay goes in with tar: bookworm is merged-/usr (/sbin -> usr/sbin), keep those symlinks.
CUSTOMIZE_HOOK="tar -C '$HERE/rootfs' --owner=0 --group=0 -c . | tar -C \"\$1\" -x --keep-directory-symlink --no-same-owner"
# libvirt's qemu driver resolves its built-in default user/group (libvirt-qemu, kvm) before it reads
# qemu.conf and refuses to start without them. libvirt 11's libvirt-daemon-driver-qemu creates them
# in its postinst (9.0 left that to libvirt-daemon-system, which is not installed); create whatever
# is still missing, with the same fixed ids, so every build has the same /etc/passwd.
USERS_HOOK='chroot "$1" sh -ec "getent group kvm >/dev/null || groupadd -r kvm; getent group libvirt-qemu >/dev/null || groupadd -r -g 64055 libvirt-qemu; getent passwd libvirt-qemu >/dev/null || useradd -r -u 64055 -g kvm -G libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin -c \"Libvirt Qemu\" libvirt-qemu; rm -f /etc/passwd- /etc/group- /etc/shadow- /etc/gshadow-"'
say "mmdebstrap $SUITE (minbase) with ${PACKAGES[*]}"
t0=$(date +%s)
mmdebstrap "${MMDEB_ARGS[@]}" \
    --setup-hook="$PIN_HOOK" \
    --setup-hook="$SETUP_HOOK" \
    --customize-hook="$CUSTOMIZE_HOOK" \
    --customize-hook="$USERS_HOOK" \
    --customize-hook='chroot "$1" dpkg-query -W -f="\${Package}=\${Version}\n" > "$1/.nestbed-packages"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/cache/debconf/*-old "$1"/var/log/* "$1"/var/cache/ldconfig/aux-cache' \
    "$SUITE" "$ROOT" "${SOURCES_ARGS[@]}" > "$TMP/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$TMP/mmdebstrap.log" >&2; die "mmdebstrap failed (last lines above)"; }
say "rootfs built in $(( $(date +%s) - t0 )) s"

# --- kernel and initramfs out of the rootfs ------------------------------------------------------
mapfile -t kernels < <(cd "$ROOT/boot" && ls -1 vmlinuz-* 2>/dev/null | sort -V)
((${#kernels[@]} == 1)) || die "expected exactly one kernel in the rootfs /boot, found: ${kernels[*]:-none}"
KVER=${kernels[0]#vmlinuz-}
[[ -s $ROOT/boot/initrd.img-$KVER ]] || die "the rootfs has no /boot/initrd.img-$KVER (tiny-initramfs did not run?)"
initrd_files=$(gzip -dc "$ROOT/boot/initrd.img-$KVER" | cpio -t --quiet) || die "cannot list initrd.img-$KVER"
for m in virtio_pci virtio_blk ext4 crc32c_generic; do
    grep -qx "\(\./\)\?$m\.ko" <<<"$initrd_files" || die "initrd.img-$KVER lacks module $m (has: $(echo $initrd_files))"
done
! grep -q 'crc32c-intel' <<<"$initrd_files" || die "initrd.img-$KVER contains crc32c-intel.ko (fails on qemu64 and stops the module loading)"
# Moved, not copied: the L1 boots them directly, nothing inside needs them.
mv "$ROOT/boot/vmlinuz-$KVER" "$OUT/vmlinuz"
mv "$ROOT/boot/initrd.img-$KVER" "$OUT/initrd.img"
rm -f "$ROOT/vmlinuz" "$ROOT/vmlinuz.old" "$ROOT/initrd.img" "$ROOT/initrd.img.old"
mv "$ROOT/.nestbed-packages" "$TMP/packages.txt"
# The pin is what keeps L2 migration intact: fail if apt still picked bookworm's QEMU 7.2.
qemu_ver=$(sed -n 's/^qemu-system-x86=//p' "$TMP/packages.txt")
dpkg --compare-versions "${qemu_ver:-0}" ge 1:9.0 \
    || die "qemu-system-x86 ${qemu_ver:-?} in the rootfs is older than 9.0 (not from $BACKPORTS_SUITE?): TCG live migration loses guest stores"
# Files the image needs to boot: fail now rather than at the first boot.
for f in usr/sbin/nestbed-l1-init usr/sbin/nestbed-control usr/sbin/libvirtd usr/sbin/virtlogd usr/bin/virsh usr/bin/qemu-system-x86_64 \
         usr/bin/numactl bin/busybox sbin/ip sbin/modprobe sbin/blkid etc/libvirt/libvirtd.conf etc/libvirt/qemu.conf; do
    [[ -e $ROOT/$f || -L $ROOT/$f ]] || die "the rootfs lacks /$f"
done
say "kernel $KVER, initrd $(du -k "$OUT/initrd.img" | cut -f1) KiB"

# --- ext4 image without loop devices ------------------------------------------------------------------
used_mib=$(( $(du -sm --apparent-size "$ROOT" | cut -f1) ))
size_mib=${NESTBED_L1_DISK_SIZE_MIB:-$(( used_mib + 1536 > 2048 ? used_mib + 1536 : 2048 ))}
(( size_mib > used_mib + 128 )) || die "NESTBED_L1_DISK_SIZE_MIB=$size_mib is too small for $used_mib MiB of content"
# Fixed UUID, hash seed and times: the same rootfs gives the same filesystem layout.
FS_UUID=6e657374-6265-4411-8c31-726f6f746673
say "mkfs.ext4 -d: $used_mib MiB of files into a $size_mib MiB sparse disk.img"
t0=$(date +%s)
rm -f "$OUT/disk.img"
truncate -s "${size_mib}M" "$OUT/disk.img"
E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH mkfs.ext4 -q -F -L nbroot -U "$FS_UUID" -J size=32 \
    -E "hash_seed=$FS_UUID,root_owner=0:0,lazy_itable_init=1,lazy_journal_init=1,nodiscard" \
    -d "$ROOT" "$OUT/disk.img" || die "mkfs.ext4 -d failed"
say "disk.img written in $(( $(date +%s) - t0 )) s ($(du -m "$OUT/disk.img" | cut -f1) MiB allocated)"

sha() { sha256sum "$1" | cut -d' ' -f1; }
{
    echo "suite=$SUITE"
    echo "variant=minbase"
    echo "kernel_version=$KVER"
    echo "build_time=$(date -u -d "@$START" +%Y-%m-%dT%H:%M:%SZ)"
    echo "source_date_epoch=$SOURCE_DATE_EPOCH"
    echo "init=/sbin/nestbed-l1-init"
    echo "cmdline=root=UUID=$FS_UUID rw console=ttyS0 init=/sbin/nestbed-l1-init"
    echo "libvirtd_tcp_port=16509"
    echo "ready_marker=nestbed-l1: libvirtd ready"
    echo "images_disk_label=nbimages"
    echo "images_mount=/var/lib/nestbed/images"
    echo "disk_size_mib=$size_mib"
    echo "content_mib=$used_mib"
    echo "fs_uuid=$FS_UUID"
    echo "vmlinuz_sha256=$(sha "$OUT/vmlinuz")"
    echo "initrd_sha256=$(sha "$OUT/initrd.img")"
    echo "init_sha256=$(sha "$HERE/rootfs/usr/sbin/nestbed-l1-init")"
    echo "control_sha256=$(sha "$HERE/rootfs/usr/sbin/nestbed-control")"
    echo "requested_packages=${PACKAGES[*]}"
    echo "backports_suite=$BACKPORTS_SUITE"
    echo "backports_packages=${BACKPORTS[*]}"
    echo "# installed packages (dpkg), one per line"
    sed 's/^/package=/' "$TMP/packages.txt"
} > "$OUT/manifest.txt"

# --- publish: rename the whole directory when OUTDIR is absent or empty, else file by file ---------
if ! mv -T "$OUT" "$OUTDIR" 2>/dev/null; then
    [[ -d $OUTDIR ]] || die "$OUTDIR exists and is not a directory"
    for f in disk.img vmlinuz initrd.img manifest.txt; do mv -f "$OUT/$f" "$OUTDIR/$f"; done
fi
say "wrote $OUTDIR/{disk.img,vmlinuz,initrd.img,manifest.txt} in $(( $(date +%s) - START )) s"
