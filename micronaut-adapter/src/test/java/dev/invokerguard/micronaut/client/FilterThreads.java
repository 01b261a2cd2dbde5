package dev.invokerguard.micronaut.client;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the thread each client request to {@code /private/**} is filtered on. */
@ClientFilter("/private/**")
@Requires(property = OutboundSettings.CALLER, value = "true")
public class FilterThreads {
  /** The threads' names, in order. */
  public static final List<String> NAMES = new CopyOnWriteArrayList<>();

  @RequestFilter
  void record(HttpRequest<?> request) {
    NAMES.add(Thread.currentThread().getName());
  }
}
