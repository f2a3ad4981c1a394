package dev.arca.privacy;

import static dev.arca.privacy.DataTable.Column.personal;

import dev.arca.privacy.DataTable.Column;

import java.util.List;
import org.springframework.stereotype.Component;

/** The privacy core's own tables. */
@Component
class PrivacyDataMap implements DataMapContribution {

    private static final String WHILE_ACCOUNT = "as long as the account exists";
    private static final String DISCLOSED = "while a gag holds, as the law requires; then as long as the account exists";

    @Override
    public List<DataTable> tables() {
        return List.of(
                DataTable.notPersonal("policy_versions", "version", "published_at", "summary", "changes", "full_text",
                        "snapshot"),
                DataTable.notPersonal("policy_notices", "version", "purpose", "notice_text", "notice_sha256"),
                DataTable.ofSubject("consent_events", "subject_id",
                        personal("subject_id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("position", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("purpose", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("decision", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("policy_version", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("notice_sha256", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("mechanism", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("origin", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("actor", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("occurred_at", "consent record", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                // Keyed MACs only: with the key (outside the database) they tell whose entry a
                // link was while the account exists; after erasure they name no one.
                DataTable.notPersonal("consent_chain", "position", "subject_mac", "entry_mac", "chain_mac"),
                DataTable.notPersonal("consent_checkpoints", "position", "chain_mac", "made_at", "signature"),
                // Holds a subject id only inside an erasure's transaction; never committed.
                DataTable.notPersonal("ledger_unlocks", "subject_id"),
                DataTable.ofSubject("policy_acknowledgements", "account_id",
                        personal("account_id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("version", "policy acknowledgement", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("acknowledged_at", "policy acknowledgement", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                DataTable.notPersonal("processors", "id", "name", "service", "destination", "contract_reference",
                        "contract_date", "country", "adequacy", "purposes", "categories", "status", "registered_at",
                        "updated_at"),
                // Who received whose data (I.4b), the person named by pseudonym only; kept as long
                // as the account, so that the person can always see where their data went.
                DataTable.ofPseudonym("processor_transfers", "subject",
                        personal("subject", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("processor_id", "transfer record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("purpose", "transfer record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("categories", "transfer record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("bytes", "transfer record", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("occurred_at", "transfer record", Purpose.ACCOUNT, WHILE_ACCOUNT))
                        .with(Column.notPersonal("id")),
                // What operators did with the person's data (I.5): the person by pseudonym, the
                // operator by the operator pseudonym; the person reads, exports and erases them.
                DataTable.ofPseudonym("access_log", "subject",
                        personal("subject", "identifier", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("position", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("operator", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("role", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("action", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("reason", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT),
                        personal("occurred_at", "operator access record", Purpose.SECURITY, WHILE_ACCOUNT)),
                // Keyed MACs only, as consent_chain: after erasure they name no one.
                DataTable.notPersonal("access_log_chain", "position", "subject", "entry_mac", "chain_mac"),
                // The register of authorities' requests (I.4c): it names no person; the operators who
                // recorded and exported a request appear by keyed pseudonym only.
                DataTable.ownedByNoOne("disclosures", "the register of authorities' requests the law requires; it names "
                                + "no person, and the operators who acted only by keyed pseudonym",
                        Column.notPersonal("id"), Column.notPersonal("authority"), Column.notPersonal("kind"),
                        Column.notPersonal("legal_basis"), Column.notPersonal("reference"), Column.notPersonal("scope"),
                        Column.notPersonal("period_from"), Column.notPersonal("period_to"),
                        Column.notPersonal("received_on"), Column.notPersonal("decision"),
                        Column.notPersonal("decision_reason"), Column.notPersonal("decided_on"),
                        Column.notPersonal("gag_until"), Column.notPersonal("told_on"),
                        personal("recorded_by", "operator pseudonym", Purpose.LEGAL_OBLIGATION, "as long as the register"),
                        Column.notPersonal("recorded_at"), Column.notPersonal("exported_at"),
                        personal("exported_by", "operator pseudonym", Purpose.LEGAL_OBLIGATION, "as long as the register")),
                // Which accounts a request concerns: the person's once the request is decided and any gag
                // has ended; until then kept as the law that imposed the gag requires, whatever happens
                // to the account.
                DataTable.ofSubject("disclosure_subjects", "account_id",
                        personal("account_id", "identifier", Purpose.LEGAL_OBLIGATION, DISCLOSED),
                        personal("disclosure_id", "authority request", Purpose.LEGAL_OBLIGATION, DISCLOSED),
                        personal("released_at", "authority request", Purpose.LEGAL_OBLIGATION, DISCLOSED))
                        .heldUntil("released_at IS NOT NULL"),
                // Flyway's bookkeeping.
                DataTable.notPersonal("flyway_schema_history", "installed_rank", "version", "description", "type",
                        "script", "checksum", "installed_by", "installed_on", "execution_time", "success"));
    }
}
