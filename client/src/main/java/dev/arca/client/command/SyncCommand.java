package dev.arca.client.command;

import dev.arca.client.net.Partitions;
import dev.arca.client.net.ServerApi;
import dev.arca.client.sync.Sync;
import dev.arca.client.sync.Watcher;
import dev.arca.client.transfer.Transfers;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import dev.arca.client.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code arca sync LOCAL_DIR [REMOTE_FOLDER]}: two-way sync of a local folder with a folder of
 * the signed-in account, once or, with {@code --watch}, until stopped.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Keep a local folder and a folder in your Arca account the same, in both directions.",
                "",
                "Changes on either side go to the other; when both sides changed a file, both are kept and the "
                        + "local one is saved beside it as 'name (conflict from DEVICE, DATE).ext'. Deleted files go "
                        + "to the server's trash, from where they can be restored. Renames move no content. Files "
                        + "still being written wait until they settle. Symbolic links are skipped and reported. "
                        + "Patterns in LOCAL_DIR/.arcaignore (globs, one per line) stay local, as do temporary files.",
                "",
                "More than --delete-limit deletions in one pass are held back until confirmed: at the terminal, or "
                        + "with --yes."})
final class SyncCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOCAL_DIR", description = "The local folder (created when missing).")
    Path local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE_FOLDER",
            description = "The folder in your account (default: the local folder's name).")
    String remote;

    @Option(names = "--watch", description = "Keep syncing: on local file events and server changes, until stopped.")
    boolean watch;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "2s", converter = Durations.class,
            description = "How long a file must stay unmodified before it is uploaded (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--rescan", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "With --watch, rescan at least this often (default: ${DEFAULT-VALUE}).")
    Duration rescan;

    @Option(names = "--delete-limit", paramLabel = "N", defaultValue = "50",
            description = "Deletions one pass sends without confirmation (default: ${DEFAULT-VALUE}).")
    int deleteLimit;

    @Option(names = "--yes", description = "Confirm held-back deletions without asking.")
    boolean yes;

    @Option(names = "--receive-to", paramLabel = "DIR",
            description = "With --watch, also receive what your other devices send to this one, into DIR.")
    Path receiveTo;

    @Option(names = "--json", description = "Print each pass's report as a JSON object.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(local) && !Files.isDirectory(local)) {
            err.println(local + " is not a folder.");
            return ExitCodes.LOCAL;
        }
        String folder = remote != null ? remote : local.toAbsolutePath().normalize().getFileName().toString();
        return SignedIn.run(err, "Sync stopped: ", device -> {
            String server = device.credentials().server();
            try (Sync sync = new Sync(device.api(), device.configDirectory(), server, local, folder, device.deviceId(),
                    device.credentials().deviceName(), new Sync.Options(settle, deleteLimit), Sync.Faults.NONE,
                    Clock.systemDefaultZone())) {
                Partitions.report(device.api(), device.deviceId(), device.configDirectory(), sync.root());
                if (watch) {
                    Transfers transfers = new Transfers(device.api(), device.deviceId());
                    Watcher.run(sync, rescan, report -> {
                        print(out, folder, report);
                        receive(transfers, out, err);
                    });
                    return ExitCodes.OK;
                }
                Sync.Report report = withProgress(sync, err);
                if (report.heldDeletes() > 0 && confirmed(report.heldDeletes())) {
                    sync.confirmDeletes();
                    print(out, folder, report);
                    report = withProgress(sync, err);
                }
                print(out, folder, report);
                if (report.heldDeletes() > 0) {
                    err.println(report.heldDeletes() + " deletions were held back (more than --delete-limit "
                            + deleteLimit + "). Check the folder, then run again with --yes to send them to the "
                            + "server's trash.");
                    return ExitCodes.HELD;
                }
                return ExitCodes.OK;
            }
        });
    }

    private static Sync.Report withProgress(Sync sync, PrintWriter err) throws IOException {
        try (ProgressBar bar = ProgressBar.start(err, "sync", sync.meter())) {
            return sync.once();
        }
    }

    /** With --receive-to, delivers what other devices sent; a failure is reported and tried again next pass. */
    private void receive(Transfers transfers, PrintWriter out, PrintWriter err) {
        if (receiveTo == null) {
            return;
        }
        try {
            transfers.receive(receiveTo).forEach(r -> out.println("  received " + r.file()));
        } catch (IOException e) {
            err.println("  receiving failed, tried again next pass: " + e.getMessage());
        }
    }

    private boolean confirmed(int deletes) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null || !ProgressBar.interactive()) {
            return false;
        }
        String answer = console.readLine("Delete %d files on the server (they go to its trash)? [y/N] ", deletes);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }

    private void print(PrintWriter out, String folder, Sync.Report r) {
        if (json) {
            out.println(ServerApi.JSON.writeValueAsString(r));
            return;
        }
        out.printf("%s: %d up, %d down, %d moved, %d deleted, %d conflicts; %s sent, %s received%n", folder,
                r.uploaded(), r.downloaded(), r.movedUp() + r.movedDown(), r.deletedUp() + r.deletedDown(),
                r.conflicts().size(), ProgressBar.size(r.bytesSent()), ProgressBar.size(r.bytesReceived()));
        r.conflicts().forEach(name -> out.println("  conflict kept as " + name));
        r.skipped().forEach(name -> out.println("  skipped " + name));
        r.clashes().forEach(name -> out.println("  not synced here: " + name));
        if (r.busy() > 0) {
            out.println("  " + r.busy() + " files still being written wait for the next pass");
        }
    }
}
