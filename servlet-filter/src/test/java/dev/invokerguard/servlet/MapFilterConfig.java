package dev.invokerguard.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** A {@link FilterConfig} over a map of init parameters. */
record MapFilterConfig(Map<String, String> parameters) implements FilterConfig {
  @Override
  public String getFilterName() {
    return "invokerguard";
  }

  @Override
  public ServletContext getServletContext() {
    return null;
  }

  @Override
  public String getInitParameter(String name) {
    return parameters.get(name);
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }
}
