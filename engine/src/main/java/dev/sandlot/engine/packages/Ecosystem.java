package dev.sandlot.engine.packages;

/** The package managers a project can install with, and the manifest each reads. */
public enum Ecosystem {

    /** pip, from requirements.txt. */
    PYTHON("requirements.txt"),

    /** npm, from package.json. */
    NODE("package.json");

    private final String manifest;

    Ecosystem(String manifest) {
        this.manifest = manifest;
    }

    /** The manifest's file name at the top of a project. */
    public String manifest() {
        return manifest;
    }

}
