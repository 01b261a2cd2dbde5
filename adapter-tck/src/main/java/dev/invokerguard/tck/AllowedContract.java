package dev.invokerguard.tck;

import static dev.invokerguard.tck.ContractAssertions.assertServed;
import static dev.invokerguard.tck.ContractFixture.ALICE;
import static dev.invokerguard.tck.ContractFixture.ALL_USERS;
import static dev.invokerguard.tck.ContractFixture.AUDIENCE;
import static dev.invokerguard.tck.ContractFixture.PRIVATE_PATH;
import static dev.invokerguard.tck.ContractFixture.PUBLIC_PATH;
import static dev.invokerguard.tck.ContractFixture.SERVICE_ACCOUNT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Allowed requests reach the application with the caller exposed the framework's way: the echo endpoint
 * answers 200 with the IAM member as principal ({@code allUsers} for an anonymous caller admitted by an
 * {@code allUsers} binding) and the path it routed.
 */
abstract class AllowedContract extends ContractGroup {
  @Test
  void getWhenGrantedUserThenServedWithPrincipalAndPath() throws Exception {
    assertServed(client().get(PRIVATE_PATH, "Authorization: Bearer " + fixture().alice()), ALICE, PRIVATE_PATH);
  }

  @Test
  void getWhenGrantedServiceAccountThenServedAsServiceAccount() throws Exception {
    assertServed(client().get("/private/b", "Authorization: Bearer " + fixture().serviceAccount()),
        "serviceAccount:" + SERVICE_ACCOUNT, "/private/b");
  }

  @Test
  void getWhenBearerSchemeInAnyCaseThenServed() throws Exception {
    assertServed(client().get(PRIVATE_PATH, "authorization: bEARER " + fixture().alice()), ALICE, PRIVATE_PATH);
  }

  @Test
  void getWhenQueryStringThenPathWithoutQueryServed() throws Exception {
    assertServed(client().get(PRIVATE_PATH + "?q=1&next=/admin", "Authorization: Bearer " + fixture().alice()),
        ALICE, PRIVATE_PATH);
  }

  @Test
  void getWhenAnonymousOnPublicPathThenServedAsAllUsers() throws Exception {
    assertServed(client().get(PUBLIC_PATH), ALL_USERS, PUBLIC_PATH);
  }

  @Test
  void getWhenRejectedTokenOnPublicPathThenServedAsAllUsers() throws Exception {
    String forged = fixture().issuer.user("alice@example.com").audience(AUDIENCE).corruptSignature().sign();

    assertServed(client().get(PUBLIC_PATH, "Authorization: Bearer " + forged), ALL_USERS, PUBLIC_PATH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "X-Serverless-Authorization"})
  void getWhenEmptyBearerTokenOnPublicPathThenServedAsAllUsers(String header) throws Exception {
    assertServed(client().rawGet(PUBLIC_PATH, header + ": Bearer "), ALL_USERS, PUBLIC_PATH);
  }
}
