# Sandlot: this file replaces the system sitecustomize inside the sandbox.
# It does what Debian's does (the apport hook, when installed) and, in a
# pre-started interpreter, waits here until the run's files are in place, so
# the program itself then starts as a plain `python3 main.py`.
try:
    import apport_python_hook
except ImportError:
    pass
else:
    apport_python_hook.install()


def _sandlot_wait_for_run():
    import os
    import sys

    # Only the interpreter that the sandbox init pre-started (PID 2, with the
    # control pipe on fd 3) waits; every other interpreter continues at once.
    if os.getpid() != 2:
        return
    try:
        os.fstat(3)
    except OSError:
        return

    def read_exact(n):
        data = b""
        while len(data) < n:
            chunk = os.read(3, n - len(data))
            if not chunk:
                os._exit(0)  # the run was cancelled before it started
            data += chunk
        return data

    count = int.from_bytes(read_exact(4), "little")
    words = [os.fsdecode(read_exact(int.from_bytes(read_exact(4), "little"))) for _ in range(count)]
    os.close(3)
    sys.argv.extend(words)
    sys.orig_argv.extend(words)


_sandlot_wait_for_run()
del _sandlot_wait_for_run


def _sandlot_project_packages():
    # A project's own packages (installed by its install step) come before the
    # built-in libraries, so its numpy beats Debian's. The newest generation is
    # picked here, at each interpreter's start: a terminal sees a new install
    # at once.
    import os
    import sys

    root = os.environ.get("SANDLOT_PACKAGES")
    if not root:
        return
    try:
        numbers = [int(n) for n in os.listdir(root) if n.isdigit() and not n.startswith("0")]
    except OSError:
        return
    if not numbers:
        return
    site_dir = os.path.join(root, str(max(numbers)), "python", "site")
    if not os.path.isdir(site_dir):
        return
    import site

    before = list(sys.path)
    site.addsitedir(site_dir)
    added = [p for p in sys.path if p not in before]
    sys.path[:] = added + before


_sandlot_project_packages()
del _sandlot_project_packages
