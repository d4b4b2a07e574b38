# Sourced by bin/wfx and .ci/run: exports JAVA_HOME as a JDK 21+ (the newest under /usr/lib/jvm
# unless JAVA_HOME already is one).

# A JDK's major version from its `release` file, which every JDK since 9 carries (JAVA_VERSION="25.0.3");
# reading it costs nothing, where asking the JVM starts one per candidate (about 0.3 s each).
java_major() {
  local version=""
  if [ -f "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  fi
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  fi
  echo "${version%%.*}"
}

wfx_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /opt/java/* /usr/local/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate" 2>/dev/null)
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "wfx needs a JDK 21 or newer: set JAVA_HOME to one" >&2
    return 1
  fi
  echo "$best"
}

JAVA_HOME="$(wfx_pick_jdk)" || exit 1
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
