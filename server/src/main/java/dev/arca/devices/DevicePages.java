package dev.arca.devices;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The devices page of the signed-in user: what each device reported, and signing one out. */
@PageController
class DevicePages {

    private final Devices devices;

    DevicePages(Devices devices) {
        this.devices = devices;
    }

    @GetMapping("/devices")
    String list(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        model.addAttribute("devices", devices.list(me.accountId()));
        return "devices/list";
    }

    @PostMapping("/devices/{id}/revoke")
    String revoke(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        devices.revoke(me.accountId(), id);
        return "redirect:/devices";
    }
}
