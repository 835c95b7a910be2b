package io.teleconsultation.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Request bodies for POST /teleconsultation, built the way a scheduling app would send them. */
public final class Teleconsultations {

  public static final String DOCTOR = "auth0|doctor-1";
  public static final String PATIENT = "patient-7";

  private Teleconsultations() {}

  public static JsonObject participant(String userId, String group, String fullName) {
    return new JsonObject()
        .put("userId", userId)
        .put("groups", new JsonArray().add(group))
        .put("fullName", fullName);
  }

  public static JsonObject doctor() {
    return participant(DOCTOR, "doctor", "Dr. Joe Smith").put("language", "en");
  }

  public static JsonObject patient() {
    return participant(PATIENT, "patient", "Jane Doe").put("language", "it");
  }

  /** A one-hour teleconsultation starting at {@code start} with the given expected number and known participants. */
  public static JsonObject body(Instant start, int number, JsonObject... participants) {
    Instant from = start.truncatedTo(ChronoUnit.MILLIS);
    return new JsonObject()
        .put("participants", new JsonObject().put("number", number).put("data", new JsonArray(java.util.List.of(participants))))
        .put("start_date", from.toString())
        .put("end_date", from.plusSeconds(3600).toString());
  }

  /** A doctor and a patient, starting now (so the join links are handed out at once). */
  public static JsonObject doctorAndPatientNow() {
    return body(Instant.now().minusSeconds(60), 2, doctor(), patient());
  }
}
