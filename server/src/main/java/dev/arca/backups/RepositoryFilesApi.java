package dev.arca.backups;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.BackupObjects;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** The files of encrypted backup repositories on the server. See docs/api.md. */
@RestController
class RepositoryFilesApi {

    private static final String BASE = "/api/v1/backups/repositories/{repository}/{kind}";

    private final RepositoryFiles files;

    RepositoryFilesApi(RepositoryFiles files) {
        this.files = files;
    }

    @GetMapping(BASE)
    BackupObjects list(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String repository,
            @PathVariable String kind) {
        return files.list(me.accountId(), repository, kind);
    }

    /** Stores a file once; its bytes are the body, at most {@link RepositoryFiles#MAX_LENGTH}. */
    @PutMapping(BASE + "/{name}")
    ResponseEntity<Void> put(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String repository,
            @PathVariable String kind, @PathVariable String name, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > RepositoryFiles.MAX_LENGTH) {
            throw tooLarge();
        }
        byte[] bytes = request.getInputStream().readNBytes(RepositoryFiles.MAX_LENGTH + 1);
        if (bytes.length > RepositoryFiles.MAX_LENGTH) {
            throw tooLarge();
        }
        if (!files.put(me.accountId(), repository, kind, name, bytes)) {
            throw ApiProblem.conflict("There is a file " + name + " already; files are never replaced.");
        }
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @GetMapping(BASE + "/{name}")
    ResponseEntity<byte[]> get(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String repository,
            @PathVariable String kind, @PathVariable String name) {
        byte[] bytes = files.get(me.accountId(), repository, kind, name).orElseThrow(() -> ApiProblem.notFound("File"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes);
    }

    @DeleteMapping(BASE + "/{name}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String repository,
            @PathVariable String kind, @PathVariable String name) {
        if (!files.delete(me.accountId(), repository, kind, name)) {
            throw ApiProblem.notFound("File");
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(RepositoryFiles.InvalidNameException.class)
    ApiProblem invalid(RepositoryFiles.InvalidNameException e) {
        return ApiProblem.badRequest(e.getMessage());
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, dev.arca.protocol.api.ProblemTypes.TOO_LARGE,
                "A repository file is at most " + RepositoryFiles.MAX_LENGTH + " bytes; nothing was stored.");
    }
}
