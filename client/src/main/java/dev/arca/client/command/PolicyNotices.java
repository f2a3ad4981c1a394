package dev.arca.client.command;

import dev.arca.client.net.ServerApi;
import dev.arca.protocol.api.PolicyNotice;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Tells the person running a command that the server's privacy policy changed, on every run
 * until they acknowledge it ({@code arca policy --accept VERSION}), as the web app and the API do.
 */
final class PolicyNotices {

    private PolicyNotices() {}

    /** The notice the server has for this account, if any. */
    static Optional<PolicyNotice.Pending> pending(ServerApi api) throws IOException {
        PolicyNotice notice = ServerApi.JSON.treeToValue(api.get("/api/v1/me/policy-notice"), PolicyNotice.class);
        return Optional.ofNullable(notice.pending());
    }

    /**
     * Prints the pending notice, if any, to {@code err}. Never fails the command: a server that
     * cannot say is asked again on the next run.
     */
    static void tell(ServerApi api, String server, PrintWriter err) {
        try {
            pending(api).ifPresent(p -> print(p, server, err));
        } catch (IOException | RuntimeException e) {
            // The command's own requests report an unreachable or refusing server.
        }
    }

    static void print(PolicyNotice.Pending p, String server, PrintWriter err) {
        String base = server.replaceAll("/+$", "");
        err.println("The privacy policy of " + base + " changed: version " + p.version() + ", in force since "
                + p.publishedAt().toString().substring(0, 10) + ". " + p.summary());
        for (String change : p.changes()) {
            err.println("  - " + change);
        }
        err.println("Read it at " + base + p.textPath() + " and acknowledge it with: arca policy --accept " + p.version());
        if (!p.renewConsent().isEmpty()) {
            err.println("What you agreed to for " + String.join(", ", p.renewConsent()) + " was reworded, so your "
                    + "agreement no longer counts until you give it again at " + base + "/account#consents");
        }
    }
}
