package dev.arca.client.command;

import dev.arca.client.backup.BackupRepository;
import dev.arca.client.backup.Maintenance;
import dev.arca.client.backup.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arca migrate (--repo OLD | --legacy-server) (--to NEW | --to-server)}: copies every
 * snapshot of a repository, with its chunks, into an encrypted (format 2) repository, verifying
 * each chunk as it goes: a new folder, or the encrypted repository on the signed-in server (made
 * when missing). The old repository is left as it was; delete it (or forget its snapshots) once
 * the new one checks clean.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy a repository into an encrypted one (format 2), leaving the old one as it is.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Option(names = "--to", paramLabel = "PATH", description = "A new folder for the encrypted repository.")
    Path target;

    @Option(names = "--to-server", description = "The encrypted repository on the signed-in server, made when missing.")
    boolean toServer;

    @Mixin
    NewPasswordOption newPassword;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String failure = "Migration failed: ";
        if ((target == null) == !toServer) {
            err.println(failure + "give one place to copy to: --to PATH or --to-server.");
            return ExitCodes.USAGE;
        }
        if (repository.repo == null && !repository.legacyServer) {
            err.println(failure + "give what to copy: --repo PATH, or --legacy-server for the snapshots the server "
                    + "kept in the clear.");
            return ExitCodes.USAGE;
        }
        if (toServer) {
            return SignedIn.run(err, failure, device -> repository.run(false, false, err, failure, old ->
                    copy(old, BackupRepository.onServer(device.api(), RepositoryOption.SERVER_REPOSITORY), out)));
        }
        if (Files.exists(target.resolve("config"))) {
            err.println(failure + target + " holds a repository already; give a new folder.");
            return ExitCodes.USAGE;
        }
        return repository.run(false, false, err, failure, old -> copy(old, BackupRepository.inFolder(target), out));
    }

    private int copy(Repository old, BackupRepository.Place place, java.io.PrintWriter out) throws java.io.IOException {
        try (BackupRepository fresh = place.open(new BackupRepository.Options(true, true, false, newPassword::read))) {
            Maintenance.Copied copied = new Maintenance(old).copyTo(fresh);
            out.printf("copied %d snapshots and %d chunks into the encrypted repository%n", copied.snapshots(),
                    copied.chunks());
            return ExitCodes.OK;
        }
    }
}
