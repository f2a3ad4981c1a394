/** The web's frame: page layout, home page, cookie choices, error pages and static assets. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"platform", "privacy", "limits"})
package dev.arca.web;
