#!/usr/bin/env bash
# Builds the partition guest image: a stock Debian kernel plus a tiny initramfs
# (busybox-static, /init, the nestbed agent, the virtio modules it needs).
# No loop devices, mounts, root or network: seconds, not minutes.
#
#   images/partition/build.sh OUTDIR
#
# Writes OUTDIR/kernel, OUTDIR/initramfs.cpio, OUTDIR/manifest.txt.
# The kernel is the bzImage's own vmlinux (an ELF that QEMU boots through its PVH entry) when the
# kernel has one (CONFIG_PVH), else the bzImage itself: under nested TCG the bzImage's xz
# decompressor alone took ~2 minutes. The initramfs is not compressed for the same reason.
# Environment (all optional):
#   NESTBED_GUEST_KERNEL          kernel image (default: newest /boot/vmlinuz-*-amd64)
#   NESTBED_GUEST_MODULES_DIR     its modules (default: /lib/modules/<version read from the image>)
#   NESTBED_GUEST_EXTRA_MODULES   more modules to load at boot, space separated
# The output is reproducible (fixed mtimes, sorted cpio), so builds
# racing for the same OUTDIR write identical files.
set -euo pipefail

say() { echo "partition-image: $*"; }
die() { echo "partition-image: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install Debian package '$2' (apt-get install $2)"; }

[[ $# -eq 1 && -n $1 ]] || die "usage: $0 OUTDIR"
OUTDIR=${1%/}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULES="virtio_pci virtio_balloon virtio_mem ${NESTBED_GUEST_EXTRA_MODULES:-}"

for t in cpio:cpio sha256sum:coreutils od:coreutils; do need "${t%%:*}" "${t#*:}"; done

# --- busybox: must be the static build, the initramfs has no libc -----------
BUSYBOX=/bin/busybox
[[ -x $BUSYBOX ]] || die "$BUSYBOX not found; install Debian package 'busybox-static'"
if command -v readelf >/dev/null 2>&1 && readelf -l "$BUSYBOX" | grep -q 'program interpreter'; then
    die "$BUSYBOX is dynamically linked; install Debian package 'busybox-static' (it replaces 'busybox')"
fi

# --- kernel and its version (read from the bzImage header, not the file name) --
KERNEL=${NESTBED_GUEST_KERNEL:-$(ls -1 /boot/vmlinuz-*-amd64 2>/dev/null | sort -V | tail -n 1 || true)}
[[ -n $KERNEL ]] || die "no /boot/vmlinuz-*-amd64; install Debian package 'linux-image-amd64' or set NESTBED_GUEST_KERNEL"
[[ -r $KERNEL ]] || die "kernel image $KERNEL is not readable"
[[ $(dd if="$KERNEL" bs=1 skip=514 count=4 2>/dev/null) == HdrS ]] || die "$KERNEL is not an x86 bzImage"
ver_off=$(( $(od -An -tu2 -j 526 -N 2 "$KERNEL") + 512 ))
KVER=$(dd if="$KERNEL" bs=1 skip="$ver_off" count=200 2>/dev/null | tr '\0' '\n' | head -n 1 | cut -d' ' -f1)
[[ -n $KVER ]] || die "cannot read the kernel version from $KERNEL"
MODDIR=${NESTBED_GUEST_MODULES_DIR:-/lib/modules/$KVER}
[[ -r $MODDIR/modules.dep ]] || die "$MODDIR/modules.dep not found; install the modules of kernel $KVER (linux-image-$KVER) or set NESTBED_GUEST_MODULES_DIR"
say "kernel $KERNEL (version $KVER), modules from $MODDIR"

# --- staging next to OUTDIR (same filesystem, so the final rename is atomic) ----
mkdir -p "$(dirname "$OUTDIR")"
TMP=$(mktemp -d "$OUTDIR.tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
ROOT=$TMP/root OUT=$TMP/out
mkdir -p "$ROOT"/{bin,dev,proc,sys,tmp,lib/modules} "$OUT"

# --- the agent -----------------------------------------------------------------
CFLAGS=(-static -O2 -Wall -Wextra -Werror -pthread)
if command -v musl-gcc >/dev/null 2>&1; then CC=musl-gcc
elif command -v gcc >/dev/null 2>&1; then CC=gcc; say "musl-gcc not found (Debian package 'musl-tools'); falling back to gcc -static"
else die "no C compiler; install Debian package 'musl-tools' (or 'gcc' and 'libc6-dev')"
fi
say "compiling agent with $CC ${CFLAGS[*]}"
"$CC" "${CFLAGS[@]}" -o "$ROOT/bin/nestbed-agent" "$HERE/agent/agent.c" || die "agent build failed with $CC"
AGENT_VERSION=$(sed -n 's/^#define AGENT_VERSION "\(.*\)"/\1/p' "$HERE/agent/agent.c")

# --- modules: resolve dependencies from modules.dep, load order = deps first ----
declare -A DEPS=() PATH_OF=() BUILTIN=() SEEN=()
modname() { local b=${1##*/}; b=${b%%.ko*}; echo "${b//-/_}"; }
while IFS=: read -r path deps; do
    b=${path##*/}; b=${b%%.ko*}; b=${b//-/_}
    PATH_OF[$b]=$path; DEPS[$b]=$deps
done < "$MODDIR/modules.dep"
if [[ -r $MODDIR/modules.builtin ]]; then
    while read -r path; do b=${path##*/}; b=${b%%.ko*}; BUILTIN[${b//-/_}]=1; done < "$MODDIR/modules.builtin"
fi
ORDER=() BUILTIN_USED=()
visit() {
    local m=$1 d
    [[ -z ${SEEN[$m]:-} ]] || return 0
    SEEN[$m]=1
    if [[ -n ${BUILTIN[$m]:-} ]]; then BUILTIN_USED+=("$m"); return 0; fi
    [[ -n ${PATH_OF[$m]:-} ]] || die "module '$m' is neither in $MODDIR/modules.dep nor built into kernel $KVER"
    for d in ${DEPS[$m]}; do visit "$(modname "$d")"; done
    ORDER+=("$m")
}
for m in $MODULES; do visit "${m//-/_}"; done
for m in "${ORDER[@]}"; do
    src=$MODDIR/${PATH_OF[$m]} dst=$ROOT/lib/modules/$m.ko
    # busybox insmod cannot read compressed modules: store them plain.
    case $src in
        *.ko) cp "$src" "$dst" ;;
        *.ko.xz) need xz xz-utils; xz -dc "$src" > "$dst" ;;
        *.ko.zst) need zstd zstd; zstd -dcq "$src" > "$dst" ;;
        *.ko.gz) gzip -dc "$src" > "$dst" ;;
        *) die "unknown module format: $src" ;;
    esac
    echo "$m" >> "$ROOT/lib/modules/load-order"
done
touch "$ROOT/lib/modules/load-order"
say "modules (load order): ${ORDER[*]:-none}${BUILTIN_USED[*]:+; built in: ${BUILTIN_USED[*]}}"

# --- busybox, /init ----------------------------------------------------------------
cp "$BUSYBOX" "$ROOT/bin/busybox"
# Only the applets /init uses: one ln per applet is what made builds slow.
for a in sh mount insmod cat echo poweroff sleep; do
    # Not grep -q: it exits at the first match, busybox then dies of SIGPIPE and pipefail fails the build.
    "$BUSYBOX" --list | grep -x "$a" >/dev/null || die "$BUSYBOX lacks the '$a' applet"
    ln -s busybox "$ROOT/bin/$a"
done
cat > "$ROOT/init" <<'EOF'
#!/bin/sh
# PID 1 of a nestbed partition: mount, load the virtio modules, run the agent.
# When the agent ends, say why and power off, so the host sees the guest stop.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# nestbed's accelerator probe only asks "does this guest reach userspace?": answer and stop.
case " $(cat /proc/cmdline) " in
    *" nestbed.probe=1 "*) echo "nestbed-probe: userspace reached"; poweroff -f ;;
esac
while read -r m; do
    insmod "/lib/modules/$m.ko" || echo "nestbed-init: insmod $m failed"
done < /lib/modules/load-order
echo "nestbed-init: starting agent"
set -f  # the command line is passed word by word, never globbed
/bin/nestbed-agent $(cat /proc/cmdline)
rc=$?
if [ "$rc" -gt 128 ]; then why="killed by signal $((rc - 128))"; else why="exit status $rc"; fi
echo "nestbed-init: agent ended ($why); powering off"
poweroff -f
while :; do sleep 3600; done  # PID 1 must never exit: that would be a kernel panic
EOF
chmod 755 "$ROOT/init" "$ROOT/bin/nestbed-agent"
chmod 644 "$ROOT"/lib/modules/*

# --- initramfs ---------------------------------------------------------------------
# A first, hand-written newc archive holds /dev/console: the kernel opens it for
# /init's stdio before devtmpfs exists, and creating a device node on disk would
# need root. The kernel unpacks concatenated archives in order.
newc() { # name mode rdev_major rdev_minor ino
    local n=$(( ${#1} + 1 ))
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        "$5" "$2" 0 0 1 0 0 0 0 "$3" "$4" "$n" 0
    printf '%s\0' "$1"
    head -c $(( (4 - (110 + n) % 4) % 4 )) /dev/zero
}
{
    newc dev $((0040755)) 0 0 1
    newc dev/console $((0020600)) 5 1 2
    newc 'TRAILER!!!' 0 0 0 0
} > "$TMP/console.cpio"
find "$ROOT" -exec touch -h -d @0 {} +
(cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet --reproducible --owner=0:0) > "$TMP/root.cpio"
cat "$TMP/console.cpio" "$TMP/root.cpio" > "$OUT/initramfs.cpio"

# --- kernel: the uncompressed PVH ELF out of the bzImage, or the bzImage ------------------
# The bzImage header gives where its compressed vmlinux lies (setup_sects at 0x1f1,
# payload_offset at 0x248, payload_length at 0x24c). QEMU's -kernel (and so libvirt's <kernel>)
# boots an ELF that carries the Xen PVH entry note, under TCG and KVM alike.
le32() { od -An -tu4 -j "$2" -N 4 "$1" | tr -d ' '; }
pvh_kernel() { # bzImage out -> 0 and writes out when the kernel boots as a PVH ELF
    local bz=$1 out=$2 setup poff plen magic
    setup=$(od -An -tu1 -j 497 -N 1 "$bz" | tr -d ' '); [[ $setup -eq 0 ]] && setup=4
    poff=$(( (setup + 1) * 512 + $(le32 "$bz" 584) )); plen=$(le32 "$bz" 588)
    (( plen > 0 )) || { say "no payload in the bzImage header"; return 1; }
    magic=$(od -An -tx1 -j "$poff" -N 6 "$bz" | tr -d ' ')
    payload() { dd if="$bz" iflag=skip_bytes,count_bytes skip="$poff" count="$1" bs=1M status=none; }
    # The payload ends with 4 bytes of uncompressed size (all formats but gzip): cut them off.
    case $magic in
        fd377a585a00*) need xz xz-utils; payload "$plen" | xz -dc --single-stream > "$out" ;;
        28b52ffd*) need zstd zstd; payload $((plen - 4)) | zstd -dcq > "$out" ;;
        1f8b*) payload "$plen" | gzip -dc > "$out" ;;
        *) say "bzImage payload format not handled (magic $magic)"; return 1 ;;
    esac || { say "cannot decompress the bzImage payload"; return 1; }
    [[ $(od -An -tx1 -N 4 "$out" | tr -d ' ') == 7f454c46 ]] || { say "the bzImage payload is not an ELF"; return 1; }
    command -v readelf >/dev/null 2>&1 || { say "'readelf' not found (Debian package 'binutils'): cannot check for the PVH entry"; return 1; }
    # XEN_ELFNOTE_PHYS32_ENTRY is note type 18 (0x12) of owner "Xen".
    readelf -nW "$out" 2>/dev/null | grep -E '^[[:space:]]+Xen[[:space:]]+0x[0-9a-f]+[[:space:]]+(.*\(0x00000012\)|.*PHYS32_ENTRY)' >/dev/null \
        || { say "kernel has no PVH entry note (CONFIG_PVH)"; return 1; }
}
if pvh_kernel "$KERNEL" "$TMP/vmlinux"; then
    mv "$TMP/vmlinux" "$OUT/kernel"; KERNEL_FORMAT=pvh-elf
else
    say "booting the bzImage instead (slower under nested TCG: its decompressor runs emulated)"
    rm -f "$TMP/vmlinux"; cp "$KERNEL" "$OUT/kernel"; KERNEL_FORMAT=bzimage
fi
say "kernel format: $KERNEL_FORMAT"

sha() { sha256sum "$1" | cut -d' ' -f1; }
cat > "$OUT/manifest.txt" <<EOF
kernel_version=$KVER
kernel_source=$KERNEL
kernel_format=$KERNEL_FORMAT
kernel_sha256=$(sha "$OUT/kernel")
agent_version=$AGENT_VERSION
agent_sha256=$(sha "$ROOT/bin/nestbed-agent")
agent_cc=$CC
busybox_version=$("$BUSYBOX" | head -n 1 | cut -d' ' -f2)
modules=${ORDER[*]}
modules_builtin=${BUILTIN_USED[*]}
initramfs_sha256=$(sha "$OUT/initramfs.cpio")
EOF

# --- publish: rename the whole directory if OUTDIR is absent or empty, else
# replace file by file (each rename atomic), manifest last.
if ! mv -T "$OUT" "$OUTDIR" 2>/dev/null; then
    [[ -d $OUTDIR ]] || die "$OUTDIR exists and is not a directory"
    for f in kernel initramfs.cpio manifest.txt; do mv -f "$OUT/$f" "$OUTDIR/$f"; done
fi
say "wrote $OUTDIR/{kernel,initramfs.cpio,manifest.txt} ($(du -k "$OUTDIR/kernel" | cut -f1) KiB $KERNEL_FORMAT kernel, $(du -k "$OUTDIR/initramfs.cpio" | cut -f1) KiB initramfs)"
