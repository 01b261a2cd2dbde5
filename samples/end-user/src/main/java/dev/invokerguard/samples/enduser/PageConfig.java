package dev.invokerguard.samples.enduser;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The JSON the page reads: {@code /config.json} and the local sign-in's answer. */
final class PageConfig {
  private PageConfig() {}

  /**
   * {@code {"mode": "local" | "firebase", "api": URL, "firebase": {apiKey, authDomain, projectId,
   * tenantId}}}, the last only in production mode.
   */
  static String json(SampleSettings settings) {
    StringBuilder json = new StringBuilder("{\"mode\":").append(quote(settings.local() ? "local" : "firebase"))
        .append(",\"api\":").append(quote(settings.apiUrl()));
    SampleSettings.FirebaseWebConfig firebase = settings.firebase();
    if (firebase != null) {
      Map<String, String> fields = new TreeMap<>(Map.of("apiKey", firebase.apiKey(),
          "authDomain", firebase.authDomain(), "projectId", firebase.projectId()));
      if (firebase.tenantId() != null) {
        fields.put("tenantId", firebase.tenantId());
      }
      json.append(",\"firebase\":").append(object(fields));
    }
    return json.append('}').toString();
  }

  /** The local sign-in's answer, with the Identity Toolkit REST API's names. */
  static String signInJson(LocalIssuer.SignIn signIn) {
    return "{\"idToken\":" + quote(signIn.idToken()) + ",\"localId\":" + quote(signIn.localId())
        + ",\"email\":" + (signIn.email() == null ? "null" : quote(signIn.email())) + ",\"expiresAt\":" + signIn.expiresAt().getEpochSecond() + "}";
  }

  private static String object(Map<String, String> fields) {
    StringJoiner joiner = new StringJoiner(",", "{", "}");
    fields.entrySet().forEach(e -> joiner.add(quote(e.getKey()) + ":" + quote(e.getValue())));
    return joiner.toString();
  }

  /** A JSON string. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '<' -> out.append("\\u003c");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
