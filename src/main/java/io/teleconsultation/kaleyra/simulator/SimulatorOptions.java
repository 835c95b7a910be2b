package io.teleconsultation.kaleyra.simulator;

import java.util.Objects;

/**
 * Where the Kaleyra simulator listens and what it answers with.
 *
 * @param host        interface to bind; {@code null} or blank means {@value #DEFAULT_HOST}
 * @param port        port to bind; {@code 0} picks a free one (read it back with
 *                    {@link KaleyraSimulatorVerticle#port()})
 * @param apiKey      the value every request must carry in the {@code apikey} header
 * @param linkBaseUrl prefix of the join links handed out for room participants, e.g.
 *                    {@code http://localhost:3000/simulator/join/}; a random code is appended to it
 * @param stateFile   the JSON file the state is kept in across restarts; {@code null} keeps it in memory only
 */
public record SimulatorOptions(String host, int port, String apiKey, String linkBaseUrl, String stateFile) {

  public static final String DEFAULT_HOST = "127.0.0.1";

  public SimulatorOptions {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    if (apiKey == null || apiKey.isEmpty()) {
      throw new IllegalArgumentException("apiKey must not be empty");
    }
    Objects.requireNonNull(linkBaseUrl, "linkBaseUrl");
    if (linkBaseUrl.isBlank()) {
      throw new IllegalArgumentException("linkBaseUrl must not be blank");
    }
  }

  /** Options on {@value #DEFAULT_HOST} and a free port, with the state in memory only. */
  public static SimulatorOptions onFreePort(String apiKey, String linkBaseUrl) {
    return new SimulatorOptions(DEFAULT_HOST, 0, apiKey, linkBaseUrl, null);
  }

  /** The same options, with the state kept in {@code DATA_DIR/kaleyra-simulator.json}. */
  public SimulatorOptions keepingStateUnder(String dataDir) {
    return new SimulatorOptions(host, port, apiKey, linkBaseUrl, SimulatorStateFile.under(dataDir));
  }

  /** Never shows the API key: options end up in logs and assertion messages. */
  @Override
  public String toString() {
    return "SimulatorOptions[host=" + host + ", port=" + port + ", apiKey=***, linkBaseUrl=" + linkBaseUrl
        + ", stateFile=" + stateFile + "]";
  }
}
