package dev.arca.sharing;

import dev.arca.library.Albums;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The Shared pages: the links I made (with their counts, to revoke), the shares others made
 * with me, and one such share's items. Revoking goes through the JSON API on the session.
 */
@PageController
class SharedPages {

    private final Shares shares;
    private final Members members;
    private final ShareAccess access;
    private final ShareDelivery delivery;
    private final Albums albums;

    SharedPages(Shares shares, Members members, ShareAccess access, ShareDelivery delivery, Albums albums) {
        this.shares = shares;
        this.members = members;
        this.access = access;
        this.delivery = delivery;
        this.albums = albums;
    }

    @GetMapping("/library/shared")
    String shared(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        List<SharedLink> links = shares.list(me.accountId()).stream().map(s -> new SharedLink(s.id(), s.title(),
                s.albumId() == null ? null : albums.find(me.accountId(), s.albumId()).map(Albums.Album::name).orElse(null),
                s.items(), s.views(), s.downloads(), s.maxDownloads(), s.expiresAt(), s.hasPassword(),
                s.allowOriginals(), s.createdAt())).toList();
        model.addAttribute("links", links);
        model.addAttribute("withMe", members.sharedWith(me.accountId()).stream()
                .map(s -> new SharedWithMePage(s.shareId(), s.ownerName(), s.title(),
                        s.role() == Members.Role.CONTRIBUTOR, s.downloads(), s.expiresAt(), List.of()))
                .toList());
        return "sharing/shared";
    }

    @GetMapping("/library/shared/{shareId}")
    String sharedWithMe(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String shareId, Model model)
            throws IOException {
        Shares.Found found = access.forMember(me.accountId(), shareId);
        Members.SharedWithMe share = members.sharedWith(me.accountId()).stream()
                .filter(s -> s.shareId().equals(shareId)).findFirst().orElseThrow();
        List<SharedWithMePage.Entry> entries = delivery.list(found).stream().map(listed ->
                new SharedWithMePage.Entry(listed.item().id(), listed.name(), listed.item().kind(),
                        listed.deliverable())).toList();
        model.addAttribute("share", new SharedWithMePage(shareId, share.ownerName(), share.title(),
                share.role() == Members.Role.CONTRIBUTOR, share.downloads(), share.expiresAt(), entries));
        return "sharing/shared-with-me";
    }
}
