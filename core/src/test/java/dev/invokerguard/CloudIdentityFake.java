package dev.invokerguard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;

/**
 * A Cloud Identity Groups API on loopback, answering as the real one does: {@code groups.lookup} gives
 * {@code groups/ID}, {@code checkTransitiveMembership} gives {@code {"hasMembership": true}} or {@code {}}
 * (proto3 JSON leaves a false boolean out).
 */
final class CloudIdentityFake implements AutoCloseable {
  static final String CHECK = "/memberships:checkTransitiveMembership";
  private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  CloudIdentityFake() {
    server.start();
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  void reset() {
    server.resetAll();
  }

  /** {@code groups.lookup} of {@code email} answers {@code groups/id}. */
  void group(String email, String id) {
    server.stubFor(get(urlPathEqualTo("/v1/groups:lookup")).withQueryParam("groupKey.id", equalTo(email))
        .willReturn(json("{\"name\": \"groups/" + id + "\", \"groupKey\": {\"id\": \"" + email + "\"}}")));
  }

  /** Whether {@code member} is in group {@code id}, transitively. */
  void membership(String id, String member, boolean has) {
    answer(id, member, json(has ? "{\"hasMembership\": true}" : "{}"));
  }

  /** What the membership check of {@code member} in group {@code id} answers. */
  void answer(String id, String member, ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo("/v1/groups/" + id + CHECK))
        .withQueryParam("query", equalTo("member_key_id == '" + member + "'")).willReturn(response));
  }

  /** Membership checks made of group {@code id}. */
  int checks(String id) {
    return server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/v1/groups/" + id + CHECK)).build())
        .getCount();
  }

  /** Every request the fake received. */
  int requests() {
    return server.getAllServeEvents().size();
  }

  WireMockServer server() {
    return server;
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder error(int status, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\": {\"code\": " + status + ", \"message\": \"" + message + "\"}}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
