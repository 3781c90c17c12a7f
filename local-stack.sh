#!/usr/bin/env bash
# The whole community points suite on this machine, with only a JDK 17+: builds what is missing or
# out of date, then starts PostgreSQL, Kafka, the OIDC provider, the four services and the gateway.
# Ctrl-C stops everything; the data stays in .local/ for the next start. See local-stack/README.md.
#
#   ./local-stack.sh [--fast-unsafe] [--instances N]   build if needed, start the suite (N of each data service), Ctrl-C stops it
#   ./local-stack.sh status               from another terminal: each part, its pid, port and readiness
#   ./local-stack.sh stop|start <part>    postgres, kafka, community-service, activity-service, points-service,
#                                         catalog-service, gateway
set -euo pipefail
cd "$(dirname "$0")"

# Sends one command to the running launcher (its loopback control port and token are in .local/control)
# and prints the answer; the launcher's last line, "exit N", is this script's exit code.
control() {
    local file="${LOCAL_STACK_DATA_DIR:-.local}/control" port token line code=1
    if [[ ! -f $file ]]; then
        echo "local-stack: no stack is running from $PWD (no $file); start one with ./local-stack.sh" >&2
        exit 1
    fi
    read -r port token <"$file"
    if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
        echo "local-stack: no launcher answers on 127.0.0.1:$port ($file is left from a launcher that was killed?);" \
            "start one with ./local-stack.sh" >&2
        exit 1
    fi
    printf '%s %s\n' "$token" "$*" >&3
    while IFS= read -r line <&3; do
        if [[ $line =~ ^exit\ ([0-9]+)$ ]]; then
            code=${BASH_REMATCH[1]}
        else
            printf '%s\n' "$line"
        fi
    done
    exec 3<&-
    exit "$code"
}

case "${1:-}" in
    status | stop | start)
        control "$@"
        ;;
    "" | --*) ;;
    -h | help)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "local-stack: unknown command '$1': use status, stop <part>, start <part>, or no argument to start the suite" >&2
        exit 2
        ;;
esac

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
modules=(community-service activity-service points-service catalog-service gateway)
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

# One line per module as Maven finishes it (the reactor starts the next module only when one is done),
# with the time since the build started, and a reminder every 30 s while one module takes long; the
# whole output goes to .local/build.log.
build_progress() {
    local line partial="" next="" module="" count="" started=$SECONDS module_started=$SECONDS status
    while true; do
        if IFS= read -r -t 30 line; then
            line=$partial$line partial=""
        else
            status=$?
            if ((status > 128)); then # no line for 30 s; read keeps what it got of an unfinished one
                partial+=$line
                if [[ -n $module ]]; then
                    printf '  [%4ds] %-18s still building (%s, %d s so far)\n' $((SECONDS - started)) "$module" "$count" \
                        $((SECONDS - module_started))
                fi
                continue
            fi
            [[ -z $partial$line ]] && break
            line=$partial$line partial=""
        fi
        printf '%s\n' "$line" >>.local/build.log
        if [[ $line =~ ^\[INFO\]\ -+\<\ [^:]+:([^ ]+)\ \>-+$ ]]; then
            next=${BASH_REMATCH[1]}
        elif [[ $line =~ ^\[INFO\]\ Building\ .*\[([0-9]+/[0-9]+)\]$ ]]; then
            if [[ -n $module ]]; then
                printf '  [%4ds] %-18s built (%s, %d s)\n' $((SECONDS - started)) "$module" "$count" $((SECONDS - module_started))
            fi
            module=$next count=${BASH_REMATCH[1]} module_started=$SECONDS
        elif [[ $line == "[INFO] BUILD SUCCESS" && -n $module ]]; then
            printf '  [%4ds] %-18s built (%s, %d s)\n' $((SECONDS - started)) "$module" "$count" $((SECONDS - module_started))
            module=""
        fi
    done
}

if [[ $needs_build == yes ]]; then
    echo "Building the suite (./mvnw package, tests skipped; the first build downloads dependencies and takes a few minutes;"
    echo "the whole output is in .local/build.log)..."
    build=(./mvnw -B -Dstyle.color=never package -DskipTests -pl "$(IFS=,; echo "${modules[*]}"),local-stack" -am)
    touch .local/build-started   # files changed while the build runs count as changed next time
    : >.local/build.log
    # Offline first: quicker, and works without a network once the dependencies are in ~/.m2.
    if ! "${build[@]}" -o 2>&1 | build_progress; then
        echo "  (offline build failed; trying again with the network)"
        : >.local/build.log
        if ! "${build[@]}" 2>&1 | build_progress; then
            grep -E '^\[(ERROR|WARNING)\]' .local/build.log | tail -30 >&2 || tail -40 .local/build.log >&2
            echo "local-stack: the build failed; the whole output is in .local/build.log" >&2
            exit 1
        fi
    fi
    mv .local/build-started "$stamp"
fi

# The launcher JVM also runs the Kafka broker and the OIDC provider.
exec java ${LOCAL_STACK_LAUNCHER_OPTS:--Xmx384m -XX:+UseSerialGC} \
    -Dlocalstack.repository="$PWD" -jar local-stack/target/local-stack-launcher.jar "$@"
