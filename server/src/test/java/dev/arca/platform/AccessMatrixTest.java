package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the server maps, run by every kind of caller: an anonymous visitor, the owner of
 * the resources the route names, another user, a member of the owner's share, and an operator.
 * Each route's expected access is written in {@code access-matrix.txt}; a route without a line
 * there fails this test, so no route can be added without deciding who may use it.
 *
 * <p>Access kinds: {@code public} (anyone), {@code share} (anyone with the share's link),
 * {@code user} (any signed-in account, on its own data: another user naming the owner's ids
 * gets nothing), {@code member} (members of the share named), and the operator kinds: {@code staff}
 * (any operator role), {@code operator}, {@code support}, {@code privacy} and {@code admin}, each
 * open to the holder of that one role (and the first administrator, who holds them all) and
 * refused to every other role, so that least privilege (I.5) is checked over every operator route.
 */
class AccessMatrixTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TestServer server = TestServer.on(Db.SQLITE);

    /** The role each operator kind needs; null for {@code staff}, which any role opens. */
    private static final Map<String, StaffRole> STAFF_KINDS = new java.util.HashMap<>(Map.of(
            "operator", StaffRole.OPERATOR, "support", StaffRole.SUPPORT, "privacy", StaffRole.PRIVACY_OFFICER,
            "admin", StaffRole.ADMIN));

    static {
        STAFF_KINDS.put("staff", null);
    }

    /** One kind of caller: a bearer token for the API and a web session for the pages. */
    private record Caller(String name, String token, HttpClient browser, String csrf) {}

    private record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (order(method) + pattern).compareTo(order(o.method) + o.pattern);
        }

        /** Reads before changes, deletes last, so the owner's fixtures live as long as possible. */
        private static String order(String method) {
            return switch (method) {
                case "GET", "HEAD", "OPTIONS" -> "0";
                case "DELETE" -> "2";
                default -> "1";
            };
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    @DisplayName("I.5 every route has an access rule, and every kind of caller gets exactly that")
    void everyRouteHoldsItsRule() throws Exception {
        Map<Route, String> matrix = matrix();
        Set<Route> mapped = mappedRoutes();
        Set<Route> missing = new TreeSet<>(mapped);
        missing.removeAll(matrix.keySet());
        Set<Route> stale = new TreeSet<>(matrix.keySet());
        stale.removeAll(mapped);
        assertThat(missing).as("routes without a line in access-matrix.txt (add one: METHOD PATH ACCESS)").isEmpty();
        assertThat(stale).as("lines in access-matrix.txt for routes that do not exist").isEmpty();

        Fixtures f = fixtures();
        List<String> failures = new ArrayList<>();
        for (Route route : new TreeSet<>(mapped)) {
            String access = matrix.get(route);
            String path = concrete(route.pattern(), f);
            boolean changes = !List.of("GET", "HEAD", "OPTIONS").contains(route.method());
            String before = changes ? ownerState(f) : "";
            Answer anonymous = call(f.anonymous, route.method(), path);
            Answer other = call(f.other, route.method(), path);
            String after = changes ? ownerState(f) : "";
            if (!after.equals(before)) {
                failures.add(route + ": another user's or an anonymous call changed the owner's data: " + before
                        + " became " + after);
            }
            Answer admin = call(f.admin, route.method(), path);
            Answer member = access.equals("member") ? call(f.member, route.method(), path) : null;
            Map<StaffRole, Answer> roles = new java.util.EnumMap<>(StaffRole.class);
            if (STAFF_KINDS.containsKey(access)) {
                for (var holder : f.roleHolders().entrySet()) {
                    roles.put(holder.getKey(), call(holder.getValue(), route.method(), path));
                }
            }
            Answer owner = call(f.owner, route.method(), path);
            String seen = route + " (" + access + "): anonymous " + anonymous + ", other " + other + ", admin " + admin
                    + (access.equals("member") ? ", member " + member : "") + ", owner " + owner
                    + (roles.isEmpty() ? "" : ", single roles " + roles);
            boolean ok = switch (access) {
                case "public", "share" -> allowed(anonymous) && allowed(owner);
                case "user" -> refused(anonymous) && allowed(owner) && allowed(admin)
                        && (!namesOwnersData(route.pattern()) || nothingFor(other));
                case "member" -> refused(anonymous) && allowed(member) && nothingFor(other);
                case "staff", "operator", "support", "privacy", "admin" -> refused(anonymous) && refused(owner)
                        && refused(other) && allowed(admin) && roles.entrySet().stream().allMatch(r ->
                                STAFF_KINDS.get(access) == null || STAFF_KINDS.get(access) == r.getKey()
                                        ? allowed(r.getValue()) : refused(r.getValue()));
                default -> throw new IllegalStateException("unknown access " + access + " for " + route);
            };
            if (!ok) {
                failures.add(seen);
            }
        }
        assertThat(failures).as("routes that did not hold their rule").isEmpty();
    }

    /**
     * What a call got. {@code refused}: turned away for who the caller is: a {@code 401} or
     * {@code 403} whose problem type says so (not a wrong password), a {@code 403} page, or a
     * redirect to sign in.
     */
    private record Answer(int status, boolean refused) {
        @Override
        public String toString() {
            return status + (refused ? " (refused)" : "");
        }
    }

    /** Not refused for who the caller is, and no server error. */
    private static boolean allowed(Answer answer) {
        return !answer.refused() && answer.status() < 500;
    }

    private static boolean refused(Answer answer) {
        return answer.refused();
    }

    /**
     * Another user naming the owner's resources gets nothing: refused, not found, or a page that
     * sends them back (whether that changed anything is checked against {@link #ownerState}).
     */
    private static boolean nothingFor(Answer answer) {
        return answer.refused() || List.of(302, 303, 400, 404, 405, 410, 415).contains(answer.status());
    }

    /** What the owner has, as the owner sees it: unchanged by anyone else's calls. */
    private String ownerState(Fixtures f) {
        Http http = server.http();
        // Without what background work changes on its own (metadata extraction).
        tools.jackson.databind.JsonNode item = http.get("/api/v1/items/" + f.item, f.owner.token()).json();
        if (item instanceof tools.jackson.databind.node.ObjectNode object) {
            object.remove("metadata");
        }
        return item + "|"
                + http.get("/api/v1/albums/" + f.album, f.owner.token()).text() + "|"
                + http.get("/api/v1/shares", f.owner.token()).text() + "|"
                + http.get("/api/v1/devices", f.owner.token()).text() + "|"
                + http.get("/api/v1/tokens", f.owner.token()).json().size() + "|"
                + http.get("/api/v1/me", f.owner.token()).text();
    }

    private static boolean namesOwnersData(String pattern) {
        return pattern.contains("{");
    }

    // ---- the routes ----

    private Set<Route> mappedRoutes() {
        RequestMappingHandlerMapping mapping = server.context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(method.name(), pattern));
                }
            }
        }
        return routes;
    }

    private static Map<Route, String> matrix() throws IOException {
        Map<Route, String> matrix = new TreeMap<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/access-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                matrix.put(new Route(parts[0], parts[1]), parts[2]);
            }
        }
        return matrix;
    }

    // ---- the owner's resources, named in the routes ----

    private record Fixtures(Caller anonymous, Caller owner, Caller other, Caller member, Caller admin, String item,
            String album, String share, String shareToken, String spareToken, String chunk, String device,
            Map<StaffRole, Caller> roleHolders) {}

    private Fixtures fixtures() throws Exception {
        String ownerEmail = Users.newEmail();
        String ownerToken = Users.signedIn(server, ownerEmail);
        Users.verify(server, ownerEmail);
        String spare = Users.token(server, ownerEmail, Users.PASSWORD);
        String spareId = server.http().get("/api/v1/tokens", ownerToken).json().get(1).path("id").asString();
        String item = Content.upload(server, ownerToken, "photo.bin", Content.random(1000, 7)).path("id").asString();
        server.http().patch("/api/v1/items/" + item, Map.of("tags", List.of("kept")), ownerToken);
        String album = server.http().post("/api/v1/albums", Map.of("name", "Album"), ownerToken).json().path("id")
                .asString();
        server.http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(item)), ownerToken);
        Http.Response share = server.http().post("/api/v1/shares", Map.of("albumId", album), ownerToken);
        String shareId = share.json().path("id").asString();
        String shareToken = URI.create(share.json().path("url").asString()).getPath().substring(3);
        byte[] chunkBytes = Content.random(500, 11);
        String chunk = Content.sha256(chunkBytes);
        Content.send(server, "PUT", "/api/v1/sync/chunks/" + chunk, ownerToken, "application/octet-stream",
                chunkBytes, Map.of());

        server.http().send("PUT", "/api/v1/devices/" + UUID.randomUUID(), Map.of("name", "Phone"), ownerToken);

        String memberEmail = Users.newEmail();
        String memberToken = Users.signedIn(server, memberEmail);
        Users.verify(server, memberEmail);
        assertThat(server.http().post("/api/v1/shares/" + shareId + "/members", Map.of("email", memberEmail, "role", "contributor"),
                ownerToken).status()).isEqualTo(202);
        String otherEmail = Users.newEmail();
        String otherToken = Users.signedIn(server, otherEmail);

        // One account per operator role, holding that role alone, given by the first administrator.
        String adminToken = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Map<StaffRole, Caller> holders = new java.util.EnumMap<>(StaffRole.class);
        for (StaffRole role : StaffRole.values()) {
            String email = Users.newEmail();
            Users.signedIn(server, email);
            assertThat(server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, email) + "/roles",
                    Map.of("roles", List.of(role.name()), "reason", "access matrix"), adminToken).status())
                    .isEqualTo(200);
            holders.put(role, caller(role.name(), Users.token(server, email, Users.PASSWORD), email, Users.PASSWORD));
        }

        return new Fixtures(caller("anonymous", null, null, null), caller("owner", ownerToken, ownerEmail, Users.PASSWORD),
                caller("other", otherToken, otherEmail, Users.PASSWORD),
                caller("member", memberToken, memberEmail, Users.PASSWORD),
                caller("admin", Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD),
                        TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD),
                item, album, shareId, shareToken, spareId, chunk,
                server.http().get("/api/v1/devices", ownerToken).json().path("devices").get(0).path("id").asString(),
                holders);
    }

    private Caller caller(String name, String token, String email, String password) throws Exception {
        HttpClient browser;
        if (email == null) {
            browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        } else {
            browser = Users.webSession(server, email, password, null);
        }
        String page = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            page = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/account")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            csrf = CSRF.matcher(page);
            assertThat(csrf.find()).as("a form token for " + name).isTrue();
        }
        return new Caller(name, token, browser, csrf.group(1));
    }

    /** The route's path with each variable set to the owner's resource of that kind. */
    private static String concrete(String pattern, Fixtures f) {
        String path = pattern;
        String id = switch (pattern.replaceAll("\\{.*", "")) {
            case "/api/v1/items/", "/library/items/", "/api/v1/trash/" -> f.item;
            case "/api/v1/albums/", "/library/albums/" -> f.album;
            case "/api/v1/shares/" -> f.share;
            case "/api/v1/tokens/", "/account/tokens/" -> f.spareToken;
            case "/api/v1/devices/", "/devices/" -> f.device;
            default -> UUID.randomUUID().toString();
        };
        path = path.replace("{id}", id).replace("{itemId}", f.item).replace("{shareId}", f.share)
                .replace("{token}", f.shareToken).replace("{hash}", f.chunk).replace("{version}", "1")
                .replace("{name}", "kept");
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private Answer call(Caller caller, String method, String path) throws Exception {
        boolean api = path.startsWith("/api/");
        boolean reads = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl + path));
        HttpResponse<String> response;
        if (api) {
            if (caller.token() != null) {
                request.header("Authorization", "Bearer " + caller.token());
            }
            request.header("Tus-Resumable", "1.0.0");
            request.method(method, reads ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
            if (!reads) {
                request.header("Content-Type", "application/json");
            }
            // API calls go without cookies, as a bearer client's do.
            try (HttpClient plain = HttpClient.newHttpClient()) {
                response = plain.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            String body = response.body() == null ? "" : response.body();
            // A HEAD answer has no body to tell a wrong password from a missing credential.
            boolean head = method.equals("HEAD");
            boolean refused = response.statusCode() == 401 && (head || body.contains("urn:arca:problem:unauthenticated"))
                    || response.statusCode() == 403 && (head || body.contains("urn:arca:problem:forbidden"));
            return new Answer(response.statusCode(), refused);
        }
        if (reads) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded").method(method,
                    HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(caller.csrf(), StandardCharsets.UTF_8)));
        }
        response = caller.browser().send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean toSignIn = response.statusCode() / 100 == 3
                && response.headers().firstValue("Location").filter(l -> l.endsWith("/login")).isPresent();
        return new Answer(response.statusCode(), toSignIn || response.statusCode() == 403);
    }
}
