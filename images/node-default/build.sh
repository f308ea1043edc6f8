#!/usr/bin/env bash
# The node container image 'default' (provider: container, `image: default`): see ../common/node-image.sh.
#   images/node-default/build.sh OUTDIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../common/node-image.sh"
[[ $# -eq 1 && -n $1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 1; }
build_node_image "$1" default
