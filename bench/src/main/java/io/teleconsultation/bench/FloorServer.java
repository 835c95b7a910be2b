package io.teleconsultation.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The floor the service is measured against: the least a Vert.x service can do to answer a GET by id from
 * PostgreSQL. One verticle (as the service's HTTP edge), one route, one SELECT of a stored JSON document, the pool
 * size of the service's default ({@code DATABASE_POOL_SIZE} 8), the same PostgreSQL server. It stores, for every
 * id the benchmark seeded, a copy of a real answer of {@code GET /teleconsultation/{id}}, so the bytes on the wire
 * are the same.
 *
 * <p>{@code java -cp teleconsultation-bench.jar io.teleconsultation.bench.FloorServer <httpPort> <pgPort> <idsFile>
 * <sampleJsonFile> <poolSize>}
 */
public final class FloorServer extends VerticleBase {

  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS bench_floor_documents (id UUID PRIMARY KEY, doc JSONB NOT NULL)";
  static final String CLEAR_TABLE = "TRUNCATE bench_floor_documents";
  static final String INSERT_DOCUMENT = "INSERT INTO bench_floor_documents (id, doc) VALUES ($1, $2)";
  static final String FIND_DOCUMENT = "SELECT doc FROM bench_floor_documents WHERE id = $1";

  private final int httpPort;
  private final int pgPort;
  private final List<String> ids;
  private final JsonObject sample;
  private final int poolSize;
  private Pool pool;

  FloorServer(int httpPort, int pgPort, List<String> ids, JsonObject sample, int poolSize) {
    this.httpPort = httpPort;
    this.pgPort = pgPort;
    this.ids = ids;
    this.sample = sample;
    this.poolSize = poolSize;
  }

  public static void main(String[] args) throws Exception {
    int httpPort = Integer.parseInt(args[0]);
    int pgPort = Integer.parseInt(args[1]);
    List<String> ids = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank()).toList();
    JsonObject sample = new JsonObject(Files.readString(Path.of(args[3])));
    int poolSize = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new FloorServer(httpPort, pgPort, ids, sample, poolSize))
        .onSuccess(id -> System.out.println("FLOOR READY on 127.0.0.1:" + httpPort + " with " + ids.size() + " documents"))
        .onFailure(err -> {
          err.printStackTrace();
          System.exit(1);
        });
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(new PgConnectOptions()
            .setHost("127.0.0.1").setPort(pgPort).setDatabase("postgres").setUser("postgres").setPassword(""))
        .using(vertx)
        .build();
    Router router = Router.router(vertx);
    router.get("/floor/:id").handler(this::find);
    return pool.query(CREATE_TABLE).execute()
        .compose(created -> pool.query(CLEAR_TABLE).execute())
        .compose(cleared -> seed())
        .compose(seeded -> vertx.createHttpServer().requestHandler(router).listen(httpPort, "127.0.0.1"));
  }

  private Future<?> seed() {
    Future<?> done = Future.succeededFuture();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Tuple> batch = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + 500))) {
        batch.add(Tuple.of(UUID.fromString(id), sample));
      }
      done = done.compose(previous -> pool.preparedQuery(INSERT_DOCUMENT).executeBatch(batch));
    }
    return done;
  }

  private void find(RoutingContext rc) {
    UUID id;
    try {
      id = UUID.fromString(rc.pathParam("id"));
    } catch (IllegalArgumentException e) {
      rc.response().setStatusCode(400).end();
      return;
    }
    pool.preparedQuery(FIND_DOCUMENT).execute(Tuple.of(id))
        .onSuccess(rows -> answer(rc, rows))
        .onFailure(err -> rc.response().setStatusCode(500).end());
  }

  private static void answer(RoutingContext rc, RowSet<Row> rows) {
    if (rows.size() == 0) {
      rc.response().setStatusCode(404).end();
      return;
    }
    JsonObject doc = (JsonObject) rows.iterator().next().getValue("doc");
    rc.response().putHeader("Content-Type", "application/json").end(doc.encode());
  }
}
