#!/usr/bin/env bash
# Compiles the core modules (WispFormat, Wisp) and the text format (WispText) in Embedded Swift mode for a bare-metal Cortex-M4
# target, to keep them free of Foundation, untyped throws, existentials and other features
# Embedded Swift rejects. Object code only: linking firmware is Scripts/bare-metal.sh's job.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${EMBEDDED_CHECK_OUT:-.build-embedded}
target=${EMBEDDED_TARGET:-armv7em-none-none-eabi}
mkdir -p "$out"
# -swift-version 6: the language mode Package.swift builds the hosted modules in, so the code
# under `#if hasFeature(Embedded)` is checked under Swift 6's concurrency rules as well.
flags=(-swift-version 6 -target "$target" -enable-experimental-feature Embedded -wmo -Osize -parse-as-library
       -Xcc -mfloat-abi=soft -Xfrontend -disable-stack-protector)
swiftc "${flags[@]}" -module-name WispFormat -emit-module -emit-module-path "$out/WispFormat.swiftmodule" \
    -c -o "$out/WispFormat.o" $(find Sources/WispFormat -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name Wisp -I "$out" -I Sources/WispDispatch/include -c -o "$out/Wisp.o" $(find Sources/Wisp -name '*.swift' | sort)
swiftc "${flags[@]}" -module-name WispText -c -o "$out/WispText.o" $(find Sources/WispText -name '*.swift' | sort)
echo "embedded check: WispFormat, Wisp and WispText compile for $target ($(wc -c < "$out/WispFormat.o") + $(wc -c < "$out/Wisp.o") + $(wc -c < "$out/WispText.o") bytes of objects)"
