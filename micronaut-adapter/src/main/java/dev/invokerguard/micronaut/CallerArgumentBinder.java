package dev.invokerguard.micronaut;

import dev.invokerguard.identity.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds a controller argument of type {@link Caller} to the caller the guard allowed:
 * {@code @Get("/report") String report(Caller caller)}. An anonymous caller admitted by an {@code allUsers}
 * binding is {@link Caller#ANONYMOUS}. A request the filter did not judge (with {@code invokerguard.enabled=false},
 * say) binds it to nothing: a {@code @Nullable Caller} is then {@code null}, a required one is refused. The binder stays when
 * InvokerGuard is off so that such a controller does not fall back to reading the argument from the body.
 */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {
  private static final Argument<Caller> TYPE = Argument.of(Caller.class);

  @Override
  public Argument<Caller> argumentType() {
    return TYPE;
  }

  @Override
  public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
    // read as it is: the typed lookup would go through the conversion service
    Optional<Caller> caller = source.getAttribute(InvokerGuardServerFilter.CALLER_ATTRIBUTE)
        .filter(Caller.class::isInstance).map(Caller.class::cast);
    // EMPTY: bound, to nothing; Micronaut then passes null to a @Nullable Caller and refuses a required one,
    // without trying other sources (the body) for it.
    return caller.isPresent() ? () -> caller : BindingResult.empty();
  }
}
