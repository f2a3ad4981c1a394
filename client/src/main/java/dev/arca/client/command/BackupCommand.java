package dev.arca.client.command;

import dev.arca.client.backup.Backup;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.arca.client.progress.Meter;
import dev.arca.client.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arca backup DIR --repo PATH}: saves a snapshot of DIR. Files unchanged since the last
 * snapshot of the same folder (size, time and identity) are not read; only chunks the
 * repository lacks are written. An interrupted backup saves no snapshot and leaves chunks the
 * next one reuses. A path no restore could write safely is left out and named on standard error.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up a folder into a repository folder (no account needed), encrypted unless asked otherwise.")
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to back up.")
    Path folder;

    @Option(names = {"--repo", "--to"}, paramLabel = "PATH", description = "A repository in a local folder (created when missing; no account needed). Without it, "
                    + "the backup goes to the signed-in server.")
    Path repo;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository's password from the first line of FILE; else ARCA_PASSWORD, else a prompt.")
    Path passwordFile;

    @Option(names = "--insecure-no-encryption",
            description = "Make a new repository in the clear (format 1): whoever holds the folder reads every file.")
    boolean insecureNoEncryption;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        RepositoryOption option = new RepositoryOption();
        option.repo = repo;
        option.backedUp = folder;
        option.passwordFile = passwordFile;
        option.insecureNoEncryption = insecureNoEncryption;
        return option.run(true, false, err, "Backup failed: ", repository -> {
            Meter meter = new Meter();
            Backup.Result result;
            try (ProgressBar bar = ProgressBar.start(err, "backup", meter)) {
                result = new Backup(repository, Clock.systemUTC(), meter).run(folder, RepositoryOption.hostName());
            }
            if (json) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("id", result.snapshot().id());
                answer.put("files", result.snapshot().files());
                answer.put("bytes", result.snapshot().bytes());
                answer.put("filesRead", result.filesRead());
                answer.put("filesUnchanged", result.filesUnchanged());
                answer.put("chunksAdded", result.chunksAdded());
                answer.put("bytesAdded", result.bytesAdded());
                answer.put("skipped", result.skipped());
                out.println(JsonMapper.builder().build().writeValueAsString(answer));
            } else {
                out.printf("snapshot %s saved: %d files, %d bytes; %d files read, %d unchanged; %d new chunks, %d bytes added%n",
                        result.snapshot().id(), result.snapshot().files(), result.snapshot().bytes(), result.filesRead(),
                        result.filesUnchanged(), result.chunksAdded(), result.bytesAdded());
            }
            for (String skipped : result.skipped()) {
                err.println("Not backed up: " + skipped);
            }
            return ExitCodes.OK;
        });
    }
}
