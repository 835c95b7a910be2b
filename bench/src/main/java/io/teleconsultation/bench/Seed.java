package io.teleconsultation.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seeds the benchmark through the service's real API: {@code count} teleconsultations between the same doctor and
 * patient, started in the past (so GET hands out the join links), created {@code concurrency} at a time. Writes
 * their ids, one a line, and one real GET answer (the document the floor serves).
 *
 * <p>{@code java -cp teleconsultation-bench.jar io.teleconsultation.bench.Seed <port> <count> <concurrency>
 * <startDate> <idsFile> <sampleFile>}
 */
public final class Seed {

  static final String DOCTOR = "bench-doctor";
  static final String PATIENT = "bench-patient";

  private Seed() {}

  /** The body every seeded (and every benchmarked) POST sends; bench/wrk/post.lua sends the same. */
  static JsonObject body(String startDate) {
    return new JsonObject()
        .put("participants", new JsonObject().put("number", 2).put("data", new JsonArray()
            .add(new JsonObject().put("userId", DOCTOR).put("groups", new JsonArray().add("doctor"))
                .put("fullName", "Dr. Bench Doctor").put("language", "en"))
            .add(new JsonObject().put("userId", PATIENT).put("groups", new JsonArray().add("patient"))
                .put("fullName", "Bench Patient").put("language", "it"))))
        .put("start_date", startDate)
        .put("duration_in_seconds", 86_400);
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    String startDate = args[3];
    Path idsFile = Path.of(args[4]);
    Path sampleFile = Path.of(args[5]);

    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(concurrency));
    try {
      long started = System.nanoTime();
      // The first one alone: it creates the two Kaleyra users, which the service then remembers. Concurrent first
      // creations of one new user can fail (see BENCHMARKS.md, "Noticed on the way").
      List<String> ids = new ArrayList<>(seed(client, 1, 1, body(startDate)).await());
      ids.addAll(seed(client, count - 1, concurrency, body(startDate)).await());
      System.out.printf("Seeded %d teleconsultations in %.1f s%n", ids.size(), (System.nanoTime() - started) / 1e9);
      Files.write(idsFile, ids);
      HttpResponse<Buffer> sample = client.get("/teleconsultation/" + ids.get(0)).putHeader("miauserid", PATIENT)
          .send().await();
      if (sample.statusCode() != 200 || sample.bodyAsJsonObject().getString("accessLinkURL") == null) {
        throw new IllegalStateException("GET of a seeded teleconsultation answered " + sample.statusCode() + " "
            + sample.bodyAsString());
      }
      Files.writeString(sampleFile, sample.bodyAsString());
      System.out.println("Sample GET answer: " + sample.body().length() + " bytes");
    } finally {
      vertx.close().await();
    }
  }

  private static Future<List<String>> seed(WebClient client, int count, int concurrency, JsonObject body) {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    Promise<List<String>> done = Promise.promise();
    if (count == 0) {
      return Future.succeededFuture(ids);
    }
    AtomicInteger running = new AtomicInteger(Math.min(concurrency, count));
    for (int i = 0; i < Math.min(concurrency, count); i++) {
      createNext(client, body, count, next, ids, done, running);
    }
    return done.future();
  }

  private static void createNext(WebClient client, JsonObject body, int count, AtomicInteger next, List<String> ids,
      Promise<List<String>> done, AtomicInteger running) {
    if (next.getAndIncrement() >= count) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete(new ArrayList<>(ids));
      }
      return;
    }
    // As the doctor, a plus participant of what they create (AUTHORIZATION_MODE=strict, the default).
    client.post("/teleconsultation").putHeader("miauserid", DOCTOR).putHeader("miausergroups", "doctor")
        .sendJsonObject(body)
        .onSuccess(response -> {
          if (response.statusCode() != 201) {
            done.tryFail("POST /teleconsultation answered " + response.statusCode() + " " + response.bodyAsString());
            return;
          }
          ids.add(response.bodyAsJsonObject().getString("roomId"));
          createNext(client, body, count, next, ids, done, running);
        })
        .onFailure(done::tryFail);
  }
}
