package dev.sandlot.server.project;

import dev.sandlot.server.DataDirectoryProperties;
import dev.sandlot.server.account.AccountService;
import dev.sandlot.server.account.Caller;
import dev.sandlot.server.account.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Before accounts, /api/save kept files in one shared folder. At the first start with
 * accounts they move into the first admin's default project, and the folder is renamed,
 * not deleted, so nothing is lost.
 */
@Component
@Order(1)
class LegacyWorkspaceImport implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyWorkspaceImport.class);

    private final Path folder;

    private final ProjectService projects;

    private final AccountService accounts;

    LegacyWorkspaceImport(DataDirectoryProperties data, ProjectService projects, AccountService accounts) {
        this.folder = data.dataDir().resolve("workspace");
        this.projects = projects;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!Files.isDirectory(folder))
            return;
        var admin = accounts.list().stream().filter(a -> a.role() == Role.ADMIN).findFirst();
        if (admin.isEmpty())
            return;
        Caller caller = new Caller(admin.get().id(), admin.get().username(), Role.ADMIN, "local");
        long target = projects.defaultProject(caller).id();
        List<String> imported = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("."))
                    continue;
                try {
                    projects.putFile(caller, target, name, Files.readString(file, StandardCharsets.UTF_8), null);
                    imported.add(name);
                }
                catch (RuntimeException | IOException e) {
                    log.warn("saved file {} was not imported: {}", file, e.getMessage());
                }
            }
        }
        Path done = folder.resolveSibling("workspace.imported-" + System.currentTimeMillis());
        Files.move(folder, done);
        log.info("moved {} saved files into project {} of {}; the old folder is kept as {}", imported.size(), target,
                admin.get().username(), done);
    }

}
