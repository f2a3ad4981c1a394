package dev.arca.client.command;

import dev.arca.client.backup.KeySlots;
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

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository's password from the first line of FILE; else ARCA_PASSWORD, else a prompt.")
    Path passwordFile;

    @Option(names = "--insecure-no-encryption",
            description = "Make a new repository in the clear (format 1): whoever holds the folder reads every file.")
    boolean insecureNoEncryption;

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
        boolean creating = create && !java.nio.file.Files.exists(repo.resolve("config"));
        try (Repository repository = LocalRepository.open(repo, new LocalRepository.Options(create,
                !insecureNoEncryption, exclusive, () -> Passwords.current(passwordFile, creating)))) {
            if (creating && ((LocalRepository) repository).encrypted()) {
                err.println("The repository is encrypted. Keep its password safe: without it, nobody can restore "
                        + "this backup, and nobody can tell you the password. Add a second one with arca key add, or "
                        + "print a recovery key to keep on paper with arca key add --recovery.");
            }
            return work.on(repository);
        } catch (KeySlots.WrongPasswordException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.AUTH;
        } catch (IOException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.LOCAL;
        }
    }

    /** Work on an open local repository. */
    @FunctionalInterface
    interface LocalWork {
        int on(LocalRepository repository) throws IOException;
    }

    /** As {@link #run}, for commands that exist for local repositories only ({@code arca key}). */
    int runLocal(PrintWriter err, String failure, LocalWork work) {
        if (repo == null) {
            err.println(failure + "give the repository with --repo PATH; keys belong to local repositories.");
            return ExitCodes.USAGE;
        }
        return run(false, false, err, failure, repository -> work.on((LocalRepository) repository));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "arca client";
        }
    }
}
