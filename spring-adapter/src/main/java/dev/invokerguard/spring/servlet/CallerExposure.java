package dev.invokerguard.spring.servlet;

import dev.invokerguard.identity.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Makes an allowed, authenticated caller known to a security framework while the rest of the chain runs. */
interface CallerExposure {

  void proceed(HttpServletRequest request, HttpServletResponse response, Caller caller, FilterChain chain)
      throws IOException, ServletException;
}
