package dev.arca.sync;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** The synced folders' tree and journal (I.2f): held to keep the user's devices in step. */
@Component
class SyncDataMap implements DataMapContribution {

    private static final String UNTIL_REVOKED = "until the device is revoked or the account is erased";
    private static final String LIFE = "until the file is deleted from sync or the account is erased";

    @Override
    public List<DataTable> tables() {
        return List.of(
                table("sync_accounts", "sync cursor", "as long as the account exists", "account_id", "last_seq"),
                table("sync_files", "synced file", LIFE,
                        "account_id", "folder", "path", "item_id", "revision", "mtime"),
                table("sync_journal", "sync history", "as long as the account exists",
                        "account_id", "seq", "folder", "path", "kind", "from_path", "item_id", "version_no", "sha256",
                        "size", "mtime", "at")
                        .with(DataTable.Column.personal("device_id", "device", Purpose.DEVICE_SYNC, UNTIL_REVOKED)));
    }

    private static DataTable table(String name, String category, String retention, String... columns) {
        return DataTable.personalOfSubject(name, "account_id", category, Purpose.DEVICE_SYNC, retention, columns);
    }
}
