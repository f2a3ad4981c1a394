package dev.arca.privacy;

import java.io.IOException;

/**
 * Files a capability adds to a subject's export beside the rows of its tables, such as XMP
 * sidecars of the subject's photos. Names are paths inside the export archive.
 */
@FunctionalInterface
public interface ExportContribution {

    /** Where contributions write their files. */
    @FunctionalInterface
    interface Sink {
        void file(String name, byte[] bytes) throws IOException;
    }

    void write(String subjectId, Sink sink) throws IOException;
}
