package dev.arca.client.command;

import dev.arca.protocol.api.PolicyNotice;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arca policy [--accept VERSION]}: shows a changed privacy policy of the server, and acknowledges it. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Show whether the server's privacy policy changed since you last acknowledged it.")
final class PolicyCommand implements Callable<Integer> {

    @Option(names = "--accept", paramLabel = "VERSION",
            description = "Acknowledge this version, having read it; it must be the one in force.")
    Integer accept;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return SignedIn.run(err, "Cannot read the policy notice: ", false, device -> {
            Optional<PolicyNotice.Pending> pending = PolicyNotices.pending(device.api());
            if (pending.isEmpty()) {
                out.println("You have acknowledged the privacy policy in force.");
                return ExitCodes.OK;
            }
            if (accept == null) {
                PolicyNotices.print(pending.get(), device.credentials().server(), out);
                return ExitCodes.OK;
            }
            if (accept != pending.get().version()) {
                err.println("Version " + accept + " is not the one to acknowledge: version " + pending.get().version()
                        + " is in force. Read it first:");
                PolicyNotices.print(pending.get(), device.credentials().server(), err);
                return ExitCodes.USAGE;
            }
            device.api().post("/api/v1/me/policy-acknowledgements", Map.of("version", accept));
            out.println("Acknowledged version " + pending.get().version() + " of the privacy policy.");
            return ExitCodes.OK;
        });
    }
}
