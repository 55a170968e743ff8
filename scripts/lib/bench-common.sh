# Shared helpers of scripts/bench; sourced, not run.

# Prints a java binary of version >= 21: $JAVA_HOME's if it is one, else the newest
# JDK under /usr/lib/jvm. Fails with a clear message if there is none.
bench_pick_java() {
  local candidate version best="" best_version=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    version=$(bench_java_major "$JAVA_HOME/bin/java")
    if (( version >= 21 )); then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
    version=$(bench_java_major "$candidate/bin/java")
    if (( version > best_version )); then
      best=$candidate
      best_version=$version
    fi
  done
  if (( best_version < 21 )); then
    echo "bench: no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm)" >&2
    return 1
  fi
  echo "$best"
}

# Prints the major version of the given java binary (0 if unknown).
bench_java_major() {
  local line
  line=$("$1" -version 2>&1 | head -n 1)
  if [[ $line =~ \"([0-9]+) ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo 0
  fi
}

# Builds the shaded jar and the test classes into $BENCH_BUILD_DIR unless they are
# newer than every source file and the pom (or HOTLINE_BENCH_SKIP_BUILD=1 and both exist).
bench_build_if_needed() {
  local root=$1 jar="$BENCH_BUILD_DIR/hotline.jar" classes="$BENCH_BUILD_DIR/test-classes"
  if [[ ${HOTLINE_BENCH_SKIP_BUILD:-0} == 1 && -f $jar && -d $classes ]]; then
    return 0
  fi
  if [[ -f $jar && -d $classes ]] \
      && [[ -z $(find "$root/src" "$root/pom.xml" -newer "$jar" -type f -print -quit) ]]; then
    return 0
  fi
  echo "bench: building into $BENCH_BUILD_DIR" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Dhotline.buildDir="$BENCH_BUILD_DIR" package) >&2
}
