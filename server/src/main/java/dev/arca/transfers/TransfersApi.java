package dev.arca.transfers;

import dev.arca.devices.Devices;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The transfers API. See docs/api.md. */
@RestController
class TransfersApi {

    private static final int MAX_FIT = 16_384;

    private final Transfers transfers;
    private final Devices devices;

    TransfersApi(Transfers transfers, Devices devices) {
        this.transfers = transfers;
        this.devices = devices;
    }

    record Send(String toDevice, String fromDevice, String filename, String manifest, Integer fit) {}

    /** Sends a file whose chunks are stored (see the sync API) to another of the user's devices. */
    @PostMapping("/api/v1/transfers")
    ResponseEntity<Transfers.Transfer> send(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Send body)
            throws IOException {
        if (body.toDevice() == null || !devices.owns(me.accountId(), body.toDevice())) {
            throw ApiProblem.badRequest("toDevice must be the id of one of your devices.");
        }
        if (body.fromDevice() != null && !devices.owns(me.accountId(), body.fromDevice())) {
            throw ApiProblem.badRequest("fromDevice, when given, must be the id of one of your devices.");
        }
        String filename = body.filename() == null ? "" : body.filename().strip();
        if (filename.isEmpty() || filename.length() > 255 || filename.contains("/") || filename.contains("\\")
                || filename.equals(".") || filename.equals("..") || filename.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest("filename is a plain file name of up to 255 characters.");
        }
        if (body.fit() != null && (body.fit() < 1 || body.fit() > MAX_FIT)) {
            throw ApiProblem.badRequest("fit is a number of pixels from 1 to " + MAX_FIT + ".");
        }
        FileManifest manifest;
        try {
            manifest = FileManifest.parse(body.manifest() == null ? "" : body.manifest());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("The manifest is not valid: " + e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(transfers.send(me.accountId(), body.fromDevice(),
                body.toDevice(), filename, manifest, body.fit()));
    }

    @GetMapping("/api/v1/transfers")
    Map<String, List<Transfers.Transfer>> waiting(@AuthenticationPrincipal ArcaPrincipal me,
            @RequestParam String device) {
        return Map.of("transfers", transfers.waitingFor(me.accountId(), device));
    }

    @GetMapping(value = "/api/v1/transfers/{id}/manifest", produces = MediaType.TEXT_PLAIN_VALUE)
    String manifest(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        return transfers.manifest(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Transfer")).encode();
    }

    /** The file was delivered, or the sender cancels: the transfer and its content go. */
    @DeleteMapping("/api/v1/transfers/{id}")
    ResponseEntity<Void> end(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!transfers.end(me.accountId(), id)) {
            throw ApiProblem.notFound("Transfer");
        }
        return ResponseEntity.noContent().build();
    }
}
