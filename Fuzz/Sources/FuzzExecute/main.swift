// libFuzzer target: translate and run. An input starting with "\0asm" is taken as a whole module
// (seed it with valid modules: Scripts/fuzz.sh uses the spec suite and wasm-tools smith output);
// any other input is the body of the skeleton module's function "run" (see Skeleton.swift).
// Every export is called under a fuel budget, so every run ends; the input's last byte picks
// plain calls or resumable calls that suspend on fuel and resume.
import FuzzDriver
import FuzzHarness
import Glibc
import Wisp

let engine = Harness.makeEngine()

exit(runLibFuzzer { data, size in
    let input = size == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: size))
    let isModule = size >= 4 && input[0] == 0 && input[1] == 0x61 && input[2] == 0x73 && input[3] == 0x6D
    let bytes = isModule ? input : Skeleton.module(body: input[...])
    let resumable = size > 0 && input[size - 1] & 1 == 1
    Harness.run(bytes: bytes, engine: engine, resumable: resumable, seed: UInt64(size))
    return 0
})
