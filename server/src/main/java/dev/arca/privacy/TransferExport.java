package dev.arca.privacy;

import java.io.IOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Puts into a person's export, beside the rows of {@code processor_transfers}, which processors
 * received their data, when and for what, summed, with the processors' register entries, so the
 * export reads without the server.
 */
@Component
class TransferExport implements ExportContribution {

    private final EgressGate gate;
    private final ProcessorRegister register;
    private final ObjectMapper json;

    TransferExport(EgressGate gate, ProcessorRegister register, ObjectMapper json) {
        this.gate = gate;
        this.register = register;
        this.json = json;
    }

    @Override
    public void write(String subjectId, Sink sink) throws IOException {
        sink.file("transfers/summary.json", json.writeValueAsBytes(gate.transfersOf(subjectId)));
        sink.file("transfers/processors.json",
                json.writeValueAsBytes(register.all().stream().map(Processor::entry).toList()));
    }
}
