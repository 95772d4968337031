package dev.sandlot.server.project;

import dev.sandlot.engine.packages.Ecosystem;
import java.util.List;

/**
 * What an install step is asked to do to a project's packages: add or remove packages by
 * name and version specifier, or install exactly what the manifest lists.
 *
 * @param ecosystem pip or npm
 * @param add requirement specifiers to add, e.g. "seaborn" or "lodash@^4"
 * @param remove package names to remove
 * @param fromManifest install the manifest as it is (add and remove are then empty)
 */
public record PackageChange(Ecosystem ecosystem, List<String> add, List<String> remove, boolean fromManifest) {

    public PackageChange {
        add = add == null ? List.of() : List.copyOf(add);
        remove = remove == null ? List.of() : List.copyOf(remove);
    }
}
