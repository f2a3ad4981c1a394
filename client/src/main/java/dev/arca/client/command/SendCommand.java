package dev.arca.client.command;

import dev.arca.client.net.ServerApi;
import dev.arca.client.transfer.Transfers;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.arca.client.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arca send FILE... --to DEVICE}: sends files to another of your devices through the server. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Send files to another of your devices.",
                "",
                "The files wait on the server until the device runs arca receive (or arca sync --watch with "
                        + "--receive-to), and are removed once delivered, or after a week."})
final class SendCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to send.")
    List<Path> files;

    @Option(names = "--to", required = true, paramLabel = "DEVICE", description = "The device's name or id.")
    String to;

    @Option(names = "--fit", paramLabel = "PIXELS",
            description = "Send images fitted within PIXELS (e.g. 1920) for a small screen; other files as they are.")
    Integer fit;

    @Option(names = "--json", description = "Print a JSON array of {id, file, device, size}.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println(file + " is not a file.");
                return ExitCodes.LOCAL;
            }
        }
        if (fit != null && fit < 1) {
            err.println("--fit is a number of pixels, such as 1920.");
            return ExitCodes.USAGE;
        }
        return SignedIn.run(err, "Sending stopped: ", signedIn -> {
            Transfers transfers = new Transfers(signedIn.api(), signedIn.deviceId());
            Optional<String> device = transfers.deviceNamed(to);
            if (device.isEmpty()) {
                err.println("You have no device named " + to + ": run arca login on it first; the Devices page "
                        + "lists yours.");
                return ExitCodes.USAGE;
            }
            List<Transfers.Done> sent = new ArrayList<>();
            for (Path file : files) {
                Transfers.Done done = transfers.send(file, device.get(), fit);
                sent.add(done);
                if (!json) {
                    out.println("sent " + file + " to " + to + " (" + ProgressBar.size(done.size()) + ")");
                }
            }
            if (json) {
                out.println(ServerApi.JSON.writeValueAsString(sent));
            }
            return ExitCodes.OK;
        });
    }
}
