package dev.invokerguard.tck;

import org.junit.jupiter.api.TestInstance;

/**
 * One area of the contract, run as a {@link org.junit.jupiter.api.Nested} group of {@link
 * AdapterContractSuite}. A group that needs an adapter with other settings starts it in its own
 * {@code @BeforeAll} (one instance per group, so that it starts once).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractGroup {
  /** The suite's shared issuer, settings and adapter. */
  abstract ContractFixture fixture();

  /** A client of the adapter started with the contract's settings. */
  final ContractClient client() {
    return fixture().client();
  }
}
