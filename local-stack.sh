#!/usr/bin/env bash
# The whole community points suite on this machine, with only a JDK 17+: builds what is missing or
# out of date, then starts PostgreSQL, Kafka, the OIDC provider, the three services and the gateway.
# Ctrl-C stops everything; the data stays in .local/ for the next start. See local-stack/README.md.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
    echo "local-stack: a JDK 17 or newer is needed (java is not on the PATH)." >&2
    exit 1
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
if [[ -z "$java_major" || "$java_major" -lt 17 ]]; then
    echo "local-stack: Java 17 or newer is needed; this java is ${java_major:-of an unknown version}." >&2
    exit 1
fi

mkdir -p .local
stamp=.local/last-build
modules=(activity-service points-service catalog-service gateway)
# The reconciliation job is not a server: built so that the command the launcher prints works.
if [[ -d reconciler ]]; then
    modules+=(reconciler)
fi
needs_build=no
for module in "${modules[@]}"; do
    [[ -f "$module/target/quarkus-app/quarkus-run.jar" ]] || needs_build=yes
done
[[ -f local-stack/target/local-stack-launcher.jar ]] || needs_build=yes
[[ -f "$stamp" ]] || needs_build=yes
if [[ $needs_build == no ]] && [[ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -type f -print -quit 2>/dev/null)" ]]; then
    needs_build=yes
fi

if [[ $needs_build == yes ]]; then
    echo "Building the suite (./mvnw package, tests skipped; the first build downloads dependencies and takes a few minutes)..."
    build=(./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${modules[*]}"),local-stack" -am)
    touch .local/build-started   # files changed while the build runs count as changed next time
    # Offline first: quicker, and works without a network once the dependencies are in ~/.m2.
    if ! "${build[@]}" -o >.local/build.log 2>&1; then
        if ! "${build[@]}" >.local/build.log 2>&1; then
            tail -40 .local/build.log >&2
            echo "local-stack: the build failed; the whole output is in .local/build.log" >&2
            exit 1
        fi
    fi
    mv .local/build-started "$stamp"
fi

# The launcher JVM also runs the Kafka broker and the OIDC provider.
exec java ${LOCAL_STACK_LAUNCHER_OPTS:--Xmx384m -XX:+UseSerialGC} \
    -Dlocalstack.repository="$PWD" -jar local-stack/target/local-stack-launcher.jar "$@"
