package io.teleconsultation.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Turns one run's raw results (bench/run.sh writes them: wrk summaries, Kaleyra call counts, RSS samples, facts
 * about the machine) into BENCHMARKS.md and the data file that bench/plot.gp draws. Every figure of the report
 * comes from that one run; the targets are judged here, from the same figures.
 *
 * <p>{@code java -cp teleconsultation-bench.jar io.teleconsultation.bench.Report <resultsDir> <benchmarksMd>
 * <plotData> [analysisMd]}
 */
public final class Report {

  /** The targets of issue 13. */
  static final int TARGET_CONCURRENCY = 64;
  static final double GET_MIN_THROUGHPUT_RATIO = 0.85;
  static final double GET_MAX_P99_RATIO = 1.5;
  static final double POLL_MAX_P50_RATIO = 2.0;
  static final double POST_MIN_SHARE_OF_IDEAL = 0.85;
  static final long RSS_MAX_KIB = 320 * 1024;

  /** One wrk run, read from the JSON that bench/wrk/summary.lua writes. */
  record Step(long requests, double seconds, long errors, double p50, double p90, double p99, double p999, double max,
      long bytes) {

    static Step read(Path file) throws IOException {
      JsonObject json = new JsonObject(Files.readString(file));
      JsonObject errors = json.getJsonObject("errors");
      long errorCount = errors.fieldNames().stream().mapToLong(errors::getLong).sum();
      JsonObject latency = json.getJsonObject("latency_us");
      return new Step(json.getLong("requests"), json.getLong("duration_us") / 1e6, errorCount,
          ms(latency, "p50"), ms(latency, "p90"), ms(latency, "p99"), ms(latency, "p999"), ms(latency, "max"),
          json.getLong("bytes"));
    }

    private static double ms(JsonObject latency, String key) {
      return latency.getLong(key) / 1000.0;
    }

    double throughput() {
      return requests / seconds;
    }
  }

  private final Path results;
  private final Properties meta = new Properties();
  private final List<Integer> concurrencies;
  private final List<Integer> pollConcurrencies;
  private final List<Integer> clusterConcurrencies;
  private final double kaleyraLatencyMs;
  private final double ttlSeconds;

  private Report(Path results) throws IOException {
    this.results = results;
    try (Reader reader = Files.newBufferedReader(results.resolve("meta.properties"))) {
      meta.load(reader);
    }
    concurrencies = integers(meta.getProperty("concurrency"));
    pollConcurrencies = integers(meta.getProperty("poll.concurrency", ""));
    clusterConcurrencies = integers(meta.getProperty("cluster.concurrency", ""));
    kaleyraLatencyMs = Double.parseDouble(meta.getProperty("kaleyra.latency.ms"));
    ttlSeconds = Double.parseDouble(meta.getProperty("room.details.ttl.ms", "5000")) / 1000.0;
  }

  private static List<Integer> integers(String list) {
    return list.isBlank() ? List.of() : Arrays.stream(list.trim().split("\\s+")).map(Integer::valueOf).toList();
  }

  public static void main(String[] args) throws IOException {
    Report report = new Report(Path.of(args[0]));
    String analysis = args.length > 3 && Files.exists(Path.of(args[3])) ? Files.readString(Path.of(args[3])) : null;
    Files.writeString(Path.of(args[1]), report.markdown(analysis));
    Files.writeString(Path.of(args[2]), report.plotData());
    System.out.println(report.verdicts());
  }

  private Step step(String endpoint, String target, int concurrency) throws IOException {
    return Step.read(results.resolve(endpoint + "-" + target + "-c" + concurrency + ".json"));
  }

  /** Kaleyra calls of one operation during a step, from the fake Kaleyra's counters before and after it. */
  private long kaleyraCalls(String endpoint, String target, int concurrency, String operation) throws IOException {
    String name = "kaleyra-" + endpoint + "-" + target + "-c" + concurrency;
    JsonObject before = new JsonObject(Files.readString(results.resolve(name + "-before.json")));
    JsonObject after = new JsonObject(Files.readString(results.resolve(name + "-after.json")));
    return after.getLong(operation, 0L) - before.getLong(operation, 0L);
  }

  private long rssKib(String name) throws IOException {
    Path file = results.resolve("rss-" + name + ".txt");
    return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : -1;
  }

  private double postIdeal(int concurrency) {
    return concurrency / (kaleyraLatencyMs / 1000.0);
  }

  // ---- verdicts -------------------------------------------------------------------------------------------------

  private String verdicts() throws IOException {
    Step service = step("get", "service", TARGET_CONCURRENCY);
    Step floor = step("get", "floor", TARGET_CONCURRENCY);
    Step post = step("post", "service", TARGET_CONCURRENCY);
    double throughputRatio = service.throughput() / floor.throughput();
    double p99Ratio = service.p99() / floor.p99();
    double postShare = post.throughput() / postIdeal(TARGET_CONCURRENCY);
    long rss = rssKib("service-max");
    StringBuilder md = new StringBuilder();
    md.append("| Target (issue 13, at ").append(TARGET_CONCURRENCY).append(" connections) | Measured | Met? |\n");
    md.append("|---|---|---|\n");
    md.append(String.format(Locale.ROOT, "| GET throughput ≥ %.0f %% of the floor's (random ids) | %s req/s vs %s req/s = **%.1f %%** | %s |%n",
        GET_MIN_THROUGHPUT_RATIO * 100, rps(service), rps(floor), throughputRatio * 100,
        yesNo(throughputRatio >= GET_MIN_THROUGHPUT_RATIO && service.errors() == 0)));
    md.append(String.format(Locale.ROOT, "| GET p99 ≤ %.1f × the floor's p99 (random ids) | %s ms vs %s ms = **%.2f ×** | %s |%n",
        GET_MAX_P99_RATIO, ms(service.p99()), ms(floor.p99()), p99Ratio,
        yesNo(p99Ratio <= GET_MAX_P99_RATIO && service.errors() == 0)));
    if (pollConcurrencies.contains(TARGET_CONCURRENCY)) {
      Step poll = step("poll", "service", TARGET_CONCURRENCY);
      Step pollFloor = step("poll", "floor", TARGET_CONCURRENCY);
      double p50Ratio = poll.p50() / pollFloor.p50();
      double reads = kaleyraCalls("poll", "service", TARGET_CONCURRENCY, "GET /rooms/{id}") / poll.seconds();
      double bound = TARGET_CONCURRENCY / ttlSeconds;
      md.append(String.format(Locale.ROOT, "| Waiting room (%d clients, each polling its own teleconsultation): p50 ≤ %.0f × the floor's p50 | %s ms vs %s ms = **%.2f ×** | %s |%n",
          TARGET_CONCURRENCY, POLL_MAX_P50_RATIO, ms(poll.p50()), ms(pollFloor.p50()), p50Ratio,
          yesNo(p50Ratio <= POLL_MAX_P50_RATIO && poll.errors() == 0)));
      md.append(String.format(Locale.ROOT, "| Waiting room: Kaleyra room reads per second ≤ rooms ÷ `ROOM_DETAILS_TTL_MS` (%d ÷ %s s = %s) | **%s per s** | %s |%n",
          TARGET_CONCURRENCY, fmt(ttlSeconds), fmt(bound), fmt(reads), yesNo(reads <= bound)));
    }
    md.append(String.format(Locale.ROOT,
        "| POST throughput ≥ %.0f %% of concurrency ÷ Kaleyra latency (%d ÷ %s ms = %.0f req/s) | %s req/s = **%.1f %%** | %s |%n",
        POST_MIN_SHARE_OF_IDEAL * 100, TARGET_CONCURRENCY, fmt(kaleyraLatencyMs), postIdeal(TARGET_CONCURRENCY),
        rps(post), postShare * 100, yesNo(postShare >= POST_MIN_SHARE_OF_IDEAL && post.errors() == 0)));
    md.append(String.format(Locale.ROOT, "| Service RSS under load (max over the whole run) ≤ 320 MiB | **%s MiB** | %s |%n",
        mib(rss), yesNo(rss > 0 && rss <= RSS_MAX_KIB)));
    return md.toString();
  }

  // ---- the report -----------------------------------------------------------------------------------------------

  private String markdown(String analysis) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("<!-- Written by bench/run.sh (bench/src/main/java/io/teleconsultation/bench/Report.java): re-running it "
        + "replaces this file. The analysis at the end comes from bench/ANALYSIS.md. -->\n\n");
    md.append("What the service costs on top of its floor, measured in **one run** of `bench/run.sh` on ")
        .append(meta.getProperty("date")).append(" (commit `").append(meta.getProperty("commit")).append("`).\n\n");
    md.append("- **Service**: `java ").append(meta.getProperty("java.opts"))
        .append(" -jar target/teleconsultation-service-backend.jar`, embedded PostgreSQL (temporary `DATA_DIR`), every "
            + "other setting at its default (`HTTP_INSTANCES` one per processor, so ")
        .append(meta.getProperty("http.instances", "?"))
        .append(" here; `DATABASE_POOL_SIZE` 8, `ROOM_DETAILS_TTL_MS` 5000, …).\n");
    md.append("- **Kaleyra**: a fake (`bench/…/FakeKaleyra.java`) answering every call after a fixed **")
        .append(fmt(kaleyraLatencyMs)).append(" ms**.\n");
    md.append("- **Data**: ").append(meta.getProperty("seed.count"))
        .append(" teleconsultations seeded through `POST /teleconsultation` (start date in the past, so GET hands out "
            + "the join links), in ").append(meta.getProperty("seed.seconds")).append(" s.\n");
    md.append("- **Floor**: a bare Vert.x 5 HTTP server (`bench/…/FloorServer.java`, same JVM options): one verticle, "
        + "one route `GET /floor/:id`, one `SELECT doc FROM bench_floor_documents WHERE id = $1` on the **same "
        + "PostgreSQL** with a pool of 8, each row holding a real GET answer of the service (")
        .append(meta.getProperty("sample.bytes")).append(" bytes).\n");
    md.append("- **Load**: `wrk` ").append(meta.getProperty("wrk.version")).append(", a separate process on the same "
        + "machine, ").append("`--timeout 10s`, each step ").append(meta.getProperty("warmup.seconds"))
        .append(" s of warm-up (discarded) then ").append(meta.getProperty("duration.seconds"))
        .append(" s measured; GET picks a random seeded id per request (`bench/wrk/get.lua`, header `miauserid` of "
            + "a participant); the waiting room has as many clients as connections, each polling its own "
            + "teleconsultation (`bench/wrk/poll.lua`: the first seeded ids, one per connection, each polled as often "
            + "as the others); POST sends the same two known participants (`bench/wrk/post.lua`). Before the "
            + "first step each server had ").append(meta.getProperty("jit.warmup.seconds"))
        .append(" s of load to warm the JIT. Latencies are wrk's (closed loop: time from writing a request to "
            + "reading its answer); p99.9 comes from wrk's histogram through the Lua `done()` hook.\n\n");

    md.append("## Reproduce\n\n```sh\n").append(meta.getProperty("command")).append("\n```\n\n");
    md.append("Needs JDK 17, Maven, `wrk` and `gnuplot` (`apt-get install -y wrk gnuplot-nox`). Knobs (environment): "
        + "`BENCH_N` (teleconsultations, 1000), `BENCH_KALEYRA_LATENCY_MS` (50), `BENCH_CONCURRENCY` (\"1 8 32 64 128\"), "
        + "`BENCH_POLL_CONCURRENCY` (waiting-room clients, \"64\"), `BENCH_CLUSTER_CONCURRENCY` (\"64\"; empty skips the "
        + "clustered run), "
        + "`BENCH_DURATION` (10 s per step), `BENCH_WARMUP` (3 s), `BENCH_JAVA_OPTS` (the heap settings below); "
        + "`BENCH_KEEP=1` keeps the logs and raw results. It "
        + "takes about ").append(meta.getProperty("run.minutes")).append(" minutes and leaves nothing running.\n\n");

    md.append("## Machine\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| CPU | ").append(meta.getProperty("cpu.model")).append(", **").append(meta.getProperty("cpu.count"))
        .append(" cores** |\n");
    md.append("| Memory | ").append(meta.getProperty("memory")).append(" |\n");
    md.append("| OS | ").append(meta.getProperty("os")).append(" |\n");
    md.append("| Java | ").append(meta.getProperty("java.version")).append(" |\n");
    md.append("| Load average before / after the run | ").append(meta.getProperty("load.before")).append(" / ")
        .append(meta.getProperty("load.after")).append(" |\n\n");
    md.append("The machine is shared: other jobs ran on it during the run, so figures move by tens of per cent "
        + "from one run to the next. The service, its PostgreSQL, the floor, the fake Kaleyra and wrk all share "
        + "the same 2 cores. Service and floor steps alternate at each concurrency, so both see the same noise.\n\n");

    md.append("## Targets\n\n").append(verdicts()).append("\n");

    md.append("## GET /teleconsultation/{id} against the floor\n\n");
    md.append("| Connections | Service req/s | p50 ms | p99 ms | p99.9 ms | Floor req/s | p50 ms | p99 ms | p99.9 ms "
        + "| Throughput service/floor | p99 service/floor | Kaleyra `GET /rooms/{id}` per s | Errors (service, floor) |\n");
    md.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (int c : concurrencies) {
      Step s = step("get", "service", c);
      Step f = step("get", "floor", c);
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s | %d, %d |%n",
          c, rps(s), ms(s.p50()), ms(s.p99()), ms(s.p999()), rps(f), ms(f.p50()), ms(f.p99()), ms(f.p999()),
          s.throughput() / f.throughput(), s.p99() / f.p99(),
          fmt(kaleyraCalls("get", "service", c, "GET /rooms/{id}") / s.seconds()), s.errors(), f.errors()));
    }
    md.append("\n");

    if (!pollConcurrencies.isEmpty()) {
      md.append("## The waiting room: each client polls its own teleconsultation\n\n");
      md.append("The frontend polls GET while its user waits. Here each connection stands for one waiting client and "
          + "polls one teleconsultation of its own, back to back (wrk has no think time, so each room is polled far "
          + "more often than a real frontend would). Kaleyra should see each room at most once per "
          + "`ROOM_DETAILS_TTL_MS` (").append(fmt(ttlSeconds)).append(" s), whatever the polling rate.\n\n");
      md.append("| Clients (rooms) | Service req/s | p50 ms | p99 ms | Floor req/s | p50 ms | p99 ms | p50 service/floor "
          + "| p99 service/floor | Kaleyra `GET /rooms/{id}` per s | Bound: rooms ÷ TTL | Errors (service, floor) |\n");
      md.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
      for (int c : pollConcurrencies) {
        Step s = step("poll", "service", c);
        Step f = step("poll", "floor", c);
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s | %s | %d, %d |%n",
            c, rps(s), ms(s.p50()), ms(s.p99()), rps(f), ms(f.p50()), ms(f.p99()), s.p50() / f.p50(),
            s.p99() / f.p99(), fmt(kaleyraCalls("poll", "service", c, "GET /rooms/{id}") / s.seconds()),
            fmt(c / ttlSeconds), s.errors(), f.errors()));
      }
      md.append("\n");
    }

    md.append("## POST /teleconsultation\n\n");
    md.append("Each POST makes one Kaleyra call (`POST /rooms`, ").append(fmt(kaleyraLatencyMs))
        .append(" ms): the best possible throughput is connections ÷ ").append(fmt(kaleyraLatencyMs)).append(" ms.\n\n");
    md.append("| Connections | req/s | p50 ms | p99 ms | p99.9 ms | Ideal req/s | Share of ideal | Kaleyra `POST /rooms` per s | Errors |\n");
    md.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (int c : concurrencies) {
      Step p = step("post", "service", c);
      md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.0f | %.1f %% | %s | %d |%n",
          c, rps(p), ms(p.p50()), ms(p.p99()), ms(p.p999()), postIdeal(c), 100 * p.throughput() / postIdeal(c),
          fmt(kaleyraCalls("post", "service", c, "POST /rooms") / p.seconds()), p.errors()));
    }
    md.append("\n");

    if (!clusterConcurrencies.isEmpty()) {
      md.append("## What the clustered bus costs\n\n");
      md.append("GET (random ids) through two JVMs on this machine, clustered with Hazelcast: an `http` node "
          + "(`VERTICLES=http`: the edge and the use cases) and a `kaleyra,persistence` node on the same PostgreSQL "
          + "and fake Kaleyra, so every GET crosses the network twice (`teleconsultation.join` stays on the http "
          + "node; `store.teleconsultations.get` and, when a room's details are due, `kaleyra.rooms.get` go to the "
          + "other node and back). The single node is measured again right before, in the same minute. Reported, "
          + "not a target.\n\n");
      md.append("| Connections | Single node req/s | p50 ms | p99 ms | Two nodes req/s | p50 ms | p99 ms "
          + "| Throughput two/single | p99 two/single | Errors (single, two) |\n");
      md.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
      for (int c : clusterConcurrencies) {
        Step single = step("get", "single", c);
        Step two = step("get", "cluster", c);
        md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %d, %d |%n",
            c, rps(single), ms(single.p50()), ms(single.p99()), rps(two), ms(two.p50()), ms(two.p99()),
            two.throughput() / single.throughput(), two.p99() / single.p99(), single.errors(), two.errors()));
      }
      md.append("\nThe http node's RSS peaked at ").append(mib(rssKib("get-cluster-c" + clusterConcurrencies.get(0))))
          .append(" MiB during that step.\n\n");
    }

    md.append("## Resident memory\n\n");
    md.append("VmRSS of the service's JVM (`/proc/<pid>/status`, sampled every 0.2 s; the embedded PostgreSQL runs in "
        + "its own processes and is not included), with `").append(meta.getProperty("java.opts")).append("`:\n\n");
    md.append("| When | Service | Floor |\n|---|--:|--:|\n");
    md.append("| At rest (seeded, idle) | ").append(mib(rssKib("rest"))).append(" MiB | |\n");
    for (int c : concurrencies) {
      md.append("| Max during GET at ").append(c).append(" connections | ")
          .append(mib(rssKib("get-service-c" + c))).append(" MiB | ")
          .append(mib(rssKib("get-floor-c" + c))).append(" MiB |\n");
    }
    for (int c : concurrencies) {
      md.append("| Max during POST at ").append(c).append(" connections | ")
          .append(mib(rssKib("post-service-c" + c))).append(" MiB | |\n");
    }
    md.append("| Max over the whole run | ").append(mib(rssKib("service-max"))).append(" MiB | |\n\n");

    md.append("## Service log during the run\n\n");
    logProblems(md, "The single node", "service-log-problems.txt");
    logProblems(md, "The clustered `http` node", "cluster-http-log-problems.txt");
    logProblems(md, "The clustered `kaleyra,persistence` node", "cluster-back-log-problems.txt");

    md.append("## Plot\n\n![p99 latency and throughput against concurrency](bench/latency.png)\n\n");
    if (analysis != null) {
      md.append(analysis.strip()).append("\n");
    }
    return md.toString();
  }

  private void logProblems(StringBuilder md, String who, String file) throws IOException {
    Path problems = results.resolve(file);
    if (!Files.exists(problems)) {
      return;
    }
    String logLines = Files.readString(problems).strip();
    if (logLines.isEmpty()) {
      md.append(who).append(": no WARN or ERROR line.\n\n");
    } else {
      md.append(who).append(": WARN and ERROR lines, most frequent first (ids and numbers folded to `<id>`, `N`):\n\n```\n")
          .append(logLines).append("\n```\n\n");
    }
  }

  /** Columns: connections, GET service req/s, p99 ms, GET floor req/s, p99 ms, POST req/s, p99 ms, POST ideal. */
  private String plotData() throws IOException {
    StringBuilder data = new StringBuilder(
        "# connections get_service_rps get_service_p99_ms get_floor_rps get_floor_p99_ms post_rps post_p99_ms post_ideal_rps\n");
    for (int c : concurrencies) {
      Step s = step("get", "service", c);
      Step f = step("get", "floor", c);
      Step p = step("post", "service", c);
      data.append(String.format(Locale.ROOT, "%d %.1f %.3f %.1f %.3f %.1f %.3f %.1f%n", c, s.throughput(), s.p99(),
          f.throughput(), f.p99(), p.throughput(), p.p99(), postIdeal(c)));
    }
    return data.toString();
  }

  // ---- formatting -----------------------------------------------------------------------------------------------

  private static String rps(Step step) {
    return String.format(Locale.ROOT, "%.0f", step.throughput());
  }

  private static String ms(double value) {
    return value < 10 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", kib / 1024.0);
  }

  private static String yesNo(boolean met) {
    return met ? "**yes**" : "**no**";
  }
}
