# Sandlot terminal: pip and npm as you know them, except that installing and
# uninstalling go to the server (the terminal has no network). The server
# installs into the project's environment, which appears at /packages.d as soon
# as it is ready. Every other command runs the real tool, offline.
# Runs as `python3 -I -S`, so nothing of the project's packages is imported.
import json
import os
import socket
import sys

MAX_FILE_BYTES = 256 * 1024
PIP_SENT = {"install", "uninstall"}
NPM_SENT = {"install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall",
            "add", "ci", "uninstall", "un", "unlink", "remove", "rm", "r", "update", "up", "upgrade"}
HELP = {"-h", "--help", "help"}


def real(tool, name, args):
    if tool == "pip":
        os.execv(sys.executable, [sys.executable, "-m", "pip"] + args)
    for directory in os.environ.get("PATH", "").split(":"):
        if directory in ("", "/opt/sandlot/bin"):
            continue
        candidate = os.path.join(directory, name)
        if os.access(candidate, os.X_OK):
            os.execv(candidate, [name] + args)
    print(f"sandlot: {name} is not installed here", file=sys.stderr)
    sys.exit(127)


def subcommand(args):
    for word in args:
        if not word.startswith("-"):
            return word
    return None


def requirement_files(args):
    files = {}
    i = 0
    while i < len(args):
        word = args[i]
        path = None
        if word in ("-r", "--requirement") and i + 1 < len(args):
            path = args[i + 1]
            i += 1
        elif word.startswith("--requirement="):
            path = word[len("--requirement="):]
        elif word.startswith("-r") and len(word) > 2:
            path = word[2:]
        if path is not None:
            try:
                with open(path, "rb") as f:
                    content = f.read(MAX_FILE_BYTES + 1)
            except OSError as e:
                print(f"ERROR: Could not open requirements file: {e}", file=sys.stderr)
                sys.exit(1)
            if len(content) > MAX_FILE_BYTES:
                print(f"ERROR: {path} is larger than {MAX_FILE_BYTES} bytes", file=sys.stderr)
                sys.exit(1)
            files[path] = content.decode("utf-8", "replace")
        i += 1
    return files


def main():
    tool, name, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    sent = PIP_SENT if tool == "pip" else NPM_SENT
    if subcommand(args) not in sent or HELP.intersection(args):
        real(tool, name, args)
    path = os.environ.get("SANDLOT_PACKAGE_SOCKET")
    if not path or not os.path.exists(path):
        print(f"sandlot: {name} {subcommand(args)} works in a project's terminal, where packages belong "
              "to the project; this terminal has none", file=sys.stderr)
        sys.exit(1)
    request = {"tool": tool, "args": args, "files": requirement_files(args) if tool == "pip" else {}}
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
        connection.sendall(json.dumps(request).encode("utf-8") + b"\n")
        for line in connection.makefile("r", encoding="utf-8", errors="replace"):
            message = json.loads(line)
            if "log" in message:
                print(message["log"], flush=True)
            elif "exit" in message:
                sys.exit(int(message["exit"]))
    except KeyboardInterrupt:
        print("\nsandlot: stopped waiting; the install goes on in the server and its log is in the Packages panel",
              file=sys.stderr)
        sys.exit(130)
    except (OSError, ValueError) as e:
        print(f"sandlot: the package request failed: {e}", file=sys.stderr)
        sys.exit(1)
    print("sandlot: the server ended the install without a result", file=sys.stderr)
    sys.exit(1)


main()
