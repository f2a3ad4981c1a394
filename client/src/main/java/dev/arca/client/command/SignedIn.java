package dev.arca.client.command;

import dev.arca.client.net.ServerApi;
import dev.arca.client.state.Credentials;
import dev.arca.client.state.DeviceId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the commands that talk to the signed-in server share: the credentials, the device's id, a
 * connection, and one translation of failures into messages and exit codes.
 */
final class SignedIn {

    /** The signed-in device, as a command sees it. */
    record Device(ServerApi api, Credentials credentials, String deviceId, Path configDirectory) {}

    @FunctionalInterface
    interface Work {
        int with(Device device) throws IOException;
    }

    private SignedIn() {}

    /**
     * Runs {@code work} as the signed-in device, after telling of a changed privacy policy;
     * {@code failure} ("Sync stopped: ") starts failure messages.
     */
    static int run(PrintWriter err, String failure, Work work) {
        return run(err, failure, true, work);
    }

    /** As {@link #run(PrintWriter, String, Work)}; {@code tellPolicy} false for the command that shows the policy. */
    static int run(PrintWriter err, String failure, boolean tellPolicy, Work work) {
        Path config = Credentials.configDirectory();
        Optional<Credentials> credentials;
        try {
            credentials = Credentials.load(config);
        } catch (IOException e) {
            err.println("Cannot read the sign-in in " + config + ": " + e.getMessage());
            return ExitCodes.LOCAL;
        }
        if (credentials.isEmpty()) {
            err.println("Not signed in: run arca login SERVER first.");
            return ExitCodes.AUTH;
        }
        try (ServerApi api = new ServerApi(credentials.get(), "arca/" + ArcaCommand.version())) {
            if (tellPolicy) {
                PolicyNotices.tell(api, credentials.get().server(), err);
            }
            return work.with(new Device(api, credentials.get(), DeviceId.loadOrCreate(config), config));
        } catch (ServerApi.Refused e) {
            err.println(failure + e.getMessage());
            return e.status() == 401 ? ExitCodes.AUTH : ExitCodes.REFUSED;
        } catch (java.net.ConnectException e) {
            err.println(failure + "the server at " + credentials.get().server() + " cannot be reached.");
            return ExitCodes.UNREACHABLE;
        } catch (IOException e) {
            err.println(failure + e.getMessage());
            return ExitCodes.LOCAL;
        }
    }
}
