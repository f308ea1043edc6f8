# Sourced by images/node-*/build.sh: the root filesystem of a node container (provider: container),
# Debian bookworm minbase with QEMU and libvirt, as a tar for 'docker import'.
#
#   build_node_image OUTDIR VARIANT
#
# VARIANT 'default' takes QEMU and libvirt from bookworm-backports (the versions ci/setup-host.sh
# gives the host: QEMU 10, libvirt 11); 'debian-12' takes Debian 12's own (QEMU 7.2, libvirt 9.0),
# for migrations across versions. Writes OUTDIR/rootfs.tar, OUTDIR/versions.txt (one line each:
# qemu VERSION, libvirt VERSION) and OUTDIR/manifest.txt. Needs root and the host's apt sources.
set -euo pipefail

build_node_image() {
    local outdir=${1%/} variant=$2 here suite=bookworm start
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    start=$(date +%s)
    say() { echo "node-image($variant): $*"; }
    die() { echo "node-image($variant): error: $*" >&2; exit 1; }
    [[ $(id -u) -eq 0 ]] || die "must run as root (mmdebstrap root mode keeps file ownership)"
    command -v mmdebstrap >/dev/null || die "'mmdebstrap' not found; apt-get install mmdebstrap"

    # socat: the pipe nestbed reaches a nested pool's L1 through (its libvirtd, forwarded to the
    # container's loopback)
    local packages=(qemu-system-x86 libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients socat)
    local hook_args=()
    # shellcheck source=debian-sources.sh
    source "$here/debian-sources.sh"
    local sources=()
    case $variant in
        default)
            # libvirt 11 has virtlogd in a package of its own; the pin takes exactly these from
            # backports (as the hypervisor image does; see its build.sh for why a pin).
            packages+=(libvirt-daemon-log)
            local backports=(qemu-system-x86 qemu-system-common qemu-system-data seabios
                             libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-log
                             libvirt-daemon-common libvirt-clients libvirt-common libvirt0)
            hook_args=(--setup-hook="mkdir -p \"\$1/etc/apt/preferences.d\" && printf '%s\\n' 'Package: ${backports[*]}' 'Pin: release n=$suite-backports' 'Pin-Priority: 990' > \"\$1/etc/apt/preferences.d/nestbed-backports\"")
            mapfile -t sources < <(debian_sources "$suite")
            ;;
        debian-12)
            mapfile -t sources < <(debian_sources "$suite" | grep -v -- "-backports ")
            ;;
        *) die "unknown variant $variant (default, debian-12)" ;;
    esac
    ((${#sources[@]} > 0)) || die "no Debian $suite source in the host's apt configuration; run 'apt-get update'"

    mkdir -p "$(dirname "$outdir")"
    local tmp
    tmp=$(mktemp -d "$outdir.tmp.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" EXIT
    mkdir -p "$tmp/out"
    export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$start}
    local overlay="tar -C '$here/node-rootfs' --owner=0 --group=0 -c . | tar -C \"\$1\" -x --keep-directory-symlink --no-same-owner"
    local args=(--variant=minbase --mode=root --format=tar
                --aptopt='Acquire::Languages "none"' --aptopt='APT::Install-Recommends "false"'
                --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*'
                --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/bin/qemu-system-i386'
                --dpkgopt='path-exclude=/usr/bin/qemu-system-x86_64-microvm'
                --include="$(IFS=,; echo "${packages[*]}")")
    local hooks=/usr/share/mmdebstrap/hooks
    for h in merged-usr eatmydata; do
        [[ -d $hooks/$h ]] && args+=(--hook-dir="$hooks/$h")
    done
    say "mmdebstrap $suite (minbase) with ${packages[*]}"
    mmdebstrap "${args[@]}" \
        "${hook_args[@]}" \
        --customize-hook="$overlay" \
        --customize-hook='chroot "$1" getent passwd libvirt-qemu >/dev/null || chroot "$1" sh -c "groupadd -r kvm 2>/dev/null; groupadd -r -g 64055 libvirt-qemu 2>/dev/null; useradd -r -u 64055 -g kvm -G libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu"' \
        --customize-hook="chroot \"\$1\" dpkg-query -W -f='\${Package} \${Version}\\n' > '$tmp/packages.txt'" \
        --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
        "$suite" "$tmp/out/rootfs.tar" "${sources[@]}" > "$tmp/mmdebstrap.log" 2>&1 \
        || { tail -n 30 "$tmp/mmdebstrap.log" >&2; die "mmdebstrap failed (last lines above)"; }
    local qemu libvirt
    qemu=$(awk '$1 == "qemu-system-x86" {print $2}' "$tmp/packages.txt")
    libvirt=$(awk '$1 == "libvirt-daemon" {print $2}' "$tmp/packages.txt")
    [[ -n $qemu && -n $libvirt ]] || die "the rootfs lacks qemu-system-x86 or libvirt-daemon"
    if [[ $variant == default ]]; then
        dpkg --compare-versions "$qemu" ge 1:9.0 || die "qemu-system-x86 $qemu is older than 9.0 (not from $suite-backports?)"
    fi
    printf 'qemu %s\nlibvirt %s\n' "$qemu" "$libvirt" > "$tmp/out/versions.txt"
    {
        echo "node image $variant, built $(date -u +%FT%TZ) in $(( $(date +%s) - start )) s"
        echo "rootfs.tar $(sha256sum "$tmp/out/rootfs.tar" | cut -d' ' -f1) $(du -m "$tmp/out/rootfs.tar" | cut -f1) MiB"
        cat "$tmp/out/versions.txt"
        echo "packages:"
        cat "$tmp/packages.txt"
    } > "$tmp/out/manifest.txt"
    rm -rf "$outdir"
    mv "$tmp/out" "$outdir"
    say "qemu $qemu, libvirt $libvirt, $(du -m "$outdir/rootfs.tar" | cut -f1) MiB in $(( $(date +%s) - start )) s"
}
