# Sourced by bin/wfx and .ci/run: exports JAVA_HOME as a JDK 21+ (the newest under /usr/lib/jvm
# unless JAVA_HOME already is one).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }

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
