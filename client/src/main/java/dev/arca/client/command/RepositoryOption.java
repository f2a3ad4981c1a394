package dev.arca.client.command;

import dev.arca.client.backup.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --repo PATH} option of the backup commands: a local folder that holds a backup
 * repository, for backups without an account (and without a server).
 */
final class RepositoryOption {

    @Option(names = "--repo", paramLabel = "PATH", description = "The backup repository: a local folder.")
    Path repo;

    /** Work on an open repository; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int on(Repository repository) throws IOException;
    }

    /**
     * Opens the repository, runs {@code work} on it and closes it. A missing {@code --repo} is a
     * usage error; a repository or file error is reported after {@code failure} with
     * {@link ExitCodes#LOCAL}.
     */
    int run(boolean create, boolean exclusive, PrintWriter err, String failure, Work work) {
        if (repo == null) {
            err.println("Give the repository folder with --repo PATH. Backups to an Arca server are not available "
                    + "in this version; a folder needs no account.");
            return ExitCodes.USAGE;
        }
        try (Repository repository = Repository.open(repo, create, exclusive)) {
            return work.on(repository);
        } catch (IOException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.LOCAL;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "arca client";
        }
    }
}
