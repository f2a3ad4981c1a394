package dev.arca.backups;

import dev.arca.devices.Devices;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The backups API. See docs/api.md. */
@RestController
class BackupsApi {

    private final Snapshots snapshots;
    private final Devices devices;

    BackupsApi(Snapshots snapshots, Devices devices) {
        this.snapshots = snapshots;
        this.devices = devices;
    }

    record Save(String deviceId, JsonNode snapshot) {}

    /** Saves a snapshot whose chunks are stored (see the sync API); snapshots are never replaced. */
    @PutMapping("/api/v1/backups/snapshots/{id}")
    ResponseEntity<Void> save(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody Save body) {
        if (!id.matches("[0-9a-f]{16}")) {
            throw ApiProblem.badRequest("A snapshot id is 16 lowercase hex digits.");
        }
        if (body.snapshot() == null || !body.snapshot().isObject()) {
            throw ApiProblem.badRequest("snapshot is the snapshot as a JSON object.");
        }
        if (body.deviceId() != null && !devices.owns(me.accountId(), body.deviceId())) {
            throw ApiProblem.badRequest("deviceId, when given, is the id of one of your devices.");
        }
        if (!snapshots.save(me.accountId(), id, body.deviceId(), body.snapshot())) {
            throw ApiProblem.conflict("There is a snapshot " + id + " already; snapshots are never replaced.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @GetMapping("/api/v1/backups/snapshots")
    Map<String, List<JsonNode>> list(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("snapshots", snapshots.list(me.accountId()));
    }

    @DeleteMapping("/api/v1/backups/snapshots/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!snapshots.delete(me.accountId(), id)) {
            throw ApiProblem.notFound("Snapshot");
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(Snapshots.InvalidSnapshotException.class)
    ApiProblem invalid(Snapshots.InvalidSnapshotException e) {
        return ApiProblem.badRequest(e.getMessage());
    }
}
