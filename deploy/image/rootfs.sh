#!/usr/bin/env bash
# Builds the image's base file tree without a Docker daemon or a registry: a Java runtime cut
# with jlink from the JDK that runs the build, the few shared libraries it loads (taken from
# this machine's glibc), and the files a JVM looks up (passwd, group, nsswitch, a writable /tmp).
# Jib lays the application over it (from scratch); see app/pom.xml, profile "image".
#
# Usage: deploy/image/rootfs.sh OUTPUT_DIR   (JAVA_HOME names the JDK; jlink must be in it)
set -euo pipefail
out="${1:?usage: rootfs.sh OUTPUT_DIR}"
java_home="${JAVA_HOME:?JAVA_HOME must name a JDK}"
# The modules jdeps finds in the fat jar (jdeps --print-module-deps --ignore-missing-deps
# --multi-release 21 app/target/strait.jar) and java.logging. Keep in step with that command
# when dependencies change; ContainerImageIT starts the node in the image, which catches a gap.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.unsupported
uid=10001

rm -rf "$out"
mkdir -p "$out"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 --output "$out/opt/java"

# Shared libraries: whatever the launcher and the runtime's own libraries link against, copied
# as real files (no symlinks) to the paths the dynamic loader looks in.
# Desktop libraries (AWT, sound, fonts) are left out: java.desktop is there for java.beans only.
libs=$( { ldd "$out/opt/java/bin/java"
          find "$out/opt/java/lib" -name '*.so' ! -name '*awt*' ! -name '*splash*' ! -name '*jsound*' \
            ! -name '*fontmanager*' ! -name '*lcms*' ! -name '*jpeg*' ! -name '*mlib*' -exec ldd {} \; ; } 2>/dev/null \
  | awk '/=> \// {print $3} /^\t\/lib/ {print $1}' | sort -u)
for lib in $libs; do
  case "$lib" in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# The loader itself, by the path every x86-64 binary names (/lib64 is a symlink on Debian).
mkdir -p "$out/lib64"
cp -L /lib64/ld-linux-x86-64.so.2 "$out/lib64/ld-linux-x86-64.so.2"
# libjvm needs libgcc_s only on some JDK builds; libnss is built into glibc >= 2.34.

# /proc and /dev are mount points: the runtime mounts them (the JVM finds itself through /proc).
mkdir -p "$out/etc" "$out/tmp" "$out/var/lib/strait" "$out/etc/strait" "$out/proc" "$out/dev"
cat > "$out/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
strait:x:$uid:$uid:strait:/var/lib/strait:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<GROUP
root:x:0:
strait:x:$uid:
nogroup:x:65534:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$out/etc/hosts"
echo "rootfs: $(du -sh "$out" | cut -f1) in $out ($(echo "$libs" | wc -w) shared libraries)"
