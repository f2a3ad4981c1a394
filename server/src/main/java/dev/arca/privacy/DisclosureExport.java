package dev.arca.privacy;

import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Puts the requests of authorities a person may know of into their export, in full. */
@Component
class DisclosureExport implements ExportContribution {

    private final ObjectProvider<Disclosures> disclosures;
    private final ObjectMapper json;

    DisclosureExport(ObjectProvider<Disclosures> disclosures, ObjectMapper json) {
        this.disclosures = disclosures;
        this.json = json;
    }

    @Override
    public void write(String subjectId, Sink sink) throws IOException {
        sink.file("disclosures/requests.json", json.writeValueAsBytes(disclosures.getObject().visibleTo(subjectId)));
    }
}
