#!/usr/bin/env bash
# The OpenCL backend's check on a GPU machine that has an NVIDIA driver but no JDK and no Maven.
#
#   backend-opencl/gpu-check.sh pack    here (JDK 17 with jlink, Maven): builds backend-opencl/target/gpu-check,
#                                       one folder under 64 MiB: a jlink runtime, the jars, the JUnit console
#                                       launcher, an ICD loader to fall back on, and this script
#   backend-opencl/gpu-check.sh run     on the GPU machine, from the repository root or inside the folder:
#                                       runs the OpenCL test classes (the conformance kit first) with
#                                       -Dglia.opencl.required=true and the gemm benchmark, then prints a table
#   backend-opencl/gpu-check.sh         pack, then run (here this tests the script itself on PoCL:
#                                       GLIA_OPENCL_DEVICE=any backend-opencl/gpu-check.sh)
#
# Environment: GLIA_OPENCL_DEVICE (default gpu; any, cpu or PLATFORM:DEVICE), GLIA_GPU_CHECK_DIR (the folder),
# GLIA_GPU_CHECK_SIZES (gemm sizes, default "1024 2048 4096"), OUT (if set, logs are copied there).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -x "$HERE/runtime/bin/java" ]]; then # running inside the packed folder
    BUNDLE=$HERE
else
    BUNDLE=${GLIA_GPU_CHECK_DIR:-$HERE/target/gpu-check}
fi
DEVICE=${GLIA_OPENCL_DEVICE:-gpu}
SIZES=${GLIA_GPU_CHECK_SIZES:-1024 2048 4096}
JUNIT_PLATFORM_VERSION=1.11.4
LIMIT_MIB=64
MODULES=java.base,java.logging,java.xml,java.management,jdk.unsupported
TEST_CLASSES=(
    dev.glia.backend.opencl.OpenClConformanceTest
    dev.glia.backend.opencl.GemmTest
    dev.glia.backend.opencl.OpenClGradientCheckTest
    dev.glia.backend.opencl.CrossBackendTest
    dev.glia.backend.opencl.PluginActivationTest
    dev.glia.backend.opencl.TrainingLeakTest
    dev.glia.backend.opencl.OpenClBackendProviderTest
    dev.glia.backend.opencl.internal.ElementwiseKernelsTest
    dev.glia.backend.opencl.internal.KernelBuildTest
    dev.glia.backend.opencl.internal.LifecycleTest
    dev.glia.backend.opencl.internal.WindowKernelsTest
)

die() {
    echo "gpu-check: $*" >&2
    exit 1
}

pack() {
    command -v mvn >/dev/null || die "pack needs Maven"
    command -v jlink >/dev/null || die "pack needs a JDK 17 with jlink"
    local root
    root=$(cd "$HERE/.." && pwd)
    cd "$root"
    echo "gpu-check: building the modules and backend-opencl's tests"
    mvn -q -B install -DskipTests -pl api,testkit,core,backend-ejml -am
    mvn -q -B -pl backend-opencl test-compile
    rm -rf "$BUNDLE"
    mkdir -p "$BUNDLE/lib" "$BUNDLE/opencl"
    mvn -q -B -pl backend-opencl dependency:copy-dependencies -DincludeScope=test \
        -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian \
        -DoutputDirectory="$BUNDLE/lib"
    mvn -q -B -pl backend-opencl dependency:copy \
        -Dartifact=org.junit.platform:junit-platform-console-standalone:$JUNIT_PLATFORM_VERSION \
        -DoutputDirectory="$BUNDLE/lib"
    jar --create --file "$BUNDLE/lib/glia-backend-opencl.jar" -C backend-opencl/target/classes .
    jar --create --file "$BUNDLE/lib/glia-backend-opencl-tests.jar" -C backend-opencl/target/test-classes .
    echo "gpu-check: jlink $MODULES"
    jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
        --output "$BUNDLE/runtime"
    # JOCL loads "libOpenCL.so"; where the GPU machine has no ICD loader, this one (libc only) is used
    local loader
    loader=$(find_lib 'libOpenCL\.so\.1' || true)
    if [[ -n "$loader" ]]; then
        cp -L "$loader" "$BUNDLE/opencl/libOpenCL.so.1"
    fi
    cp "$HERE/gpu-check.sh" "$BUNDLE/gpu-check.sh"
    local mib
    mib=$(du -sm "$BUNDLE" | cut -f1)
    [[ "$mib" -lt "$LIMIT_MIB" ]] || die "$BUNDLE is $mib MiB, over the limit of $LIMIT_MIB MiB"
    echo "gpu-check: packed $BUNDLE ($mib MiB)"
}

# The path of a shared library whose name matches the pattern, from the linker cache or common folders.
find_lib() {
    local pattern=$1 found
    found=$( (ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true) |
        LIB_PATTERN=$pattern awk '$1 ~ "^" ENVIRON["LIB_PATTERN"] "$" { print $NF; exit }')
    if [[ -z "$found" ]]; then
        found=$(find /usr/lib /usr/lib64 /usr/local/nvidia /usr/local/lib -maxdepth 3 -regex ".*/${pattern}" \
            2>/dev/null | head -1 || true)
    fi
    [[ -n "$found" ]] && echo "$found"
}

# Makes OpenCL findable: "libOpenCL.so" for JOCL, and NVIDIA's ICD file where a container lacks it.
setup_opencl() {
    if [[ -z "$(find_lib 'libOpenCL\.so' || true)" ]]; then
        local target
        target=$(find_lib 'libOpenCL\.so\.1' || true)
        if [[ -z "$target" && -f "$BUNDLE/opencl/libOpenCL.so.1" ]]; then
            target=$BUNDLE/opencl/libOpenCL.so.1
            echo "gpu-check: no OpenCL ICD loader on this machine; using the packed one"
        fi
        if [[ -n "$target" ]]; then
            mkdir -p "$BUNDLE/opencl/link"
            ln -sf "$target" "$BUNDLE/opencl/link/libOpenCL.so"
            export LD_LIBRARY_PATH="$BUNDLE/opencl/link${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        fi
    fi
    if [[ -z "${OCL_ICD_VENDORS:-}" ]] && ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
        local nvidia
        nvidia=$(find_lib 'libnvidia-opencl\.so\.1' || true)
        if [[ -n "$nvidia" ]]; then
            mkdir -p "$BUNDLE/opencl/vendors"
            echo "$nvidia" >"$BUNDLE/opencl/vendors/nvidia.icd"
            export OCL_ICD_VENDORS="$BUNDLE/opencl/vendors"
            echo "gpu-check: /etc/OpenCL/vendors is empty; registered $nvidia"
        fi
    fi
}

count() { # count KIND LOG: the number in the launcher's "[ N tests KIND ]" line
    local n
    n=$(grep -E "\[ *[0-9]+ tests $1" "$2" | grep -oE '[0-9]+' | head -1 || true)
    echo "${n:-?}"
}

run() {
    [[ -x "$BUNDLE/runtime/bin/java" ]] || die "no packed folder at $BUNDLE: run '$0 pack' where a JDK and Maven are"
    setup_opencl
    local java=$BUNDLE/runtime/bin/java logs=$BUNDLE/logs cp
    cp=$(find "$BUNDLE/lib" -name '*.jar' | sort | tr '\n' ':')
    rm -rf "$logs"
    mkdir -p "$logs"
    local props=(-Dglia.opencl.device="$DEVICE" -Dglia.opencl.required=true -Djava.io.tmpdir="$BUNDLE/tmp")
    mkdir -p "$BUNDLE/tmp"
    local rows=() status=0 c name log start secs
    for c in "${TEST_CLASSES[@]}"; do
        name=${c##*.}
        log=$logs/$name.log
        start=$(date +%s)
        if ! "$java" "${props[@]}" -cp "$cp" org.junit.platform.console.ConsoleLauncher execute --disable-banner \
            --details=summary --details-theme=ascii --select-class "$c" >"$log" 2>&1; then
            status=1
        fi
        secs=$(($(date +%s) - start))
        rows+=("$(printf '%-28s %7s %7s %8s %8s %6ss' "$name" "$(count successful "$log")" "$(count failed "$log")" \
            "$(count skipped "$log")" "$(count aborted "$log")" "$secs")")
    done
    local bench=$logs/gemm-benchmark.log
    # shellcheck disable=SC2086
    "$java" "${props[@]}" -cp "$cp" dev.glia.backend.opencl.GemmBenchmark $SIZES --device "$DEVICE" --runs 9 \
        >"$bench" 2>&1 || status=1
    "$java" "${props[@]}" -cp "$cp" dev.glia.backend.opencl.GemmBenchmark 2048 --trans NT --device "$DEVICE" \
        --runs 9 >>"$bench" 2>&1 || status=1
    "$java" "${props[@]}" -cp "$cp" dev.glia.backend.opencl.GemmBenchmark 2048 --trans TN --device "$DEVICE" \
        --runs 9 >>"$bench" 2>&1 || status=1

    echo
    echo "== Glia OpenCL GPU check (glia.opencl.device=$DEVICE)"
    grep -m1 '^device:' "$bench" || echo "device: (see $bench)"
    printf '%-28s %7s %7s %8s %8s %7s\n' "test class" passed failed skipped aborted time
    printf '%s\n' "${rows[@]}"
    echo
    echo "gemm (median of 9):"
    grep -E '^gemm|GFLOPS' "$bench" | sed 's/^/  /' || cat "$bench"
    if [[ -n "${OUT:-}" ]]; then
        mkdir -p "$OUT" && cp -r "$logs" "$OUT/" || true
    fi
    [[ $status -eq 0 ]] && echo "gpu-check: all passed" || echo "gpu-check: FAILURES; logs in $logs"
    return $status
}

case "${1:-all}" in
    pack) pack ;;
    run) run ;;
    all) pack && run ;;
    *) die "usage: $0 [pack|run]" ;;
esac
