package dev.arca.client.command;

import dev.arca.client.backup.LocalRepository;
import dev.arca.client.backup.Repository;
import dev.arca.client.backup.ServerRepository;
import dev.arca.client.net.Partitions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the backup commands work: {@code --repo PATH}, a local folder that holds a backup
 * repository (no account, no server needed), or else the signed-in server.
 */
final class RepositoryOption {

    @Option(names = "--repo", paramLabel = "PATH",
            description = "A backup repository in a local folder (no account needed); without it, the signed-in server.")
    Path repo;

    /** The folder a backup reads, whose partition the server is told of; null for other commands. */
    Path backedUp;

    /** Work on an open repository; returns the exit code. */
    @FunctionalInterface
    interface Work {
        int on(Repository repository) throws IOException;
    }

    /**
     * Opens the repository, runs {@code work} on it and closes it. A repository or file error is
     * reported after {@code failure} with {@link ExitCodes#LOCAL}; without {@code --repo}, server
     * errors as {@link SignedIn} reports them.
     */
    int run(boolean create, boolean exclusive, PrintWriter err, String failure, Work work) {
        if (repo == null) {
            return SignedIn.run(err, failure, device -> {
                if (backedUp != null) {
                    Partitions.report(device.api(), device.deviceId(), device.configDirectory(), backedUp);
                }
                try (Repository repository = new ServerRepository(device.api(), device.deviceId())) {
                    return work.on(repository);
                }
            });
        }
        try (Repository repository = LocalRepository.open(repo, create, exclusive)) {
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
