package dev.arca.transfers;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** Files on their way between the user's devices (I.2f): held until delivered or expired (7 days by default). */
@Component
class TransfersDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        return List.of(DataTable.personalOfSubject("transfers", "account_id", "transfer", Purpose.DEVICE_SYNC,
                "until delivered, cancelled or expired", "id", "account_id", "to_device", "filename",
                "size", "sha256", "manifest", "created_at", "expires_at")
                .with(DataTable.Column.personal("from_device", "device", Purpose.DEVICE_SYNC,
                        "until delivered, cancelled or expired, or the sending device is revoked")));
    }
}
