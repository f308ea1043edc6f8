# Sourced by the image recipes: the apt sources for Debian bookworm and bookworm-backports,
# read from the host's own configuration (never a named host).
#
#   debian_sources SUITE   prints one "deb URI SUITE COMPONENTS" line per source, backports included
#
# 'apt-cache policy' lists every configured index with its Release origin and codename:
#  500 http://MIRROR/debian bookworm/main amd64 Packages
#      release v=12,o=Debian,a=oldstable,n=bookworm,l=Debian,c=main,b=amd64
# Backports has its own origin ('o=Debian Backports'). When the host has no backports entry, it is
# taken from the mirror of the host's plain SUITE entry, with the same components (as
# ci/setup-host.sh does for the host itself).
debian_sources() {
    local suite=$1
    apt-cache policy 2>/dev/null | awk -v suite="$suite" -v bpo="$suite-backports" '
        /^ *[0-9-]+ [a-z+]+:\/\// { uri=$2; split($3, sc, "/"); dist=sc[1]; comp=sc[2]; next }
        /^ *release / && uri != "" {
            if (($0 ~ /o=Debian,/ && (dist == suite || index(dist, suite "-") == 1)) ||
                ($0 ~ /o=Debian Backports,/ && dist == bpo)) {
                key = uri " " dist
                if (!(key in comps)) { order[n++] = key; comps[key] = comp }
                else if (index(" " comps[key] " ", " " comp " ") == 0) comps[key] = comps[key] " " comp
                if (dist == bpo) have_bpo = 1
                if (dist == suite && main_uri == "") main_uri = uri
            }
            uri = ""
        }
        END {
            if (!have_bpo && main_uri != "") { key = main_uri " " bpo; order[n++] = key; comps[key] = comps[main_uri " " suite] }
            for (i = 0; i < n; i++) print "deb " order[i] " " comps[order[i]]
        }'
}
