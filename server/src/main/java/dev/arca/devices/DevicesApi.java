package dev.arca.devices;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The devices API. See docs/api.md. */
@RestController
class DevicesApi {

    private static final int MAX_PARTITIONS = 64;

    private final Devices devices;

    DevicesApi(Devices devices) {
        this.devices = devices;
    }

    record Registration(String name, String tokenId) {}

    /** Registers the device under the id it chose (a UUID); registering again updates it. */
    @PutMapping("/api/v1/devices/{id}")
    Devices.Device register(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody Registration body) {
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw ApiProblem.badRequest("A device id is a UUID chosen by the device.");
        }
        if (!devices.register(me.accountId(), id.toLowerCase(), name(body.name()), body.tokenId())) {
            throw ApiProblem.conflict("This device id or token belongs to someone else.");
        }
        return find(me, id.toLowerCase());
    }

    @GetMapping("/api/v1/devices")
    Map<String, List<Devices.Device>> list(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("devices", devices.list(me.accountId()));
    }

    record Rename(String name) {}

    @PatchMapping("/api/v1/devices/{id}")
    Devices.Device rename(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestBody Rename body) {
        if (!devices.rename(me.accountId(), id, name(body.name()))) {
            throw ApiProblem.notFound("Device");
        }
        return find(me, id);
    }

    record Partitions(List<Devices.Partition> partitions) {}

    /** The partitions of the folders the device syncs or backs up, as it sees them now. */
    @PutMapping("/api/v1/devices/{id}/partitions")
    Devices.Device partitions(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody Partitions body) {
        List<Devices.Partition> partitions = body.partitions() == null ? List.of() : body.partitions();
        if (partitions.size() > MAX_PARTITIONS || partitions.stream().anyMatch(p -> p.volumeLabel() == null
                || p.volumeLabel().length() > 200 || p.fileSystem() == null || p.fileSystem().length() > 50
                || p.sizeBytes() < 0 || p.freeBytes() < 0 || p.freeBytes() > p.sizeBytes())) {
            throw ApiProblem.badRequest("Each partition needs volumeLabel (up to 200 characters), fileSystem "
                    + "(up to 50), sizeBytes and freeBytes (0 <= free <= size); at most " + MAX_PARTITIONS + ".");
        }
        if (!devices.reportPartitions(me.accountId(), id, partitions)) {
            throw ApiProblem.notFound("Device");
        }
        return find(me, id);
    }

    /** Signs the device out for good: its token ends at once and its partition data is deleted. */
    @DeleteMapping("/api/v1/devices/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!devices.revoke(me.accountId(), id)) {
            throw ApiProblem.notFound("Device");
        }
    }

    private Devices.Device find(ArcaPrincipal me, String id) {
        return devices.list(me.accountId()).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Device"));
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100 || n.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest("A device name is 1 to 100 printable characters.");
        }
        return n;
    }
}
