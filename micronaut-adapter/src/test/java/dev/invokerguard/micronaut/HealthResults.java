package dev.invokerguard.micronaut;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Reads the first item of a health indicator's publisher. */
final class HealthResults {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private HealthResults() {}

  static <T> T first(Publisher<T> publisher) throws Exception {
    CompletableFuture<T> first = new CompletableFuture<>();
    publisher.subscribe(new Subscriber<T>() {
      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(1);
      }

      @Override
      public void onNext(T item) {
        first.complete(item);
      }

      @Override
      public void onError(Throwable error) {
        first.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        first.completeExceptionally(new IllegalStateException("the publisher completed without an item"));
      }
    });
    return first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
