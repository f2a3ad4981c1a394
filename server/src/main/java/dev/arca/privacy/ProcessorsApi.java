package dev.arca.privacy;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.ProcessorEntry;
import dev.arca.protocol.api.ProcessorRequest;
import dev.arca.protocol.api.TransferSummary;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The processor register for operators, and for each person the transfers of their data. */
@RestController
class ProcessorsApi {

    private final ProcessorRegister register;
    private final EgressGate gate;

    ProcessorsApi(ProcessorRegister register, EgressGate gate) {
        this.register = register;
        this.gate = gate;
    }

    @GetMapping("/api/v1/admin/processors")
    List<ProcessorEntry> list() {
        return register.all().stream().map(Processor::entry).toList();
    }

    @PostMapping("/api/v1/admin/processors")
    @ResponseStatus(HttpStatus.CREATED)
    ProcessorEntry register(@RequestBody ProcessorRequest request) {
        return register.register(request).entry();
    }

    @PutMapping("/api/v1/admin/processors/{id}")
    ProcessorEntry update(@PathVariable String id, @RequestBody ProcessorRequest request) {
        return register.update(id, request).entry();
    }

    /** Which processors received the caller's data, for what, how often and when; never what. */
    @GetMapping("/api/v1/me/transfers")
    List<TransferSummary> transfers(@AuthenticationPrincipal ArcaPrincipal me) {
        return gate.transfersOf(me.accountId());
    }
}
