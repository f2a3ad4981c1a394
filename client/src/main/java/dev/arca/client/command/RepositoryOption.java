package dev.arca.client.command;

import dev.arca.client.backup.Repository;
import java.io.IOException;
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

    /** The repository, or a message saying that a folder is needed, as an exit code. */
    Repository open(boolean create, boolean exclusive, java.io.PrintWriter err) throws IOException {
        if (repo == null) {
            err.println("Give the repository folder with --repo PATH. Backups to an Arca server are not available "
                    + "in this version; a folder needs no account.");
            return null;
        }
        return Repository.open(repo, create, exclusive);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "arca client";
        }
    }
}
