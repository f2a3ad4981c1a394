package dev.arca.support;

import dev.arca.privacy.PolicyVersion;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;

/** Policy versions as a later release would publish them, adopted the way start-up adopts them. */
public final class Policies {

    private Policies() {}

    /** Adopts the successor of the version in force, describing the same policy in other words. */
    public static PolicyVersion publish(TestServer server, String summary) {
        PolicyVersions policies = server.bean(PolicyVersions.class);
        PolicyVersion current = policies.current();
        return policies.adopt(current.release().successor(summary, current.snapshot()));
    }

    /** Adopts the successor of the version in force, with the notice of {@code purpose} reworded. */
    public static PolicyVersion publishNotice(TestServer server, String summary, Purpose purpose, String notice) {
        PolicyVersions policies = server.bean(PolicyVersions.class);
        PolicyVersion current = policies.current();
        return policies.adopt(current.release().successor(summary, current.snapshot().withNotice(purpose, notice)));
    }

    /** Waits until the account has been told of {@code version} by e-mail, which happens in the background. */
    public static void awaitAnnounced(TestServer server, String accountId, int version) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (server.jdbc().sql("SELECT COUNT(*) FROM policy_announcements WHERE account_id = ? AND version = ?")
                .params(accountId, version).query(Integer.class).single() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("account not told of policy version " + version + " within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
