package dev.arca.client.command;

import dev.arca.client.backup.KeySlots;
import dev.arca.client.backup.BackupRepository;
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
 * repository (no account, no server needed), or else an encrypted repository on the signed-in
 * server, which stores only what it cannot read ({@code --legacy-server}: the snapshots the server
 * kept in the clear before).
 */
final class RepositoryOption {

    @Option(names = "--repo", paramLabel = "PATH",
            description = "A backup repository in a local folder (no account needed); without it, an encrypted "
                    + "repository on the signed-in server.")
    Path repo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the repository's password from the first line of FILE; else ARCA_PASSWORD, else a prompt.")
    Path passwordFile;

    @Option(names = "--insecure-no-encryption",
            description = "Make a new repository in the clear (format 1): whoever holds the folder reads every file.")
    boolean insecureNoEncryption;

    @Option(names = "--legacy-server",
            description = "The backups made on the server before they were encrypted on this computer (the server "
                    + "can read those): list, restore, check and forget them.")
    boolean legacyServer;

    /** The name of the repository on the server that commands without --repo use. */
    static final String SERVER_REPOSITORY = "default";

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
        if (legacyServer && (create || repo != null)) {
            err.println(failure + (repo != null ? "--legacy-server and --repo name two places; give one."
                    : "new backups on the server are encrypted on this computer; --legacy-server only reads and "
                            + "forgets the snapshots kept in the clear before."));
            return ExitCodes.USAGE;
        }
        if (repo == null) {
            return SignedIn.run(err, failure, device -> {
                if (backedUp != null) {
                    Partitions.report(device.api(), device.deviceId(), device.configDirectory(), backedUp);
                }
                if (legacyServer) {
                    try (Repository repository = new ServerRepository(device.api(), device.deviceId())) {
                        return work.on(repository);
                    }
                }
                return open(BackupRepository.onServer(device.api(), SERVER_REPOSITORY), create, exclusive, err, failure,
                        work);
            });
        }
        return open(BackupRepository.inFolder(repo), create, exclusive, err, failure, work);
    }

    private int open(BackupRepository.Place place, boolean create, boolean exclusive, PrintWriter err, String failure,
            Work work) {
        try {
            boolean creating = create && !place.exists();
            try (BackupRepository repository = place.open(new BackupRepository.Options(create, !insecureNoEncryption,
                    exclusive, () -> Passwords.current(passwordFile, creating)))) {
                if (creating && repository.encrypted()) {
                    err.println("The repository is encrypted" + (repo == null ? " on this computer; the server stores "
                            + "only what it cannot read" : "") + ". Keep its password safe: without it, nobody can "
                            + "restore this backup, and nobody can tell you the password. Add a second one with arca key "
                            + "add, or print a recovery key to keep on paper with arca key add --recovery.");
                }
                return work.on(repository);
            }
        } catch (KeySlots.WrongPasswordException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.AUTH;
        } catch (dev.arca.client.net.ServerApi.Refused e) {
            err.println(failure + e.getMessage());
            return e.status() == 401 ? ExitCodes.AUTH : ExitCodes.REFUSED;
        } catch (IOException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.LOCAL;
        }
    }

    /** Work on an open local repository. */
    @FunctionalInterface
    interface LocalWork {
        int on(BackupRepository repository) throws IOException;
    }

    /** As {@link #run}, for commands that exist for encrypted repositories only ({@code arca key}). */
    int runLocal(PrintWriter err, String failure, LocalWork work) {
        if (legacyServer) {
            err.println(failure + "the backups made on the server before encryption have no keys.");
            return ExitCodes.USAGE;
        }
        return run(false, false, err, failure, repository -> work.on((BackupRepository) repository));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "arca client";
        }
    }
}
