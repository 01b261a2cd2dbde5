package dev.invokerguard.micronaut;

import dev.invokerguard.identity.Caller;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller argument of type {@link Caller} to the caller the guard allowed:
 * {@code @Get("/report") String report(Caller caller)}. An anonymous caller admitted by an {@code allUsers}
 * binding is {@link Caller#ANONYMOUS}. A request the filter did not judge leaves the argument unsatisfied.
 */
@Singleton
@Requires(property = InvokerGuardConfiguration.ENABLED_PROPERTY, notEquals = StringUtils.FALSE)
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {
  private static final Argument<Caller> TYPE = Argument.of(Caller.class);

  @Override
  public Argument<Caller> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
    Optional<Caller> caller = source.getAttribute(InvokerGuardServerFilter.CALLER_ATTRIBUTE, Caller.class);
    return () -> caller;
  }
}
