package dev.sandlot.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything an operator can set, under the prefix {@code sandlot} (and so as
 * environment variables: {@code SANDLOT_DATA_DIR}, {@code SANDLOT_RATE_LIMIT_ENABLED}, ...).
 * See the configuration table in README.md.
 */
@ConfigurationProperties("sandlot")
public class SandlotProperties {

    /** Where Sandlot keeps its data: database, saved files, build cache. */
    private Path dataDir = Path.of("data");

    private final Engine engine = new Engine();
    private final Limits limits = new Limits();
    private final Db db = new Db();

    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Engine getEngine() {
        return engine;
    }

    public Limits getLimits() {
        return limits;
    }

    public Db getDb() {
        return db;
    }

    /** The database: an H2 file under the data directory unless a URL is given (PostgreSQL in production). */
    public static class Db {
        /** JDBC URL, e.g. jdbc:postgresql://db:5432/sandlot; empty means H2 in $SANDLOT_DATA_DIR/db. */
        private String url = "";

        private String user = "";
        private String password = "";

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** The sandbox and the engine around it. */
    public static class Engine {
        /** Host uid and gid that programs run as; never 0. */
        private int sandboxUid = 61000;

        private int sandboxGid = 61000;
        /** Pre-started sandboxes per language id. */
        private Map<String, Integer> warmPool = new LinkedHashMap<>(Map.of("python", 2));
        /** Size cap of the compiled-program cache, in MiB. */
        private long buildCacheMb = 1024;
        /** Extra language definition files (JSON), replacing built-in entries with the same id. */
        private List<Path> languageFiles = new ArrayList<>();
        /** Private scratch directory; default /run/sandlot/engine-PID. */
        private Path runtimeDir;

        public int getSandboxUid() {
            return sandboxUid;
        }

        public void setSandboxUid(int sandboxUid) {
            this.sandboxUid = sandboxUid;
        }

        public int getSandboxGid() {
            return sandboxGid;
        }

        public void setSandboxGid(int sandboxGid) {
            this.sandboxGid = sandboxGid;
        }

        public Map<String, Integer> getWarmPool() {
            return warmPool;
        }

        public void setWarmPool(Map<String, Integer> warmPool) {
            this.warmPool = warmPool;
        }

        public long getBuildCacheMb() {
            return buildCacheMb;
        }

        public void setBuildCacheMb(long buildCacheMb) {
            this.buildCacheMb = buildCacheMb;
        }

        public List<Path> getLanguageFiles() {
            return languageFiles;
        }

        public void setLanguageFiles(List<Path> languageFiles) {
            this.languageFiles = languageFiles;
        }

        public Path getRuntimeDir() {
            return runtimeDir;
        }

        public void setRuntimeDir(Path runtimeDir) {
            this.runtimeDir = runtimeDir;
        }
    }

    /** Defaults and maximums of per-run limits; unset values keep the engine's. */
    public static class Limits {
        private final Values defaults = new Values();
        private final Values maximums = new Values();
        /** Total size of a run's source files, in bytes. */
        private Long maxSourceBytes;

        public Values getDefaults() {
            return defaults;
        }

        public Values getMaximums() {
            return maximums;
        }

        public Long getMaxSourceBytes() {
            return maxSourceBytes;
        }

        public void setMaxSourceBytes(Long maxSourceBytes) {
            this.maxSourceBytes = maxSourceBytes;
        }
    }

    public static class Values {
        private Long wallTimeMs;
        private Long cpuTimeMs;
        private Long memoryMb;
        private Integer maxProcesses;
        private Long maxOutputBytes;

        public Long getWallTimeMs() {
            return wallTimeMs;
        }

        public void setWallTimeMs(Long wallTimeMs) {
            this.wallTimeMs = wallTimeMs;
        }

        public Long getCpuTimeMs() {
            return cpuTimeMs;
        }

        public void setCpuTimeMs(Long cpuTimeMs) {
            this.cpuTimeMs = cpuTimeMs;
        }

        public Long getMemoryMb() {
            return memoryMb;
        }

        public void setMemoryMb(Long memoryMb) {
            this.memoryMb = memoryMb;
        }

        public Integer getMaxProcesses() {
            return maxProcesses;
        }

        public void setMaxProcesses(Integer maxProcesses) {
            this.maxProcesses = maxProcesses;
        }

        public Long getMaxOutputBytes() {
            return maxOutputBytes;
        }

        public void setMaxOutputBytes(Long maxOutputBytes) {
            this.maxOutputBytes = maxOutputBytes;
        }
    }
}
