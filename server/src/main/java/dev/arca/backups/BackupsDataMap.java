package dev.arca.backups;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** Backup snapshots of the user's devices (I.2f): kept until the user forgets them. */
@Component
class BackupsDataMap implements DataMapContribution {

    private static final String UNTIL_REVOKED = "until the device is revoked, the snapshot forgotten or the account erased";

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.personalOfSubject("backup_snapshots", "account_id", "backup", Purpose.DEVICE_SYNC,
                "until the snapshot is forgotten or the account is erased",
                "account_id", "id", "source", "taken_at", "body", "files", "bytes")
                .with(DataTable.Column.personal("device_id", "device", Purpose.DEVICE_SYNC, UNTIL_REVOKED),
                        DataTable.Column.personal("host", "device", Purpose.DEVICE_SYNC,
                                UNTIL_REVOKED + " (then replaced, also in the body)")),
                // What the client sealed: the server sees only names it chose at random and sizes.
                DataTable.personalOfSubject("backup_objects", "account_id", "backup", Purpose.DEVICE_SYNC,
                        "until the person deletes the file (forget, prune) or the account is erased",
                        "account_id", "repository", "kind", "name", "size", "created_at"));
    }
}
