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
