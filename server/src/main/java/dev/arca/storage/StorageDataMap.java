package dev.arca.storage;

import static dev.arca.privacy.DataTable.Column.personal;
import static dev.arca.privacy.DataTable.Column.secret;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class StorageDataMap implements DataMapContribution {

    @Override
    public List<DataTable> tables() {
        String life = "as long as the account exists; deleting it makes the stored content unreadable";
        return List.of(DataTable.ofSubject("account_keys", "account_id",
                personal("account_id", "identifier", Purpose.CONTENT_STORAGE, life),
                secret("wrapped_key", "encryption key", Purpose.CONTENT_STORAGE, life),
                personal("created_at", "encryption key", Purpose.CONTENT_STORAGE, life)));
    }
}
