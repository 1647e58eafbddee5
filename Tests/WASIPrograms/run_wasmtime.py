#!/usr/bin/env python3
"""Runs a WASI command under the wasmtime Python package, the reference for the differential test.

usage: run_wasmtime.py [--dir HOST::GUEST]... [--env K=V]... [--stdout FILE] [--stderr FILE] module.wasm [ARGS...]
argv[0] is the module path as given (like `wisp run`); the exit status is the guest's.
"""
import sys
from wasmtime import Engine, ExitTrap, Linker, Module, Store, WasiConfig


def main(argv):
    dirs, env, out, err = [], [], None, None
    i = 0
    while i < len(argv) and argv[i].startswith("--"):
        flag, value = argv[i], argv[i + 1]
        if flag == "--dir":
            host, _, guest = value.partition("::")
            dirs.append((host, guest or host))
        elif flag == "--env":
            k, _, v = value.partition("=")
            env.append([k, v])
        elif flag == "--stdout":
            out = value
        elif flag == "--stderr":
            err = value
        i += 2
    module_path, args = argv[i], argv[i + 1:]
    engine = Engine()
    config = WasiConfig()
    config.argv = [module_path] + args
    config.env = env
    for host, guest in dirs:
        config.preopen_dir(host, guest)
    if out:
        config.stdout_file = out
    else:
        config.inherit_stdout()
    if err:
        config.stderr_file = err
    else:
        config.inherit_stderr()
    store = Store(engine)
    store.set_wasi(config)
    linker = Linker(engine)
    linker.define_wasi()
    instance = linker.instantiate(store, Module.from_file(engine, module_path))
    try:
        instance.exports(store)["_start"](store)
    except ExitTrap as e:
        return e.code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
