#!/usr/bin/env bash
# Packs guest images into a small raw ext4 disk for a pool VM (L1), without loop devices or root:
#
#   images/hypervisor/make-images-disk.sh IMG FILE_OR_DIR...
#
# Each argument lands at the top of the filesystem under its base name (a directory keeps its
# tree): 'make-images-disk.sh images.img /tmp/nbpart' gives /var/lib/nestbed/images/nbpart/vmlinuz
# inside the L1.
# Attach it to the L1 as a virtio disk; /sbin/nestbed-l1-init mounts the filesystem labelled
# 'nbimages' (or the virtio disk with serial 'nbimages') read-only at /var/lib/nestbed/images:
#   -drive file=IMG,format=raw,if=none,id=nbimages,readonly=on -device virtio-blk-pci,drive=nbimages,serial=nbimages
set -euo pipefail
die() { echo "images-disk: error: $*" >&2; exit 1; }
command -v mkfs.ext4 >/dev/null 2>&1 || die "'mkfs.ext4' not found; install Debian package 'e2fsprogs'"
[[ $# -ge 2 ]] || die "usage: $0 IMG FILE_OR_DIR..."
IMG=$1; shift
# The disk may carry the L1's libvirtd password (nbsecret/): readable by its owner alone.
umask 077
STAGE=$(mktemp -d "${IMG%/*}/.images-disk.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
for f in "$@"; do
    [[ -e $f ]] || die "$f does not exist"
    cp -a --reflink=auto -- "$f" "$STAGE/$(basename -- "$f")"
done
used_mib=$(du -sm --apparent-size "$STAGE" | cut -f1)
size_mib=$(( used_mib + used_mib / 4 + 16 ))
rm -f "$IMG.tmp"
truncate -s "${size_mib}M" "$IMG.tmp"
# ^has_journal: it is mounted read-only and never written.
mkfs.ext4 -q -F -L nbimages -O ^has_journal -E root_owner=0:0 -d "$STAGE" "$IMG.tmp" || die "mkfs.ext4 -d failed"
mv -f "$IMG.tmp" "$IMG"
echo "images-disk: wrote $IMG (${size_mib} MiB, label nbimages): $*"
