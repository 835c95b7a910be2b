package io.teleconsultation.config;

import io.teleconsultation.domain.AuthorizationMode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Every setting of the service. Keys are flat and named like the environment variables that override them
 * (vertx-config's env store reads flat keys only); defaults live in conf/config.yaml.
 */
public record ServiceConfig(JsonObject raw) {

  public static final String HTTP_PORT = "HTTP_PORT";
  public static final String BANDYER_BASE_URL = "BANDYER_BASE_URL";
  public static final String BANDYER_API_SECRET_KEY = "BANDYER_API_SECRET_KEY";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String DATABASE_POOL_SIZE = "DATABASE_POOL_SIZE";
  public static final String DATA_DIR = "DATA_DIR";
  public static final String TELECONSULTATION_SERVICE_CONFIG_PATH = "TELECONSULTATION_SERVICE_CONFIG_PATH";
  public static final String UNLIMITED_TELECONSULTATION = "UNLIMITED_TELECONSULTATION";
  public static final String LIVE_TELECONSULTATION = "LIVE_TELECONSULTATION";
  public static final String IMMUTABLE_PERIOD_MS = "IMMUTABLE_PERIOD_MS";
  public static final String DEFAULT_RECORDING_TYPE = "DEFAULT_RECORDING_TYPE";
  public static final String USERID_HEADER_KEY = "USERID_HEADER_KEY";
  public static final String GROUPS_HEADER_KEY = "GROUPS_HEADER_KEY";
  public static final String TELECONSULTATION_DELETE_UPLOADS = "TELECONSULTATION_DELETE_UPLOADS";
  public static final String KALEYRA_TIMEOUT_MS = "KALEYRA_TIMEOUT_MS";
  public static final String KALEYRA_BREAKER_MAX_FAILURES = "KALEYRA_BREAKER_MAX_FAILURES";
  public static final String KALEYRA_BREAKER_RESET_MS = "KALEYRA_BREAKER_RESET_MS";
  public static final String SIMULATOR_LINK_BASE_URL = "SIMULATOR_LINK_BASE_URL";
  public static final String VERTICLES = "VERTICLES";
  public static final String EVENT_BUS_TIMEOUT_MS = "EVENT_BUS_TIMEOUT_MS";
  public static final String ROOM_LEASE_MS = "ROOM_LEASE_MS";
  public static final String REAPER_INTERVAL_MS = "REAPER_INTERVAL_MS";
  public static final String IDEMPOTENCY_TTL_MS = "IDEMPOTENCY_TTL_MS";
  public static final String KALEYRA_RETRIES = "KALEYRA_RETRIES";
  public static final String KALEYRA_RETRY_BUDGET_MS = "KALEYRA_RETRY_BUDGET_MS";
  public static final String SHUTDOWN_TIMEOUT_MS = "SHUTDOWN_TIMEOUT_MS";
  public static final String ROOM_DETAILS_TTL_MS = "ROOM_DETAILS_TTL_MS";
  public static final String CLUSTER_ENABLED = "CLUSTER_ENABLED";
  public static final String CLUSTER_NAME = "CLUSTER_NAME";
  public static final String CLUSTER_HOST = "CLUSTER_HOST";
  public static final String CLUSTER_PORT = "CLUSTER_PORT";
  public static final String CLUSTER_MEMBERS = "CLUSTER_MEMBERS";
  public static final String CLUSTER_KUBERNETES_SERVICE = "CLUSTER_KUBERNETES_SERVICE";
  public static final String CLUSTER_KUBERNETES_NAMESPACE = "CLUSTER_KUBERNETES_NAMESPACE";
  public static final String DEMO_ENABLED = "DEMO_ENABLED";
  public static final String KALEYRA_MAX_CONNECTIONS = "KALEYRA_MAX_CONNECTIONS";
  public static final String HTTP_INSTANCES = "HTTP_INSTANCES";
  public static final String AUTHORIZATION_MODE = "AUTHORIZATION_MODE";
  public static final String TELECONSULTATION_PROFILE = "TELECONSULTATION_PROFILE";
  public static final String HTTP_IDLE_TIMEOUT_MS = "HTTP_IDLE_TIMEOUT_MS";
  public static final String HTTP_REQUEST_TIMEOUT_MS = "HTTP_REQUEST_TIMEOUT_MS";
  public static final String HTTP_MAX_CONNECTIONS = "HTTP_MAX_CONNECTIONS";
  public static final String UPLOADS_MAX_CONCURRENT = "UPLOADS_MAX_CONCURRENT";
  public static final String UPLOADS_SWEEP_INTERVAL_MS = "UPLOADS_SWEEP_INTERVAL_MS";
  public static final String DATABASE_QUERY_TIMEOUT_MS = "DATABASE_QUERY_TIMEOUT_MS";
  public static final String CHECKUP_KALEYRA_INTERVAL_MS = "CHECKUP_KALEYRA_INTERVAL_MS";
  public static final String RETENTION_DAYS = "RETENTION_DAYS";
  public static final String RETENTION_INTERVAL_MS = "RETENTION_INTERVAL_MS";
  public static final String CLUSTER_TLS_ENABLED = "CLUSTER_TLS_ENABLED";
  public static final String CLUSTER_TLS_KEYSTORE_PATH = "CLUSTER_TLS_KEYSTORE_PATH";
  public static final String CLUSTER_TLS_KEYSTORE_PASSWORD = "CLUSTER_TLS_KEYSTORE_PASSWORD";
  public static final String CLUSTER_TLS_TRUSTSTORE_PATH = "CLUSTER_TLS_TRUSTSTORE_PATH";
  public static final String CLUSTER_TLS_TRUSTSTORE_PASSWORD = "CLUSTER_TLS_TRUSTSTORE_PASSWORD";

  /** The value of {@code TELECONSULTATION_PROFILE} that refuses every embedded stand-in (docs in README, Security). */
  public static final String PRODUCTION = "production";
  /** Every value {@code TELECONSULTATION_PROFILE} may take; empty is {@code development}. */
  public static final List<String> PROFILES = List.of("development", PRODUCTION);
  public static final String AUTH_SERVICE = "AUTH_SERVICE";
  public static final String DEFAULT_CLIENT_TYPE = "DEFAULT_CLIENT_TYPE";
  public static final String CUSTOM_ID_USERS_API_ENDPOINT = "CUSTOM_ID_USERS_API_ENDPOINT";
  public static final String DIRECTORY_TIMEOUT_MS = "DIRECTORY_TIMEOUT_MS";
  public static final String DIRECTORY_BREAKER_MAX_FAILURES = "DIRECTORY_BREAKER_MAX_FAILURES";
  public static final String DIRECTORY_BREAKER_RESET_MS = "DIRECTORY_BREAKER_RESET_MS";
  public static final String DIRECTORY_CACHE_TTL_MS = "DIRECTORY_CACHE_TTL_MS";
  public static final String DIRECTORY_CACHE_MAX_USERS = "DIRECTORY_CACHE_MAX_USERS";
  public static final String LOG_LEVEL = "LOG_LEVEL";
  private static final String V2 = "/v2";

  /** The keys read from the environment; anything else in the environment is ignored. */
  public static final List<String> KEYS = List.of(
      HTTP_PORT, BANDYER_BASE_URL, BANDYER_API_SECRET_KEY, DATABASE_URL, DATABASE_POOL_SIZE, DATA_DIR,
      TELECONSULTATION_SERVICE_CONFIG_PATH, UNLIMITED_TELECONSULTATION, LIVE_TELECONSULTATION, IMMUTABLE_PERIOD_MS,
      DEFAULT_RECORDING_TYPE, USERID_HEADER_KEY, GROUPS_HEADER_KEY, TELECONSULTATION_DELETE_UPLOADS,
      KALEYRA_TIMEOUT_MS, KALEYRA_BREAKER_MAX_FAILURES, KALEYRA_BREAKER_RESET_MS, SIMULATOR_LINK_BASE_URL,
      VERTICLES, EVENT_BUS_TIMEOUT_MS, ROOM_LEASE_MS, REAPER_INTERVAL_MS, IDEMPOTENCY_TTL_MS, KALEYRA_RETRIES,
      KALEYRA_RETRY_BUDGET_MS, SHUTDOWN_TIMEOUT_MS, ROOM_DETAILS_TTL_MS, CLUSTER_ENABLED, CLUSTER_NAME, CLUSTER_HOST,
      CLUSTER_PORT, CLUSTER_MEMBERS, CLUSTER_KUBERNETES_SERVICE, CLUSTER_KUBERNETES_NAMESPACE, DEMO_ENABLED,
      KALEYRA_MAX_CONNECTIONS, AUTHORIZATION_MODE, TELECONSULTATION_PROFILE, HTTP_IDLE_TIMEOUT_MS,
      HTTP_REQUEST_TIMEOUT_MS, HTTP_MAX_CONNECTIONS, UPLOADS_MAX_CONCURRENT, UPLOADS_SWEEP_INTERVAL_MS, DATABASE_QUERY_TIMEOUT_MS,
      CHECKUP_KALEYRA_INTERVAL_MS, RETENTION_DAYS, RETENTION_INTERVAL_MS, CLUSTER_TLS_ENABLED, CLUSTER_TLS_KEYSTORE_PATH,
      CLUSTER_TLS_KEYSTORE_PASSWORD, CLUSTER_TLS_TRUSTSTORE_PATH, CLUSTER_TLS_TRUSTSTORE_PASSWORD,
      AUTH_SERVICE, DEFAULT_CLIENT_TYPE, CUSTOM_ID_USERS_API_ENDPOINT, DIRECTORY_TIMEOUT_MS,
      DIRECTORY_BREAKER_MAX_FAILURES, DIRECTORY_BREAKER_RESET_MS, DIRECTORY_CACHE_TTL_MS, DIRECTORY_CACHE_MAX_USERS,
      LOG_LEVEL, HTTP_INSTANCES);

  private static final List<String> RECORDING_TYPES = List.of("none", "manual", "automatic");

  /** Checks the values that would otherwise fail late, with a message that names the setting. */
  public ServiceConfig validate() {
    String profile = String.valueOf(raw.getValue(TELECONSULTATION_PROFILE, "")).trim();
    if (!profile.isEmpty() && PROFILES.stream().noneMatch(profile::equalsIgnoreCase)) {
      // A misspelt "production" (prod, Production-EU) must not silently run with the development stand-ins.
      throw new IllegalArgumentException(TELECONSULTATION_PROFILE + " must be one of " + PROFILES
          + " (or empty, which is development), not '" + profile + "'");
    }
    if (production()) {
      List<String> missing = java.util.stream.Stream.of(BANDYER_BASE_URL, BANDYER_API_SECRET_KEY, DATABASE_URL)
          .filter(key -> blank(raw.getString(key))).toList();
      if (!missing.isEmpty()) {
        // Names only: the values are secrets.
        throw new IllegalArgumentException(TELECONSULTATION_PROFILE + "=" + PRODUCTION + " needs " + missing
            + ": it never falls back to the Kaleyra simulator or an embedded database");
      }
      if (bool(DEMO_ENABLED)) {
        throw new IllegalArgumentException(DEMO_ENABLED + "=true is refused with " + TELECONSULTATION_PROFILE + "="
            + PRODUCTION + ": the demo page sets the caller identity itself");
      }
    }
    if (!RECORDING_TYPES.contains(defaultRecordingType())) {
      throw new IllegalArgumentException(
          DEFAULT_RECORDING_TYPE + " must be one of " + RECORDING_TYPES + ", not '" + defaultRecordingType() + "'");
    }
    if (blank(raw.getString(BANDYER_BASE_URL)) != blank(raw.getString(BANDYER_API_SECRET_KEY))) {
      throw new IllegalArgumentException(BANDYER_BASE_URL + " and " + BANDYER_API_SECRET_KEY
          + " must be set together (or both left empty to run the built-in Kaleyra simulator)");
    }
    if (raw.getValue(HTTP_INSTANCES) != null && integer(HTTP_INSTANCES) < 0) {
      throw new IllegalArgumentException(HTTP_INSTANCES + " must be 0 (one per processor) or more");
    }
    if (logLevel() != null && !LogLevels.isKnown(logLevel())) {
      throw new IllegalArgumentException(
          LOG_LEVEL + " must be one of " + LogLevels.NAMES + ", not '" + logLevel() + "'");
    }
    try {
      authorizationMode();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(AUTHORIZATION_MODE + " " + e.getMessage() + ", not '"
          + raw.getValue(AUTHORIZATION_MODE) + "'");
    }
    if (immutablePeriod().isNegative()) {
      throw new IllegalArgumentException(IMMUTABLE_PERIOD_MS + " must not be negative");
    }
    if (clusterTlsEnabled()) {
      List<String> missing = java.util.stream.Stream.of(CLUSTER_TLS_KEYSTORE_PATH, CLUSTER_TLS_TRUSTSTORE_PATH)
          .filter(key -> blank(raw.getString(key))).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(CLUSTER_TLS_ENABLED + "=true needs " + missing);
      }
    }
    if (retentionDays() < 1) {
      throw new IllegalArgumentException(RETENTION_DAYS + " must be at least 1");
    }
    validateDirectory();
    return this;
  }

  /** {@code TELECONSULTATION_PROFILE=production}: no simulator, no demo, no embedded database. */
  public boolean production() {
    return PRODUCTION.equalsIgnoreCase(String.valueOf(raw.getValue(TELECONSULTATION_PROFILE, "")).trim());
  }

  /** A connection without any traffic for this long is closed. */
  public long httpIdleTimeoutMs() {
    return longValue(HTTP_IDLE_TIMEOUT_MS);
  }

  /** How long a request's headers and body may take to arrive (408 past it). */
  public long httpRequestTimeoutMs() {
    return longValue(HTTP_REQUEST_TIMEOUT_MS);
  }

  /** Open HTTP connections per node; beyond, new connections are closed at once. */
  public int httpMaxConnections() {
    return integer(HTTP_MAX_CONNECTIONS);
  }

  /** Background images being received at once per node; beyond, 503. */
  public int uploadsMaxConcurrent() {
    return integer(UPLOADS_MAX_CONCURRENT);
  }

  /** How often {@code uploads/} is swept of files older than this. */
  public long uploadsSweepIntervalMs() {
    return longValue(UPLOADS_SWEEP_INTERVAL_MS);
  }

  /** The longest a database statement may take before the request is answered 503. */
  public long databaseQueryTimeoutMs() {
    return longValue(DATABASE_QUERY_TIMEOUT_MS);
  }

  /** /-/check-up asks Kaleyra at most once per this interval (per Kaleyra verticle). */
  public long checkUpKaleyraIntervalMs() {
    return longValue(CHECKUP_KALEYRA_INTERVAL_MS);
  }

  /** After this many days, ended and deleted teleconsultations lose their personal data. */
  public int retentionDays() {
    return integer(RETENTION_DAYS);
  }

  public long retentionIntervalMs() {
    return longValue(RETENTION_INTERVAL_MS);
  }

  public boolean clusterTlsEnabled() {
    return bool(CLUSTER_TLS_ENABLED);
  }

  public String clusterTlsKeystorePath() {
    return raw.getString(CLUSTER_TLS_KEYSTORE_PATH);
  }

  /** Never logged. */
  public String clusterTlsKeystorePassword() {
    return raw.getString(CLUSTER_TLS_KEYSTORE_PASSWORD, "");
  }

  public String clusterTlsTruststorePath() {
    return raw.getString(CLUSTER_TLS_TRUSTSTORE_PATH);
  }

  /** Never logged. */
  public String clusterTlsTruststorePassword() {
    return raw.getString(CLUSTER_TLS_TRUSTSTORE_PASSWORD, "");
  }

  /**
   * The user-directory mode (the old service's auth0 mode, README "The user-directory mode"): participants may be
   * given by id only, their names and groups come from the directory at {@code AUTH_SERVICE}.
   */
  public boolean directoryEnabled() {
    return !blank(raw.getString(AUTH_SERVICE));
  }

  /** {@code AUTH_SERVICE} as a base URL: a bare host name (the old service's form) means {@code http://host}. */
  public String directoryBaseUrl() {
    return directoryEnabled() ? stripTrailingSlash(withScheme(raw.getString(AUTH_SERVICE).trim())) : null;
  }

  /** The {@code client-type} header sent to the directory; null when unset. */
  public String defaultClientType() {
    String clientType = raw.getString(DEFAULT_CLIENT_TYPE);
    return blank(clientType) ? null : clientType.trim();
  }

  /** Where custom user ids are resolved to directory ids; null when received ids are directory ids. */
  public String customIdUsersEndpoint() {
    String endpoint = raw.getString(CUSTOM_ID_USERS_API_ENDPOINT);
    return blank(endpoint) ? null : withScheme(endpoint.trim());
  }

  public long directoryTimeoutMs() {
    return longValue(DIRECTORY_TIMEOUT_MS);
  }

  public int directoryBreakerMaxFailures() {
    return integer(DIRECTORY_BREAKER_MAX_FAILURES);
  }

  public long directoryBreakerResetMs() {
    return longValue(DIRECTORY_BREAKER_RESET_MS);
  }

  public long directoryCacheTtlMs() {
    return longValue(DIRECTORY_CACHE_TTL_MS);
  }

  public long directoryCacheMaxUsers() {
    return longValue(DIRECTORY_CACHE_MAX_USERS);
  }

  private void validateDirectory() {
    if (!directoryEnabled()) {
      if (customIdUsersEndpoint() != null) {
        throw new IllegalArgumentException(CUSTOM_ID_USERS_API_ENDPOINT + " works only with " + AUTH_SERVICE
            + " (the user directory): set both, or neither");
      }
      return;
    }
    requireHttpUrl(AUTH_SERVICE, directoryBaseUrl());
    if (customIdUsersEndpoint() != null) {
      requireHttpUrl(CUSTOM_ID_USERS_API_ENDPOINT, customIdUsersEndpoint());
    }
    for (String key : List.of(DIRECTORY_TIMEOUT_MS, DIRECTORY_BREAKER_MAX_FAILURES, DIRECTORY_BREAKER_RESET_MS,
        DIRECTORY_CACHE_MAX_USERS)) {
      if (longValue(key) <= 0) {
        throw new IllegalArgumentException(key + " must be a positive number");
      }
    }
    if (directoryCacheTtlMs() < 0) {
      throw new IllegalArgumentException(DIRECTORY_CACHE_TTL_MS + " must not be negative (0: no cache)");
    }
  }

  private static void requireHttpUrl(String key, String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || blank(uri.getHost())) {
        throw new IllegalArgumentException(key + " must be a host name or an http(s) URL, not '" + url + "'");
      }
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(key + " must be a host name or an http(s) URL, not '" + url + "'");
    }
  }

  /** The old service took a host name ({@code auth0-client}); a URL with a scheme is kept as it is. */
  private static String withScheme(String hostOrUrl) {
    return hostOrUrl.contains("://") ? hostOrUrl : "http://" + hostOrUrl;
  }

  public int httpPort() {
    return integer(HTTP_PORT);
  }

  /**
   * Instances of the HTTP verticle and of the use-case verticle on this node, each on its own event loop: 0 (the
   * default) means one per available processor.
   */
  public int httpInstances() {
    int instances = raw.getValue(HTTP_INSTANCES) == null ? 0 : integer(HTTP_INSTANCES);
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  /** True when no Kaleyra account is configured: the built-in simulator stands in for Kaleyra. */
  public boolean kaleyraSimulated() {
    return blank(raw.getString(BANDYER_BASE_URL)) && blank(raw.getString(BANDYER_API_SECRET_KEY));
  }

  /**
   * The Kaleyra v2 base URL, ending in {@code /v2}. The original service's migration guide sets
   * {@code BANDYER_BASE_URL} without {@code /v2} ({@code https://api.sandbox.eu.bandyer.com}), our README with it:
   * both work, with or without a trailing slash.
   */
  public String kaleyraBaseUrl() {
    String url = raw.getString(BANDYER_BASE_URL);
    if (blank(url)) {
      return url;
    }
    url = url.trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url.endsWith(V2) ? url : url + V2;
  }

  /** Null when the level of the logging configuration (INFO) stays. */
  public String logLevel() {
    String level = raw.getString(LOG_LEVEL);
    return blank(level) ? null : level.trim();
  }

  public String kaleyraApiKey() {
    return raw.getString(BANDYER_API_SECRET_KEY);
  }

  /** Null when the service should start its embedded PostgreSQL. */
  public DatabaseUrl databaseUrl() {
    String url = raw.getString(DATABASE_URL);
    return blank(url) ? null : DatabaseUrl.parse(url);
  }

  public int databasePoolSize() {
    return integer(DATABASE_POOL_SIZE);
  }

  public String dataDir() {
    return raw.getString(DATA_DIR);
  }

  /**
   * Where uploaded background images wait, on local disk, until they are forwarded to Kaleyra: {@code uploads}
   * under {@code DATA_DIR}, or under the JVM's temporary directory when {@code DATA_DIR} is empty.
   */
  public String uploadsDirectory() {
    String base = blank(dataDir()) ? System.getProperty("java.io.tmpdir") : dataDir();
    return Path.of(base, "uploads").toString();
  }

  /** Null when the built-in default (conf/teleconsultation-config.json) applies. */
  public String teleconsultationConfigPath() {
    String path = raw.getString(TELECONSULTATION_SERVICE_CONFIG_PATH);
    return blank(path) ? null : path;
  }

  public boolean unlimitedTeleconsultation() {
    return bool(UNLIMITED_TELECONSULTATION);
  }

  public boolean liveTeleconsultation() {
    return bool(LIVE_TELECONSULTATION);
  }

  public Duration immutablePeriod() {
    return Duration.ofMillis(longValue(IMMUTABLE_PERIOD_MS));
  }

  public String defaultRecordingType() {
    return raw.getString(DEFAULT_RECORDING_TYPE);
  }

  /** Whether DELETE /teleconsultation/{id}/uploads really deletes files (docs/original-service.md, "Uploads"). */
  public boolean deleteUploads() {
    return bool(TELECONSULTATION_DELETE_UPLOADS);
  }

  /** Who checks who may change a teleconsultation: this service ({@code strict}) or only the gateway. */
  public AuthorizationMode authorizationMode() {
    return AuthorizationMode.parse(raw.getString(AUTHORIZATION_MODE));
  }

  public String userIdHeader() {
    return raw.getString(USERID_HEADER_KEY);
  }

  public String groupsHeader() {
    return raw.getString(GROUPS_HEADER_KEY);
  }

  public long kaleyraTimeoutMs() {
    return integer(KALEYRA_TIMEOUT_MS);
  }

  public int kaleyraBreakerMaxFailures() {
    return integer(KALEYRA_BREAKER_MAX_FAILURES);
  }

  /** Connections to Kaleyra per node: with Kaleyra's latency, this bounds the Kaleyra calls per second. */
  public int kaleyraMaxConnections() {
    return integer(KALEYRA_MAX_CONNECTIONS);
  }

  public long kaleyraBreakerResetMs() {
    return integer(KALEYRA_BREAKER_RESET_MS);
  }

  /**
   * Whether /demo is served: always with the simulator (nothing real can be harmed), otherwise only when
   * {@code DEMO_ENABLED=true}, because the demo page sets the caller identity header itself.
   */
  public boolean demoEnabled() {
    return !production() && (kaleyraSimulated() || bool(DEMO_ENABLED));
  }

  public String simulatorLinkBaseUrl() {
    return raw.getString(SIMULATOR_LINK_BASE_URL);
  }

  public long eventBusTimeoutMs() {
    return integer(EVENT_BUS_TIMEOUT_MS);
  }

  /** How long a room just created may wait for the transaction that stores it before the reaper deletes it. */
  public long roomLeaseMs() {
    return longValue(ROOM_LEASE_MS);
  }

  public long reaperIntervalMs() {
    return longValue(REAPER_INTERVAL_MS);
  }

  public long idempotencyTtlMs() {
    return longValue(IDEMPOTENCY_TTL_MS);
  }

  /** Retries of a safe Kaleyra call (read, delete, user creation) after its first attempt. */
  public int kaleyraRetries() {
    return integer(KALEYRA_RETRIES);
  }

  /** The deadline of one Kaleyra operation, retries and waits included. */
  public long kaleyraRetryBudgetMs() {
    return longValue(KALEYRA_RETRY_BUDGET_MS);
  }

  /** How long room details fetched from Kaleyra are served without asking again. */
  public long roomDetailsTtlMs() {
    return longValue(ROOM_DETAILS_TTL_MS);
  }

  public long shutdownTimeoutMs() {
    return longValue(SHUTDOWN_TIMEOUT_MS);
  }

  public boolean clusterEnabled() {
    return bool(CLUSTER_ENABLED);
  }

  public String clusterName() {
    return raw.getString(CLUSTER_NAME);
  }

  public String clusterHost() {
    return raw.getString(CLUSTER_HOST);
  }

  public int clusterPort() {
    return integer(CLUSTER_PORT);
  }

  public String clusterMembers() {
    return raw.getString(CLUSTER_MEMBERS);
  }

  /** Null unless running on Kubernetes with Hazelcast's Kubernetes discovery. */
  public String clusterKubernetesService() {
    String service = raw.getString(CLUSTER_KUBERNETES_SERVICE);
    return blank(service) ? null : service;
  }

  public String clusterKubernetesNamespace() {
    String namespace = raw.getString(CLUSTER_KUBERNETES_NAMESPACE);
    return blank(namespace) ? null : namespace;
  }

  /** Which verticles this node runs: any of {@code http}, {@code kaleyra}, {@code persistence}. */
  public List<String> verticles() {
    return Arrays.stream(raw.getString(VERTICLES).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  // The env store converts "3000" to a number and "true" to a boolean, a YAML file may hold either: accept both.
  private int integer(String key) {
    return Integer.parseInt(String.valueOf(raw.getValue(key)).trim());
  }

  private long longValue(String key) {
    return Long.parseLong(String.valueOf(raw.getValue(key)).trim());
  }

  private boolean bool(String key) {
    return Boolean.parseBoolean(String.valueOf(raw.getValue(key)).trim());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

}
