package io.teleconsultation.kaleyra.simulator;

import static io.teleconsultation.kaleyra.simulator.SimulatorJson.ACCESS_TOKEN;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.EXPIRES_AT;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.EXPIRES_IN;
import static io.teleconsultation.kaleyra.simulator.SimulatorJson.USER_ID;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.badRequest;
import static io.teleconsultation.kaleyra.simulator.SimulatorReplies.notFound;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * {@code POST /v2/sdk/credentials}: docs/kaleyra.md, "SDK credentials". The access token is an
 * unsigned JWT ({@code alg: none}): it has the shape of Kaleyra's so that a frontend can decode it,
 * and it is obviously worthless anywhere else.
 */
final class CredentialRoutes {

  static final long MIN_EXPIRES_IN_SECONDS = 360;
  static final long MAX_EXPIRES_IN_SECONDS = 86_400;
  static final String TOKEN_ISSUER = "kaleyra-simulator";
  static final String COMPANY_ID = "simulated";

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SimulatorState state;
  private final Clock clock;

  CredentialRoutes(SimulatorState state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  void mount(Router router, Handler<RoutingContext> jsonBody) {
    router.post("/v2/sdk/credentials").handler(jsonBody).handler(this::create);
  }

  private void create(RoutingContext rc) {
    JsonBody body = JsonBody.of(rc);
    String userId = body.requiredString(USER_ID);
    long expiresIn = body.requiredInteger(EXPIRES_IN);
    if (expiresIn < MIN_EXPIRES_IN_SECONDS || expiresIn > MAX_EXPIRES_IN_SECONDS) {
      throw badRequest(EXPIRES_IN + " must be between " + MIN_EXPIRES_IN_SECONDS + " and "
          + MAX_EXPIRES_IN_SECONDS + " seconds");
    }
    if (state.user(userId).isEmpty()) {
      throw notFound("user " + userId + " not found");
    }
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = issuedAt.plusSeconds(expiresIn);
    SimulatorReplies.json(rc, 201, new JsonObject()
        .put(ACCESS_TOKEN, unsignedJwt(userId, issuedAt, expiresAt))
        .put(EXPIRES_AT, SimulatorJson.timestamp(expiresAt))
        .put(USER_ID, userId));
  }

  static String unsignedJwt(String userId, Instant issuedAt, Instant expiresAt) {
    JsonObject header = new JsonObject().put("alg", "none").put("typ", "JWT");
    JsonObject payload = new JsonObject()
        .put("user", userId)
        .put("companyId", COMPANY_ID)
        .put("iat", issuedAt.getEpochSecond())
        .put("exp", expiresAt.getEpochSecond())
        .put("iss", TOKEN_ISSUER)
        .put("sub", userId);
    // An unsigned JWT ends with an empty signature after the second dot (RFC 7519 §6.1).
    return base64url(header) + "." + base64url(payload) + ".";
  }

  private static String base64url(JsonObject json) {
    return BASE64URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
