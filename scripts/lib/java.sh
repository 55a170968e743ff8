# Sourced by the scripts: picks a JDK >= 21 (JAVA_HOME if it is one, else the newest under
# /usr/lib/jvm) and exports JAVA_HOME, so that a newcomer needs no set-up.
hotline_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

hotline_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(hotline_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    major=$(hotline_java_major "$dir") || continue
    if [ -n "$major" ] && [ "$major" -gt "$best_major" ] 2>/dev/null; then
      best=$dir best_major=$major
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "hotline: no JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm); install one, e.g. apt-get install openjdk-21-jdk-headless" >&2
    return 1
  fi
  export JAVA_HOME=$best
}
