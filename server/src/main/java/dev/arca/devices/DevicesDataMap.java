package dev.arca.devices;

import static dev.arca.privacy.DataTable.Column.personal;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** Devices and their partitions (I.2f): held to provide sync and backup, until the device is revoked. */
@Component
class DevicesDataMap implements DataMapContribution {

    private static final String LIFE = "until the device is revoked or the account is erased";

    @Override
    public List<DataTable> tables() {
        return List.of(
                DataTable.ofSubject("devices", "account_id",
                        personal("id", "device", Purpose.DEVICE_SYNC, LIFE),
                        personal("account_id", "identifier", Purpose.DEVICE_SYNC, LIFE),
                        personal("name", "device", Purpose.DEVICE_SYNC, LIFE),
                        personal("token_id", "device", Purpose.DEVICE_SYNC, LIFE),
                        personal("created_at", "device", Purpose.DEVICE_SYNC, LIFE),
                        personal("last_seen_at", "device", Purpose.DEVICE_SYNC, LIFE)),
                DataTable.ofSubject("device_partitions", "account_id",
                        personal("device_id", "device", Purpose.DEVICE_SYNC, LIFE),
                        personal("account_id", "identifier", Purpose.DEVICE_SYNC, LIFE),
                        personal("volume_label", "partition", Purpose.DEVICE_SYNC, LIFE),
                        personal("file_system", "partition", Purpose.DEVICE_SYNC, LIFE),
                        personal("size_bytes", "partition", Purpose.DEVICE_SYNC, LIFE),
                        personal("free_bytes", "partition", Purpose.DEVICE_SYNC, LIFE),
                        personal("updated_at", "partition", Purpose.DEVICE_SYNC, LIFE)));
    }
}
