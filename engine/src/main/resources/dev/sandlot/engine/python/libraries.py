# Sandlot: for each name on the command line (an import name such as "sklearn" or a
# distribution name such as "scikit-learn") that is installed and importable here,
# prints "requested<TAB>distribution<TAB>version<TAB>import name", from the packages'
# metadata and without importing them.
import importlib.metadata as metadata
import importlib.util
import sys


def describe(requested, by_module):
    for candidate in [requested] + by_module.get(requested, []):
        try:
            dist = metadata.distribution(candidate)
        except metadata.PackageNotFoundError:
            continue
        name = dist.metadata["Name"] or candidate
        if requested in by_module or importlib.util.find_spec(requested) is not None:
            module = requested
        else:
            modules = sorted(m for m, d in by_module.items() if name in d and not m.startswith("_"))
            module = modules[0] if modules else None
        if module is None or importlib.util.find_spec(module) is None:
            return None
        return "\t".join((requested, name, dist.version, module))
    return None


def main(names):
    try:
        by_module = metadata.packages_distributions()
    except Exception:
        by_module = {}
    for requested in names:
        line = describe(requested, by_module)
        if line is not None:
            print(line)


main(sys.argv[1:])
