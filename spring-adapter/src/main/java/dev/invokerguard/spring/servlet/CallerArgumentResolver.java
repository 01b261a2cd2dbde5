package dev.invokerguard.spring.servlet;

import dev.invokerguard.identity.Caller;
import dev.invokerguard.servlet.InvokerGuardFilter;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller method's {@link Caller} parameter to the caller InvokerGuard allowed for this
 * request ({@link Caller#ANONYMOUS} when an {@code allUsers} binding let an anonymous caller in).
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
    Object caller = webRequest.getAttribute(InvokerGuardFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (caller instanceof Caller known) {
      return known;
    }
    throw new IllegalStateException("no InvokerGuard decision for this request: the InvokerGuard filter did"
        + " not run for it, so there is no Caller to pass to " + parameter.getMethod());
  }
}
