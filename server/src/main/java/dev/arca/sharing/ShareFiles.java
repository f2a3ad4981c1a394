package dev.arca.sharing;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a share link's page shows and hands out: previews, the items as the share delivers
 * them, and all of them as one ZIP, as {@link ShareDelivery} decides. Not a page controller:
 * these answers need no page frame.
 */
@Controller
class ShareFiles {

    private final ShareAccess access;
    private final ShareDelivery delivery;

    ShareFiles(ShareAccess access, ShareDelivery delivery) {
        this.access = access;
        this.delivery = delivery;
    }

    @GetMapping("/s/{token}/items/{itemId}/preview")
    void preview(@PathVariable String token, @PathVariable String itemId,
            @RequestParam(defaultValue = "small") String size, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        delivery.preview(access.open(token, request), itemId, size, response);
    }

    /** The item as the share delivers it: played inline, or with {@code download} as a file. */
    @GetMapping("/s/{token}/items/{itemId}/content")
    void content(@PathVariable String token, @PathVariable String itemId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        delivery.content(access.open(token, request), itemId, request.getParameter("download") != null, request,
                response);
    }

    @GetMapping("/s/{token}/zip")
    void zip(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        delivery.zip(access.open(token, request), response);
    }
}
