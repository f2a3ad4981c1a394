package dev.arca.client.command;

import dev.arca.client.backup.Restore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import dev.arca.client.progress.Meter;
import dev.arca.client.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca restore SNAPSHOT [PATH] --to DIR --repo REPO}: writes the snapshot (or one file
 * or folder of it) under DIR, byte for byte, with times and permissions. The backed-up folder's
 * contents land directly in DIR.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a snapshot, or a path of it.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "A snapshot id, a unique start of one, or latest.")
    String snapshot;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "A file or folder inside the snapshot, relative to the backed-up folder (default: all).")
    String path;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Where to restore.")
    Path target;

    @Mixin
    RepositoryOption repository;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return repository.run(false, false, err, "Restore failed: ", repo -> {
            Meter meter = new Meter();
            Restore.Result result;
            try (ProgressBar bar = ProgressBar.start(err, "restore", meter)) {
                result = new Restore(repo, meter).run(repo.snapshot(snapshot), path, target);
            }
            out.printf("restored %d files, %d bytes, to %s%n", result.files(), result.bytes(), target);
            return ExitCodes.OK;
        });
    }
}
