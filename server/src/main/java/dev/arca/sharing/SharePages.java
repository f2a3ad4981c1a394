package dev.arca.sharing;

import dev.arca.platform.ApiProblem;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.ResponseCookie;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public share pages at {@code /s/{token}}: the shared photos, videos and songs with
 * previews and players, downloads as the owner allows, and a ZIP of them all ({@link ShareFiles}
 * sends those). No account is needed; the only cookie of its own is the one that keeps a
 * password-protected link unlocked.
 */
@PageController
class SharePages {

    private final Shares shares;
    private final ShareAccess access;
    private final ShareDelivery delivery;

    SharePages(Shares shares, ShareAccess access, ShareDelivery delivery) {
        this.shares = shares;
        this.access = access;
        this.delivery = delivery;
    }

    @GetMapping("/s/{token}")
    String page(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        Shares.Found found;
        try {
            found = access.open(token, request);
        } catch (ShareAccess.LockedException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", null);
            model.addAttribute("retryAfter", null);
            return "sharing/locked";
        } catch (ApiProblem problem) {
            return gone(problem, response, model);
        }
        shares.countView(found);
        List<SharedItem> shown = delivery.list(found).stream().map(listed -> new SharedItem(listed.item().id(),
                listed.name(), listed.item().kind(), listed.deliverable())).toList();
        model.addAttribute("token", token);
        model.addAttribute("title", found.share().title());
        model.addAttribute("items", shown);
        model.addAttribute("downloads", found.share().allowOriginals());
        return "sharing/share";
    }

    @PostMapping("/s/{token}/unlock")
    String unlock(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Shares.Found found;
        try {
            found = access.live(token);
            String value = access.unlock(found, password, request.getRemoteAddr());
            response.addHeader("Set-Cookie", ResponseCookie.from(ShareAccess.COOKIE, value).path("/s/" + token)
                    .httpOnly(true).secure(request.isSecure()).sameSite("Lax").maxAge(12 * 3600).build().toString());
            return "redirect:/s/" + token;
        } catch (ApiProblem problem) {
            if (problem.getStatusCode().value() == 404 || problem.getStatusCode().value() == 410) {
                return gone(problem, response, model);
            }
            response.setStatus(problem.getStatusCode().value());
            String retry = problem.getHeaders().getFirst("Retry-After");
            if (retry != null) {
                response.setHeader("Retry-After", retry);
            }
            model.addAttribute("token", token);
            model.addAttribute("error", problem.getStatusCode().value() == 429 ? "share.locked.wait"
                    : problem.getStatusCode().value() == 401 ? "share.locked.wrong" : "share.locked.failed");
            model.addAttribute("retryAfter", retry);
            return "sharing/locked";
        }
    }

    private static String gone(ApiProblem problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.getStatusCode().value());
        boolean expired = problem.getStatusCode().value() == 410;
        String key = expired ? "share.expired" : "share.missing";
        model.addAttribute("title", key + ".title");
        model.addAttribute("message", key + ".text");
        return "layout/message";
    }
}
