package io.teleconsultation.kaleyra.simulator;

import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.badRequest;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.conflict;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.notFound;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ID;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.LANGUAGE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ROLE;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ROLES;

import io.teleconsultation.kaleyra.simulator.SimulatorState.User;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** {@code /v2/users}: docs/kaleyra.md, "Users". */
final class UserRoutes {

  /** The ids Kaleyra accepts for a custom user id. */
  static final Pattern USER_ID = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  /** A two-letter ISO 639-1 code such as {@code it} or {@code en}. */
  static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2}");

  private final SimulatorState state;

  UserRoutes(SimulatorState state) {
    this.state = state;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.post("/v2/users").handler(jsonBody).handler(this::create);
    router.get("/v2/users/:id").handler(this::read);
    router.put("/v2/users/:id").handler(jsonBody).handler(this::update);
  }

  private void create(RoutingContext rc) {
    JsonBody body = JsonBody.of(rc);
    // Kaleyra would generate an id when none is sent; our client always sends one (contract, Users),
    // so a missing id here is a client bug worth a 400.
    String id = body.requiredString(ID);
    if (!USER_ID.matcher(id).matches()) {
      throw badRequest("id must be 1 to 128 characters among a-z A-Z 0-9 . _ -");
    }
    String role = role(body.requiredString(ROLE));
    String language = body.optionalString(LANGUAGE).map(UserRoutes::language)
        .orElseGet(() -> state.company().defaultLanguage());
    User user = new User(id, role, language);
    if (!state.addUser(user)) {
      throw conflict("user " + id + " already exists");
    }
    SimulatorReplies.json(rc, 201, SimulatorJson.user(user));
  }

  private void read(RoutingContext rc) {
    User user = existing(rc.pathParam(ID));
    SimulatorReplies.json(rc, 200, SimulatorJson.user(user));
  }

  private void update(RoutingContext rc) {
    User user = existing(rc.pathParam(ID));
    JsonBody body = JsonBody.of(rc);
    String role = role(body.requiredString(ROLE));
    String language = body.optionalString(LANGUAGE).map(UserRoutes::language).orElse(user.language());
    User updated = new User(user.id(), role, language);
    state.replaceUser(updated);
    SimulatorReplies.json(rc, 200, SimulatorJson.user(updated));
  }

  private User existing(String id) {
    return state.user(id).orElseThrow(() -> notFound("user " + id + " not found"));
  }

  private static String role(String role) {
    if (!ROLES.contains(role)) {
      throw badRequest("role must be one of " + ROLES);
    }
    return role;
  }

  static String language(String language) {
    if (!LANGUAGE_CODE.matcher(language).matches()) {
      throw badRequest("language must be a two-letter code such as \"it\" or \"en\"");
    }
    return language;
  }
}
