package dev.arca.privacy;

import java.util.List;

/**
 * The full text of a policy version, rendered once when it is published and stored with it, so
 * a later change to this class never rewrites what an earlier version said.
 */
final class PolicyText {

    private PolicyText() {}

    static String render(int version, String summary, List<String> changes, PolicySnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        text.append("# Arca privacy policy, version ").append(version).append("\n\n");
        text.append(summary).append("\n");
        for (String change : changes) {
            text.append("- ").append(change).append("\n");
        }
        text.append("\nThis server processes personal data only for the purposes below, only the data listed, "
                + "kept only as long as stated, and passes it to no one but the recipients named. Nothing is sold.\n");
        text.append("\n## Purposes\n\n");
        for (PolicySnapshot.PurposeEntry p : snapshot.purposes()) {
            text.append("- ").append(p.title()).append(" (legal basis: ").append(basis(p.basis()))
                    .append("; clause ").append(p.clause()).append(")");
            if (p.notice() != null) {
                text.append(". Only with your consent, asked with: \"").append(p.notice())
                        .append("\" You can withdraw it at any time, as easily as you gave it.");
            }
            text.append("\n");
        }
        text.append("\n## What is kept\n\n");
        for (PolicySnapshot.FieldEntry f : snapshot.fields()) {
            text.append("- ").append(f.table()).append('.').append(f.column()).append(": ").append(f.category())
                    .append("; purpose ").append(f.purpose()).append("; kept ").append(f.retention())
                    .append("; received by ").append(f.recipients()).append(".\n");
        }
        text.append("\n## Who receives it\n\n");
        text.append("\"Received by\" above names who receives data on their own account. Besides them, data goes "
                + "only to processors: outside services (such as a mail relay or a storage bucket) that this "
                + "server's operator has bound by contract to handle it only on the operator's behalf and has "
                + "entered in the register of processors, with their country and the basis for any transfer "
                + "abroad. The register's active entries are listed on the policy page of this server. Nothing "
                + "leaves for a service that is not in the register; each transfer is recorded (which processor, "
                + "why, what kinds of data, how much, when, never the contents), and you see yours in the "
                + "privacy center and in your export.\n");
        text.append("\n## Requests from authorities\n\n");
        text.append("An authority receives data only when the law obliges this server's operator to hand it "
                + "out. Each request is decided on its own and recorded with the authority, its legal basis, "
                + "its reference, the data and period asked for and the decision with its reasons; what is "
                + "handed out is produced by a dedicated export limited to that scope. You see a request about "
                + "you in the privacy center and in your export once it is decided, unless the law forbids "
                + "telling you before a date; then from that date. A public transparency report counts the "
                + "requests per half-year and how they were answered.\n");
        text.append("\n## Who at this server sees it\n\n");
        text.append("The people who run this server hold roles with the least access their work needs: running "
                + "the machine gives no access to your data; answering requests, the register of processors and "
                + "administration are separate roles. An operator sees your name or address only after stating a "
                + "reason, and every read or change of your data by an operator is written, with that reason, to "
                + "an access log chained with keyed checksums, so that a changed or removed entry is found. You "
                + "read the entries about you in the privacy center and in your export.\n");
        text.append("\n## Your rights\n\n");
        text.append("You can see everything held about you in the privacy center, download it as one archive, "
                + "correct it, and erase your account with everything in it. Consent you gave can be withdrawn "
                + "at any time. A new version of this policy is announced in the web app, in the API, by the "
                + "command-line client and by e-mail before it is relied on, and every earlier version stays "
                + "readable.\n");
        return text.toString();
    }

    private static String basis(String basis) {
        return switch (basis) {
            case "CONTRACT" -> "the contract with you";
            case "LEGITIMATE_INTEREST" -> "legitimate interest";
            case "LEGAL_OBLIGATION" -> "legal obligation";
            case "CONSENT" -> "your consent";
            default -> basis;
        };
    }
}
