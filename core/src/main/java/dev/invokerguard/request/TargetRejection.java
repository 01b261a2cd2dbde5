package dev.invokerguard.request;

/** Why a request target is refused; thrown inside normalisation and turned into a 400 rejection. */
final class TargetRejection extends Exception {

  TargetRejection(String message) {
    super(message, null, false, false);
  }
}
