#!/bin/sh
# Lambda extension launcher written by lambda-extension-maven-plugin. Lambda runs every file in
# /opt/extensions with no arguments; the extension registers under this file's name.
set -eu

name="$(basename "$0")"
layer="$(cd "$(dirname "$0")/.." && pwd)"
app="$layer/$name"
bundled="$app/runtime/bin/java"

# Java, in order: LAMBDA_EXTENSION_JAVA, the runtime in this layer, the function's own Java
# (Lambda's Java runtimes), java on the PATH.
if [ -n "${LAMBDA_EXTENSION_JAVA:-}" ]; then
	java="$LAMBDA_EXTENSION_JAVA"
elif [ -x "$bundled" ]; then
	java="$bundled"
elif [ -x /var/lang/bin/java ]; then
	java=/var/lang/bin/java
elif command -v java >/dev/null 2>&1; then
	java="$(command -v java)"
else
	echo "$name: no Java found (looked for LAMBDA_EXTENSION_JAVA, $bundled, /var/lang/bin/java, java on PATH)" >&2
	exit 127
fi

# The function's own JVM options (agents, SnapStart flags) are not meant for this process.
unset JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS

# The start-up cache is valid only for the JVM build that recorded it: the bundled runtime.
# On request (LAMBDA_EXTENSION_CDS=record) this start records one at exit for the Java chosen
# above, to LAMBDA_EXTENSION_CDS_ARCHIVE or $TMPDIR, and later starts read it from there: for a
# runtime the layer does not bundle, and for the benchmarks. Recording at exit can overrun the
# 2 s SHUTDOWN budget, so it is never done on Lambda unless asked.
java_home="$(dirname "$(dirname "$(readlink -f "$java" 2>/dev/null || echo "$java")")")"
java_major="$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)"
if [ "${java_major:-0}" -ge 25 ] 2>/dev/null; then
	suffix=aot
else
	suffix=jsa
fi
cache="$app/$name.aot"

# The JVM refuses a cache when a class-path jar's modification time differs from the one it was
# recorded against (the packaging gives the cache and the jars one time). Checking first lets this
# start say so in one line and start without the cache instead of printing the JVM's warning.
# The shell's own -nt/-ot tests compare the times without starting a process per jar.
changed_since() {
	for jar in "$app/$name.jar" "$app"/lib/*.jar; do
		if [ -f "$jar" ] && { [ "$jar" -nt "$1" ] || [ "$jar" -ot "$1" ]; }; then
			echo "${jar#"$layer"/}"
			return 0
		fi
	done
}
recorded="${LAMBDA_EXTENSION_CDS_ARCHIVE:-${TMPDIR:-/tmp}/$name-$(id -u 2>/dev/null || echo 0).$suffix}"
cache_flags=""
if [ "${LAMBDA_EXTENSION_CDS:-}" = record ]; then
	if [ "$suffix" = aot ]; then
		cache_flags="-XX:AOTCacheOutput=$recorded -Xlog:aot=off"
	else
		cache_flags="-XX:ArchiveClassesAtExit=$recorded"
	fi
	echo "$name: start-up cache recorded at exit to $recorded" >&2
elif [ -f "$recorded" ]; then
	if [ "$suffix" = aot ]; then
		cache_flags="-XX:AOTCache=$recorded -Xlog:aot=off"
	else
		cache_flags="-XX:SharedArchiveFile=$recorded"
	fi
	echo "$name: start-up cache used: $recorded (recorded on request)" >&2
elif [ ! -f "$cache" ]; then
	echo "$name: start-up cache not used: none in the layer" >&2
elif [ "$java" != "$bundled" ]; then
	echo "$name: start-up cache refused: it belongs to $bundled, not $java" >&2
elif changed="$(changed_since "$cache")" && [ -n "$changed" ]; then
	echo "$name: start-up cache refused: $changed changed after the cache was recorded; starting without it" >&2
else
	cache_flags="-XX:AOTCache=$cache"
	echo "$name: start-up cache used: $cache" >&2
fi

# C1 only and Serial GC for a small, short-lived helper (docs/performance.md); a heap capped
# at a quarter of the function's memory that shrinks again after a burst of telemetry.
# shellcheck disable=SC2086
exec "$java" \
	-XX:+IgnoreUnrecognizedVMOptions \
	-XX:TieredStopAtLevel=1 \
	-XX:+UseSerialGC \
	-Xss512k \
	-XX:MaxRAMPercentage=25 \
	-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-ShrinkHeapInSteps \
	$cache_flags \
	${LAMBDA_EXTENSION_JAVA_OPTS:-} \
	-Dlambda.extension.name="$name" \
	-jar "$app/$name.jar"
