package dev.arca.client.command;

import dev.arca.client.net.ServerApi;
import dev.arca.client.transfer.Transfers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import dev.arca.client.progress.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arca receive}: fetches the files your other devices sent to this one. */
@Command(name = "receive", mixinStandardHelpOptions = true,
        description = {"Receive the files your other devices sent to this one.",
                "",
                "Each file is written under its own name (with (2), (3)... when the name is taken), checked against "
                        + "its hash, and only then removed from the server."})
final class ReceiveCommand implements Callable<Integer> {

    @Option(names = "--to", paramLabel = "DIR", defaultValue = ".",
            description = "Where to put the files (default: the current folder).")
    Path to;

    @Option(names = "--json", description = "Print a JSON array of {id, file, device, size}.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return SignedIn.run(err, "Receiving stopped: ", device -> {
            List<Transfers.Done> received = new Transfers(device.api(), device.deviceId()).receive(to);
            if (json) {
                out.println(ServerApi.JSON.writeValueAsString(received));
            } else if (received.isEmpty()) {
                out.println("Nothing waiting for this device.");
            } else {
                received.forEach(r -> out.println("received " + r.file() + " (" + ProgressBar.size(r.size()) + ")"));
            }
            return ExitCodes.OK;
        });
    }
}
