package dev.arca.backups;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** Backup snapshots of the user's devices (I.2f): kept until the user forgets them. */
@Component
class BackupsDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.personalOfSubject("backup_snapshots", "account_id", "backup", Purpose.DEVICE_SYNC,
                "until the snapshot is forgotten or the account is erased",
                "account_id", "id", "device_id", "host", "source", "taken_at", "body", "files", "bytes"));
    }
}
