package dev.arca.backups;

import static dev.arca.privacy.DataTable.Column.personal;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** Backup snapshots of the user's devices (I.2f): kept until the user forgets them. */
@Component
class BackupsDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.ofSubject("backup_snapshots", "account_id",
                Arrays.stream(new String[] {"account_id", "id", "device_id", "host", "source", "taken_at", "body"})
                        .map(c -> personal(c, "backup", Purpose.DEVICE_SYNC,
                                "until the snapshot is forgotten or the account is erased"))
                        .toArray(DataTable.Column[]::new)));
    }
}
